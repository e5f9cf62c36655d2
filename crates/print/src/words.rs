//! What a printed document says: the catalogue's `paper.*` keys (`words/*.json`),
//! Vietnamese first, then English and Indonesian. The caller picks the
//! language; by default it is the business's country's.

use caredesk_domain::money::Money;
use caredesk_domain::sale::Tender;
use caredesk_store::Lang;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The catalogue's `paper.*` keys of one language.
#[derive(Debug)]
pub(crate) struct Words {
    catalogue: &'static caredesk_words::Words,
}

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> Words {
    Words {
        catalogue: caredesk_words::words(lang),
    }
}

impl Words {
    /// The text for `key`; a key missing from the catalogue shows as
    /// itself, which the catalogue test makes sure never reaches paper.
    pub(crate) fn get<'a>(&self, key: &'a str) -> &'a str {
        self.catalogue.get_in("paper", key)
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.catalogue.fill(&format!("paper.{key}"), values)
    }

    /// The counted text for `key` in the form `count` takes.
    pub(crate) fn counted(&self, key: &str, count: i64, values: &[(&str, &str)]) -> String {
        self.catalogue
            .counted(&format!("paper.{key}"), count, values)
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

    /// Every key the documents ask for by name is in the catalogue (as
    /// `paper.KEY`, or `paper.KEY.one` / `.other` when counted), so no
    /// bare key reaches paper. The tenders are asked for by their names.
    #[test]
    fn every_key_a_document_uses_is_in_the_catalogue() {
        let catalogue = caredesk_words::words(Lang::Vi);
        let mut keys = BTreeSet::new();
        for file in sources(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
            let text = std::fs::read_to_string(&file).expect("a source file");
            keys.extend(literal_keys(&text));
        }
        assert!(
            keys.len() > 50,
            "the scan found the documents' keys: {keys:?}"
        );
        for tender in [Tender::Cash, Tender::Card, Tender::Transfer, Tender::Wallet] {
            keys.insert(("get".to_owned(), tender.as_str().to_owned()));
        }
        for (call, key) in keys {
            let found = if call == "counted" {
                catalogue.has(&format!("paper.{key}.one"))
                    && catalogue.has(&format!("paper.{key}.other"))
            } else {
                catalogue.has(&format!("paper.{key}"))
            };
            assert!(
                found,
                "{call}(\"{key}\") has no paper.{key} in words/vi.json"
            );
        }
    }

    /// `(call, key)` for each call of `get`, `fill` or `counted` on a
    /// string literal in a source file (the literal may start the next line).
    fn literal_keys(text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for call in ["get", "fill", "counted"] {
            for (at, _) in text.match_indices(&format!(".{call}(")) {
                let rest = text[at + call.len() + 2..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if rest[key.len()..].starts_with('"') && !key.is_empty() {
                    found.push((call.to_owned(), key));
                }
            }
        }
        found
    }

    fn sources(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                files.extend(sources(path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
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
            words(Lang::Vi).counted("card_left", 10, &[("remaining", "9"), ("total", "10")]),
            "còn 9/10 buổi"
        );
    }
}
