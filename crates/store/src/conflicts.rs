//! Conflicts: what two counters did offline that one counter would have
//! refused. Each counter's commands check inside their transaction; sync
//! brings together ops that were each valid alone. The folds keep them all
//! (nothing is dropped), and this module finds where the result breaks a
//! rule the counter enforces:
//!
//! - a staff member in two places at once, or a room holding more than it
//!   has places for;
//! - a treatment with more sessions used or booked than it has (a refund
//!   on one counter takes sessions back while another books or punches
//!   them);
//! - a wallet whose real balance went below zero;
//! - two customers with the same phone;
//! - a merged customer file that something still reached (another counter
//!   booked, sold or paid on it before it synced the merge);
//! - a ticket resolved on two counters, each paying its compensation (the
//!   fold keeps the resolution that sorts first; the other's money or
//!   sessions stand until a manager reverses them);
//! - a staff member paid more than they earned (two counters paid out the
//!   same balance).
//!
//! Conflicts are derived from the projections, never stored: replicas that
//! hold the same ops list the same conflicts under the same ids (a UUIDv5
//! of what the conflict is about). A conflict is resolved by an ordinary
//! op that removes its cause (cancelling or moving a booking, charging or
//! granting the session, topping up the wallet, editing a phone, reversing
//! the late resolution, adjusting the staff member's pay), and is then gone
//! from the list on every replica that receives that op.

use std::collections::{BTreeMap, BTreeSet};

use caredesk_domain::staff::StaffState;
use caredesk_domain::ticket::{Compensation, TicketState};
use caredesk_domain::wallet::{WalletChange, WalletState};
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::schedule::MAX_BLOCK_MS;
use crate::{BookingView, Store};

/// The namespace of conflict ids: any fixed UUID, never changed.
const NAMESPACE: Uuid = Uuid::from_u128(0x6361_7265_6465_736b_636f_6e66_6c69_6374);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    StaffDoubleBooked,
    RoomOverbooked,
    TreatmentOverused,
    WalletOverdrawn,
    DuplicatePhone,
    MergedFileActive,
    TicketResolvedTwice,
    PayoutOverOwed,
}

impl ConflictKind {
    pub const fn code(self) -> &'static str {
        match self {
            ConflictKind::StaffDoubleBooked => "staff_double_booked",
            ConflictKind::RoomOverbooked => "room_overbooked",
            ConflictKind::TreatmentOverused => "treatment_overused",
            ConflictKind::WalletOverdrawn => "wallet_overdrawn",
            ConflictKind::DuplicatePhone => "duplicate_phone",
            ConflictKind::MergedFileActive => "merged_file_active",
            ConflictKind::TicketResolvedTwice => "ticket_resolved_twice",
            ConflictKind::PayoutOverOwed => "payout_over_owed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    /// The same on every replica: derived from the kind and `about`.
    pub id: Uuid,
    pub kind: ConflictKind,
    /// The entities it is about: bookings or classes (after the staff
    /// member or room), a treatment, a customer's wallet, customers, a
    /// ticket and its late resolution (an op id), a staff member.
    pub about: Vec<String>,
    /// What a manager reads, in English; the app words it from `kind`.
    pub detail: String,
    /// The money it is about, where a button needs it: what a late
    /// resolution gave (for `ticket_resolved_twice`), what was paid over
    /// what was earned (for `payout_over_owed`, the adjustment that settles
    /// it). Not part of the id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub amount: Option<i64>,
}

impl Conflict {
    fn new(kind: ConflictKind, about: Vec<String>, extra: &str, detail: String) -> Conflict {
        let key = format!("{}|{}|{extra}", kind.code(), about.join("|"));
        Conflict {
            id: Uuid::new_v5(&NAMESPACE, key.as_bytes()),
            kind,
            about,
            detail,
            amount: None,
        }
    }

    fn with_amount(self, amount: i64) -> Conflict {
        Conflict {
            amount: Some(amount),
            ..self
        }
    }
}

impl Store {
    /// Every open conflict, in a canonical order.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut found = Vec::new();
        found.extend(staff_double_booked(&self.conn)?);
        found.extend(rooms_overbooked(self)?);
        found.extend(treatments_overused(&self.conn)?);
        found.extend(wallets_overdrawn(&self.conn)?);
        found.extend(duplicate_phones(&self.conn)?);
        found.extend(merged_files_active(&self.conn)?);
        found.extend(tickets_resolved_twice(&self.conn)?);
        found.extend(payouts_over_owed(self)?);
        found.sort_by(|a, b| (a.kind, &a.about).cmp(&(b.kind, &b.about)));
        Ok(found)
    }

    /// The bookings an open conflict is about (a staff member's double
    /// booking, an overbooked room), for the inbox to offer cancelling or
    /// moving one of them. Classes and the staff member or room it names
    /// are left out; a conflict that is no longer open is `not_found`.
    pub fn conflict_bookings(&self, id: Uuid) -> Result<Vec<BookingView>> {
        let conflict = self
            .conflicts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| StoreError::ConflictNotFound(id.to_string()))?;
        let mut bookings = Vec::new();
        if matches!(
            conflict.kind,
            ConflictKind::StaffDoubleBooked | ConflictKind::RoomOverbooked
        ) {
            for owner in conflict.about.iter().skip(1) {
                let Ok(booking) = owner.parse::<caredesk_domain::id::BookingId>() else {
                    continue;
                };
                // An owner without a booking row is a class.
                if crate::bookings::projection::load(&self.conn, booking)?.is_some() {
                    bookings.push(self.bookings().booking(booking)?);
                }
            }
        }
        Ok(bookings)
    }
}

fn staff_double_booked(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.staff_id, a.owner, b.owner, coalesce(s.name, a.staff_id), a.start_at
         FROM calendar_time a
         JOIN calendar_time b
           ON b.staff_id = a.staff_id AND b.owner > a.owner
          AND b.start_at > a.start_at - ?1 AND b.start_at < a.busy_until
          AND b.busy_until > a.start_at
         LEFT JOIN staff s ON s.id = a.staff_id",
    )?;
    let rows = statement.query_map([MAX_BLOCK_MS], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut pairs = BTreeSet::new();
    for row in rows {
        pairs.insert(row?);
    }
    Ok(pairs
        .into_iter()
        .map(|(staff, a, b, name)| {
            let detail = format!("{name} is booked twice at the same time ({a} and {b})");
            Conflict::new(
                ConflictKind::StaffDoubleBooked,
                vec![staff, a, b],
                "",
                detail,
            )
        })
        .collect())
}

/// Rooms where, at the start of some booking, more places are taken than
/// the room has (or a class holding the whole room shares it).
fn rooms_overbooked(store: &Store) -> Result<Vec<Conflict>> {
    let rooms = store.catalog().rooms()?;
    let mut statement = store.conn.prepare_cached(
        "SELECT a.owner, a.start_at, group_concat(b.owner, ' '), count(*), max(b.whole_room)
         FROM calendar_time a
         JOIN calendar_time b
           ON b.room_id = a.room_id
          AND b.start_at > a.start_at - ?2 AND b.start_at <= a.start_at
          AND b.busy_until > a.start_at
         WHERE a.room_id = ?1
         GROUP BY a.owner, a.start_at",
    )?;
    let mut found = BTreeMap::new();
    for room in rooms {
        let rows = statement.query_map(
            rusqlite::params![room.id.to_string(), MAX_BLOCK_MS],
            |row| {
                Ok((
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, bool>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (owners, count, whole) = row?;
            let over = count > i64::from(room.room.capacity) || (whole && count > 1);
            if over {
                let owners: BTreeSet<String> = owners.split(' ').map(str::to_owned).collect();
                let mut about = vec![room.id.to_string()];
                about.extend(owners);
                let detail = format!(
                    "{} holds {count} bookings at once and has {} places",
                    room.room.name, room.room.capacity
                );
                found.insert(
                    about.clone(),
                    Conflict::new(ConflictKind::RoomOverbooked, about, "", detail),
                );
            }
        }
    }
    Ok(found.into_values().collect())
}

fn treatments_overused(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, used, reserved, refunded, total + granted + charged FROM treatments
         WHERE used + reserved + lapsed + refunded > total + granted + charged ORDER BY id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, i64>(4)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, used, reserved, refunded, sessions) = row?;
        let detail = if refunded > 0 {
            format!(
                "treatment {id} has {sessions} sessions, {refunded} refunded, and {used} used plus {reserved} booked"
            )
        } else {
            format!("treatment {id} has {sessions} sessions and {used} used plus {reserved} booked")
        };
        // The count is part of the id: charging the extra session resolves
        // this conflict, and a later over-use is a new one.
        let extra = format!("{}", used + reserved + refunded);
        found.push(Conflict::new(
            ConflictKind::TreatmentOverused,
            vec![id],
            &extra,
            detail,
        ));
    }
    Ok(found)
}

fn wallets_overdrawn(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement = conn.prepare_cached(
        "SELECT customer_id, real, state FROM wallets WHERE real < 0 ORDER BY customer_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (customer, real, state) = row?;
        let state: WalletState = serde_json::from_str(&state)
            .map_err(|e| StoreError::Corrupt(format!("wallet of {customer}: {e}")))?;
        // The entry that took the balance below zero names the conflict.
        let cause = state
            .entries
            .iter()
            .rev()
            .find(|e| {
                e.real_after < 0
                    && e.real_before >= 0
                    && !matches!(e.change, WalletChange::Refused { .. })
            })
            .map(|e| e.stamp.op.to_string())
            .unwrap_or_default();
        let detail = format!(
            "the wallet of customer {customer} is {} below zero: two counters spent the same money",
            -real
        );
        found.push(Conflict::new(
            ConflictKind::WalletOverdrawn,
            vec![customer],
            &cause,
            detail,
        ));
    }
    Ok(found)
}

fn duplicate_phones(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement = conn.prepare_cached(
        // The shared phones are found in the phone index alone; only their
        // customers' rows are read. (Every sync lists the conflicts: reading
        // every customer row took a quarter of a second at 100,000.)
        "SELECT phone, group_concat(id, ' ') FROM customers
         WHERE phone IN (SELECT phone FROM customers WHERE phone IS NOT NULL
                         GROUP BY phone HAVING count(*) > 1)
         GROUP BY phone ORDER BY phone",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (phone, ids) = row?;
        let mut about: Vec<String> = ids.split(' ').map(str::to_owned).collect();
        about.sort();
        let detail = format!("{} customers have the phone {phone}", about.len());
        found.push(Conflict::new(
            ConflictKind::DuplicatePhone,
            about,
            "",
            detail,
        ));
    }
    Ok(found)
}

/// Merged files that still hold something: resolved by merging again
/// (`caredesk customer merge`), which moves it to the surviving file.
fn merged_files_active(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.merged_into, coalesce(c.name, c.id) FROM customers c
         WHERE c.merged_into IS NOT NULL AND (
               EXISTS (SELECT 1 FROM bookings b WHERE b.customer_id = c.id)
            OR EXISTS (SELECT 1 FROM treatments t WHERE t.customer_id = c.id)
            OR EXISTS (SELECT 1 FROM tickets k WHERE k.customer_id = c.id)
            OR EXISTS (SELECT 1 FROM wallets w WHERE w.customer_id = c.id AND w.real <> 0)
            OR EXISTS (SELECT 1 FROM wallet_credits r WHERE r.customer_id = c.id
                         AND r.remaining > 0 AND NOT r.expiry_recorded))
         ORDER BY c.id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (file, into, name) = row?;
        let detail = format!(
            "{name}'s file was merged into {into}, and something reached it afterwards: merge it again"
        );
        found.push(Conflict::new(
            ConflictKind::MergedFileActive,
            vec![file, into],
            "",
            detail,
        ));
    }
    Ok(found)
}

/// Late resolutions that paid out: a ticket two counters resolved offline,
/// whose fold refused the resolution that sorts later (hlc, then op id) but
/// whose compensation was written with it. Each is its own conflict, about
/// the ticket and that resolution's op, until `ticket reverse` takes it back.
fn tickets_resolved_twice(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut statement =
        conn.prepare_cached("SELECT id, state FROM tickets WHERE to_reverse > 0 ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, state) = row?;
        let state: TicketState = serde_json::from_str(&state)
            .map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))?;
        for late in state.unreversed_resolutions() {
            let (given, amount) = match crate::tickets::resolution_given(conn, late.op)? {
                Compensation::None => continue,
                Compensation::Refund { amount, .. } => (
                    format!("a refund of {}", amount.amount),
                    Some(amount.amount),
                ),
                Compensation::Credit { amount, .. } => (
                    format!("a credit of {}", amount.amount),
                    Some(amount.amount),
                ),
                Compensation::Session { sessions, .. } => {
                    (format!("{sessions} free session(s)"), None)
                }
            };
            let detail = format!(
                "ticket {} was resolved again after another counter had closed it: the later resolution also gave {given}; reverse it",
                state.code
            );
            let conflict = Conflict::new(
                ConflictKind::TicketResolvedTwice,
                vec![id.clone(), late.op.to_string()],
                "",
                detail,
            );
            found.push(match amount {
                Some(amount) => conflict.with_amount(amount),
                None => conflict,
            });
        }
    }
    Ok(found)
}

/// Staff members paid more than they are owed: everything earned plus
/// adjustments less everything paid is below zero. Only staff with payouts
/// are read (earnings are a query over their bookings). The last payout or
/// adjustment names the conflict: an adjustment that settles it and a later
/// overpayment are a new one.
fn payouts_over_owed(store: &Store) -> Result<Vec<Conflict>> {
    let mut statement = store.conn.prepare_cached(
        "SELECT id, name, state FROM staff
         WHERE json_extract(state, '$.payouts') IS NOT NULL ORDER BY id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let payroll = store.payroll();
    let ledger = payroll.ledger();
    let mut found = Vec::new();
    for row in rows {
        let (id, name, state) = row?;
        let state: StaffState = serde_json::from_str(&state)
            .map_err(|e| StoreError::Corrupt(format!("staff state {id}: {e}")))?;
        let balance = ledger.balance(&state)?;
        if balance >= 0 {
            continue;
        }
        let last = state
            .last_pay_entry()
            .map(|stamp| stamp.op.to_string())
            .unwrap_or_default();
        let detail = format!(
            "{} was paid {} more than earned: two counters paid out the same balance",
            name.unwrap_or_else(|| id.clone()),
            -balance
        );
        found.push(
            Conflict::new(ConflictKind::PayoutOverOwed, vec![id], &last, detail)
                .with_amount(-balance),
        );
    }
    Ok(found)
}
