//! Finding a customer from what the receptionist types: a name without
//! diacritics, any fragment of a phone number in any format, or a code.
//!
//! Results come in tiers, best first: exact matches (code, whole phone,
//! whole name), names starting with the query, phone fragments at the start
//! of the number, then word-prefix name matches and phone fragments anywhere.
//! Each tier is read through an index and bounded, so a one-letter query over
//! 200,000 customers costs no more than a precise one.

use std::collections::HashMap;

use caredesk_domain::phone::Phone;
use caredesk_domain::text;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::CustomerHit;
use crate::Store;
use crate::error::Result;

/// How many candidates a broad tier reads before ranking: enough to rank the
/// first page well, few enough to stay within a few milliseconds.
const CANDIDATES: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Code,
    Phone,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Exact = 0,
    Start = 1,
    InOrder = 2,
    Anywhere = 3,
}

struct Candidate {
    tier: Tier,
    matched: MatchKind,
}

impl Store {
    /// Customers matching `query`, best first, at most `limit`.
    pub fn find_customers(&self, query: &str, limit: usize) -> Result<Vec<CustomerHit>> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut found: HashMap<i64, Candidate> = HashMap::new();
        let mut offer = |num: i64, tier: Tier, matched: MatchKind| {
            let better = found.get(&num).is_none_or(|c| tier < c.tier);
            if better {
                found.insert(num, Candidate { tier, matched });
            }
        };

        for (num, tier) in by_code(&self.conn, query, limit)? {
            offer(num, tier, MatchKind::Code);
        }
        if looks_like_phone(query) {
            if let Ok(phone) = Phone::parse(query, self.settings.country) {
                for num in by_whole_phone(&self.conn, &phone)? {
                    offer(num, Tier::Exact, MatchKind::Phone);
                }
            }
            for (num, tier) in by_phone_fragment(&self.conn, query)? {
                offer(num, tier, MatchKind::Phone);
            }
        }
        let folded = text::fold(query);
        if folded.chars().any(char::is_alphabetic) {
            for (num, tier) in by_name(&self.conn, &folded, limit)? {
                offer(num, tier, MatchKind::Name);
            }
        }
        self.rank(found, limit)
    }

    fn rank(&self, found: HashMap<i64, Candidate>, limit: usize) -> Result<Vec<CustomerHit>> {
        let mut rows = Vec::with_capacity(found.len());
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, phone, code, name_key FROM customers WHERE num = ?1 AND registered",
        )?;
        for (num, candidate) in found {
            let row = statement.query_row([num], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                ))
            });
            match row {
                Ok(row) => rows.push((candidate, row)),
                Err(rusqlite::Error::QueryReturnedNoRows) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        rows.sort_by(|(a, ra), (b, rb)| {
            (a.tier, &ra.4, &ra.0).cmp(&(b.tier, &rb.4, &rb.0))
        });
        let home = self.settings.country;
        rows.into_iter()
            .take(limit)
            .map(|(candidate, (id, name, phone, code, _))| {
                let phone = Phone::from_e164_unchecked(phone);
                Ok(CustomerHit {
                    id: id.parse().map_err(|_| {
                        crate::StoreError::Corrupt(format!("customer id {id:?}"))
                    })?,
                    name,
                    phone_display: phone.display(home),
                    phone: phone.e164().to_owned(),
                    code,
                    matched: candidate.matched,
                })
            })
            .collect()
    }
}

/// Digits and the punctuation people put in phone numbers, with at least
/// three digits (a shorter fragment matches too much to be useful).
fn looks_like_phone(query: &str) -> bool {
    let digits = query.chars().filter(char::is_ascii_digit).count();
    digits >= 3 && query.chars().all(|c| c.is_ascii_digit() || " +-.()".contains(c))
}

fn by_code(conn: &Connection, query: &str, limit: usize) -> Result<Vec<(i64, Tier)>> {
    let key = query.to_uppercase();
    let mut out: Vec<(i64, Tier)> = conn
        .prepare_cached("SELECT num FROM customers WHERE code_key = ?1 AND registered")?
        .query_map([&key], |row| row.get(0))?
        .map(|num| num.map(|n| (n, Tier::Exact)))
        .collect::<rusqlite::Result<_>>()?;
    // A code prefix ("KH-A7Q-0004") from three characters on.
    if key.chars().count() >= 3 {
        let prefixed = conn
            .prepare_cached(
                "SELECT num FROM customers
                 WHERE code_key > ?1 AND code_key < ?2 AND registered
                 ORDER BY code_key LIMIT ?3",
            )?
            .query_map(params![key, upper_bound(&key), limit as i64], |row| row.get(0))?
            .map(|num| num.map(|n| (n, Tier::Start)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(prefixed);
    }
    Ok(out)
}

fn by_whole_phone(conn: &Connection, phone: &Phone) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached("SELECT num FROM customers WHERE phone = ?1 AND registered")?
        .query_map([phone.e164()], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A fragment of a phone in any format. `+84 912` means the number starts
/// with 84 912 internationally; `0912` starts the national form; digits alone
/// may be anywhere. Fragments at the start of a form rank higher.
fn by_phone_fragment(conn: &Connection, query: &str) -> Result<Vec<(i64, Tier)>> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let international = query.trim_start().starts_with('+');
    let mut statement = conn.prepare_cached(
        "SELECT rowid, digits FROM customer_phones WHERE customer_phones MATCH ?1 LIMIT ?2",
    )?;
    let rows = statement.query_map(
        params![format!("\"{digits}\""), CANDIDATES as i64],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?)),
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (num, _) = row?;
        out.push(num);
    }
    // Contentless tables do not return the indexed text; rank from the
    // customers table instead.
    let mut phones = conn.prepare_cached("SELECT phone FROM customers WHERE num = ?1")?;
    let mut ranked = Vec::with_capacity(out.len());
    for num in out {
        let phone: String = phones.query_row([num], |row| row.get(0))?;
        let e164_digits = &phone[1..];
        let starts = if international {
            e164_digits.starts_with(&digits)
        } else {
            e164_digits.starts_with(&digits)
                || national_digits(e164_digits).is_some_and(|n| n.starts_with(&digits))
        };
        if international && !starts {
            // `+84 912` is anchored at the country code by the plus sign.
            continue;
        }
        ranked.push((num, if starts { Tier::Start } else { Tier::Anywhere }));
    }
    Ok(ranked)
}

/// The national form (`0912345678`) of international digits for the two
/// home countries; `None` for other countries.
fn national_digits(e164_digits: &str) -> Option<String> {
    ["84", "62"]
        .iter()
        .find_map(|code| e164_digits.strip_prefix(code))
        .map(|rest| format!("0{rest}"))
}

/// Names: the whole name, names starting with the query, then names holding
/// every query word as the start of a word, in order ahead of out of order.
fn by_name(conn: &Connection, folded: &str, limit: usize) -> Result<Vec<(i64, Tier)>> {
    let mut out: Vec<(i64, Tier)> = conn
        .prepare_cached(
            "SELECT num FROM customers WHERE name_key >= ?1 AND name_key < ?2
             AND registered ORDER BY name_key, id LIMIT ?3",
        )?
        .query_map(params![folded, upper_bound(folded), limit as i64], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?
        .into_iter()
        .map(|num| (num, Tier::Start))
        .collect();
    let exact: Vec<i64> = conn
        .prepare_cached("SELECT num FROM customers WHERE name_key = ?1 AND registered")?
        .query_map([folded], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    out.extend(exact.into_iter().map(|num| (num, Tier::Exact)));

    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let fts_query = words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut matches = conn.prepare_cached(
        "SELECT c.num, c.name_key FROM customer_names f JOIN customers c ON c.num = f.rowid
         WHERE customer_names MATCH ?1 LIMIT ?2",
    )?;
    let rows = matches.query_map(params![fts_query, CANDIDATES as i64], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (num, name_key) = row?;
        let tier = if words_in_order(&name_key, &words) {
            Tier::InOrder
        } else {
            Tier::Anywhere
        };
        out.push((num, tier));
    }
    Ok(out)
}

/// The smallest text above every text that starts with `prefix`, for
/// prefix scans over an index.
fn upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Whether the query words start consecutive words of the name
/// (`van an` in `nguyen van an`), the way people say a name.
fn words_in_order(name_key: &str, words: &[&str]) -> bool {
    let name: Vec<&str> = name_key.split(' ').collect();
    name.windows(words.len())
        .any(|window| window.iter().zip(words).all(|(n, w)| n.starts_with(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_like_queries() {
        assert!(looks_like_phone("912 345"));
        assert!(looks_like_phone("+84 912"));
        assert!(looks_like_phone("0912-345-678"));
        assert!(!looks_like_phone("91"));
        assert!(!looks_like_phone("nguyen 912"));
    }

    #[test]
    fn word_order() {
        assert!(words_in_order("nguyen van an", &["van", "an"]));
        assert!(words_in_order("nguyen van an", &["ng", "va"]));
        assert!(!words_in_order("nguyen van an", &["an", "van"]));
    }
}
