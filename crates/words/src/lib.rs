//! The words CareDesk shows, prints and notifies, from one catalogue per
//! language: `words/vi.json`, `words/en.json`, `words/id.json` at the
//! repository's root. The web view imports the same files, so a sentence is
//! translated once whether it reaches a screen, a receipt, the activity log
//! or a desktop notification.
//!
//! Keys are flat and dotted by area: the screens' keys (`signin.title`),
//! `audit.<op kind>` for the activity log, `paper.<name>` for printed
//! documents. A counted sentence is stored as `key.one` and `key.other`:
//! English says "1 session" but "3 sessions"; Vietnamese and Indonesian
//! never inflect the noun, so their two forms are the same text.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use caredesk_domain::Country;

/// The languages CareDesk speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Vi,
    En,
    Id,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::En, Lang::Id];

    /// The language of the business's country.
    pub fn of(country: Country) -> Lang {
        match country {
            Country::Vietnam => Lang::Vi,
            Country::Indonesia => Lang::Id,
        }
    }

    /// Which form of a counted sentence the language uses for `count`,
    /// as Unicode's plural rules (and the web view's `Intl.PluralRules`)
    /// decide: only English has a separate singular.
    pub fn plural(self, count: i64) -> Plural {
        match self {
            Lang::En if count == 1 => Plural::One,
            _ => Plural::Other,
        }
    }
}

/// A counted sentence's forms, named as CLDR names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    fn suffix(self) -> &'static str {
        match self {
            Plural::One => "one",
            Plural::Other => "other",
        }
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

/// One language's catalogue.
#[derive(Debug)]
pub struct Words {
    lang: Lang,
    map: HashMap<String, String>,
}

/// The catalogue of `lang`, read once.
pub fn words(lang: Lang) -> &'static Words {
    static VI: OnceLock<Words> = OnceLock::new();
    static EN: OnceLock<Words> = OnceLock::new();
    static ID: OnceLock<Words> = OnceLock::new();
    let (cell, json) = match lang {
        Lang::Vi => (&VI, include_str!("../../../words/vi.json")),
        Lang::En => (&EN, include_str!("../../../words/en.json")),
        Lang::Id => (&ID, include_str!("../../../words/id.json")),
    };
    cell.get_or_init(|| Words {
        lang,
        map: serde_json::from_str(json)
            .expect("the word catalogues are flat JSON objects (tested)"),
    })
}

impl Words {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The text for `key`. A key missing from the catalogue shows as itself,
    /// which the catalogue tests keep from reaching a customer.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text for `prefix.key`, or `key` itself when the catalogue has
    /// none: for a caller that keeps its own keys without the area's prefix.
    pub fn get_in<'a>(&'static self, prefix: &str, key: &'a str) -> &'a str {
        self.map
            .get(&format!("{prefix}.{key}"))
            .map_or(key, String::as_str)
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// The form of the counted sentence `key` (`key.one` / `key.other`)
    /// that `count` takes in this language, with its placeholders filled.
    /// The caller names the number the noun agrees with, since a sentence
    /// may hold several ("9 of 10 sessions left" agrees with the 10).
    pub fn counted(&self, key: &str, count: i64, values: &[(&str, &str)]) -> String {
        let form = format!("{key}.{}", self.lang.plural(count).suffix());
        match self.map.get(&form) {
            Some(text) => fill(text, values),
            None => self.fill(key, values),
        }
    }

    /// Every key, for the catalogue tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests;
