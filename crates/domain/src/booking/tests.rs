use jiff::Timestamp;

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

fn made() -> BookingEvent {
    let start: Timestamp = "2026-11-21T02:00:00Z".parse().expect("valid in the test");
    BookingEvent::Made(BookingMade {
        customer: CustomerId::new(),
        items: vec![BookingItem {
            service: ServiceId::new(),
            staff: StaffId::new(),
            room: None,
            start,
            end: "2026-11-21T03:00:00Z".parse().expect("valid in the test"),
            buffer_minutes: 30,
            price: Money::new(450_000, Currency::Vnd),
            treatment: None,
        }],
        source: BookingSource::Phone,
        status: BookingStatus::Confirmed,
        notes: String::new(),
    })
}

fn to(status: BookingStatus) -> BookingEvent {
    BookingEvent::StatusChanged(BookingStatusChanged {
        to: status,
        note: String::new(),
    })
}

#[test]
fn every_move_of_the_life_cycle_is_allowed_or_refused_as_drawn() {
    use BookingStatus::*;
    let allowed = [
        (Pending, Confirmed),
        (Pending, CheckedIn),
        (Pending, Cancelled),
        (Pending, Forfeited),
        (Pending, NoShow),
        (Confirmed, CheckedIn),
        (Confirmed, Cancelled),
        (Confirmed, Forfeited),
        (Confirmed, NoShow),
        (CheckedIn, InProgress),
        (CheckedIn, Completed),
        (InProgress, Completed),
        (Completed, InProgress),
    ];
    for from in BookingStatus::ALL {
        for to in BookingStatus::ALL {
            let expected = allowed.contains(&(from, to));
            assert_eq!(from.check(to).is_ok(), expected, "{from} -> {to}");
        }
    }
}

#[test]
fn a_refused_move_stays_in_history_and_changes_nothing() {
    let made = made();
    let cancel = to(BookingStatus::Cancelled);
    let check_in = to(BookingStatus::CheckedIn);
    // Two counters: one cancelled, the other (later stamp) checked in.
    let state = BookingState::fold([
        (stamp(1), &made),
        (stamp(2), &cancel),
        (stamp(3), &check_in),
    ])
    .expect("made");
    assert_eq!(state.status, BookingStatus::Cancelled);
    assert!(matches!(
        state.history.last().map(|h| &h.change),
        Some(BookingChange::Refused { .. })
    ));
}

#[test]
fn rescheduling_keeps_the_old_times_in_history() {
    let made = made();
    let BookingEvent::Made(body) = &made else {
        unreachable!()
    };
    let item = &body.items[0];
    let moved = BookingEvent::Rescheduled(BookingRescheduled {
        item: 0,
        staff: item.staff,
        room: None,
        start: "2026-11-22T02:00:00Z".parse().expect("valid in the test"),
        end: "2026-11-22T03:00:00Z".parse().expect("valid in the test"),
        note: "customer asked".into(),
    });
    let state = BookingState::fold([(stamp(1), &made), (stamp(2), &moved)]).expect("made");
    assert_eq!(state.start().to_string(), "2026-11-22T02:00:00Z");
    let Some(BookingChange::Rescheduled { from, .. }) = state.history.last().map(|h| &h.change)
    else {
        panic!("expected a reschedule in history");
    };
    assert_eq!(from.start, item.start);
    // Once checked in, it cannot move.
    let check_in = to(BookingStatus::CheckedIn);
    let state = BookingState::fold([(stamp(1), &made), (stamp(2), &check_in), (stamp(3), &moved)])
        .expect("made");
    assert_eq!(state.start(), item.start);
}

#[test]
fn status_and_source_read_as_written() {
    for status in BookingStatus::ALL {
        assert_eq!(status.as_str().parse::<BookingStatus>(), Ok(status));
    }
    assert_eq!(
        "no-show".parse::<BookingStatus>(),
        Ok(BookingStatus::NoShow)
    );
    assert_eq!(
        "walk-in".parse::<BookingSource>(),
        Ok(BookingSource::WalkIn)
    );
    assert!("email".parse::<BookingSource>().is_err());
}
