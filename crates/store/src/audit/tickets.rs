//! Sentences for service tickets and the free sessions they grant.

use caredesk_domain::id::TicketId;
use caredesk_domain::op::Op;
use caredesk_domain::ticket::{Compensation, TicketEvent, TicketField, TicketStatus};

use super::{Words, join};
use crate::error::Result;

impl Words<'_> {
    /// A word from the sentences, or `fallback` when the file has none (a
    /// ticket type the business added itself is shown by its code).
    fn say_or(&self, key: &str, fallback: &str) -> String {
        let key = format!("audit.{key}");
        if self.catalogue.has(&key) {
            self.catalogue.get(&key).to_owned()
        } else {
            fallback.to_owned()
        }
    }

    fn ticket_status(&self, status: TicketStatus) -> String {
        self.say(&format!("ticket_status.{}", status.as_str()))
    }

    /// A ticket is told by its code, its customer and what happened.
    pub(super) fn ticket_words(
        &self,
        op: &Op,
        event: &TicketEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = TicketId::from_uuid(*op.entity.as_uuid());
        if let Some(state) = crate::tickets::projection::load(&self.store.conn, id)? {
            values.push(("code", state.code));
            values.push(("customer", self.customer_name(state.customer.into())?));
        }
        Ok(match event {
            TicketEvent::Opened(opened) => {
                // `.other` ends a counted sentence's key in the catalogue, so
                // the type named "other" is worded as `misc`, as on screen.
                let word = match opened.kind.as_str() {
                    "other" => "misc",
                    code => code,
                };
                let kind = self.say_or(&format!("ticket_type.{word}"), &opened.kind);
                values.push(("type", kind));
                values.push(("subject", opened.subject.clone()));
                op.kind.clone()
            }
            TicketEvent::Transferred(moved) => {
                self.transfer_names(moved.from, moved.to, values)?;
                op.kind.clone()
            }
            TicketEvent::Moved(moved) => {
                let status = match moved.waiting_on {
                    Some(party) => self.say(&format!("ticket_waiting.{}", party.as_str())),
                    None => self.ticket_status(moved.to),
                };
                values.push(("status", status));
                values.push(("note", moved.note.clone()));
                with_note(&op.kind, &moved.note)
            }
            TicketEvent::Edited(edited) => {
                let fields: Vec<String> = edited
                    .changes
                    .iter()
                    .map(|change| {
                        let field = match change {
                            TicketField::Subject(_) => "subject",
                            TicketField::Details(_) => "details",
                            TicketField::Assignee(_) => "assignee",
                            TicketField::Priority(_) => "priority",
                            TicketField::Deadline(_) => "deadline",
                        };
                        self.say(&format!("field.{field}"))
                    })
                    .collect();
                values.push(("fields", join(&fields, &self.say("list.and"))));
                op.kind.clone()
            }
            TicketEvent::Escalated(escalated) => {
                values.push(("deadline", self.store.format_time_short(escalated.deadline)));
                op.kind.clone()
            }
            TicketEvent::Resolved(resolved) => {
                values.push(("note", resolved.note.clone()));
                let key = match &resolved.compensation {
                    Compensation::None => "ticket.resolved",
                    Compensation::Refund { amount, .. } => {
                        values.push(("amount", amount.to_string()));
                        "ticket.resolved_refund"
                    }
                    Compensation::Credit {
                        amount, expires_at, ..
                    } => {
                        values.push(("amount", amount.to_string()));
                        values.push(("date", self.store.format_time_short(*expires_at)));
                        "ticket.resolved_credit"
                    }
                    Compensation::Session { sessions, .. } => {
                        values.push(("sessions", sessions.to_string()));
                        "ticket.resolved_session"
                    }
                };
                with_note(key, &resolved.note)
            }
            TicketEvent::Reversed(reversed) => {
                values.push(("note", reversed.note.clone()));
                with_note(&op.kind, &reversed.note)
            }
        })
    }
}

fn with_note(key: &str, note: &str) -> String {
    if note.is_empty() {
        key.to_owned()
    } else {
        format!("{key}_note")
    }
}
