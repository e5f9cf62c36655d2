use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::clock::Hlc;
use crate::id::{OpId, PackageId};
use crate::money::Currency;
use crate::op::{Machine, Stamp};
use crate::sale::{PricedLine, SaleEvent, SaleRecorded, SaleRefunded, TaxRule};

fn stamp(ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc::new(ms, 0),
        op: OpId::new(),
    }
}

fn priced(total: i64) -> PricedLine {
    PricedLine {
        gross: total,
        line_discount: 0,
        sale_discount: 0,
        tax: 0,
        total,
    }
}

fn package(treatment: TreatmentId, total: i64) -> SaleLine {
    SaleLine {
        what: LineKind::Package {
            package: PackageId::new(),
            treatment,
        },
        name: "Massage 10 buổi".to_owned(),
        category: "package".to_owned(),
        staff: None,
        quantity: 1,
        unit_price: total,
        discount: None,
        priced: priced(total),
    }
}

fn item(total: i64) -> SaleLine {
    SaleLine {
        what: LineKind::Item,
        name: "Dầu gội".to_owned(),
        category: "retail".to_owned(),
        staff: None,
        quantity: 1,
        unit_price: total,
        discount: None,
        priced: priced(total),
    }
}

fn sale(lines: Vec<SaleLine>, payments: Vec<(Tender, i64)>) -> SaleState {
    let total = lines.iter().map(|l| l.priced.total).sum();
    let recorded = SaleRecorded {
        number: "A7K-000001".to_owned(),
        register: "A7K".to_owned(),
        customer: Some(crate::id::CustomerId::new()),
        at: "2026-11-21T03:00:00Z".parse().expect("valid in the test"),
        currency: Currency::Vnd,
        lines,
        sale_discount: None,
        tax_rule: TaxRule {
            rate: 0,
            prices_include_tax: true,
        },
        subtotal: total,
        discounts: 0,
        tax: 0,
        added_tax: 0,
        total,
        payments: payments
            .into_iter()
            .map(|(tender, amount)| PaymentLine {
                tender,
                amount,
                reference: String::new(),
            })
            .collect(),
        change: 0,
        note: String::new(),
    };
    SaleState::begin(stamp(1), &SaleEvent::Recorded(recorded)).expect("a sale")
}

/// The refund written down, as the fold will have it next time.
fn record(state: &mut SaleState, plan: &RefundPlan, at: u64) {
    let refund = SaleRefunded {
        register: "A7K".to_owned(),
        at: "2026-11-21T04:00:00Z".parse().expect("valid in the test"),
        amount: plan.amount,
        to: RefundTo::Original,
        parts: plan.parts.clone(),
        void: false,
        note: String::new(),
        cards: plan.cards.clone(),
    };
    state.apply(stamp(at), &SaleEvent::Refunded(refund));
}

fn card(sold: u16, unbooked: u16, id: TreatmentId) -> BTreeMap<TreatmentId, CardNow> {
    BTreeMap::from([(id, CardNow { sold, unbooked })])
}

fn ask() -> RefundAsk {
    RefundAsk::default()
}

#[test]
fn a_whole_refund_of_an_unused_card_takes_every_session_back() {
    let id = TreatmentId::new();
    let state = sale(
        vec![package(id, 3_000_000)],
        vec![(Tender::Cash, 3_000_000)],
    );
    let plan = state
        .plan_refund(&ask(), 0, &card(10, 10, id))
        .expect("refunded");
    assert_eq!(plan.amount, 3_000_000);
    assert_eq!(
        plan.cards,
        [LineRefund {
            line: 0,
            treatment: id,
            sessions: 10,
            amount: 3_000_000,
            goodwill: 0
        }]
    );
}

#[test]
fn used_and_booked_sessions_are_not_refunded_without_goodwill() {
    let id = TreatmentId::new();
    let state = sale(
        vec![package(id, 3_000_000)],
        vec![(Tender::Cash, 3_000_000)],
    );
    // 3 used and 1 booked: 6 unbooked, worth 1 800 000.
    let cards = card(10, 6, id);
    assert_eq!(state.refund_cap(0, &cards), Ok(1_800_000));
    let plan = state.plan_refund(&ask(), 0, &cards).expect("refunded");
    assert_eq!((plan.amount, plan.cards[0].sessions), (1_800_000, 6));
    let whole = RefundAsk {
        amount: Some(3_000_000),
        ..ask()
    };
    assert_eq!(
        state.plan_refund(&whole, 0, &cards),
        Err(RefundRefusal::TooLarge {
            asked: 3_000_000,
            refundable: 1_800_000
        })
    );
    let goodwill = RefundAsk {
        goodwill: true,
        ..whole
    };
    let plan = state.plan_refund(&goodwill, 0, &cards).expect("goodwill");
    assert_eq!(
        plan.cards,
        [LineRefund {
            line: 0,
            treatment: id,
            sessions: 6,
            amount: 3_000_000,
            goodwill: 1_200_000
        }]
    );
    let void = RefundAsk {
        void: true,
        ..ask()
    };
    assert_eq!(
        state.plan_refund(&void, 0, &cards),
        Err(RefundRefusal::CardInUse {
            name: "Massage 10 buổi".to_owned(),
            used: 4
        })
    );
}

#[test]
fn an_amount_takes_back_the_sessions_it_pays_for_rounded_up() {
    let id = TreatmentId::new();
    let mut state = sale(
        vec![package(id, 3_000_000)],
        vec![(Tender::Card, 3_000_000)],
    );
    let cards = card(10, 10, id);
    let some = RefundAsk {
        amount: Some(1_000_000),
        ..ask()
    };
    // 1 000 000 is 3.33 sessions' worth: 4 go back.
    let plan = state.plan_refund(&some, 0, &cards).expect("refunded");
    assert_eq!((plan.amount, plan.cards[0].sessions), (1_000_000, 4));
    record(&mut state, &plan, 2);
    // What is left: 6 sessions, and the money they are worth less what
    // the 4 gave back beyond their share (1 800 000 − 1 000 000... of 3 M).
    let cards = card(10, 6, id);
    assert_eq!(state.refund_cap(0, &cards), Ok(2_000_000));
    let named = RefundAsk {
        sessions: Some(3),
        ..ask()
    };
    // 7 sessions of 10 are worth 2 100 000; 1 000 000 went back already.
    let plan = state.plan_refund(&named, 0, &cards).expect("3 sessions");
    assert_eq!((plan.amount, plan.cards[0].sessions), (1_100_000, 3));
    let too_many = RefundAsk {
        sessions: Some(7),
        ..ask()
    };
    assert_eq!(
        state.plan_refund(&too_many, 0, &cards),
        Err(RefundRefusal::TooManySessions {
            asked: 7,
            refundable: 6
        })
    );
}

#[test]
fn session_by_session_a_card_gives_back_its_whole_price_and_no_more() {
    let id = TreatmentId::new();
    let mut state = sale(vec![package(id, 1_000)], vec![(Tender::Cash, 1_000)]);
    let mut back = Vec::new();
    for n in 0..3u16 {
        let one = RefundAsk {
            sessions: Some(1),
            ..ask()
        };
        let plan = state
            .plan_refund(&one, 0, &card(3, 3 - n, id))
            .expect("one session");
        back.push(plan.amount);
        record(&mut state, &plan, 2 + u64::from(n));
    }
    assert_eq!(back, [333, 333, 334]);
    assert_eq!(state.refund_cap(0, &card(3, 0, id)), Ok(0));
}

#[test]
fn other_lines_are_refunded_before_the_card() {
    let id = TreatmentId::new();
    let state = sale(
        vec![package(id, 3_000_000), item(240_000)],
        vec![(Tender::Cash, 3_240_000)],
    );
    let shampoo = RefundAsk {
        amount: Some(240_000),
        ..ask()
    };
    let plan = state
        .plan_refund(&shampoo, 0, &card(10, 10, id))
        .expect("the shampoo");
    assert!(plan.cards.is_empty(), "{plan:?}");
    let none = BTreeMap::new();
    assert_eq!(
        state.plan_refund(&shampoo, 0, &none),
        Err(RefundRefusal::NotOnSale(id))
    );
}

#[test]
fn a_refund_names_its_card_when_the_sale_pays_for_two() {
    let (a, b) = (TreatmentId::new(), TreatmentId::new());
    let state = sale(
        vec![package(a, 1_000_000), package(b, 2_000_000)],
        vec![(Tender::Transfer, 3_000_000)],
    );
    let mut cards = card(10, 10, a);
    cards.extend(card(5, 5, b));
    let two = RefundAsk {
        sessions: Some(2),
        ..ask()
    };
    assert!(matches!(
        state.plan_refund(&two, 0, &cards),
        Err(RefundRefusal::WhichCard(_))
    ));
    let named = RefundAsk {
        card: Some(b),
        ..two
    };
    let plan = state.plan_refund(&named, 0, &cards).expect("b");
    assert_eq!(plan.cards[0].treatment, b);
    assert_eq!((plan.amount, plan.cards[0].sessions), (800_000, 2));
}

proptest! {
    /// For any sequence of refunds of a card line (sessions named, amounts
    /// or everything, with or without goodwill) while sessions get used:
    /// no more sessions go back than were unbooked, the money for a line
    /// never exceeds its unused share unless recorded as goodwill, and it
    /// never exceeds what the line cost.
    #[test]
    fn a_card_line_never_gives_back_more_than_it_holds(
        total in 0..5_000_000i64,
        sold in 1..12u16,
        steps in proptest::collection::vec(
            (0..4u8, 1..6u16, 1..3_000_000i64, any::<bool>()),
            1..12,
        ),
    ) {
        let id = TreatmentId::new();
        let mut state = sale(vec![package(id, total)], vec![(Tender::Cash, total.max(1))]);
        let mut unbooked = sold;
        let mut taken = 0u16;
        for (i, (kind, n, amount, goodwill)) in steps.into_iter().enumerate() {
            if kind == 0 {
                unbooked = unbooked.saturating_sub(n);
                continue;
            }
            let ask = RefundAsk {
                amount: (kind == 2).then_some(amount),
                sessions: (kind == 3).then_some(n),
                goodwill,
                ..RefundAsk::default()
            };
            let Ok(plan) = state.plan_refund(&ask, 0, &card(sold, unbooked, id)) else {
                continue;
            };
            let line: i64 = plan.cards.iter().map(|c| c.amount).sum();
            prop_assert_eq!(line, plan.amount);
            let sessions: u16 = plan.cards.iter().map(|c| c.sessions).sum();
            prop_assert!(sessions <= unbooked);
            prop_assert!(!plan.cards.iter().any(|c| c.goodwill > 0 && !goodwill));
            unbooked -= sessions;
            taken += sessions;
            record(&mut state, &plan, 2 + i as u64);
            let back: i64 = state.refunds.iter().flat_map(|r| &r.cards).map(|c| c.amount - c.goodwill).sum();
            let share = i128::from(total) * i128::from(taken) / i128::from(sold);
            prop_assert!(i128::from(back) <= share, "{} back for {} of {} sessions of {}", back, taken, sold, total);
            prop_assert!(state.refunded() <= total);
        }
    }
}
