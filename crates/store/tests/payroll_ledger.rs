//! Staff pay under random sequences of real commands on a real database
//! file: bookings by Mai and Hoa (on a package or paid at the counter),
//! served, undone, cancelled in time and late, no-shows; share rates set
//! from random dates (the past included); payouts of random amounts. A
//! model kept here, from the rules as the issue states them, says after
//! every step what each therapist has earned and is owed:
//!
//! - every COMPLETED, FORFEITED or NO_SHOW item earns once, never twice
//!   however often it was completed and undone; nothing else earns;
//! - its share is its worth (a package session: the package's price over
//!   its sessions) times the rate in force on its day, rounded half up;
//! - balance = everything earned − everything paid, never reset;
//! - a payout above the balance is refused and writes nothing.

mod common;

use std::collections::BTreeMap;

use caredesk_domain::booking::{BookingSource, BookingStatus};
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_domain::payroll::PayoutMethod;
use caredesk_store::{BookingMove, Month, NewBooking, NewItem, NewPackage};
use common::spa::{NOW, Spa, spa};
use jiff::ToSpan;
use jiff::civil::Date;
use proptest::prelude::*;

const STAFF: [&str; 2] = ["Mai", "Hoa"];
/// Massage at the counter, and the 40-session card: 13 333 337 đ, so a
/// session is worth 333 333 (rounded down) and shares need rounding.
const PRICE: i64 = 450_000;
const CARD: i64 = 13_333_337;
const SESSION: i64 = 333_333;

#[derive(Debug, Clone)]
enum Step {
    Book { hoa: bool, package: bool },
    Serve(usize),
    Undo(usize),
    CancelEarly(usize),
    CancelLate(usize),
    NoShow(usize),
    Rate { hoa: bool, rate: u16, day: i64 },
    Pay { hoa: bool, amount: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (any::<bool>(), any::<bool>()).prop_map(|(hoa, package)| Step::Book { hoa, package }),
        4 => (0..32usize).prop_map(Step::Serve),
        2 => (0..32usize).prop_map(Step::Undo),
        1 => (0..32usize).prop_map(Step::CancelEarly),
        1 => (0..32usize).prop_map(Step::CancelLate),
        1 => (0..32usize).prop_map(Step::NoShow),
        2 => (any::<bool>(), prop_oneof![Just(0u16), Just(3_333), 0..=10_000u16], 0..14i64)
            .prop_map(|(hoa, rate, day)| Step::Rate { hoa, rate, day }),
        3 => (any::<bool>(), 1..400_000i64).prop_map(|(hoa, amount)| Step::Pay { hoa, amount }),
    ]
}

/// One booking as the model sees it.
struct Booked {
    id: BookingId,
    staff: usize,
    /// `YYYY-MM-DDTHH:MM`, local.
    start: String,
    end: String,
    date: Date,
    worth: i64,
    status: BookingStatus,
}

struct Counter {
    spa: Spa,
    card: TreatmentId,
    bookings: Vec<Booked>,
    rates: [BTreeMap<Date, u16>; 2],
    paid: [i64; 2],
}

/// Slot `n`: three a day from 22 November, so the sessions run into
/// December and no two of one therapist overlap.
fn slot(n: usize) -> (Date, String, String) {
    let first: Date = "2026-11-22".parse().expect("date");
    let date = first
        .checked_add(i64::try_from(n / 3).expect("small").days())
        .expect("date");
    let hour = 9 + 3 * (n % 3);
    (
        date,
        format!("{date}T{hour:02}:00"),
        format!("{date}T{:02}:00", hour + 1),
    )
}

fn local(at: &str, minutes: i64) -> String {
    let civil: jiff::civil::DateTime = at.parse().expect("local time");
    let moved = civil.checked_add(minutes.minutes()).expect("time");
    moved.strftime("%Y-%m-%dT%H:%M").to_string()
}

impl Counter {
    fn new() -> Counter {
        let mut spa = spa();
        let ctx = spa.ctx_at(NOW);
        let package = spa
            .db
            .store
            .catalog_mut()
            .add_package(
                &ctx,
                NewPackage {
                    name: "Massage 40 buổi".into(),
                    service: Some(spa.massage.clone()),
                    sessions: 40,
                    valid_days: 90,
                    price: CARD,
                    home_visit: false,
                },
            )
            .expect("package");
        let card = spa
            .db
            .store
            .treatments_mut()
            .sell_treatment(&ctx, &spa.an, &package.id.to_string())
            .expect("sold")
            .id;
        Counter {
            spa,
            card,
            bookings: Vec::new(),
            rates: [BTreeMap::new(), BTreeMap::new()],
            paid: [0, 0],
        }
    }

    fn pick(&mut self, n: usize) -> Option<&mut Booked> {
        let len = self.bookings.len();
        (len > 0).then(|| &mut self.bookings[n % len])
    }

    fn moved(&mut self, n: usize, at: impl Fn(&Booked) -> Vec<(String, BookingMove)>) {
        let Some(booked) = self.pick(n) else { return };
        let (id, moves) = (booked.id, at(booked));
        for (when, to) in moves {
            self.spa.step(&when, id, to);
        }
    }

    fn run(&mut self, step: &Step) {
        use BookingStatus::*;
        match *step {
            Step::Book { hoa, package } => {
                let (date, start, end) = slot(self.bookings.len());
                let staff = usize::from(hoa);
                let ctx = self.spa.ctx_at(NOW);
                let request = NewBooking {
                    customer: self.spa.an.clone(),
                    items: vec![NewItem {
                        service: self.spa.massage.clone(),
                        staff: STAFF[staff].into(),
                        start: self.spa.db.at(&start),
                        end: None,
                        room: None,
                        treatment: package.then_some(self.card),
                    }],
                    source: BookingSource::Phone,
                    notes: String::new(),
                };
                let view = self
                    .spa
                    .db
                    .store
                    .bookings_mut()
                    .add_booking(&ctx, request)
                    .expect("booked");
                let (id, status) = (view.id, view.status);
                let worth = if package { SESSION } else { PRICE };
                self.bookings.push(Booked {
                    id,
                    staff,
                    start,
                    end,
                    date,
                    worth,
                    status,
                });
            }
            Step::Serve(n) => {
                let Some(b) = self.pick(n) else { return };
                let moves = match b.status {
                    Pending | Confirmed => vec![
                        (b.start.clone(), BookingMove::CheckIn),
                        (b.start.clone(), BookingMove::Start),
                        (b.end.clone(), BookingMove::Complete),
                    ],
                    InProgress => vec![(b.end.clone(), BookingMove::Complete)],
                    _ => return,
                };
                b.status = Completed;
                self.moved(n, move |_| moves.clone());
            }
            Step::Undo(n) => {
                let Some(b) = self.pick(n) else { return };
                if b.status != Completed {
                    return;
                }
                b.status = InProgress;
                self.moved(n, |b| vec![(local(&b.end, 5), BookingMove::UndoCompletion)]);
            }
            Step::CancelEarly(n) | Step::CancelLate(n) | Step::NoShow(n) => {
                let Some(b) = self.pick(n) else { return };
                if !matches!(b.status, Pending | Confirmed) {
                    return;
                }
                let (minutes, to, status) = match step {
                    Step::CancelEarly(_) => (-24 * 60, BookingMove::Cancel, Cancelled),
                    Step::CancelLate(_) => (-30, BookingMove::Cancel, Forfeited),
                    _ => (30, BookingMove::NoShow, NoShow),
                };
                b.status = status;
                self.moved(n, move |b| vec![(local(&b.start, minutes), to)]);
            }
            Step::Rate { hoa, rate, day } => {
                let staff = usize::from(hoa);
                let from = "2026-11-20"
                    .parse::<Date>()
                    .expect("date")
                    .checked_add(day.days())
                    .expect("date");
                let ctx = self.spa.ctx_at(NOW);
                self.spa
                    .db
                    .store
                    .payroll_mut()
                    .set_share_rate(&ctx, STAFF[staff], u32::from(rate), Some(from))
                    .expect("rate set");
                self.rates[staff].insert(from, rate);
            }
            Step::Pay { hoa, amount } => {
                let staff = usize::from(hoa);
                let balance = self.earned(staff) - self.paid[staff];
                let ctx = self.spa.ctx_at("2026-12-20T18:00");
                if amount <= balance {
                    let after = self
                        .spa
                        .db
                        .store
                        .payroll_mut()
                        .pay_staff(
                            &ctx,
                            STAFF[staff],
                            amount,
                            "chuyển khoản",
                            PayoutMethod::Transfer,
                        )
                        .expect("paid");
                    self.paid[staff] += amount;
                    assert_eq!(after.balance, balance - amount);
                } else {
                    self.spa.refused("payout_above_balance", |s| {
                        s.db.store.payroll_mut().pay_staff(
                            &ctx,
                            STAFF[staff],
                            amount,
                            "chuyển khoản",
                            PayoutMethod::Transfer,
                        )
                    });
                }
            }
        }
    }

    /// What the model says `staff` earned in `month` (or ever).
    fn earned_in(&self, staff: usize, month: Option<Month>) -> i64 {
        self.bookings
            .iter()
            .filter(|b| b.staff == staff && month.is_none_or(|m| m.contains(b.date)))
            .filter(|b| {
                matches!(
                    b.status,
                    BookingStatus::Completed | BookingStatus::Forfeited | BookingStatus::NoShow
                )
            })
            .map(|b| {
                let rate = self.rates[staff]
                    .range(..=b.date)
                    .next_back()
                    .map_or(0, |(_, r)| *r);
                (b.worth * i64::from(rate) + 5_000) / 10_000
            })
            .sum()
    }

    fn earned(&self, staff: usize) -> i64 {
        self.earned_in(staff, None)
    }

    fn check(&self) {
        let ctx = self.spa.ctx_at("2026-12-20T18:00");
        for b in &self.bookings {
            let view = self.spa.db.store.bookings().booking(b.id).expect("booking");
            assert_eq!(view.status, b.status, "the model and the store disagree");
        }
        for (staff, name) in STAFF.iter().enumerate() {
            let pay = self.spa.db.store.payroll().staff_pay(name).expect("pay");
            assert_eq!(pay.earned, self.earned(staff), "{name} earned");
            assert_eq!(pay.paid, self.paid[staff], "{name} paid");
            assert_eq!(pay.balance, pay.earned - pay.paid, "{name} balance");
            for month in ["2026-11", "2026-12"] {
                let month = Month::parse(month).expect("month");
                let income = self
                    .spa
                    .db
                    .store
                    .payroll()
                    .staff_income(&ctx, name, month)
                    .expect("income");
                assert_eq!(
                    income.earned,
                    self.earned_in(staff, Some(month)),
                    "{name} {month}"
                );
                assert_eq!(
                    income.earned,
                    income.sessions.iter().map(|s| s.share).sum::<i64>()
                );
                assert_eq!(income.balance, pay.balance);
                // Each item at most once.
                let mut seen: Vec<_> = income
                    .sessions
                    .iter()
                    .map(|s| (s.booking, s.item))
                    .collect();
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), income.sessions.len(), "an item earned twice");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn pay_follows_the_bookings_and_the_payouts(steps in prop::collection::vec(step(), 1..40)) {
        let mut counter = Counter::new();
        for step in &steps {
            counter.run(step);
            counter.check();
        }
        counter.spa.db.assert_folds_hold();
    }
}
