//! The countries CareDesk serves, and what follows from them: the default
//! currency, time zone and phone region.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::money::Currency;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    #[serde(rename = "VN")]
    Vietnam,
    #[serde(rename = "ID")]
    Indonesia,
}

impl Country {
    pub const fn code(self) -> &'static str {
        match self {
            Country::Vietnam => "VN",
            Country::Indonesia => "ID",
        }
    }

    pub const fn default_currency(self) -> Currency {
        match self {
            Country::Vietnam => Currency::Vnd,
            Country::Indonesia => Currency::Idr,
        }
    }

    /// The IANA zone a business in this country most likely keeps. Indonesia
    /// spans three zones; Jakarta's is the common default, and `init
    /// --timezone` picks Asia/Makassar or Asia/Jayapura.
    pub const fn default_timezone(self) -> &'static str {
        match self {
            Country::Vietnam => "Asia/Ho_Chi_Minh",
            Country::Indonesia => "Asia/Jakarta",
        }
    }

    pub(crate) const fn phone_region(self) -> phonenumber::country::Id {
        match self {
            Country::Vietnam => phonenumber::country::Id::VN,
            Country::Indonesia => phonenumber::country::Id::ID,
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown country {0:?}: expected VN or ID")]
pub struct UnknownCountry(pub String);

impl FromStr for Country {
    type Err = UnknownCountry;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "VN" | "VNM" => Ok(Country::Vietnam),
            "ID" | "IDN" => Ok(Country::Indonesia),
            _ => Err(UnknownCountry(s.to_owned())),
        }
    }
}
