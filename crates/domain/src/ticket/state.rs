//! A ticket folded from its ops in canonical order. An op that cannot apply
//! where the ticket stands when it sorts in (two counters offline moved it
//! apart) is kept in the history as refused, never dropped.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    Compensation, Priority, TicketEvent, TicketField, TicketRefusal, TicketResolved, TicketStatus,
    WaitingOn,
};
use crate::id::{BookingId, CustomerId, OpId, SaleId, StaffId};
use crate::op::{Machine, OpBody, Stamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketState {
    pub code: String,
    pub customer: CustomerId,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub details: String,
    pub reference: String,
    pub sale: Option<SaleId>,
    pub booking: Option<BookingId>,
    pub assignee: Option<StaffId>,
    pub priority: Priority,
    pub deadline: Option<Timestamp>,
    pub status: TicketStatus,
    pub waiting_on: Option<WaitingOn>,
    pub opened_at: Timestamp,
    /// When it was completed or cancelled.
    pub closed_at: Option<Timestamp>,
    pub resolution: Option<Compensation>,
    pub history: Vec<TicketHistoryEntry>,
    pub last: Stamp,
}

/// What happened to a ticket, in order. Who did it is the op's actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum TicketChange {
    Opened,
    Moved {
        from: TicketStatus,
        to: TicketStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        waiting_on: Option<WaitingOn>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    Edited {
        changes: Vec<TicketField>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    Escalated {
        from: Priority,
        to: Priority,
    },
    Resolved {
        from: TicketStatus,
        compensation: Compensation,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// The customer's file was merged into another.
    Transferred {
        from: CustomerId,
        to: CustomerId,
    },
    /// What a refused resolution (`resolution`, its op) had given was
    /// taken back.
    Reversed {
        resolution: OpId,
        compensation: Compensation,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    Refused {
        kind: String,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketHistoryEntry {
    pub stamp: Stamp,
    /// The business time the op gives.
    pub at: Timestamp,
    #[serde(flatten)]
    pub change: TicketChange,
}

impl Machine for TicketState {
    type Event = TicketEvent;

    fn begin(stamp: Stamp, event: &TicketEvent) -> Option<Self> {
        let TicketEvent::Opened(opened) = event else {
            return None;
        };
        Some(TicketState {
            code: opened.code.clone(),
            customer: opened.customer,
            kind: opened.kind.clone(),
            subject: opened.subject.clone(),
            details: opened.details.clone(),
            reference: opened.reference.clone(),
            sale: opened.sale,
            booking: opened.booking,
            assignee: opened.assignee,
            priority: opened.priority,
            deadline: opened.deadline,
            status: TicketStatus::New,
            waiting_on: None,
            opened_at: opened.at,
            closed_at: None,
            resolution: None,
            history: vec![TicketHistoryEntry {
                stamp,
                at: opened.at,
                change: TicketChange::Opened,
            }],
            last: stamp,
        })
    }

    fn apply(&mut self, stamp: Stamp, event: &TicketEvent) {
        self.last = self.last.max(stamp);
        let at = match event {
            TicketEvent::Opened(e) => e.at,
            TicketEvent::Moved(e) => e.at,
            TicketEvent::Edited(e) => e.at,
            TicketEvent::Escalated(e) => e.at,
            TicketEvent::Resolved(e) => e.at,
            TicketEvent::Transferred(e) => e.at,
            TicketEvent::Reversed(e) => e.at,
        };
        let change = match self.change(event) {
            Ok(change) => change,
            Err(reason) => TicketChange::Refused {
                kind: event.kind().to_owned(),
                reason,
            },
        };
        self.history.push(TicketHistoryEntry { stamp, at, change });
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

impl TicketState {
    /// Whether the ticket may move to `to`, waiting on `waiting_on` (the
    /// counter says on whom when it knows; only WAITING waits on anyone).
    pub fn check_move(
        &self,
        to: TicketStatus,
        waiting_on: Option<WaitingOn>,
    ) -> Result<(), TicketRefusal> {
        self.status.check(to)?;
        match (to, waiting_on) {
            // Still waiting, on the same party: not a change.
            (TicketStatus::Waiting, _)
                if self.status == TicketStatus::Waiting && self.waiting_on == waiting_on =>
            {
                Err(TicketRefusal::Transition {
                    from: self.status,
                    to,
                })
            }
            (TicketStatus::Waiting, _) | (_, None) => Ok(()),
            (_, Some(_)) => Err(TicketRefusal::NotWaiting(to)),
        }
    }

    /// Whether its fields may still change.
    pub fn check_open(&self) -> Result<(), TicketRefusal> {
        if self.status.is_open() {
            Ok(())
        } else {
            Err(TicketRefusal::Closed(self.status))
        }
    }

    /// The resolutions the fold refused (the ticket was closed when they
    /// sorted in: another counter resolved or cancelled it first, offline)
    /// and that nobody has reversed yet, oldest first. Their compensation
    /// was written with them all the same; one that gave nothing needs no
    /// reversing, which the op itself says.
    pub fn unreversed_resolutions(&self) -> Vec<Stamp> {
        self.history
            .iter()
            .filter(|entry| {
                matches!(&entry.change, TicketChange::Refused { kind, .. }
                    if kind == TicketResolved::KIND)
            })
            .filter(|entry| !self.reversed(entry.stamp.op))
            .map(|entry| entry.stamp)
            .collect()
    }

    fn reversed(&self, resolution: OpId) -> bool {
        self.history.iter().any(|entry| {
            matches!(&entry.change, TicketChange::Reversed { resolution: r, .. } if *r == resolution)
        })
    }

    /// Open with a deadline at or before `now`.
    pub fn overdue(&self, now: Timestamp) -> bool {
        self.status.is_open() && self.deadline.is_some_and(|d| d <= now)
    }

    fn change(&mut self, event: &TicketEvent) -> Result<TicketChange, String> {
        Ok(match event {
            TicketEvent::Opened(_) => return Err("the ticket was already opened".to_owned()),
            TicketEvent::Moved(moved) => {
                if moved.to == TicketStatus::Completed {
                    // The commands complete a ticket only with `resolved`.
                    return Err("a ticket is completed by resolving it".to_owned());
                }
                self.check_move(moved.to, moved.waiting_on)
                    .map_err(|e| e.to_string())?;
                let from = self.status;
                self.status = moved.to;
                self.waiting_on = moved.waiting_on;
                if !moved.to.is_open() {
                    self.closed_at = Some(moved.at);
                }
                TicketChange::Moved {
                    from,
                    to: moved.to,
                    waiting_on: moved.waiting_on,
                    note: moved.note.clone(),
                }
            }
            TicketEvent::Edited(edited) => {
                for change in &edited.changes {
                    match change {
                        TicketField::Subject(subject) => self.subject.clone_from(subject),
                        TicketField::Details(details) => self.details.clone_from(details),
                        TicketField::Assignee(assignee) => self.assignee = *assignee,
                        TicketField::Priority(priority) => self.priority = *priority,
                        TicketField::Deadline(deadline) => self.deadline = *deadline,
                    }
                }
                TicketChange::Edited {
                    changes: edited.changes.clone(),
                    note: edited.note.clone(),
                }
            }
            TicketEvent::Escalated(_) => {
                if !self.status.is_open() {
                    return Err(TicketRefusal::Closed(self.status).to_string());
                }
                let from = self.priority;
                if from >= Priority::High {
                    return Err(format!("the ticket is already {}", from.as_str()));
                }
                self.priority = Priority::High;
                TicketChange::Escalated {
                    from,
                    to: Priority::High,
                }
            }
            TicketEvent::Reversed(reversed) => {
                if !self
                    .unreversed_resolutions()
                    .iter()
                    .any(|stamp| stamp.op == reversed.resolution)
                {
                    return Err(TicketRefusal::NothingToReverse(self.code.clone()).to_string());
                }
                TicketChange::Reversed {
                    resolution: reversed.resolution,
                    compensation: reversed.compensation.clone(),
                    note: reversed.note.clone(),
                }
            }
            TicketEvent::Transferred(moved) => TicketChange::Transferred {
                from: std::mem::replace(&mut self.customer, moved.to),
                to: moved.to,
            },
            TicketEvent::Resolved(resolved) => {
                self.check_move(TicketStatus::Completed, None)
                    .map_err(|e| e.to_string())?;
                let from = self.status;
                self.status = TicketStatus::Completed;
                self.waiting_on = None;
                self.closed_at = Some(resolved.at);
                self.resolution = Some(resolved.compensation.clone());
                TicketChange::Resolved {
                    from,
                    compensation: resolved.compensation.clone(),
                    note: resolved.note.clone(),
                }
            }
        })
    }
}
