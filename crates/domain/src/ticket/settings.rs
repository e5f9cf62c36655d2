//! The business's ticket settings: the code prefix, the ticket types, what
//! each type offers by default when it is resolved, and how long a
//! ticket's credit lasts. One set per business, changed as a whole (last
//! writer wins).

use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::op::OpBody;
use crate::wallet::MAX_CREDIT_DAYS;

/// What a resolution gives the customer, without the amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CompensationKind {
    None,
    Refund,
    Credit,
    Session,
}

impl CompensationKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            CompensationKind::None => "none",
            CompensationKind::Refund => "refund",
            CompensationKind::Credit => "credit",
            CompensationKind::Session => "session",
        }
    }
}

impl std::str::FromStr for CompensationKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(CompensationKind::None),
            "refund" => Ok(CompensationKind::Refund),
            "credit" => Ok(CompensationKind::Credit),
            "session" => Ok(CompensationKind::Session),
            other => Err(format!(
                "unknown compensation {other:?}: expected none, refund, credit or session"
            )),
        }
    }
}

/// One kind of ticket and what resolving it offers unless the counter
/// chooses otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketType {
    /// `complaint`, `missing_item`: lower case, digits and `_`. Names on
    /// screen come from the translation files by this code.
    pub code: String,
    pub offers: CompensationKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketSettings {
    /// Codes are `{prefix}-{year}-{register}-{number}`.
    pub prefix: String,
    pub types: Vec<TicketType>,
    /// How long a ticket's virtual credit lasts.
    pub credit_days: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketSettingsError {
    #[error("ticket code prefix {0:?} must be 1 to 4 letters A-Z")]
    Prefix(String),
    #[error("ticket type {0:?} must be 1 to 30 of a-z, 0-9 and _")]
    TypeCode(String),
    #[error("ticket type {0:?} is listed twice")]
    TypeTwice(String),
    #[error("there must be 1 to 30 ticket types, not {0}")]
    TypeCount(usize),
    #[error("a ticket's credit must last 1 to {MAX_CREDIT_DAYS} days, not {0}")]
    CreditDays(u16),
}

impl TicketSettings {
    /// The six types every counter starts with; `TV` (Vietnamese) or `TK`
    /// (Indonesian) codes; credit for 15 days like any other credit.
    pub fn for_country(country: Country) -> TicketSettings {
        use CompensationKind::*;
        let types = [
            ("complaint", Credit),
            ("return", Refund),
            ("exchange", None),
            ("missing_item", Refund),
            ("refused_delivery", None),
            ("other", None),
        ];
        TicketSettings {
            prefix: match country {
                Country::Vietnam => "TV",
                Country::Indonesia => "TK",
            }
            .to_owned(),
            types: types
                .into_iter()
                .map(|(code, offers)| TicketType {
                    code: code.to_owned(),
                    offers,
                })
                .collect(),
            credit_days: crate::wallet::DEFAULT_CREDIT_DAYS,
        }
    }

    pub fn validated(mut self) -> Result<TicketSettings, TicketSettingsError> {
        let prefix = self.prefix.trim().to_ascii_uppercase();
        if prefix.is_empty() || prefix.len() > 4 || !prefix.chars().all(|c| c.is_ascii_uppercase())
        {
            return Err(TicketSettingsError::Prefix(self.prefix));
        }
        self.prefix = prefix;
        if !(1..=30).contains(&self.types.len()) {
            return Err(TicketSettingsError::TypeCount(self.types.len()));
        }
        for kind in &mut self.types {
            let code = kind.code.trim().to_ascii_lowercase();
            let ok = (1..=30).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok {
                return Err(TicketSettingsError::TypeCode(kind.code.clone()));
            }
            kind.code = code;
        }
        for (n, kind) in self.types.iter().enumerate() {
            if self.types[..n].iter().any(|k| k.code == kind.code) {
                return Err(TicketSettingsError::TypeTwice(kind.code.clone()));
            }
        }
        if !(1..=MAX_CREDIT_DAYS).contains(&self.credit_days) {
            return Err(TicketSettingsError::CreditDays(self.credit_days));
        }
        Ok(self)
    }

    pub fn kind(&self, code: &str) -> Option<&TicketType> {
        let code = code.trim().to_ascii_lowercase();
        self.types.iter().find(|t| t.code == code)
    }

    /// The type codes, for an error message.
    pub fn codes(&self) -> String {
        self.types
            .iter()
            .map(|t| t.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The ticket settings were set or changed, as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketsConfigured {
    #[serde(flatten)]
    pub tickets: TicketSettings,
}

impl OpBody for TicketsConfigured {
    const KIND: &'static str = "business.tickets_configured";
    const SCHEMA: u16 = 1;
}
