//! The day's Z report, per register or for the branch: sales by tender and
//! by category, discounts, tax, refunds and voids, wallet top-ups and
//! liabilities, sessions delivered, new customers and the drawers; and the
//! breakdowns the manager's charts draw (revenue by hour, sessions by
//! service and by staff member). Every figure is an indexed sum over the
//! projections of one day, so a year of history does not slow it down.

use std::collections::BTreeMap;

use caredesk_domain::Action;
use caredesk_domain::hours::instant;
use caredesk_domain::money::Currency;
use caredesk_domain::sale::Tender;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::drawer::{DrawerView, ensure_day_open};
use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayReport {
    pub date: Date,
    /// The register reported on; the whole branch when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub register: Option<String>,
    pub currency: Currency,
    /// Receipts rung up on the day.
    pub sales: i64,
    /// What was sold (top-ups aside), after discounts, tax included, less
    /// what was refunded or voided on the day.
    pub revenue: i64,
    /// Money taken net of change and of what was paid back, by tender
    /// (`wallet`: paid from wallets, less refunds into wallets).
    pub by_method: BTreeMap<Tender, i64>,
    /// What was sold by category (top-ups aside), before refunds.
    pub by_category: BTreeMap<String, i64>,
    /// Prices before discounts (top-ups aside).
    pub gross: i64,
    pub discounts: i64,
    pub tax: i64,
    pub refunds: i64,
    pub voids: i64,
    /// Of the refunds and voids, what managers gave back above the unused
    /// share of punch cards' prices (goodwill).
    pub goodwill: i64,
    /// Money put into wallets at checkout.
    pub top_ups: i64,
    /// Sessions given (COMPLETED) and forfeited by late cancellation or a
    /// no-show, on bookings that started on the day.
    pub sessions: i64,
    pub forfeited: i64,
    pub new_customers: i64,
    /// Receipts and revenue by local hour, every hour the business is open
    /// that day plus any other hour something happened in; the hours'
    /// revenue adds up to `revenue`.
    pub by_hour: Vec<HourFigures>,
    /// Sessions given (COMPLETED), by service and by staff member, most
    /// first.
    pub sessions_by_service: Vec<SessionCount>,
    pub sessions_by_staff: Vec<SessionCount>,
    pub wallet: Liabilities,
    pub drawers: Vec<DrawerView>,
    /// Whether the register's day is closed (the branch: every register
    /// that sold on the day).
    pub closed: bool,
}

/// One hour of the day (local time, 0-23): receipts rung up in it, and what
/// was sold in it less what was refunded or voided in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HourFigures {
    pub hour: i8,
    pub sales: i64,
    pub revenue: i64,
}

/// Sessions given by one service or one staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionCount {
    pub id: String,
    pub name: String,
    pub sessions: i64,
}

/// What the business owes its customers' wallets at the end of the day
/// (or now, for today): real money held, and virtual credit still usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Liabilities {
    /// RFC 3339: the moment the balances are taken at.
    pub at: String,
    pub real: i64,
    #[serde(rename = "virtual")]
    pub virtual_credit: i64,
    /// Virtual credit spent and lapsed during the day.
    pub virtual_spent: i64,
    pub virtual_expired: i64,
}

impl Store {
    /// The Z report of `date` for this register, or for the branch when
    /// `branch` (a manager's view: `SeeReports`).
    pub fn day_report(&self, ctx: &Ctx, date: Date, branch: bool) -> Result<DayReport> {
        self.authorize(ctx, Action::SeeReports)?;
        let zone = self.settings.time_zone();
        let start = instant(date, Time::midnight(), &zone);
        let end = instant(date, Time::MAX, &zone);
        let register = (!branch).then(|| self.register_code.clone());
        let day = date.to_string();
        let conn = &self.conn;
        let (sales, gross, discounts, tax) = conn
            .prepare_cached(
                "SELECT count(DISTINCT sale_id),
                        coalesce(sum(gross) FILTER (WHERE kind != 'top_up'), 0),
                        coalesce(sum(discount), 0), coalesce(sum(tax), 0)
                 FROM sale_lines WHERE day = ?1 AND (?2 IS NULL OR register = ?2)",
            )?
            .query_row(params![day, register], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
        let mut by_category = BTreeMap::new();
        let mut top_ups = 0;
        let mut sold = 0;
        let mut statement = conn.prepare_cached(
            "SELECT category, kind = 'top_up', sum(total) FROM sale_lines
             WHERE day = ?1 AND (?2 IS NULL OR register = ?2)
             GROUP BY category, kind = 'top_up' ORDER BY category",
        )?;
        let rows = statement.query_map(params![day, register], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, bool>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (category, top_up, total) = row?;
            if top_up {
                top_ups += total;
            } else {
                sold += total;
                *by_category.entry(category).or_default() += total;
            }
        }
        let mut by_method: BTreeMap<Tender, i64> = BTreeMap::new();
        let (mut refunds, mut voids, mut goodwill) = (0, 0, 0);
        let mut statement = conn.prepare_cached(
            "SELECT tender, kind, sum(amount), sum(goodwill) FROM sale_money
             WHERE day = ?1 AND (?2 IS NULL OR register = ?2) GROUP BY tender, kind",
        )?;
        let rows = statement.query_map(params![day, register], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (tender, kind, amount, given) = row?;
            goodwill += given;
            let tender: Tender = tender
                .parse()
                .map_err(|e: String| StoreError::Corrupt(format!("sale_money tender: {e}")))?;
            *by_method.entry(tender).or_default() += amount;
            match kind.as_str() {
                "refund" => refunds -= amount,
                "void" => voids -= amount,
                _ => {}
            }
        }
        let (sessions, forfeited) = sessions(conn, start, end)?;
        let by_hour = self.by_hour(date, register.as_deref())?;
        let sessions_by_service = sessions_by(conn, BY_SERVICE, start, end)?;
        let sessions_by_staff = sessions_by(conn, BY_STAFF, start, end)?;
        let new_customers = conn
            .prepare_cached(
                "SELECT count(*) FROM customers
                 WHERE registered AND registered_at >= ?1 AND registered_at < ?2",
            )?
            .query_row(
                params![start.as_millisecond(), end.as_millisecond()],
                |row| row.get(0),
            )?;
        let taken_at = end.min(ctx.now).max(start);
        let wallet = liabilities(conn, start, taken_at, self.format_time(taken_at))?;
        let drawers = self
            .drawers()
            .drawers_on(date, ctx)?
            .into_iter()
            .filter(|d| register.as_ref().is_none_or(|r| *r == d.register))
            .collect();
        let closed = match &register {
            Some(register) => ensure_day_open(conn, register, date).is_err(),
            None => registers_all_closed(conn, &day)?,
        };
        Ok(DayReport {
            date,
            register,
            currency: self.settings.currency,
            sales,
            revenue: sold - refunds - voids,
            by_method,
            by_category,
            gross,
            discounts,
            tax,
            refunds,
            voids,
            goodwill,
            top_ups,
            sessions,
            forfeited,
            new_customers,
            by_hour,
            sessions_by_service,
            sessions_by_staff,
            wallet,
            drawers,
            closed,
        })
    }
}

impl Store {
    /// The day's receipts and revenue by local hour. A sale counts in the
    /// hour it was rung up; a refund or void in the hour it was paid back
    /// (so the hours add up to the day's revenue, as the money does).
    fn by_hour(&self, date: Date, register: Option<&str>) -> Result<Vec<HourFigures>> {
        let zone = self.settings.time_zone();
        let day = date.to_string();
        let hour_of = |at: i64| -> Result<i8> {
            let at = Timestamp::from_millisecond(at)
                .map_err(|e| StoreError::Corrupt(format!("sale time {at}: {e}")))?;
            Ok(at.to_zoned(zone.clone()).hour())
        };
        let mut hours: BTreeMap<i8, HourFigures> = BTreeMap::new();
        for span in self.schedule().calendar()?.opening.on(date).spans() {
            // A span ending at 20:00 opens no 20:00 column; one ending at
            // 20:30 does.
            let last = if span.to.minute() == 0 && span.to.second() == 0 {
                span.to.hour() - 1
            } else {
                span.to.hour()
            };
            for hour in span.from.hour()..=last {
                hours.entry(hour).or_insert(HourFigures {
                    hour,
                    sales: 0,
                    revenue: 0,
                });
            }
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT s.at, sum(l.total) FILTER (WHERE l.kind != 'top_up')
             FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.day = ?1 AND (?2 IS NULL OR l.register = ?2)
             GROUP BY l.sale_id",
        )?;
        let sold = statement
            .query_map(params![day, register], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Option<i64>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement = self.conn.prepare_cached(
            "SELECT at, amount FROM sale_money
             WHERE day = ?1 AND (?2 IS NULL OR register = ?2) AND kind IN ('refund', 'void')",
        )?;
        let paid_back = statement
            .query_map(params![day, register], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut add = |hour: i8, sales: i64, revenue: i64| {
            let entry = hours.entry(hour).or_insert(HourFigures {
                hour,
                sales: 0,
                revenue: 0,
            });
            entry.sales += sales;
            entry.revenue += revenue;
        };
        for (at, total) in sold {
            add(hour_of(at)?, 1, total.unwrap_or(0));
        }
        // Money paid back is stored negative.
        for (at, amount) in paid_back {
            add(hour_of(at)?, 0, amount);
        }
        Ok(hours.into_values().collect())
    }
}

const BY_SERVICE: &str = "SELECT i.service_id, coalesce(v.name, i.service_id), count(*)
     FROM booking_items i JOIN bookings b ON b.id = i.booking_id
     LEFT JOIN services v ON v.id = i.service_id
     WHERE i.start_at >= ?1 AND i.start_at < ?2 AND b.status = 'COMPLETED'
     GROUP BY i.service_id";

const BY_STAFF: &str = "SELECT i.staff_id, coalesce(s.name, i.staff_id), count(*)
     FROM booking_items i JOIN bookings b ON b.id = i.booking_id
     LEFT JOIN staff s ON s.id = i.staff_id
     WHERE i.start_at >= ?1 AND i.start_at < ?2 AND b.status = 'COMPLETED'
     GROUP BY i.staff_id";

/// Sessions given on bookings that started on the day, grouped by one of
/// the queries above, most first, then by name.
fn sessions_by(
    conn: &Connection,
    sql: &str,
    start: Timestamp,
    end: Timestamp,
) -> Result<Vec<SessionCount>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut counts = statement
        .query_map(
            params![start.as_millisecond(), end.as_millisecond()],
            |row| {
                Ok(SessionCount {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    sessions: row.get(2)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    counts.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(counts)
}

fn sessions(conn: &Connection, start: Timestamp, end: Timestamp) -> Result<(i64, i64)> {
    let mut statement = conn.prepare_cached(
        "SELECT b.status, count(*) FROM booking_items i JOIN bookings b ON b.id = i.booking_id
         WHERE i.start_at >= ?1 AND i.start_at < ?2 AND b.status IN ('COMPLETED', 'FORFEITED')
         GROUP BY b.status",
    )?;
    let rows = statement.query_map(
        params![start.as_millisecond(), end.as_millisecond()],
        |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
    )?;
    let (mut completed, mut forfeited) = (0, 0);
    for row in rows {
        match row? {
            (status, n) if status == "COMPLETED" => completed = n,
            (_, n) => forfeited = n,
        }
    }
    Ok((completed, forfeited))
}

/// Wallet balances at `at`, from the entries before it: real money is the
/// sum of its movements; virtual credit is what was issued, less what was
/// spent, less what was left of each credit that had expired by then.
fn liabilities(
    conn: &Connection,
    start: Timestamp,
    at: Timestamp,
    at_text: String,
) -> Result<Liabilities> {
    let at_ms = at.as_millisecond();
    let (real, spent): (i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(real_delta), 0), coalesce(sum(from_virtual), 0)
             FROM wallet_entries WHERE at < ?1",
        )?
        .query_row([at_ms], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let issued: i64 = conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM wallet_credits WHERE issued_at < ?1")?
        .query_row([at_ms], |row| row.get(0))?;
    let expired = |until: i64| -> Result<i64> {
        Ok(conn
            .prepare_cached(
                "SELECT coalesce(sum(amount - used), 0) FROM wallet_credits
                 WHERE expires_at <= ?1 AND issued_at < expires_at",
            )?
            .query_row([until], |row| row.get(0))?)
    };
    let virtual_spent: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(from_virtual), 0) FROM wallet_entries WHERE at >= ?1 AND at < ?2",
        )?
        .query_row(params![start.as_millisecond(), at_ms], |row| row.get(0))?;
    let expired_by_end = expired(at_ms)?;
    Ok(Liabilities {
        at: at_text,
        real,
        virtual_credit: issued - spent - expired_by_end,
        virtual_spent,
        virtual_expired: expired_by_end - expired(start.as_millisecond())?,
    })
}

/// The branch's day is closed when every register that sold on it closed
/// it (and at least one did).
fn registers_all_closed(conn: &Connection, day: &str) -> Result<bool> {
    let (registers, closed): (i64, i64) = conn
        .prepare_cached(
            "WITH active AS (SELECT DISTINCT register FROM sale_money WHERE day = ?1
                             UNION SELECT register FROM closed_days WHERE day = ?1)
             SELECT count(*), count(c.register) FROM active a
             LEFT JOIN closed_days c ON c.register = a.register AND c.day = ?1",
        )?
        .query_row([day], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(registers > 0 && registers == closed)
}
