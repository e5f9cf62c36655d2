//! Punch cards bought at checkout under random sequences of real commands
//! on a real database file: packages sold and sessions charged (with
//! discounts, in cash or by card), sessions booked, given, cancelled and
//! missed, and refunds (everything, an amount, some sessions, with or
//! without goodwill) and voids of those sales. After every step, for every
//! card:
//!
//! - the sessions it can still book never exceed what was paid for less
//!   what was used, booked and refunded, and nothing is used, booked or
//!   refunded beyond what was paid for (one counter never over-uses);
//! - what the card's refunds gave back is the same counted from the
//!   receipts and from the card's own ledger, and never more than the
//!   card's lines took in;
//! - without goodwill, no line gave back more than the unused share of its
//!   price for the sessions it took back, and never more than it cost.
//!
//! A refused command leaves the op log as it was.

mod common;

use std::collections::BTreeMap;

use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_domain::sale::{Discount, LineKind, RefundTo, Tender};
use caredesk_store::{BookingMove, LineRef, NewLine, NewRefund, NewSale, SaleView};
use common::sale::pay;
use common::spa::{NOW, Spa, spa};
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use rusqlite::Connection;

#[derive(Debug, Clone)]
enum Step {
    /// A package of 1-4 sessions, maybe discounted, in cash or by card.
    Sell {
        sessions: u16,
        off: Option<u8>,
        card: bool,
    },
    /// Sessions charged on a card sold earlier.
    Charge {
        card: usize,
        sessions: u16,
    },
    Book {
        card: usize,
        days: i64,
        hour: i8,
    },
    Complete(usize),
    Cancel(usize),
    NoShow(usize),
    Refund {
        sale: usize,
        how: How,
        to_wallet: bool,
        goodwill: bool,
    },
    Void(usize),
}

#[derive(Debug, Clone)]
enum How {
    Everything,
    Amount(i64),
    Sessions(u16),
    Both(u16, i64),
}

fn step() -> impl Strategy<Value = Step> {
    let how = prop_oneof![
        Just(How::Everything),
        (1..2_000_000i64).prop_map(How::Amount),
        (1..4u16).prop_map(How::Sessions),
        (1..4u16, 1..1_500_000i64).prop_map(|(s, a)| How::Both(s, a)),
    ];
    prop_oneof![
        3 => (1..5u16, proptest::option::weighted(0.3, 1..40u8), any::<bool>())
            .prop_map(|(sessions, off, card)| Step::Sell { sessions, off, card }),
        1 => (0..8usize, 1..3u16).prop_map(|(card, sessions)| Step::Charge { card, sessions }),
        4 => (0..8usize, 1..20i64, 8..17i8).prop_map(|(card, days, hour)| Step::Book { card, days, hour }),
        2 => (0..16usize).prop_map(Step::Complete),
        1 => (0..16usize).prop_map(Step::Cancel),
        1 => (0..16usize).prop_map(Step::NoShow),
        3 => (0..8usize, how, any::<bool>(), prop::bool::weighted(0.2))
            .prop_map(|(sale, how, to_wallet, goodwill)| Step::Refund { sale, how, to_wallet, goodwill }),
        1 => (0..8usize).prop_map(Step::Void),
    ]
}

struct Counter {
    spa: Spa,
    clock: Timestamp,
    cards: Vec<TreatmentId>,
    sales: Vec<String>,
    bookings: Vec<BookingId>,
    /// Whether any refund so far was given with goodwill allowed.
    goodwill: bool,
}

impl Counter {
    fn ctx(&self) -> caredesk_store::Ctx {
        self.spa.db.store.context(Some(self.clock)).expect("ctx")
    }

    fn local(&self, days: i64, hour: i8) -> Timestamp {
        let zone = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").expect("zone");
        let date = self.clock.to_zoned(zone.clone()).date();
        let date = date.checked_add(days.days()).expect("date");
        date.at(hour, 0, 0, 0)
            .to_zoned(zone)
            .expect("local")
            .timestamp()
    }

    fn pick<T: Copy>(list: &[T], n: usize) -> Option<T> {
        (!list.is_empty()).then(|| list[n % list.len()])
    }

    fn sale(
        &mut self,
        customer: String,
        what: LineRef,
        off: Option<u8>,
        card: bool,
    ) -> caredesk_store::Result<SaleView> {
        let ctx = self.ctx();
        let input = NewSale {
            customer: Some(customer),
            lines: vec![NewLine {
                what,
                discount: off.map(|p| Discount::Percent(u16::from(p) * 100)),
            }],
            ..NewSale::default()
        };
        let total = self.spa.db.store.sales().quote_sale(&ctx, &input)?.total;
        let tender = if card { Tender::Card } else { Tender::Cash };
        let sale = self.spa.db.store.sales_mut().record_sale(
            &ctx,
            NewSale {
                payments: if total > 0 {
                    vec![pay(tender, total)]
                } else {
                    Vec::new()
                },
                ..input
            },
        )?;
        self.sales.push(sale.number.clone());
        Ok(sale)
    }

    fn run(&mut self, step: &Step) -> caredesk_store::Result<()> {
        let an = self.spa.an.clone();
        match step {
            Step::Sell {
                sessions,
                off,
                card,
            } => {
                let package = format!("Gói {sessions} buổi");
                let sale = self.sale(an, LineRef::Package(package), *off, *card)?;
                let LineKind::Package { treatment, .. } = sale.lines[0].what else {
                    panic!("a package line");
                };
                self.cards.push(treatment);
            }
            Step::Charge { card, sessions } => {
                let Some(card) = Self::pick(&self.cards, *card) else {
                    return Ok(());
                };
                let what = LineRef::Sessions {
                    treatment: card.to_string(),
                    sessions: Some(*sessions),
                };
                self.sale(an, what, None, true)?;
            }
            Step::Book { card, days, hour } => {
                let Some(card) = Self::pick(&self.cards, *card) else {
                    return Ok(());
                };
                let mut request = self.spa.request(&an, &self.spa.massage.clone(), NOW, card);
                request.items[0].start = self.local(*days, *hour);
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
                let Some(b) = Self::pick(&self.bookings, *n) else {
                    return Ok(());
                };
                let start: Timestamp = self
                    .spa
                    .db
                    .store
                    .bookings()
                    .booking(b)?
                    .start
                    .parse()
                    .expect("RFC 3339");
                self.clock = self.clock.max(start);
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
            Step::Cancel(n) => {
                let Some(b) = Self::pick(&self.bookings, *n) else {
                    return Ok(());
                };
                let ctx = self.ctx();
                self.spa
                    .db
                    .store
                    .bookings_mut()
                    .move_booking(&ctx, b, BookingMove::Cancel, "")?;
            }
            Step::Refund {
                sale,
                how,
                to_wallet,
                goodwill,
            } => {
                let Some(number) = self.sales.get(sale % self.sales.len().max(1)).cloned() else {
                    return Ok(());
                };
                let (amount, sessions) = match how {
                    How::Everything => (None, None),
                    How::Amount(a) => (Some(*a), None),
                    How::Sessions(s) => (None, Some(*s)),
                    How::Both(s, a) => (Some(*a), Some(*s)),
                };
                let input = NewRefund {
                    amount,
                    sessions,
                    goodwill: *goodwill,
                    to: if *to_wallet {
                        RefundTo::Wallet
                    } else {
                        RefundTo::Original
                    },
                    ..NewRefund::default()
                };
                let ctx = self.ctx();
                self.spa
                    .db
                    .store
                    .sales_mut()
                    .refund_sale(&ctx, &number, input)?;
                self.goodwill |= *goodwill;
            }
            Step::Void(n) => {
                let Some(number) = self.sales.get(n % self.sales.len().max(1)).cloned() else {
                    return Ok(());
                };
                let ctx = self.ctx();
                self.spa.db.store.sales_mut().void_sale(&ctx, &number, "")?;
            }
        }
        Ok(())
    }

    fn check(&self) -> Result<(), TestCaseError> {
        let ctx = self.ctx();
        let sales: Vec<SaleView> = self
            .sales
            .iter()
            .map(|n| self.spa.db.store.sales().sale(n).expect("sale"))
            .collect();
        // Per card: what its lines cost, what the receipts say went back.
        let mut paid: BTreeMap<TreatmentId, i64> = BTreeMap::new();
        let mut back: BTreeMap<TreatmentId, i64> = BTreeMap::new();
        for sale in &sales {
            for (n, line) in sale.lines.iter().enumerate() {
                let (LineKind::Package { treatment, .. } | LineKind::Sessions { treatment }) =
                    line.what
                else {
                    continue;
                };
                *paid.entry(treatment).or_default() += line.priced.total;
                let refunds: Vec<_> = sale
                    .refunds
                    .iter()
                    .flat_map(|r| &r.cards)
                    .filter(|c| usize::from(c.line) == n)
                    .collect();
                let given: i64 = refunds.iter().map(|c| c.amount).sum();
                let goodwill: i64 = refunds.iter().map(|c| c.goodwill).sum();
                let taken: u16 = refunds.iter().map(|c| c.sessions).sum();
                *back.entry(treatment).or_default() += given;
                prop_assert!(
                    given <= line.priced.total,
                    "a line gives back at most what it cost"
                );
                let bought = match line.what {
                    LineKind::Sessions { .. } => line.quantity,
                    _ => {
                        let card = self
                            .spa
                            .db
                            .store
                            .treatments()
                            .treatment(treatment, &ctx)
                            .expect("card");
                        card.total - card.charged - card.granted
                    }
                };
                let share = i128::from(line.priced.total) * i128::from(taken) / i128::from(bought);
                prop_assert!(
                    i128::from(given - goodwill) <= share,
                    "{} back for {} of {} sessions of {}",
                    given - goodwill,
                    taken,
                    bought,
                    line.priced.total
                );
                if !self.goodwill {
                    prop_assert_eq!(goodwill, 0);
                }
            }
        }
        for &id in &self.cards {
            let card = self
                .spa
                .db
                .store
                .treatments()
                .treatment(id, &ctx)
                .expect("card");
            prop_assert!(
                card.used + card.reserved + card.refunded + card.lapsed <= card.total,
                "nothing beyond what was paid for: {:?}",
                card
            );
            prop_assert!(card.available <= card.total - card.used - card.reserved - card.refunded);
            let paid = paid.get(&id).copied().unwrap_or(0);
            let back_by_receipts = back.get(&id).copied().unwrap_or(0);
            prop_assert_eq!(
                card.refunded_amount.amount,
                back_by_receipts,
                "both ledgers agree"
            );
            // What stays with the business for the card (paid less given
            // back) is never below zero: no refund gives back more than
            // the card's lines took in, all refunds together.
            prop_assert!(
                card.refunded_amount.amount <= paid,
                "{} given back for a card that took in {}",
                card.refunded_amount.amount,
                paid
            );
        }
        Ok(())
    }
}

fn op_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM ops", [], |row| row.get(0))
        .expect("count")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_card_never_holds_more_than_was_paid_for_under_any_sequence(
        steps in proptest::collection::vec(step(), 1..35),
    ) {
        let mut spa = spa();
        for sessions in 1..5 {
            spa.package(&format!("Gói {sessions} buổi"), sessions, 90, false);
        }
        let clock = spa.db.at(NOW);
        let ctx = spa.ctx_at(NOW);
        spa.db.store.drawers_mut().open_drawer(&ctx, 50_000_000).expect("drawer");
        let mut counter = Counter {
            spa,
            clock,
            cards: Vec::new(),
            sales: Vec::new(),
            bookings: Vec::new(),
            goodwill: false,
        };
        let conn = Connection::open(&counter.spa.db.path).expect("reader");
        for step in &steps {
            let before = op_count(&conn);
            let result = counter.run(step);
            if let Err(error) = &result
                && !matches!(step, Step::Complete(_))
            {
                prop_assert_eq!(op_count(&conn), before, "refused {:?} wrote: {}", step, error);
            }
            counter.check()?;
        }
        prop_assert!(counter.spa.db.store.verify_projections().expect("verify").is_empty());
    }
}
