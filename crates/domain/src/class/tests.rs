use proptest::prelude::*;

use super::*;
use crate::clock::Hlc;
use crate::id::OpId;
use crate::money::Currency;
use crate::op::Machine;

fn stamp(ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc::new(ms, 0),
        op: OpId::new(),
    }
}

fn scheduled(seats: u16, allowed: Option<Vec<CustomerId>>) -> ClassState {
    let event = ClassEvent::Scheduled(ClassScheduled {
        service: ServiceId::new(),
        staff: StaffId::new(),
        room: None,
        start: "2026-11-28T02:00:00Z".parse().expect("valid in the test"),
        end: "2026-11-28T03:00:00Z".parse().expect("valid in the test"),
        buffer_minutes: 15,
        seats,
        price: Money::new(200_000, Currency::Vnd),
        allowed,
        notes: String::new(),
    });
    ClassState::begin(stamp(1), &event).expect("a scheduled op starts a class")
}

fn enrol(customer: CustomerId) -> ClassEvent {
    ClassEvent::Enrolled(ClassEnrolled {
        customer,
        treatment: None,
    })
}

fn leave(customer: CustomerId, late: bool) -> ClassEvent {
    ClassEvent::Left(ClassLeft { customer, late })
}

fn attend(customer: CustomerId, attended: bool) -> ClassEvent {
    ClassEvent::Attendance(ClassAttendance { customer, attended })
}

fn customers(n: usize) -> Vec<CustomerId> {
    (0..n).map(|_| CustomerId::new()).collect()
}

fn last_change(state: &ClassState) -> &ClassChange {
    &state.history.last().expect("the class has history").change
}

#[test]
fn the_first_customers_take_the_seats_and_the_rest_wait_in_line() {
    let people = customers(4);
    let mut class = scheduled(2, None);
    for (i, c) in people.iter().enumerate() {
        class.apply(stamp(10 + i as u64), &enrol(*c));
    }
    assert_eq!(class.standing(people[0]), Some(Standing::Seated));
    assert_eq!(class.standing(people[1]), Some(Standing::Seated));
    assert_eq!(class.standing(people[2]), Some(Standing::Waiting(1)));
    assert_eq!(class.standing(people[3]), Some(Standing::Waiting(2)));
    assert_eq!((class.seated_count(), class.waiting_count()), (2, 2));
    assert_eq!(
        last_change(&class),
        &ClassChange::Enrolled {
            customer: people[3],
            seated: false
        }
    );
}

#[test]
fn a_freed_seat_goes_to_the_next_in_line_and_the_history_says_so() {
    let people = customers(3);
    let mut class = scheduled(2, None);
    for (i, c) in people.iter().enumerate() {
        class.apply(stamp(10 + i as u64), &enrol(*c));
    }
    class.apply(stamp(20), &leave(people[0], false));
    assert_eq!(class.standing(people[0]), None);
    assert_eq!(class.standing(people[2]), Some(Standing::Seated));
    let tail: Vec<&ClassChange> = class
        .history
        .iter()
        .rev()
        .take(2)
        .map(|h| &h.change)
        .collect();
    assert_eq!(
        tail,
        [
            &ClassChange::Promoted {
                customer: people[2]
            },
            &ClassChange::Left {
                customer: people[0],
                forfeited: false
            },
        ]
    );
}

#[test]
fn leaving_a_seat_late_forfeits_it_but_leaving_the_line_late_does_not() {
    let people = customers(2);
    let mut class = scheduled(1, None);
    class.apply(stamp(10), &enrol(people[0]));
    class.apply(stamp(11), &enrol(people[1]));
    class.apply(stamp(20), &leave(people[1], true));
    assert_eq!(class.places[1].status, PlaceStatus::Left);
    class.apply(stamp(21), &leave(people[0], true));
    assert_eq!(class.places[0].status, PlaceStatus::Forfeited);
    assert_eq!(class.seated_count(), 0);
}

#[test]
fn only_customers_on_the_list_may_join_a_class_that_has_one() {
    let people = customers(2);
    let mut class = scheduled(5, Some(vec![people[0]]));
    assert_eq!(class.check(&enrol(people[1])), Err(ClassRefusal::NotOnList));
    class.apply(stamp(10), &enrol(people[1]));
    assert_eq!(class.places.len(), 0, "a refused op changes nothing");
    assert!(matches!(last_change(&class), ClassChange::Refused { .. }));
    class.apply(
        stamp(11),
        &ClassEvent::Allowed(ClassAllowed {
            customers: vec![people[1]],
        }),
    );
    assert_eq!(class.check(&enrol(people[1])), Ok(()));
    let open = scheduled(5, None);
    let allow = ClassEvent::Allowed(ClassAllowed {
        customers: vec![people[1]],
    });
    assert_eq!(open.check(&allow), Err(ClassRefusal::Open));
}

#[test]
fn a_customer_holds_one_place_and_joins_the_back_of_the_line_after_leaving() {
    let people = customers(3);
    let mut class = scheduled(1, None);
    class.apply(stamp(10), &enrol(people[0]));
    class.apply(stamp(11), &enrol(people[1]));
    assert_eq!(
        class.check(&enrol(people[0])),
        Err(ClassRefusal::AlreadyEnrolled)
    );
    class.apply(stamp(12), &enrol(people[2]));
    class.apply(stamp(13), &leave(people[1], false));
    class.apply(stamp(14), &enrol(people[1]));
    assert_eq!(class.standing(people[2]), Some(Standing::Waiting(1)));
    assert_eq!(class.standing(people[1]), Some(Standing::Waiting(2)));
}

#[test]
fn attendance_is_for_seated_customers_once() {
    let people = customers(2);
    let mut class = scheduled(1, None);
    class.apply(stamp(10), &enrol(people[0]));
    class.apply(stamp(11), &enrol(people[1]));
    assert_eq!(
        class.check(&attend(people[1], true)),
        Err(ClassRefusal::NotSeated)
    );
    class.apply(stamp(12), &attend(people[0], true));
    assert_eq!(class.places[0].status, PlaceStatus::Attended);
    assert_eq!(
        class.check(&attend(people[0], false)),
        Err(ClassRefusal::AlreadyMarked)
    );
    assert_eq!(
        class.check(&leave(people[0], false)),
        Err(ClassRefusal::AlreadyMarked)
    );
    assert_eq!(
        class.check(&attend(CustomerId::new(), true)),
        Err(ClassRefusal::NotEnrolled)
    );
}

#[test]
fn more_seats_seat_the_waiting_list_and_fewer_than_taken_are_refused() {
    let people = customers(3);
    let mut class = scheduled(1, None);
    for (i, c) in people.iter().enumerate() {
        class.apply(stamp(10 + i as u64), &enrol(*c));
    }
    let seats = |n| ClassEvent::SeatsChanged(ClassSeatsChanged { seats: n });
    class.apply(stamp(20), &seats(3));
    assert_eq!(class.seated_count(), 3);
    let promoted = class
        .history
        .iter()
        .filter(|h| matches!(h.change, ClassChange::Promoted { .. }))
        .count();
    assert_eq!(promoted, 2);
    assert_eq!(
        class.check(&seats(2)),
        Err(ClassRefusal::SeatsTaken { taken: 3 })
    );
    assert_eq!(class.check(&seats(0)), Err(ClassRefusal::Seats(0)));
    assert_eq!(
        class.check(&seats(MAX_SEATS + 1)),
        Err(ClassRefusal::Seats(MAX_SEATS + 1))
    );
}

#[test]
fn a_cancelled_class_takes_no_more_changes() {
    let people = customers(1);
    let mut class = scheduled(1, None);
    class.apply(stamp(10), &enrol(people[0]));
    class.apply(
        stamp(11),
        &ClassEvent::Cancelled(ClassCancelled {
            note: "teacher ill".to_owned(),
        }),
    );
    assert!(class.cancelled);
    for event in [
        enrol(CustomerId::new()),
        leave(people[0], false),
        attend(people[0], true),
        ClassEvent::Cancelled(ClassCancelled {
            note: String::new(),
        }),
    ] {
        assert_eq!(class.check(&event), Err(ClassRefusal::Cancelled));
    }
}

#[test]
fn two_counters_selling_the_last_seat_offline_agree_on_who_got_it() {
    // Counter A sold the seat to X at 10, counter B to Y at 11; each saw
    // the seat free. Whatever order their ops arrive in, the fold sorts by
    // stamp: X sits, Y waits first in line, on both.
    let (x, y) = (CustomerId::new(), CustomerId::new());
    let base = scheduled(1, None);
    let ops = [(stamp(10), enrol(x)), (stamp(11), enrol(y))];
    let fold = |order: &[usize]| {
        let mut sorted: Vec<&(Stamp, ClassEvent)> = order.iter().map(|i| &ops[*i]).collect();
        sorted.sort_by_key(|(s, _)| *s);
        let mut class = base.clone();
        for (s, e) in sorted {
            class.apply(*s, e);
        }
        class
    };
    let a = fold(&[0, 1]);
    let b = fold(&[1, 0]);
    assert_eq!(a, b);
    assert_eq!(a.standing(x), Some(Standing::Seated));
    assert_eq!(a.standing(y), Some(Standing::Waiting(1)));
}

#[derive(Debug, Clone)]
enum Step {
    Enrol(usize),
    Leave(usize, bool),
    Attend(usize, bool),
    Seats(u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..6usize).prop_map(Step::Enrol),
        (0..6usize, any::<bool>()).prop_map(|(c, l)| Step::Leave(c, l)),
        (0..6usize, any::<bool>()).prop_map(|(c, a)| Step::Attend(c, a)),
        (0..6u16).prop_map(Step::Seats),
    ]
}

proptest! {
    #[test]
    fn seats_are_never_overfilled_and_attendance_stays_seated(
        seats in 1..4u16,
        steps in proptest::collection::vec(step(), 0..40),
    ) {
        let people = customers(6);
        let mut class = scheduled(seats, None);
        for (i, s) in steps.iter().enumerate() {
            let event = match *s {
                Step::Enrol(c) => enrol(people[c]),
                Step::Leave(c, late) => leave(people[c], late),
                Step::Attend(c, attended) => attend(people[c], attended),
                Step::Seats(n) => ClassEvent::SeatsChanged(ClassSeatsChanged { seats: n }),
            };
            let before = class.places.clone();
            let allowed = class.check(&event).is_ok();
            class.apply(stamp(10 + i as u64), &event);
            if !allowed {
                prop_assert_eq!(&class.places, &before, "a refused op changes nothing");
            }
            prop_assert!(class.seated_count() <= class.seats);
            for person in &people {
                let holding = class
                    .places
                    .iter()
                    .filter(|p| p.customer == *person && p.status.holds())
                    .count();
                prop_assert!(holding <= 1, "one place per customer");
            }
            for place in class.places.iter().filter(|p| {
                matches!(p.status, PlaceStatus::Attended | PlaceStatus::NoShow)
            }) {
                prop_assert_eq!(class.standing(place.customer), Some(Standing::Seated));
            }
            let holders = class.places.iter().filter(|p| p.status.holds()).count();
            prop_assert_eq!(
                usize::from(class.seated_count()) + usize::from(class.waiting_count()),
                holders
            );
        }
    }
}
