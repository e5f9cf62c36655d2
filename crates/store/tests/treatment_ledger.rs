//! The punch-card ledger under random sequences of real commands on a real
//! database file: sell (ordinary cards and home visits), book, complete,
//! cancel in time and late, no-show, undo a completion, the daily job, and
//! the clock moving on. After every step each card must agree with itself
//! and with the bookings that name it:
//!
//! - `used` is the number of punches in its op log (less undone ones);
//! - `0 <= used <= total` and `used + reserved <= total`;
//! - `used + reserved + lapsed + unbooked = total`;
//! - `reserved` is the number of open booking items paid by it, and `used`
//!   the number of completed, forfeited or no-show ones.
//!
//! A refused command must leave the op log as it was.

mod common;

use caredesk_domain::booking::BookingStatus;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_store::{BookingMove, HomeSale, NewBooking, TreatmentView};
use common::spa::{NOW, Spa, spa};
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use rusqlite::Connection;

#[derive(Debug, Clone)]
enum Step {
    /// A card of 1-4 sessions; a home visit books its first in `days`.
    Sell {
        sessions: u16,
        home: bool,
        days: i64,
        hour: i8,
    },
    Book {
        card: usize,
        hoa: bool,
        days: i64,
        hour: i8,
    },
    Complete(usize),
    CancelEarly(usize),
    CancelLate(usize),
    NoShow(usize),
    Undo(usize),
    /// The clock moves on by some hours.
    Wait(i64),
    Job,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (1..5u16, any::<bool>(), 1..10i64, 8..18i8)
            .prop_map(|(sessions, home, days, hour)| Step::Sell { sessions, home, days, hour }),
        6 => (0..6usize, any::<bool>(), 1..40i64, 8..18i8)
            .prop_map(|(card, hoa, days, hour)| Step::Book { card, hoa, days, hour }),
        3 => (0..16usize).prop_map(Step::Complete),
        1 => (0..16usize).prop_map(Step::CancelEarly),
        1 => (0..16usize).prop_map(Step::CancelLate),
        1 => (0..16usize).prop_map(Step::NoShow),
        1 => (0..16usize).prop_map(Step::Undo),
        2 => (1..200i64).prop_map(Step::Wait),
        1 => Just(Step::Job),
    ]
}

/// The counter under test and the simulated clock, which only moves on.
struct Counter {
    spa: Spa,
    clock: Timestamp,
    cards: Vec<TreatmentId>,
    bookings: Vec<BookingId>,
}

impl Counter {
    fn ctx(&self) -> caredesk_store::Ctx {
        self.spa
            .db
            .store
            .context(Some(self.clock))
            .expect("context")
    }

    /// `days` after today at `hour`:00, in the business's zone.
    fn local(&self, days: i64, hour: i8) -> Timestamp {
        let zone = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").expect("zone");
        let date = self.clock.to_zoned(zone.clone()).date();
        let date = date.checked_add(days.days()).expect("date");
        date.at(hour, 0, 0, 0)
            .to_zoned(zone)
            .expect("local time")
            .timestamp()
    }

    /// Moves the clock to `at` if that is later.
    fn until(&mut self, at: Timestamp) {
        self.clock = self.clock.max(at);
    }

    fn start_of(&self, booking: BookingId) -> Timestamp {
        let view = self
            .spa
            .db
            .store
            .bookings()
            .booking(booking)
            .expect("booking");
        view.start.parse::<Timestamp>().expect("RFC 3339")
    }

    fn pick(&self, n: usize) -> Option<BookingId> {
        (!self.bookings.is_empty()).then(|| self.bookings[n % self.bookings.len()])
    }

    /// Runs one step; `Err` is a refusal, which is allowed.
    fn run(&mut self, step: &Step) -> caredesk_store::Result<()> {
        match *step {
            Step::Sell {
                sessions,
                home,
                days,
                hour,
            } => {
                let package = package_name(sessions, home);
                let ctx = self.ctx();
                let an = self.spa.an.clone();
                let id = if home {
                    let start = self.local(days, hour);
                    let sold = self.spa.db.store.treatments_mut().sell_home_visit(
                        &ctx,
                        HomeSale {
                            customer: an,
                            package,
                            staff: "Mai".to_owned(),
                            start,
                            address: None,
                            notes: String::new(),
                        },
                    )?;
                    self.bookings.push(sold.booking.id);
                    sold.treatment.id
                } else {
                    self.spa
                        .db
                        .store
                        .treatments_mut()
                        .sell_treatment(&ctx, &an, &package)?
                        .id
                };
                self.cards.push(id);
            }
            Step::Book {
                card,
                hoa,
                days,
                hour,
            } => {
                let Some(&card) = self.cards.get(card % self.cards.len().max(1)) else {
                    return Ok(());
                };
                let view = self
                    .spa
                    .db
                    .store
                    .treatments()
                    .treatment(card, &self.ctx())?;
                let service = view
                    .service
                    .expect("every test card has a service")
                    .to_string();
                let mut request: NewBooking =
                    self.spa
                        .request_by(&self.spa.an.clone(), &service, "Mai", NOW, card);
                request.items[0].start = self.local(days, hour);
                if hoa {
                    request.items[0].staff = "Hoa".to_owned();
                }
                let ctx = self.ctx();
                let booked = self
                    .spa
                    .db
                    .store
                    .bookings_mut()
                    .add_booking(&ctx, request)?;
                self.bookings.push(booked.id);
            }
            Step::Complete(n) | Step::NoShow(n) => {
                let Some(b) = self.pick(n) else { return Ok(()) };
                let start = self.start_of(b);
                self.until(start);
                let ctx = self.ctx();
                let store = &mut self.spa.db.store;
                if matches!(step, Step::NoShow(_)) {
                    store
                        .bookings_mut()
                        .move_booking(&ctx, b, BookingMove::NoShow, "")?;
                } else {
                    for to in [
                        BookingMove::CheckIn,
                        BookingMove::Start,
                        BookingMove::Complete,
                    ] {
                        store.bookings_mut().move_booking(&ctx, b, to, "")?;
                    }
                }
            }
            Step::CancelEarly(n) => {
                let Some(b) = self.pick(n) else { return Ok(()) };
                let ctx = self.ctx();
                self.spa
                    .db
                    .store
                    .bookings_mut()
                    .move_booking(&ctx, b, BookingMove::Cancel, "")?;
            }
            Step::CancelLate(n) => {
                let Some(b) = self.pick(n) else { return Ok(()) };
                let start = self.start_of(b);
                self.until(start.checked_sub(30.minutes()).expect("time"));
                let ctx = self.ctx();
                self.spa
                    .db
                    .store
                    .bookings_mut()
                    .move_booking(&ctx, b, BookingMove::Cancel, "")?;
            }
            Step::Undo(n) => {
                let Some(b) = self.pick(n) else { return Ok(()) };
                let ctx = self.ctx();
                self.spa.db.store.bookings_mut().move_booking(
                    &ctx,
                    b,
                    BookingMove::UndoCompletion,
                    "",
                )?;
            }
            Step::Wait(hours) => {
                self.clock = self.clock.checked_add(hours.hours()).expect("time");
            }
            Step::Job => {
                let ctx = self.ctx();
                self.spa.db.store.treatments_mut().record_expiries(&ctx)?;
            }
        }
        Ok(())
    }

    fn check(&self, conn: &Connection) -> Result<(), TestCaseError> {
        let ctx = self.ctx();
        let bookings: Vec<_> = self
            .bookings
            .iter()
            .map(|b| self.spa.db.store.bookings().booking(*b).expect("booking"))
            .collect();
        for &id in &self.cards {
            let card: TreatmentView = self
                .spa
                .db
                .store
                .treatments()
                .treatment(id, &ctx)
                .expect("card");
            let (punched, undone) = punches_in_log(conn, id);
            prop_assert_eq!(i64::from(card.used), punched - undone, "used = punches");
            prop_assert!(card.used <= card.total);
            prop_assert!(card.used + card.reserved <= card.total);
            let unbooked = card.remaining - card.reserved;
            prop_assert_eq!(
                card.used + card.reserved + card.lapsed + unbooked,
                card.total
            );
            let paid_by = |statuses: &[BookingStatus]| {
                bookings
                    .iter()
                    .filter(|b| b.items[0].treatment == Some(id) && statuses.contains(&b.status))
                    .count()
            };
            let open = paid_by(&[
                BookingStatus::Pending,
                BookingStatus::Confirmed,
                BookingStatus::CheckedIn,
                BookingStatus::InProgress,
            ]);
            let done = paid_by(&[
                BookingStatus::Completed,
                BookingStatus::Forfeited,
                BookingStatus::NoShow,
            ]);
            prop_assert_eq!(usize::from(card.reserved), open, "reserved = open bookings");
            prop_assert_eq!(
                usize::from(card.used),
                done,
                "used = bookings that used one"
            );
        }
        Ok(())
    }
}

/// One of the packages every run starts with.
fn package_name(sessions: u16, home: bool) -> String {
    if home {
        format!("Tại nhà {sessions} buổi")
    } else {
        format!("Gói {sessions} buổi")
    }
}

/// The card's punches and undone completions, counted in its op log.
fn punches_in_log(conn: &Connection, id: TreatmentId) -> (i64, i64) {
    conn.query_row(
        "SELECT count(*) FILTER (WHERE kind = 'treatment.punched'),
                count(*) FILTER (WHERE kind = 'treatment.returned'
                                 AND body ->> 'reason' = 'undone')
         FROM ops WHERE entity = ?1",
        [id.to_string()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .expect("ops")
}

fn op_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM ops", [], |row| row.get(0))
        .expect("count")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_holds_under_any_sequence_of_commands(
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut spa = spa();
        for sessions in 1..5 {
            for home in [false, true] {
                spa.package(&package_name(sessions, home), sessions, 30, home);
            }
        }
        let clock = spa.db.at(NOW);
        let mut counter = Counter { spa, clock, cards: Vec::new(), bookings: Vec::new() };
        let conn = Connection::open(&counter.spa.db.path).expect("reader");
        for step in &steps {
            let before = op_count(&conn);
            let result = counter.run(step);
            // A refused step wrote nothing (steps of several commands may
            // have written their first ones).
            if let Err(error) = &result
                && !matches!(step, Step::Complete(_))
            {
                prop_assert_eq!(op_count(&conn), before, "refused {:?} wrote: {}", step, error);
            }
            counter.check(&conn)?;
        }
        prop_assert!(counter.spa.db.store.verify_projections().expect("verify").is_empty());
    }
}
