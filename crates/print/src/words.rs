//! What a printed document says, from `locales/print.{vi,en,id}.json`:
//! Vietnamese first, then English and Indonesian. The caller picks the
//! language; by default it is the business's country's.

use std::collections::HashMap;
use std::sync::OnceLock;

use caredesk_domain::money::Money;
use caredesk_domain::sale::Tender;
use caredesk_store::Lang;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

#[derive(Debug)]
pub(crate) struct Words {
    map: HashMap<String, String>,
}

fn parse(json: &str) -> Words {
    Words {
        map: serde_json::from_str(json).expect("the print locale files are valid JSON (tested)"),
    }
}

/// The words of `lang`, read once.
pub(crate) fn words(lang: Lang) -> &'static Words {
    static VI: OnceLock<Words> = OnceLock::new();
    static EN: OnceLock<Words> = OnceLock::new();
    static ID: OnceLock<Words> = OnceLock::new();
    match lang {
        Lang::Vi => VI.get_or_init(|| parse(include_str!("../locales/print.vi.json"))),
        Lang::En => EN.get_or_init(|| parse(include_str!("../locales/print.en.json"))),
        Lang::Id => ID.get_or_init(|| parse(include_str!("../locales/print.id.json"))),
    }
}

impl Words {
    /// The text for `key`; a key missing from a file shows as itself, which
    /// the locale test makes sure never reaches paper.
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A moment on the business's wall clock, written the language's way.
    pub(crate) fn time(&self, at: Timestamp, zone: &TimeZone) -> String {
        at.to_zoned(zone.clone())
            .strftime(self.get("date_time"))
            .to_string()
    }

    /// An RFC 3339 time from a store view, on the business's wall clock.
    pub(crate) fn time_text(&self, rfc3339: &str, zone: &TimeZone) -> String {
        match rfc3339.parse::<Timestamp>() {
            Ok(at) => self.time(at, zone),
            Err(_) => rfc3339.to_owned(),
        }
    }

    pub(crate) fn date(&self, date: Date) -> String {
        date.strftime(self.get("date")).to_string()
    }

    pub(crate) fn tender(&self, tender: Tender) -> &str {
        self.get(tender.as_str())
    }
}

/// An amount as the currency writes it: `1.250.000 ₫`, `Rp1.250.000`.
pub(crate) fn money(amount: i64, currency: caredesk_domain::Currency) -> String {
    Money { amount, currency }.to_string()
}

/// Basis points as a percentage: 800 → "8%", 1050 → "10.5%".
pub(crate) fn percent(basis_points: u16) -> String {
    let whole = basis_points / 100;
    let rest = basis_points % 100;
    if rest == 0 {
        format!("{whole}%")
    } else {
        format!("{whole}.{}%", format!("{rest:02}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    }

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let vi = words(Lang::Vi);
        for lang in [Lang::En, Lang::Id] {
            let other = words(lang);
            let keys: BTreeSet<_> = vi.map.keys().collect();
            assert_eq!(keys, other.map.keys().collect(), "{lang}");
            for (key, text) in &vi.map {
                assert_eq!(
                    placeholders(text),
                    placeholders(other.get(key)),
                    "{lang} {key}"
                );
            }
        }
    }

    #[test]
    fn dates_and_amounts_are_written_the_local_way() {
        let at: Timestamp = "2026-11-21T02:30:00Z".parse().expect("a time");
        let zone = TimeZone::get("Asia/Ho_Chi_Minh").expect("a zone");
        assert_eq!(words(Lang::Vi).time(at, &zone), "21/11/2026 09:30");
        assert_eq!(words(Lang::En).time(at, &zone), "21 Nov 2026 09:30");
        assert_eq!(words(Lang::Id).time(at, &zone), "21/11/2026 09.30");
        assert_eq!(
            money(1_250_000, caredesk_domain::Currency::Vnd),
            "1.250.000 ₫"
        );
        assert_eq!(percent(800), "8%");
        assert_eq!(percent(1050), "10.5%");
        assert_eq!(percent(1025), "10.25%");
        assert_eq!(
            words(Lang::Vi).fill("card_left", &[("remaining", "9"), ("total", "10")]),
            "còn 9/10 buổi"
        );
    }
}
