//! The sales projection: the folded receipt, one row per line and one row
//! per movement of money, each dated by its own business day so that the
//! day's report is a few indexed sums.

use caredesk_domain::id::{EntityId, SaleId};
use caredesk_domain::op::{Event, Op};
use caredesk_domain::sale::{LineKind, SaleEvent, SaleState, Tender};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::{load_settings, to_json};
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for SaleState {
    fn pick(event: Event) -> Option<SaleEvent> {
        match event {
            Event::Sale(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &SaleEvent) -> Result<()> {
    let id = SaleId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, id)?, op, event)? {
        Some(state) => save(tx, id, &state),
        // A refund that arrived before its sale waits in the log.
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, id: SaleId) -> Result<Option<SaleState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: SaleId) -> Result<Option<SaleState>> {
    conn.prepare_cached("SELECT state FROM sales WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "sale"))
        .transpose()
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
        LineKind::Item => "item",
        LineKind::TopUp => "top_up",
    }
}

fn save(tx: &Transaction<'_>, id: SaleId, state: &SaleState) -> Result<()> {
    let zone = load_settings(tx)?.time_zone();
    let sale = &state.sale;
    let key = id.to_string();
    let day = day_of(sale.at, &zone);
    let voided = state.voided();
    tx.prepare_cached(
        "INSERT INTO sales (id, number, register, customer_id, at, day, total, refunded, voided,
                            state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET refunded = excluded.refunded, voided = excluded.voided,
             state = excluded.state",
    )?
    .execute(params![
        key,
        sale.number,
        sale.register,
        sale.customer.map(|c| c.to_string()),
        sale.at.as_millisecond(),
        day,
        sale.total,
        state.refunded(),
        voided,
        to_json(state),
    ])?;
    tx.prepare_cached("DELETE FROM sale_lines WHERE sale_id = ?1")?
        .execute([&key])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sale_lines (sale_id, line, day, register, kind, category, booking_id,
                                 treatment_id, staff_id, gross, discount, tax, total, voided)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (n, line) in sale.lines.iter().enumerate() {
        let (booking, treatment) = match &line.what {
            LineKind::Booking { booking, .. } => (Some(booking.to_string()), None),
            LineKind::Package { treatment, .. } | LineKind::Treatment { treatment } => {
                (None, Some(treatment.to_string()))
            }
            LineKind::Item | LineKind::TopUp => (None, None),
        };
        insert.execute(params![
            key,
            n as i64,
            day,
            sale.register,
            kind_key(&line.what),
            line.category,
            booking,
            treatment,
            line.staff.map(|s| s.to_string()),
            line.priced.gross,
            line.priced.line_discount + line.priced.sale_discount,
            line.priced.tax,
            line.priced.total,
            voided,
        ])?;
    }
    tx.prepare_cached("DELETE FROM sale_money WHERE sale_id = ?1")?
        .execute([&key])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sale_money (sale_id, seq, day, register, at, tender, kind, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut seq = 0i64;
    let mut row = |register: &str, at: Timestamp, tender: Tender, kind: &str, amount: i64| {
        seq += 1;
        insert.execute(params![
            key,
            seq,
            day_of(at, &zone),
            register,
            at.as_millisecond(),
            tender.as_str(),
            kind,
            amount
        ])
    };
    for payment in &sale.payments {
        row(
            &sale.register,
            sale.at,
            payment.tender,
            "payment",
            payment.amount,
        )?;
    }
    if sale.change > 0 {
        row(
            &sale.register,
            sale.at,
            Tender::Cash,
            "change",
            -sale.change,
        )?;
    }
    for refund in &state.refunds {
        let kind = if refund.void { "void" } else { "refund" };
        for part in &refund.parts {
            row(&refund.register, refund.at, part.tender, kind, -part.amount)?;
        }
    }
    Ok(())
}
