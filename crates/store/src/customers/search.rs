//! Finding a customer from what the receptionist types: a name without
//! diacritics, any fragment of a phone number in any format, or a code.
//!
//! Results come in tiers, best first: exact matches (code, whole phone,
//! whole name), names starting with the query, phone fragments at the start
//! of the number, then word-prefix name matches and phone fragments anywhere.
//! Each tier is read through an index and bounded, so a one-letter query over
//! 200,000 customers costs no more than a precise one.

use std::collections::HashMap;
use std::ops::Deref;

use caredesk_domain::id::CustomerId;
use caredesk_domain::phone::Phone;
use caredesk_domain::text;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::CustomerHit;
use crate::Customers;
use crate::Store;
use crate::error::{Result, StoreError};

/// How many candidates a broad tier reads before ranking: enough to rank the
/// first page well, few enough to stay within a few milliseconds.
const CANDIDATES: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Code,
    Phone,
    Name,
    /// The code of one of their tickets (`TV-2026-A7K-00001`), read out
    /// by a customer who calls about it.
    Ticket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Exact = 0,
    Start = 1,
    InOrder = 2,
    Anywhere = 3,
}

/// A customer found by one tier, with what ranking needs, so that only the
/// final page is read in full.
struct Found {
    num: i64,
    tier: Tier,
    name_key: String,
    id: String,
    /// Set when the row found is a merged file (by its code or phone): the
    /// hit is then the file it leads to (`Customers::kept`).
    merged: bool,
}

struct Candidate {
    tier: Tier,
    matched: MatchKind,
    name_key: String,
    id: String,
}

/// Columns every tier selects, in this order, for `found`.
const FOUND_COLUMNS: &str = "c.num, c.name_key, c.id, c.merged_into IS NOT NULL";

fn found(row: &rusqlite::Row<'_>, tier: Tier) -> rusqlite::Result<Found> {
    Ok(Found {
        num: row.get(0)?,
        tier,
        // A merged file has no name key; it is replaced by its kept file.
        name_key: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
        id: row.get(2)?,
        merged: row.get(3)?,
    })
}

impl<S: Deref<Target = Store>> Customers<S> {
    /// Customers matching `query`, best first, at most `limit`.
    pub fn find_customers(&self, query: &str, limit: usize) -> Result<Vec<CustomerHit>> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut found: HashMap<i64, Candidate> = HashMap::new();
        let mut offer = |hits: Vec<Found>, matched: MatchKind| {
            for hit in hits {
                let better = found.get(&hit.num).is_none_or(|c| hit.tier < c.tier);
                if better {
                    let candidate = Candidate {
                        tier: hit.tier,
                        matched,
                        name_key: hit.name_key,
                        id: hit.id,
                    };
                    found.insert(hit.num, candidate);
                }
            }
        };

        offer(
            self.kept(by_code(&self.conn, query, limit)?)?,
            MatchKind::Code,
        );
        offer(by_ticket_code(&self.conn, query)?, MatchKind::Ticket);
        if looks_like_phone(query) {
            if let Ok(phone) = Phone::parse(query, self.settings.country) {
                let hits = self.kept(by_whole_phone(&self.conn, &phone)?)?;
                offer(hits, MatchKind::Phone);
            }
            let hits = self.kept(by_phone_fragment(&self.conn, query)?)?;
            offer(hits, MatchKind::Phone);
        }
        let folded = text::fold(query);
        if folded.chars().any(char::is_alphabetic) {
            let best = by_name_start(&self.conn, &folded, limit)?;
            let page_full = best.len() >= limit;
            offer(best, MatchKind::Name);
            // Word matches rank below whole-name and prefix matches: when
            // those already fill the page, the word tier cannot change it.
            if !page_full {
                offer(by_name_words(&self.conn, &folded)?, MatchKind::Name);
            }
        }
        self.rank(found, limit)
    }

    /// Hits as the files to show: a merged file found by its code or
    /// phone is the file it was merged into (at the same tier).
    fn kept(&self, hits: Vec<Found>) -> Result<Vec<Found>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT num, name_key FROM customers WHERE id = ?1")?;
        let mut out = Vec::with_capacity(hits.len());
        for hit in hits {
            if !hit.merged {
                out.push(hit);
                continue;
            }
            let file: CustomerId = hit
                .id
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("customer id {:?}", hit.id)))?;
            let kept = super::merge::follow(&self.conn, file)?.to_string();
            let (num, name_key) = statement.query_row([&kept], |row| {
                Ok((row.get(0)?, row.get::<_, Option<String>>(1)?))
            })?;
            out.push(Found {
                num,
                tier: hit.tier,
                name_key: name_key.unwrap_or_default(),
                id: kept,
                merged: false,
            });
        }
        Ok(out)
    }

    fn rank(&self, found: HashMap<i64, Candidate>, limit: usize) -> Result<Vec<CustomerHit>> {
        let mut ranked: Vec<(i64, Candidate)> = found.into_iter().collect();
        ranked.sort_by(|(_, a), (_, b)| {
            (a.tier, &a.name_key, &a.id).cmp(&(b.tier, &b.name_key, &b.id))
        });
        ranked.truncate(limit);
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, name, phone, code FROM customers WHERE num = ?1")?;
        let home = self.settings.country;
        ranked
            .into_iter()
            .map(|(num, candidate)| {
                let (id, name, phone, code) = statement.query_row([num], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                })?;
                let phone = Phone::from_e164_unchecked(phone);
                Ok(CustomerHit {
                    id: id
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("customer id {id:?}")))?,
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
    digits >= 3
        && query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
}

fn by_code(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Found>> {
    let key = query.to_uppercase();
    let mut out: Vec<Found> = conn
        .prepare_cached(&format!(
            "SELECT {FOUND_COLUMNS} FROM customers c WHERE c.code_key = ?1 AND c.registered"
        ))?
        .query_map([&key], |row| found(row, Tier::Exact))?
        .collect::<rusqlite::Result<_>>()?;
    // A code prefix ("KH-A7Q-0004") from three characters on.
    if key.chars().count() >= 3 {
        let prefixed = conn
            .prepare_cached(&format!(
                "SELECT {FOUND_COLUMNS} FROM customers c
                 WHERE c.code_key > ?1 AND c.code_key < ?2 AND c.registered
                 ORDER BY c.code_key LIMIT ?3"
            ))?
            .query_map(params![key, upper_bound(&key), limit as i64], |row| {
                found(row, Tier::Start)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(prefixed);
    }
    Ok(out)
}

/// The customer of the ticket with exactly this code.
fn by_ticket_code(conn: &Connection, query: &str) -> Result<Vec<Found>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {FOUND_COLUMNS} FROM tickets t JOIN customers c ON c.id = t.customer_id
             WHERE t.code = ?1 AND c.registered"
        ))?
        .query_map([query.to_uppercase()], |row| found(row, Tier::Exact))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The files with this phone, and the merged files that had it.
fn by_whole_phone(conn: &Connection, phone: &Phone) -> Result<Vec<Found>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {FOUND_COLUMNS} FROM customers c WHERE c.phone = ?1 AND c.registered
             UNION ALL
             SELECT {FOUND_COLUMNS} FROM customers c WHERE c.former_phone = ?1"
        ))?
        .query_map([phone.e164()], |row| found(row, Tier::Exact))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A fragment of a phone in any format. `+84 912` means the number starts
/// with 84 912 internationally; `0912` starts the national form; digits alone
/// may be anywhere. Fragments at the start of a form rank higher.
fn by_phone_fragment(conn: &Connection, query: &str) -> Result<Vec<Found>> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let international = query.trim_start().starts_with('+');
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {FOUND_COLUMNS}, coalesce(c.phone, c.former_phone) FROM customer_phones f
         JOIN customers c ON c.num = f.rowid
         WHERE customer_phones MATCH ?1 LIMIT ?2"
    ))?;
    let rows = statement.query_map(params![format!("\"{digits}\""), CANDIDATES as i64], |row| {
        Ok((found(row, Tier::Anywhere)?, row.get::<_, String>(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut hit, phone) = row?;
        let e164_digits = &phone[1..];
        let starts = e164_digits.starts_with(&digits)
            || (!international
                && national_digits(e164_digits).is_some_and(|n| n.starts_with(&digits)));
        if international && !starts {
            // `+84 912` is anchored at the country code by the plus sign.
            continue;
        }
        if starts {
            hit.tier = Tier::Start;
        }
        out.push(hit);
    }
    Ok(out)
}

/// The national form (`0912345678`) of international digits for the two
/// home countries; `None` for other countries.
fn national_digits(e164_digits: &str) -> Option<String> {
    ["84", "62"]
        .iter()
        .find_map(|code| e164_digits.strip_prefix(code))
        .map(|rest| format!("0{rest}"))
}

/// The whole name, then names starting with the query, straight from the
/// name index.
fn by_name_start(conn: &Connection, folded: &str, limit: usize) -> Result<Vec<Found>> {
    let mut out: Vec<Found> = conn
        .prepare_cached(&format!(
            "SELECT {FOUND_COLUMNS} FROM customers c WHERE c.name_key = ?1 AND c.registered"
        ))?
        .query_map([folded], |row| found(row, Tier::Exact))?
        .collect::<rusqlite::Result<_>>()?;
    let starting = conn
        .prepare_cached(&format!(
            "SELECT {FOUND_COLUMNS} FROM customers c
             WHERE c.name_key > ?1 AND c.name_key < ?2 AND c.registered
             ORDER BY c.name_key, c.id LIMIT ?3"
        ))?
        .query_map(params![folded, upper_bound(folded), limit as i64], |row| {
            found(row, Tier::Start)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(starting);
    Ok(out)
}

/// Names holding every query word as the start of a word; in the order
/// people say them ahead of out of order.
fn by_name_words(conn: &Connection, folded: &str) -> Result<Vec<Found>> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // Folded words are letters and digits only, so quoting them is enough to
    // keep FTS5's query syntax out of what the receptionist typed.
    let fts_query = words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {FOUND_COLUMNS} FROM customer_names f JOIN customers c ON c.num = f.rowid
         WHERE customer_names MATCH ?1 LIMIT ?2"
    ))?;
    let rows = statement.query_map(params![fts_query, CANDIDATES as i64], |row| {
        found(row, Tier::Anywhere)
    })?;
    let mut out = Vec::new();
    for row in rows {
        let mut hit = row?;
        if words_in_order(&hit.name_key, &words) {
            hit.tier = Tier::InOrder;
        }
        out.push(hit);
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
