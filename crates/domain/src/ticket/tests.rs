use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;
use crate::Country;
use crate::id::{CustomerId, OpId, StaffId};
use crate::money::{Currency, Money};
use crate::op::{Machine, Stamp};

fn at(n: u64) -> Stamp {
    Stamp {
        hlc: crate::clock::Hlc::new(1_000 + n, 0),
        op: OpId::new(),
    }
}

fn noon() -> Timestamp {
    "2026-11-21T05:00:00Z".parse().expect("a timestamp")
}

fn opened() -> TicketEvent {
    TicketEvent::Opened(TicketOpened {
        code: "TV-2026-A7K-00001".to_owned(),
        customer: CustomerId::new(),
        kind: "complaint".to_owned(),
        subject: "Khăn không sạch".to_owned(),
        details: String::new(),
        reference: String::new(),
        sale: None,
        booking: None,
        assignee: None,
        priority: Priority::Normal,
        deadline: None,
        at: noon(),
    })
}

fn moved(to: TicketStatus, waiting_on: Option<WaitingOn>) -> TicketEvent {
    TicketEvent::Moved(TicketMoved {
        to,
        waiting_on,
        at: noon(),
        note: String::new(),
    })
}

fn resolved(compensation: Compensation) -> TicketEvent {
    TicketEvent::Resolved(TicketResolved {
        compensation,
        at: noon(),
        note: String::new(),
    })
}

fn ticket(events: &[TicketEvent]) -> TicketState {
    let all: Vec<(Stamp, TicketEvent)> = std::iter::once(opened())
        .chain(events.iter().cloned())
        .enumerate()
        .map(|(n, e)| (at(n as u64), e))
        .collect();
    TicketState::fold(all.iter().map(|(s, e)| (*s, e))).expect("opened first")
}

/// The workflow written out in full: every (from, to) pair that is a move.
const MOVES: &[(TicketStatus, TicketStatus)] = {
    use TicketStatus::*;
    &[
        (New, InProgress),
        (New, Waiting),
        (New, Completed),
        (New, Cancelled),
        (InProgress, Waiting),
        (InProgress, Completed),
        (InProgress, Cancelled),
        (Waiting, InProgress),
        (Waiting, Waiting),
        (Waiting, Completed),
        (Waiting, Cancelled),
    ]
};

#[test]
fn every_pair_of_statuses_against_the_table() {
    for from in TicketStatus::ALL {
        for to in TicketStatus::ALL {
            let expected = MOVES.contains(&(from, to));
            assert_eq!(from.check(to).is_ok(), expected, "{from} -> {to}");
        }
    }
}

#[test]
fn only_waiting_waits_on_someone() {
    let new = ticket(&[]);
    assert!(new.check_move(TicketStatus::Waiting, None).is_ok());
    assert_eq!(
        new.check_move(TicketStatus::InProgress, Some(WaitingOn::Carrier)),
        Err(TicketRefusal::NotWaiting(TicketStatus::InProgress))
    );
    let waiting = ticket(&[moved(TicketStatus::Waiting, Some(WaitingOn::Carrier))]);
    assert_eq!(waiting.status, TicketStatus::Waiting);
    assert_eq!(waiting.waiting_on, Some(WaitingOn::Carrier));
    // Waiting on someone else is a move; on the same party again is not.
    assert!(
        waiting
            .check_move(TicketStatus::Waiting, Some(WaitingOn::Doctor))
            .is_ok()
    );
    assert!(matches!(
        waiting.check_move(TicketStatus::Waiting, Some(WaitingOn::Carrier)),
        Err(TicketRefusal::Transition { .. })
    ));
    let back = ticket(&[
        moved(TicketStatus::Waiting, Some(WaitingOn::Carrier)),
        moved(TicketStatus::InProgress, None),
    ]);
    assert_eq!(back.waiting_on, None);
}

#[test]
fn resolving_completes_and_records_the_compensation() {
    let credit = Compensation::Credit {
        amount: Money::new(100_000, Currency::Vnd),
        credit: crate::id::CreditId::new(),
        expires_at: noon(),
    };
    let t = ticket(&[
        moved(TicketStatus::InProgress, None),
        resolved(credit.clone()),
    ]);
    assert_eq!(t.status, TicketStatus::Completed);
    assert_eq!(t.resolution, Some(credit));
    assert_eq!(t.closed_at, Some(noon()));
    assert!(matches!(
        t.history.last().map(|h| &h.change),
        Some(TicketChange::Resolved {
            from: TicketStatus::InProgress,
            ..
        })
    ));
}

#[test]
fn ops_that_cannot_apply_are_kept_as_refused() {
    // Two counters offline: one resolved, the other cancelled later.
    let t = ticket(&[
        resolved(Compensation::None),
        moved(TicketStatus::Cancelled, None),
        resolved(Compensation::None),
        moved(TicketStatus::Completed, None),
    ]);
    assert_eq!(t.status, TicketStatus::Completed);
    let refused = t
        .history
        .iter()
        .filter(|h| matches!(h.change, TicketChange::Refused { .. }))
        .count();
    assert_eq!(refused, 3);
    assert_eq!(t.history.len(), 5, "nothing is dropped");
}

#[test]
fn escalation_only_ever_raises_to_high() {
    let escalate = || {
        TicketEvent::Escalated(TicketEscalated {
            deadline: noon(),
            at: noon(),
        })
    };
    let t = ticket(&[escalate(), escalate()]);
    assert_eq!(t.priority, Priority::High);
    assert!(matches!(
        t.history.last().map(|h| &h.change),
        Some(TicketChange::Refused { .. })
    ));
    let urgent = ticket(&[
        TicketEvent::Edited(TicketEdited {
            changes: vec![TicketField::Priority(Priority::Urgent)],
            at: noon(),
            note: String::new(),
        }),
        escalate(),
    ]);
    assert_eq!(urgent.priority, Priority::Urgent);
}

#[test]
fn edits_change_each_field_last_writer_wins() {
    let mai = StaffId::new();
    let deadline = noon() + SignedDuration::from_hours(48);
    let t = ticket(&[
        TicketEvent::Edited(TicketEdited {
            changes: vec![
                TicketField::Assignee(Some(mai)),
                TicketField::Deadline(Some(deadline)),
                TicketField::Subject("Khăn bẩn".to_owned()),
            ],
            at: noon(),
            note: String::new(),
        }),
        TicketEvent::Edited(TicketEdited {
            changes: vec![TicketField::Deadline(None)],
            at: noon(),
            note: String::new(),
        }),
    ]);
    assert_eq!(t.assignee, Some(mai));
    assert_eq!(t.deadline, None);
    assert_eq!(t.subject, "Khăn bẩn");
}

#[test]
fn due_soon_is_less_than_a_day_away_or_past() {
    let now = noon();
    assert!(due_soon(now + SignedDuration::from_hours(23), now));
    assert!(due_soon(now - SignedDuration::from_hours(5), now));
    assert!(!due_soon(now + SignedDuration::from_hours(24), now));
    assert!(!due_soon(now + SignedDuration::from_hours(30), now));
}

#[test]
fn codes_name_the_register_and_the_year() {
    assert_eq!(code("TV", 2026, "A7K", 1), "TV-2026-A7K-00001");
    assert_eq!(code("TK", 2027, "B", 123_456), "TK-2027-B-123456");
}

#[test]
fn settings_defaults_and_refusals() {
    let vn = TicketSettings::for_country(Country::Vietnam);
    assert_eq!(vn.prefix, "TV");
    assert_eq!(
        vn.kind("Complaint").map(|t| t.offers),
        Some(CompensationKind::Credit)
    );
    assert_eq!(
        vn.kind("return").map(|t| t.offers),
        Some(CompensationKind::Refund)
    );
    assert!(vn.clone().validated().is_ok());
    assert_eq!(TicketSettings::for_country(Country::Indonesia).prefix, "TK");

    let mut bad = vn.clone();
    bad.prefix = "T1".to_owned();
    assert!(matches!(
        bad.validated(),
        Err(TicketSettingsError::Prefix(_))
    ));
    let mut twice = vn.clone();
    twice.types.push(TicketType {
        code: "COMPLAINT".to_owned(),
        offers: CompensationKind::None,
    });
    assert!(matches!(
        twice.validated(),
        Err(TicketSettingsError::TypeTwice(_))
    ));
    let mut spaced = vn.clone();
    spaced.types[0].code = "late delivery".to_owned();
    assert!(matches!(
        spaced.validated(),
        Err(TicketSettingsError::TypeCode(_))
    ));
    let mut none = vn.clone();
    none.types.clear();
    assert!(matches!(
        none.validated(),
        Err(TicketSettingsError::TypeCount(0))
    ));
    let mut days = vn;
    days.credit_days = 0;
    assert!(matches!(
        days.validated(),
        Err(TicketSettingsError::CreditDays(0))
    ));
}

#[test]
fn bodies_round_trip_through_json() {
    for event in [
        opened(),
        moved(TicketStatus::Waiting, Some(WaitingOn::Doctor)),
        resolved(Compensation::Session {
            treatment: crate::id::TreatmentId::new(),
            sessions: 1,
        }),
        resolved(Compensation::Refund {
            amount: Money::new(50_000, Currency::Vnd),
            sale: None,
        }),
    ] {
        let back = TicketEvent::decode(event.kind(), event.schema(), &event.body())
            .expect("a ticket kind")
            .expect("decodes");
        assert_eq!(back, event);
    }
}

fn any_event() -> impl Strategy<Value = TicketEvent> {
    let status = prop::sample::select(TicketStatus::ALL.to_vec());
    let party = prop::option::of(prop::sample::select(vec![
        WaitingOn::Carrier,
        WaitingOn::Doctor,
        WaitingOn::Customer,
    ]));
    prop_oneof![
        (status, party).prop_map(|(to, w)| moved(to, w)),
        Just(resolved(Compensation::None)),
        Just(TicketEvent::Escalated(TicketEscalated {
            deadline: noon(),
            at: noon(),
        })),
    ]
}

proptest! {
    /// Whatever two counters did offline, the history folds to a state the
    /// workflow allows: every status change it records is a move of the
    /// table, a closed ticket stays closed, and nothing is dropped.
    #[test]
    fn any_sequence_follows_the_workflow(events in prop::collection::vec(any_event(), 0..12)) {
        let t = ticket(&events);
        prop_assert_eq!(t.history.len(), events.len() + 1);
        let mut status = TicketStatus::New;
        for entry in &t.history {
            match &entry.change {
                TicketChange::Moved { from, to, .. } => {
                    prop_assert_eq!(*from, status);
                    prop_assert!(from.check(*to).is_ok());
                    status = *to;
                }
                TicketChange::Resolved { from, .. } => {
                    prop_assert_eq!(*from, status);
                    prop_assert!(status.is_open());
                    status = TicketStatus::Completed;
                }
                _ => {}
            }
        }
        prop_assert_eq!(t.status, status);
        prop_assert_eq!(t.closed_at.is_some(), !status.is_open());
        prop_assert!(t.waiting_on.is_none() || status == TicketStatus::Waiting);
    }
}

#[test]
fn only_a_refused_resolution_is_reversed_and_only_once() {
    let credit = |amount| Compensation::Credit {
        amount: Money::new(amount, Currency::Vnd),
        credit: crate::id::CreditId::new(),
        expires_at: noon(),
    };
    let all: Vec<(Stamp, TicketEvent)> = [
        opened(),
        resolved(credit(100_000)),
        resolved(credit(100_000)),
    ]
    .into_iter()
    .enumerate()
    .map(|(n, e)| (at(n as u64), e))
    .collect();
    let (kept, late) = (all[1].0.op, all[2].0.op);
    let reverse = |resolution| {
        TicketEvent::Reversed(TicketReversed {
            resolution,
            compensation: Compensation::None,
            at: noon(),
            note: String::new(),
        })
    };
    let mut state = TicketState::fold(all.iter().map(|(s, e)| (*s, e))).expect("opened");
    assert_eq!(
        state
            .unreversed_resolutions()
            .iter()
            .map(|s| s.op)
            .collect::<Vec<_>>(),
        [late],
        "the later resolution by canonical order"
    );
    // The kept one cannot be reversed; the late one can, once.
    for resolution in [kept, late, late] {
        state.apply(at(10), &reverse(resolution));
    }
    let changes: Vec<&TicketChange> = state
        .history
        .iter()
        .rev()
        .take(3)
        .map(|h| &h.change)
        .collect();
    assert!(matches!(changes[0], TicketChange::Refused { .. }));
    assert!(matches!(changes[1], TicketChange::Reversed { resolution, .. } if *resolution == late));
    assert!(matches!(changes[2], TicketChange::Refused { .. }));
    assert!(state.unreversed_resolutions().is_empty());
}
