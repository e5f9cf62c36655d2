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
    sold_with(total, service, None)
}

fn sold_with(total: u16, service: Option<ServiceId>, home: Option<HomeVisit>) -> TreatmentState {
    let event = TreatmentEvent::Sold(TreatmentSold {
        customer: CustomerId::new(),
        package: PackageId::new(),
        name: "Massage 10 buổi".to_owned(),
        service,
        total,
        price: Money::new(4_000_000, Currency::Vnd),
        sold_on: date(2026, 11, 21),
        expires_on: date(2027, 2, 18),
        home,
    });
    TreatmentState::begin(stamp(1), &event).expect("a sale starts a treatment")
}

fn reserve(booking: BookingId, service: ServiceId) -> TreatmentEvent {
    reserve_with(booking, service, StaffId::new())
}

fn reserve_with(booking: BookingId, service: ServiceId, staff: StaffId) -> TreatmentEvent {
    TreatmentEvent::Reserved(SessionReserved {
        booking,
        item: 0,
        service,
        staff,
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
    assert_eq!(
        (card.used(), card.reserved(), card.unscheduled()),
        (0, 2, 1)
    );
    card.apply(stamp(4), &punch(a, false));
    card.apply(stamp(5), &give_back(b, ReturnReason::Cancelled));
    assert_eq!(
        (card.used(), card.reserved(), card.unscheduled()),
        (1, 0, 2)
    );
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
    let anyone = StaffId::new();
    let today = date(2026, 11, 21);
    let day = date(2026, 11, 28);
    assert_eq!(
        card.can_book(owner, (service, anyone), day, today, 1),
        Ok(())
    );
    assert_eq!(
        card.can_book(CustomerId::new(), (service, anyone), day, today, 1),
        Err(TreatmentRefusal::OtherCustomer)
    );
    assert_eq!(
        card.can_book(owner, (ServiceId::new(), anyone), day, today, 1),
        Err(TreatmentRefusal::OtherService)
    );
    assert_eq!(
        card.can_book(owner, (service, anyone), date(2027, 3, 1), today, 1),
        Err(TreatmentRefusal::ExpiresBefore {
            expires_on: date(2027, 2, 18),
            date: date(2027, 3, 1)
        })
    );
    assert_eq!(
        card.can_book(owner, (service, anyone), day, date(2027, 2, 19), 1),
        Err(TreatmentRefusal::Expired(date(2027, 2, 18)))
    );
    assert!(matches!(
        card.can_book(owner, (service, anyone), day, today, 2),
        Err(TreatmentRefusal::Exhausted { .. })
    ));
    card.apply(stamp(2), &reserve(BookingId::new(), service));
    assert!(matches!(
        card.can_book(owner, (service, anyone), day, today, 1),
        Err(TreatmentRefusal::Exhausted { .. })
    ));
}

/// A home visit of `total` sessions locked to `staff`, to be booked by
/// 2026-12-21.
fn home_visit(total: u16, service: ServiceId, staff: StaffId) -> TreatmentState {
    sold_with(
        total,
        Some(service),
        Some(HomeVisit {
            staff,
            address: "12 Lý Tự Trọng, Quận 1".to_owned(),
            schedule_by: date(2026, 12, 21),
        }),
    )
}

fn lapse() -> TreatmentEvent {
    TreatmentEvent::Lapsed(QuotaLapsed {
        on: date(2026, 12, 22),
        sessions: 0,
    })
}

#[test]
fn a_home_visit_is_locked_to_its_therapist_until_a_manager_swaps() {
    let (service, mai, hoa) = (ServiceId::new(), StaffId::new(), StaffId::new());
    let mut card = home_visit(4, service, mai);
    let (owner, today, day) = (card.customer, date(2026, 11, 21), date(2026, 11, 28));
    assert_eq!(card.can_book(owner, (service, mai), day, today, 1), Ok(()));
    assert_eq!(
        card.can_book(owner, (service, hoa), day, today, 1),
        Err(TreatmentRefusal::OtherStaff)
    );
    card.apply(
        stamp(2),
        &TreatmentEvent::StaffSwapped(HomeStaffSwapped {
            staff: hoa,
            note: "Mai nghỉ phép".to_owned(),
        }),
    );
    assert_eq!(card.can_book(owner, (service, hoa), day, today, 1), Ok(()));
    assert_eq!(card.check_staff(mai), Err(TreatmentRefusal::OtherStaff));
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::StaffSwapped { from, to, .. }) if *from == mai && *to == hoa
    ));
    // An ordinary card has no one to swap.
    let mut plain = sold(2, Some(service));
    plain.apply(
        stamp(3),
        &TreatmentEvent::StaffSwapped(HomeStaffSwapped {
            staff: hoa,
            note: String::new(),
        }),
    );
    assert!(matches!(
        plain.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refused { .. })
    ));
}

#[test]
fn unbooked_home_sessions_lapse_after_the_window_and_only_once() {
    let (service, mai) = (ServiceId::new(), StaffId::new());
    let mut card = home_visit(4, service, mai);
    let owner = card.customer;
    let first = BookingId::new();
    card.apply(stamp(2), &reserve_with(first, service, mai));
    let (inside, after) = (date(2026, 12, 21), date(2026, 12, 22));
    assert_eq!(card.bookable(inside), 3);
    // The window closes by date alone: nothing more can be booked, and
    // the card stays ACTIVE while its booked session is still to come.
    assert_eq!(card.bookable(after), 0);
    assert_eq!(card.status(after), TreatmentStatus::Active);
    assert_eq!(
        card.can_book(owner, (service, mai), after, after, 1),
        Err(TreatmentRefusal::QuotaLapsed(inside))
    );
    // The job records the three unbooked sessions; a second counter
    // recording it too lapses nothing more.
    card.apply(stamp(3), &lapse());
    card.apply(stamp(4), &lapse());
    assert_eq!(card.lapsed, 3);
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refused { .. })
    ));
    assert_eq!((card.remaining(), card.unscheduled()), (1, 0));
    card.apply(stamp(5), &punch(first, false));
    assert_eq!((card.used(), card.remaining()), (1, 0));
    assert_eq!(card.status(after), TreatmentStatus::Expired);
    // Cancelled after the window: the session comes back unbooked, is
    // gone by date, and the next job run lapses it.
    let mut late = home_visit(2, service, mai);
    let b = BookingId::new();
    late.apply(stamp(2), &reserve_with(b, service, mai));
    late.apply(stamp(3), &lapse());
    assert_eq!(late.status(after), TreatmentStatus::Active);
    late.apply(stamp(4), &give_back(b, ReturnReason::Cancelled));
    assert_eq!((late.unscheduled(), late.bookable(after)), (1, 0));
    assert_eq!(late.status(after), TreatmentStatus::Expired);
    late.apply(stamp(5), &lapse());
    assert_eq!((late.lapsed, late.remaining()), (2, 0));
}

#[derive(Debug, Clone)]
enum Step {
    Book,
    Complete(usize),
    CancelInTime(usize),
    CancelLate(usize),
    NoShow(usize),
    Undo(usize),
    /// The daily job after a home visit's booking window.
    Lapse,
    /// A refund takes back up to this many unbooked sessions.
    Refund(u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(Step::Book),
        2 => (0..12usize).prop_map(Step::Complete),
        1 => (0..12usize).prop_map(Step::CancelInTime),
        1 => (0..12usize).prop_map(Step::CancelLate),
        1 => (0..12usize).prop_map(Step::NoShow),
        1 => (0..12usize).prop_map(Step::Undo),
        1 => Just(Step::Lapse),
        1 => (1..4u16).prop_map(Step::Refund),
    ]
}

proptest! {
    /// What the counter's commands would write for random moves: a booking
    /// only when a session is available, and each move of a booking as the
    /// booking's life cycle allows it. Half the cards are home visits,
    /// whose window may close (after which nothing is booked).
    #[test]
    fn used_and_reserved_never_exceed_the_total(
        total in 1..6u16,
        home in any::<bool>(),
        steps in proptest::collection::vec(step(), 0..60),
    ) {
        let (service, staff) = (ServiceId::new(), StaffId::new());
        let mut card = if home { home_visit(total, service, staff) } else { sold(total, Some(service)) };
        let owner = card.customer;
        let mut today = date(2026, 11, 21);
        let mut bookings: Vec<BookingId> = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let at = stamp(10 + i as u64);
            let pick = |n: usize| bookings.get(n % bookings.len().max(1)).copied();
            let state_of = |card: &TreatmentState, b: BookingId| card.session(b, 0).map(|s| s.state);
            let event = match *s {
                Step::Book => {
                    if card.can_book(owner, (service, staff), today, today, 1).is_err() {
                        prop_assert_eq!(card.bookable(today), 0);
                        continue;
                    }
                    prop_assert!(card.bookable(today) > 0);
                    let b = BookingId::new();
                    bookings.push(b);
                    reserve_with(b, service, staff)
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
                Step::Lapse => {
                    // The job writes only what is due.
                    if !home || card.unscheduled() == 0 {
                        continue;
                    }
                    today = date(2026, 12, 22);
                    lapse()
                }
                Step::Refund(n) => {
                    // The refund command takes back unbooked sessions only.
                    let sessions = n.min(card.unscheduled());
                    if sessions == 0 {
                        continue;
                    }
                    refund(sessions)
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
            prop_assert_eq!(
                card.used() + card.reserved() + card.lapsed + card.refunded + card.unscheduled(),
                card.total,
                "every session is in exactly one place"
            );
            prop_assert_eq!(card.over(), 0);
            if card.refunded > 0 && card.remaining() == 0 {
                prop_assert_eq!(card.status(today), TreatmentStatus::Refunded);
            }
            let refused = card
                .history
                .iter()
                .any(|h| matches!(h.change, TreatmentChange::Refused { .. }));
            prop_assert!(!refused, "a command-checked op is never refused");
        }
    }
}

#[test]
fn a_sale_written_before_home_visits_reads_as_an_ordinary_card() {
    let sale = TreatmentSold {
        customer: CustomerId::new(),
        package: PackageId::new(),
        name: "Massage 10 buổi".to_owned(),
        service: None,
        total: 10,
        price: Money::new(4_000_000, Currency::Vnd),
        sold_on: date(2026, 11, 21),
        expires_on: date(2027, 2, 18),
        home: None,
    };
    let body = serde_json::to_value(&sale).expect("serialises");
    assert!(body.get("home").is_none(), "schema 1 had no such key");
    let read = TreatmentEvent::decode("treatment.sold", 1, &body)
        .expect("a treatment kind")
        .expect("schema 1 upgrades");
    assert_eq!(read, TreatmentEvent::Sold(sale));
    // A build that knew only schema 1 keeps a schema 2 sale unread.
    assert!(matches!(
        TreatmentEvent::decode("treatment.sold", 3, &body),
        Some(Err(crate::op::DecodeError::NewerSchema { .. }))
    ));
}

#[test]
fn a_swap_without_a_note_survives_being_stored_and_read_back() {
    let (service, mai, hoa) = (ServiceId::new(), StaffId::new(), StaffId::new());
    let mut card = home_visit(4, service, mai);
    card.apply(
        stamp(2),
        &TreatmentEvent::StaffSwapped(HomeStaffSwapped {
            staff: hoa,
            note: String::new(),
        }),
    );
    let json = serde_json::to_string(&card).expect("serialises");
    let read: TreatmentState = serde_json::from_str(&json).expect("reads back");
    assert_eq!(read, card);
}

#[test]
fn granted_sessions_can_be_booked_and_bring_a_used_card_back() {
    let service = ServiceId::new();
    let mut card = sold(1, Some(service));
    let a = BookingId::new();
    card.apply(stamp(2), &reserve(a, service));
    card.apply(stamp(3), &punch(a, false));
    let today = date(2026, 11, 28);
    assert_eq!(card.status(today), TreatmentStatus::Completed);
    let grant = TreatmentEvent::Granted(SessionsGranted {
        sessions: 2,
        reference: "TV-2026-A7K-00001".to_owned(),
        note: String::new(),
    });
    card.apply(stamp(4), &grant);
    assert_eq!(card.total, 1, "what was sold does not change");
    assert_eq!(card.sessions_total(), 3);
    assert_eq!((card.remaining(), card.bookable(today)), (2, 2));
    assert_eq!(card.status(today), TreatmentStatus::Active);
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Granted { sessions: 2, .. })
    ));
    let nothing = TreatmentEvent::Granted(SessionsGranted {
        sessions: 0,
        reference: String::new(),
        note: String::new(),
    });
    card.apply(stamp(5), &nothing);
    assert_eq!(card.sessions_total(), 3);
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refused { .. })
    ));
}

#[test]
fn sessions_used_beyond_the_card_are_over_until_charged() {
    let service = ServiceId::new();
    let mut card = sold(3, Some(service));
    // Two counters offline booked the last session each: four on three.
    for (n, booking) in [
        BookingId::new(),
        BookingId::new(),
        BookingId::new(),
        BookingId::new(),
    ]
    .into_iter()
    .enumerate()
    {
        card.apply(stamp(n as u64 + 2), &reserve(booking, service));
    }
    assert_eq!((card.reserved(), card.over()), (4, 1));
    assert_eq!(card.session_price(), 1_333_333, "4.000.000 over 3, rounded");
    let charge = |sessions| {
        TreatmentEvent::Charged(SessionsCharged {
            sessions,
            sale: SaleId::new(),
            number: "A7K-000042".to_owned(),
            unit_price: Money::new(1_333_333, Currency::Vnd),
        })
    };
    card.apply(stamp(10), &charge(0));
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refused { .. })
    ));
    card.apply(stamp(11), &charge(1));
    assert_eq!((card.total, card.charged), (3, 1), "the sale stays as sold");
    assert_eq!((card.sessions_total(), card.over()), (4, 0));
    assert_eq!(card.unscheduled(), 0);
}

#[test]
fn a_transfer_moves_the_card_to_the_kept_file() {
    let mut card = sold(2, None);
    let (from, to) = (card.customer, CustomerId::new());
    let moved = TreatmentEvent::Transferred(crate::merge::TreatmentTransferred {
        from,
        to,
        at: "2026-11-22T03:00:00Z".parse().expect("valid in the test"),
    });
    card.apply(stamp(2), &moved);
    assert_eq!(card.customer, to);
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Transferred { .. })
    ));
}

fn refund(sessions: u16) -> TreatmentEvent {
    TreatmentEvent::Refunded(SessionsRefunded {
        sessions,
        amount: Money::new(400_000 * i64::from(sessions), Currency::Vnd),
        goodwill: Money::new(0, Currency::Vnd),
        sale: SaleId::new(),
        number: "A7K-000001".to_owned(),
        line: 0,
        void: false,
    })
}

#[test]
fn a_refunded_card_has_nothing_left_to_book() {
    let service = ServiceId::new();
    let mut card = sold(10, Some(service));
    let owner = card.customer;
    let today = date(2026, 11, 21);
    card.apply(stamp(2), &refund(10));
    assert_eq!((card.remaining(), card.bookable(today)), (0, 0));
    assert_eq!(card.status(today), TreatmentStatus::Refunded);
    assert_eq!(card.refunded_amount(), 4_000_000);
    let refused = card
        .can_book(owner, (service, StaffId::new()), today, today, 1)
        .expect_err("a refunded card pays for nothing");
    assert_eq!(refused, TreatmentRefusal::Refunded { sessions: 10 });
    assert_eq!(refused.code(), "treatment_refunded");
    assert!(matches!(
        card.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refunded { sessions: 10, .. })
    ));
}

#[test]
fn a_partly_refunded_card_keeps_the_rest_and_its_bookings() {
    let service = ServiceId::new();
    let mut card = sold(10, Some(service));
    let owner = card.customer;
    let today = date(2026, 11, 21);
    let (a, b) = (BookingId::new(), BookingId::new());
    card.apply(stamp(2), &reserve(a, service));
    card.apply(stamp(3), &reserve(b, service));
    card.apply(stamp(4), &punch(a, false));
    // 1 used, 1 booked: 8 unbooked, of which the refund takes 5.
    card.apply(stamp(5), &refund(5));
    assert_eq!(card.status(today), TreatmentStatus::Active);
    assert_eq!((card.remaining(), card.unscheduled()), (4, 3));
    assert_eq!(card.can_punch(), Ok(()));
    card.apply(stamp(6), &refund(3));
    // The booked session stays the customer's: nothing new can be booked.
    assert_eq!(card.status(today), TreatmentStatus::Active);
    assert_eq!(
        card.can_book(owner, (service, StaffId::new()), today, today, 1),
        Err(TreatmentRefusal::Exhausted {
            total: 10,
            used: 1,
            reserved: 1,
            refunded: 8
        })
    );
    card.apply(stamp(7), &punch(b, false));
    assert_eq!(card.status(today), TreatmentStatus::Refunded);
}

/// A refund on one counter and a booking of the same last sessions on
/// another, offline: whichever sorts first, the card ends the same, over by
/// what both took, and the booked session cannot be given until charged.
#[test]
fn a_refund_and_an_offline_booking_end_the_same_in_either_order() {
    let service = ServiceId::new();
    let booking = BookingId::new();
    let base = sold(2, Some(service));
    let today = date(2026, 11, 21);
    let (reserved, refunded) = ((stamp(2), reserve(booking, service)), (stamp(3), refund(2)));
    let mut one = base.clone();
    let mut other = base;
    for (at, event) in [&reserved, &refunded] {
        one.apply(*at, event);
    }
    for (at, event) in [&refunded, &reserved] {
        other.apply(*at, event);
    }
    for card in [&one, &other] {
        assert_eq!((card.refunded, card.reserved(), card.over()), (2, 1, 1));
        assert_eq!(card.status(today), TreatmentStatus::Refunded);
        assert_eq!(
            card.can_punch(),
            Err(TreatmentRefusal::Refunded { sessions: 2 })
        );
    }
    // Charging the session makes room for it again.
    let charge = TreatmentEvent::Charged(SessionsCharged {
        sessions: 1,
        sale: SaleId::new(),
        number: "B2M-000003".to_owned(),
        unit_price: Money::new(2_000_000, Currency::Vnd),
    });
    one.apply(stamp(9), &charge);
    assert_eq!((one.over(), one.can_punch()), (0, Ok(())));
    one.apply(stamp(10), &punch(booking, false));
    assert_eq!(one.used(), 1);
}
#[test]
fn a_withdrawn_grant_takes_its_sessions_back_once() {
    let grant = TreatmentEvent::Granted(SessionsGranted {
        sessions: 2,
        reference: "TV-2026-A7K-00001".into(),
        note: String::new(),
    });
    let resolution = OpId::new();
    let withdraw = TreatmentEvent::GrantWithdrawn(GrantWithdrawn {
        resolution,
        sessions: 2,
        reference: "TV-2026-A7K-00001".into(),
        note: String::new(),
    });
    let mut state = sold(1, Some(ServiceId::new()));
    for (n, event) in [&grant, &grant, &withdraw, &withdraw]
        .into_iter()
        .enumerate()
    {
        state.apply(stamp(n as u64 + 2), event);
    }
    assert_eq!(state.granted, 2, "one grant of two stands");
    assert!(matches!(
        state.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refused { .. })
    ));
}
