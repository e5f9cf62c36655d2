//! The sales projection: a row per receipt, one per line and one per
//! movement of money, each dated by its own business day so that the day's
//! report is a few indexed sums. The receipt itself is folded from its ops
//! when read (see migration 0009).

use caredesk_domain::event::Event;
use caredesk_domain::id::{EntityId, SaleId};
use caredesk_domain::op::Op;
use caredesk_domain::sale::{LineKind, SaleEvent, SaleState, Tender};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params, params_from_iter};

use crate::business::load_settings;
use crate::error::Result;
use crate::ordered::{self, OrderedFold};

impl OrderedFold for SaleState {
    fn pick(event: Event) -> Option<SaleEvent> {
        match event {
            Event::Sale(event) => Some(event),
            _ => None,
        }
    }
}

/// A sale has a handful of ops (the sale, its refunds): folding them all
/// is cheaper than keeping a copy of the fold, and it does not matter in
/// what order they arrived.
pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, _event: &SaleEvent) -> Result<()> {
    let id = SaleId::from_uuid(*op.entity.as_uuid());
    match refold(tx, id)? {
        Some(state) => save(tx, id, &state),
        // A refund that arrived before its sale waits in the log.
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, id: SaleId) -> Result<Option<SaleState>> {
    ordered::refold(conn, EntityId::from(id))
}

/// The sale as its ops say, if its `sale.recorded` is here.
pub(crate) fn load(conn: &Connection, id: SaleId) -> Result<Option<SaleState>> {
    refold(conn, id)
}

/// The business-local date of `at`, as the report groups by it.
pub(crate) fn day_of(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone()).date().to_string()
}

pub(crate) const fn kind_key(kind: &LineKind) -> &'static str {
    match kind {
        LineKind::Booking { .. } => "booking",
        LineKind::Package { .. } => "package",
        LineKind::Treatment { .. } => "treatment",
        LineKind::Sessions { .. } => "sessions",
        LineKind::Item => "item",
        LineKind::TopUp => "top_up",
    }
}

/// The rows a sale projects to: its `sales` row, one row per line and one
/// per movement of money, each as the values of its table's columns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SaleRows {
    sale: Vec<Value>,
    lines: Vec<Vec<Value>>,
    money: Vec<Vec<Value>>,
}

const SALE_COLUMNS: &str = "id, number, register, customer_id, at, day, total, refunded, voided";
const LINE_COLUMNS: &str = "day, register, sale_id, line, kind, category, booking_id, \
                            treatment_id, staff_id, gross, discount, tax, total, voided";
const MONEY_COLUMNS: &str = "sale_id, seq, day, register, at, tender, kind, amount, goodwill";

impl SaleRows {
    fn of(id: SaleId, state: &SaleState, zone: &TimeZone) -> SaleRows {
        let sale = &state.sale;
        let key = id.to_string();
        let day = day_of(sale.at, zone);
        let voided = i64::from(state.voided());
        let text = |s: &str| Value::Text(s.to_owned());
        let opt = |s: Option<String>| s.map_or(Value::Null, Value::Text);
        let lines = sale
            .lines
            .iter()
            .enumerate()
            .map(|(n, line)| {
                let (booking, treatment) = match &line.what {
                    LineKind::Booking { booking, .. } => (Some(booking.to_string()), None),
                    LineKind::Package { treatment, .. }
                    | LineKind::Treatment { treatment }
                    | LineKind::Sessions { treatment } => (None, Some(treatment.to_string())),
                    LineKind::Item | LineKind::TopUp => (None, None),
                };
                vec![
                    text(&day),
                    text(&sale.register),
                    text(&key),
                    Value::Integer(n as i64),
                    text(kind_key(&line.what)),
                    text(&line.category),
                    opt(booking),
                    opt(treatment),
                    opt(line.staff.map(|s| s.to_string())),
                    Value::Integer(line.priced.gross),
                    Value::Integer(line.priced.line_discount + line.priced.sale_discount),
                    Value::Integer(line.priced.tax),
                    Value::Integer(line.priced.total),
                    Value::Integer(voided),
                ]
            })
            .collect();
        let mut money = Vec::new();
        let mut row = |register: &str,
                       at: Timestamp,
                       (tender, kind): (Tender, &str),
                       amount: i64,
                       goodwill: i64| {
            money.push(vec![
                text(&key),
                Value::Integer(money.len() as i64 + 1),
                text(&day_of(at, zone)),
                text(register),
                Value::Integer(at.as_millisecond()),
                text(tender.as_str()),
                text(kind),
                Value::Integer(amount),
                Value::Integer(goodwill),
            ]);
        };
        for payment in &sale.payments {
            row(
                &sale.register,
                sale.at,
                (payment.tender, "payment"),
                payment.amount,
                0,
            );
        }
        if sale.change > 0 {
            row(
                &sale.register,
                sale.at,
                (Tender::Cash, "change"),
                -sale.change,
                0,
            );
        }
        for refund in &state.refunds {
            let kind = if refund.void { "void" } else { "refund" };
            // The refund's goodwill is told once, on its first row.
            let mut goodwill: i64 = refund.cards.iter().map(|c| c.goodwill).sum();
            for part in &refund.parts {
                row(
                    &refund.register,
                    refund.at,
                    (part.tender, kind),
                    -part.amount,
                    std::mem::take(&mut goodwill),
                );
            }
        }
        SaleRows {
            sale: vec![
                text(&key),
                text(&sale.number),
                text(&sale.register),
                opt(sale.customer.map(|c| c.to_string())),
                Value::Integer(sale.at.as_millisecond()),
                text(&day),
                Value::Integer(sale.total),
                Value::Integer(state.refunded()),
                Value::Integer(voided),
            ],
            lines,
            money,
        }
    }

    /// The rows stored for a sale, as `of` would have written them.
    fn stored(conn: &Connection, id: SaleId) -> Result<Option<SaleRows>> {
        let key = id.to_string();
        let Some((day, register)) = placed(conn, &key)? else {
            return Ok(None);
        };
        let read = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<Vec<Vec<Value>>> {
            let mut statement = conn.prepare(sql)?;
            let width = statement.column_count();
            let rows = statement.query_map(params, |row| {
                (0..width).map(|i| row.get::<_, Value>(i)).collect()
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let sale = read(
            &format!("SELECT {SALE_COLUMNS} FROM sales WHERE id = ?1"),
            &[&key],
        )?;
        let lines = read(
            &format!(
                "SELECT {LINE_COLUMNS} FROM sale_lines
                 WHERE day = ?1 AND register = ?2 AND sale_id = ?3 ORDER BY line"
            ),
            &[&day, &register, &key],
        )?;
        let money = read(
            &format!("SELECT {MONEY_COLUMNS} FROM sale_money WHERE sale_id = ?1 ORDER BY seq"),
            &[&key],
        )?;
        Ok(sale
            .into_iter()
            .next()
            .map(|sale| SaleRows { sale, lines, money }))
    }
}

/// Where a stored sale's lines are: its day and register as stored.
fn placed(conn: &Connection, key: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT day, register FROM sales WHERE id = ?1")?
        .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// Whether the stored rows of a sale are exactly what its ops project to.
pub(crate) fn rows_hold(conn: &Connection, id: SaleId, zone: &TimeZone) -> Result<bool> {
    let expected = refold(conn, id)?.map(|state| SaleRows::of(id, &state, zone));
    Ok(SaleRows::stored(conn, id)? == expected)
}

fn save(tx: &Transaction<'_>, id: SaleId, state: &SaleState) -> Result<()> {
    let zone = load_settings(tx)?.time_zone();
    let rows = SaleRows::of(id, state, &zone);
    let key = id.to_string();
    // Lines are found by the day and register they were stored under, which
    // a change of time zone since could otherwise move.
    if let Some((day, register)) = placed(tx, &key)? {
        tx.prepare_cached(
            "DELETE FROM sale_lines WHERE day = ?1 AND register = ?2 AND sale_id = ?3",
        )?
        .execute(params![day, register, key])?;
        tx.prepare_cached("DELETE FROM sale_money WHERE sale_id = ?1")?
            .execute([&key])?;
    }
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO sales ({SALE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params_from_iter(&rows.sale))?;
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO sale_lines ({LINE_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    ))?;
    for line in &rows.lines {
        insert.execute(params_from_iter(line))?;
    }
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO sale_money ({MONEY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?;
    for money in &rows.money {
        insert.execute(params_from_iter(money))?;
    }
    Ok(())
}
