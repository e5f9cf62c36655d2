//! What the counter should be reminded of at a given moment: a booking
//! about to start, a customer's punch card about to expire, sync failing
//! for a while, conflicts to resolve. Pure reading, no writing: the app's
//! notifier (src-tauri/notify.rs) asks every minute and shows each reminder
//! once, by its key.
//!
//! A reminder carries data, never sentences: the UI words it in its own
//! language, and the desktop notification is worded by the shell.

use caredesk_domain::booking::{BookingState, BookingStatus};
use caredesk_domain::id::{BookingId, CustomerId, TreatmentId};
use caredesk_domain::treatment::{TreatmentState, TreatmentStatus};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};
use serde::Serialize;
use uuid::Uuid;

use crate::bookings::view::Names;
use crate::catalog::{parse_id, parse_state};
use crate::conflicts::ConflictKind;
use crate::error::Result;
use crate::{Store, time};

/// A booking is reminded when it starts within this long.
pub const BOOKING_LEAD: SignedDuration = SignedDuration::from_mins(10);
/// An active card is reminded when it expires within this many days
/// (0: its last day is today).
pub const EXPIRY_DAYS: i64 = 3;
/// Sync is reminded once it has failed for this long without a success.
pub const SYNC_FAILING_FOR: SignedDuration = SignedDuration::from_mins(15);

/// Statuses of a booking someone is still expected to come for.
const COMING: [BookingStatus; 3] = [
    BookingStatus::Pending,
    BookingStatus::Confirmed,
    BookingStatus::CheckedIn,
];

/// One thing to remind the counter of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminder {
    /// The same for as long as the same thing is due, and different when
    /// what it is about changes (a booking moved, a card extended, sync
    /// failing again after a success): shown once per key.
    pub key: String,
    pub subject: ReminderSubject,
}

/// What a reminder is about, with the values its sentence needs. Times are
/// RFC 3339 with the business's offset, as the store writes them elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderSubject {
    /// A booking starts within `BOOKING_LEAD`.
    BookingSoon {
        booking: BookingId,
        customer: CustomerId,
        customer_name: String,
        start: String,
        /// The items' services and staff, in the booking's order, each once.
        services: Vec<String>,
        staff: Vec<String>,
    },
    /// An active card expires within `EXPIRY_DAYS` with sessions unused.
    TreatmentExpiring {
        treatment: TreatmentId,
        customer: CustomerId,
        customer_name: String,
        /// The package's name as sold.
        name: String,
        /// Its last valid day.
        expires_on: Date,
        /// Sessions not used yet (booked or not).
        remaining: u16,
    },
    /// Every sync attempt has failed since `since`, for at least
    /// `SYNC_FAILING_FOR`.
    SyncFailing {
        since: String,
        /// The last attempt's error, in English, as the sync details show it.
        last_error: Option<String>,
    },
    /// An open conflict (see `Store::conflicts`).
    Conflict {
        conflict: Uuid,
        conflict_kind: ConflictKind,
    },
}

impl Store {
    /// Everything due at `now`: bookings about to start (soonest first),
    /// sync failing, open conflicts, cards about to expire (soonest first).
    pub fn reminders(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let mut due = self.bookings_soon(now)?;
        due.extend(self.sync_failing(now)?);
        due.extend(self.conflicts()?.into_iter().map(|conflict| Reminder {
            key: format!("conflict:{}", conflict.id),
            subject: ReminderSubject::Conflict {
                conflict: conflict.id,
                conflict_kind: conflict.kind,
            },
        }));
        due.extend(self.treatments_expiring(now)?);
        Ok(due)
    }

    fn bookings_soon(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let until = now.saturating_add(BOOKING_LEAD).unwrap_or(now);
        let mut statement = self.conn.prepare_cached(
            "SELECT id, state FROM bookings
             WHERE start_at >= ?1 AND start_at <= ?2 AND status IN (?3, ?4, ?5)
             ORDER BY start_at, id",
        )?;
        let rows = statement.query_map(
            rusqlite::params![
                now.as_millisecond(),
                until.as_millisecond(),
                COMING[0].as_str(),
                COMING[1].as_str(),
                COMING[2].as_str(),
            ],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )?;
        let mut names = Names::default();
        let mut due = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let id: BookingId = parse_id(&id, "booking")?;
            let state: BookingState = parse_state(&json, "booking")?;
            let mut services = Vec::new();
            let mut staff = Vec::new();
            for item in &state.items {
                push_once(&mut services, names.service(self, item.service)?);
                push_once(&mut staff, names.staff(self, item.staff)?);
            }
            let start = state.start();
            due.push(Reminder {
                key: format!("booking:{id}:{start}"),
                subject: ReminderSubject::BookingSoon {
                    booking: id,
                    customer: state.customer,
                    customer_name: names.customer(self, state.customer)?,
                    start: self.format_time(start),
                    services,
                    staff,
                },
            });
        }
        Ok(due)
    }

    fn treatments_expiring(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let today = now.to_zoned(self.settings.time_zone()).date();
        let last = today.checked_add(EXPIRY_DAYS.days()).map_err(|e| {
            crate::StoreError::BadDate(format!("{today} + {EXPIRY_DAYS} days: {e}"))
        })?;
        // `expires_on` is YYYY-MM-DD, so text order is date order.
        let mut statement = self.conn.prepare_cached(
            "SELECT id, state FROM treatments WHERE expires_on >= ?1 AND expires_on <= ?2
             ORDER BY expires_on, id",
        )?;
        let rows = statement.query_map([today.to_string(), last.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut names = Names::default();
        let mut due = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let id: TreatmentId = parse_id(&id, "treatment")?;
            let state: TreatmentState = parse_state(&json, "treatment")?;
            if state.status(today) != TreatmentStatus::Active {
                continue;
            }
            due.push(Reminder {
                key: format!("treatment:{id}:{}", state.expires_on),
                subject: ReminderSubject::TreatmentExpiring {
                    treatment: id,
                    customer: state.customer,
                    customer_name: names.customer(self, state.customer)?,
                    name: state.name.clone(),
                    expires_on: state.expires_on,
                    remaining: state.remaining(),
                },
            });
        }
        Ok(due)
    }

    fn sync_failing(&self, now: Timestamp) -> Result<Option<Reminder>> {
        let status = self.sync_status()?;
        let Some(since) = status.failing_since.filter(|_| status.paired) else {
            return Ok(None);
        };
        if now.duration_since(since) < SYNC_FAILING_FOR {
            return Ok(None);
        }
        Ok(Some(Reminder {
            key: format!("sync:{since}"),
            subject: ReminderSubject::SyncFailing {
                since: time::rfc3339(since, &self.settings.time_zone()),
                last_error: status.last_error,
            },
        }))
    }
}

fn push_once(list: &mut Vec<String>, name: String) {
    if !list.contains(&name) {
        list.push(name);
    }
}
