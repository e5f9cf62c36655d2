//! The languages the activity log, the printed documents and the reminders
//! are written in, and which one a business's country reads by default.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use caredesk_domain::Country;

/// The languages audit sentences are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
    Id,
}

impl Lang {
    /// The language of the business's country.
    pub fn of(country: Country) -> Lang {
        match country {
            Country::Vietnam => Lang::Vi,
            Country::Indonesia => Lang::Id,
        }
    }

    /// What the system (the actor of the timed jobs) is called.
    pub(crate) fn system_name(self) -> String {
        self.sentences()
            .remove("system")
            .unwrap_or_else(|| "system".to_owned())
    }

    pub(super) fn sentences(self) -> HashMap<String, String> {
        let json = match self {
            Lang::Vi => include_str!("../../locales/audit.vi.json"),
            Lang::En => include_str!("../../locales/audit.en.json"),
            Lang::Id => include_str!("../../locales/audit.id.json"),
        };
        serde_json::from_str(json).expect("audit locale files are valid JSON (tested)")
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            "id" => Ok(Lang::Id),
            other => Err(format!("unknown language {other:?}: expected vi, en or id")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Id => "id",
        })
    }
}
