use jiff::civil::date;
use proptest::prelude::*;

use super::*;
use crate::clock::Hlc;
use crate::id::OpId;
use crate::money::Currency;

fn stamp(ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc::new(ms, 0),
        op: OpId::new(),
    }
}

fn sold(total: u16, service: Option<ServiceId>) -> TreatmentState {
    let event = TreatmentEvent::Sold(TreatmentSold {
        customer: CustomerId::new(),
        package: PackageId::new(),
        name: "Massage 10 buổi".to_owned(),
        service,
        total,
        price: Money::new(4_000_000, Currency::Vnd),
        sold_on: date(2026, 11, 21),
        expires_on: date(2027, 2, 18),
    });
    TreatmentState::begin(stamp(1), &event).expect("a sale starts a treatment")
}

fn reserve(booking: BookingId, service: ServiceId) -> TreatmentEvent {
    TreatmentEvent::Reserved(SessionReserved {
        booking,
        item: 0,
        service,
        staff: StaffId::new(),
        start: "2026-11-28T02:00:00Z".parse().expect("valid in the test"),
    })
}

fn punch(booking: BookingId, forfeited: bool) -> TreatmentEvent {
    TreatmentEvent::Punched(SessionPunched {
        booking,
        item: 0,
        forfeited,
    })
}

fn give_back(booking: BookingId, reason: ReturnReason) -> TreatmentEvent {
    TreatmentEvent::Returned(SessionReturned {
        booking,
        item: 0,
        reason,
    })
}

#[test]
fn sessions_are_reserved_punched_and_returned_as_ledger_entries() {
    let service = ServiceId::new();
    let mut card = sold(3, Some(service));
    let (a, b, c) = (BookingId::new(), BookingId::new(), BookingId::new());
    card.apply(stamp(2), &reserve(a, service));
    card.apply(stamp(3), &reserve(b, service));
    assert_eq!((card.used(), card.reserved(), card.available()), (0, 2, 1));
    card.apply(stamp(4), &punch(a, false));
    card.apply(stamp(5), &give_back(b, ReturnReason::Cancelled));
    assert_eq!((card.used(), card.reserved(), card.available()), (1, 0, 2));
    card.apply(stamp(6), &reserve(c, service));
    card.apply(stamp(7), &punch(c, true));
    assert_eq!(card.used(), 2);
    assert_eq!(
        card.session(c, 0).map(|s| s.state),
        Some(SessionState::Forfeited)
    );
    // A manager undoes the completion of `a`: the punch is taken back and
    // the booking holds its session again.
    card.apply(stamp(8), &give_back(a, ReturnReason::Undone));
    assert_eq!((card.used(), card.reserved()), (1, 1));
    assert_eq!(card.history.len(), 8);
}

#[test]
fn a_session_is_never_punched_twice_nor_returned_from_the_wrong_state() {
    let service = ServiceId::new();
    let mut card = sold(2, None);
    let a = BookingId::new();
    card.apply(stamp(2), &reserve(a, service));
    card.apply(stamp(3), &punch(a, false));
    card.apply(stamp(4), &punch(a, false));
    card.apply(stamp(5), &give_back(a, ReturnReason::Cancelled));
    card.apply(stamp(6), &punch(BookingId::new(), false));
    assert_eq!(card.used(), 1);
    let refused = card
        .history
        .iter()
        .filter(|h| matches!(h.change, TreatmentChange::Refused { .. }))
        .count();
    assert_eq!(refused, 3);
}

#[test]
fn the_status_follows_from_the_date_and_the_punches() {
    let service = ServiceId::new();
    let mut card = sold(1, Some(service));
    assert_eq!(card.status(date(2027, 2, 18)), TreatmentStatus::Active);
    assert_eq!(card.status(date(2027, 2, 19)), TreatmentStatus::Expired);
    card.apply(
        stamp(2),
        &TreatmentEvent::Extended(TreatmentExtended {
            expires_on: date(2027, 3, 31),
            reason: "Khách nằm viện".to_owned(),
        }),
    );
    assert_eq!(card.status(date(2027, 2, 19)), TreatmentStatus::Active);
    let a = BookingId::new();
    card.apply(stamp(3), &reserve(a, service));
    card.apply(stamp(4), &punch(a, false));
    assert_eq!(card.status(date(2027, 5, 1)), TreatmentStatus::Completed);
}

#[test]
fn booking_against_a_treatment_is_refused_for_each_reason() {
    let service = ServiceId::new();
    let mut card = sold(1, Some(service));
    let owner = card.customer;
    let today = date(2026, 11, 21);
    let day = date(2026, 11, 28);
    assert_eq!(card.can_book(owner, service, day, today, 1), Ok(()));
    assert_eq!(
        card.can_book(CustomerId::new(), service, day, today, 1),
        Err(TreatmentRefusal::OtherCustomer)
    );
    assert_eq!(
        card.can_book(owner, ServiceId::new(), day, today, 1),
        Err(TreatmentRefusal::OtherService)
    );
    assert_eq!(
        card.can_book(owner, service, date(2027, 3, 1), today, 1),
        Err(TreatmentRefusal::ExpiresBefore {
            expires_on: date(2027, 2, 18),
            date: date(2027, 3, 1)
        })
    );
    assert_eq!(
        card.can_book(owner, service, day, date(2027, 2, 19), 1),
        Err(TreatmentRefusal::Expired(date(2027, 2, 18)))
    );
    assert!(matches!(
        card.can_book(owner, service, day, today, 2),
        Err(TreatmentRefusal::Exhausted { .. })
    ));
    card.apply(stamp(2), &reserve(BookingId::new(), service));
    assert!(matches!(
        card.can_book(owner, service, day, today, 1),
        Err(TreatmentRefusal::Exhausted { .. })
    ));
}

#[derive(Debug, Clone)]
enum Step {
    Book,
    Complete(usize),
    CancelInTime(usize),
    CancelLate(usize),
    NoShow(usize),
    Undo(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Book),
        (0..12usize).prop_map(Step::Complete),
        (0..12usize).prop_map(Step::CancelInTime),
        (0..12usize).prop_map(Step::CancelLate),
        (0..12usize).prop_map(Step::NoShow),
        (0..12usize).prop_map(Step::Undo),
    ]
}

proptest! {
    /// What the counter's commands would write for random moves: a booking
    /// only when a session is available, and each move of a booking as the
    /// booking's life cycle allows it.
    #[test]
    fn used_and_reserved_never_exceed_the_total(
        total in 1..6u16,
        steps in proptest::collection::vec(step(), 0..60),
    ) {
        let service = ServiceId::new();
        let mut card = sold(total, Some(service));
        let owner = card.customer;
        let today = date(2026, 11, 21);
        let mut bookings: Vec<BookingId> = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let at = stamp(10 + i as u64);
            let pick = |n: usize| bookings.get(n % bookings.len().max(1)).copied();
            let state_of = |card: &TreatmentState, b: BookingId| card.session(b, 0).map(|s| s.state);
            let event = match *s {
                Step::Book => {
                    if card.can_book(owner, service, today, today, 1).is_err() {
                        continue;
                    }
                    let b = BookingId::new();
                    bookings.push(b);
                    reserve(b, service)
                }
                Step::Complete(n) | Step::CancelLate(n) | Step::NoShow(n) => {
                    let Some(b) = pick(n) else { continue };
                    if state_of(&card, b) != Some(SessionState::Reserved) {
                        continue;
                    }
                    punch(b, !matches!(s, Step::Complete(_)))
                }
                Step::CancelInTime(n) => {
                    let Some(b) = pick(n) else { continue };
                    if state_of(&card, b) != Some(SessionState::Reserved) {
                        continue;
                    }
                    give_back(b, ReturnReason::Cancelled)
                }
                Step::Undo(n) => {
                    let Some(b) = pick(n) else { continue };
                    if state_of(&card, b) != Some(SessionState::Punched) {
                        continue;
                    }
                    give_back(b, ReturnReason::Undone)
                }
            };
            card.apply(at, &event);
            let punches = card
                .sessions
                .iter()
                .filter(|s| matches!(s.state, SessionState::Punched | SessionState::Forfeited))
                .count();
            prop_assert_eq!(usize::from(card.used()), punches);
            prop_assert!(card.used() <= card.total);
            prop_assert!(card.used() + card.reserved() <= card.total);
            let refused = card
                .history
                .iter()
                .any(|h| matches!(h.change, TreatmentChange::Refused { .. }));
            prop_assert!(!refused, "a command-checked op is never refused");
        }
    }
}
