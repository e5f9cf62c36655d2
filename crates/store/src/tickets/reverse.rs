//! Taking back what a ticket's late resolutions gave (`ticket reverse`,
//! the `ticket_resolved_twice` conflict's compensation).

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::id::{CreditId, OpId};
use caredesk_domain::money::Money;
use caredesk_domain::ticket::{
    Compensation, TicketEvent, TicketRefusal, TicketReversed, TicketState,
};
use caredesk_domain::treatment::{GrantWithdrawn, TreatmentEvent};
use caredesk_domain::wallet::{CompensationReversed, WalletEvent};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};

use super::TicketView;
use super::commands::{load, multiline_or_empty};
use crate::Tickets;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store};

impl<S: Deref<Target = Store>> Tickets<S> {
    /// Takes back what the ticket's late resolutions gave: two counters
    /// resolved it offline, its fold kept the resolution that sorts first
    /// (hlc, then op id) and refused the others, but theirs had paid out
    /// all the same (`ticket_resolved_twice`). Each late one that gave
    /// something is reversed in one transaction: a credit revoked and a
    /// refund taken back by `wallet.compensation_reversed` on the ticket's
    /// customer's wallet (the fold takes what is left of the credit and owes
    /// what was spent of it from real money, so the wallet may go below
    /// zero: `wallet_overdrawn` then lists it), free sessions withdrawn by
    /// `treatment.grant_withdrawn`, and `ticket.reversed` on the ticket. A
    /// manager's action, like giving the compensation.
    pub fn reverse_ticket(&mut self, ctx: &Ctx, ticket: &str, note: &str) -> Result<TicketView>
    where
        S: DerefMut,
    {
        let note = multiline_or_empty("note", note)?;
        let id = self.find_ticket(ticket)?;
        self.authorize(ctx, Action::Compensate)?;
        let mut writer = self.writer(ctx)?;
        let state = load(writer.tx(), id, ticket)?;
        let mut reversed = 0;
        for late in state.unreversed_resolutions() {
            let compensation = resolution_given(writer.tx(), late.op)?;
            match &compensation {
                Compensation::None => continue,
                Compensation::Credit { amount, credit, .. } => {
                    reverse_money(
                        &mut writer,
                        (late.op, &state),
                        (*amount, Some(*credit)),
                        (&note, ctx.now),
                    )?;
                }
                Compensation::Refund { amount, .. } => {
                    reverse_money(
                        &mut writer,
                        (late.op, &state),
                        (*amount, None),
                        (&note, ctx.now),
                    )?;
                }
                Compensation::Session {
                    treatment,
                    sessions,
                } => {
                    writer.append(
                        *treatment,
                        TreatmentEvent::from(GrantWithdrawn {
                            resolution: late.op,
                            sessions: *sessions,
                            reference: state.code.clone(),
                            note: note.clone(),
                        }),
                    )?;
                }
            }
            writer.append(
                id,
                TicketEvent::from(TicketReversed {
                    resolution: late.op,
                    compensation,
                    at: ctx.now,
                    note: note.clone(),
                }),
            )?;
            reversed += 1;
        }
        if reversed == 0 {
            return Err(TicketRefusal::NothingToReverse(state.code).into());
        }
        writer.commit()?;
        self.ticket(&id.to_string(), ctx)
    }
}

/// Takes a late resolution's money back out of the ticket's customer's
/// wallet (see `CompensationReversed` for how the fold splits it).
fn reverse_money(
    writer: &mut Writer<'_>,
    (resolution, ticket): (OpId, &TicketState),
    (amount, credit): (Money, Option<CreditId>),
    (note, at): (&str, Timestamp),
) -> Result<()> {
    let event = WalletEvent::from(CompensationReversed {
        resolution,
        amount,
        credit,
        at,
        reference: ticket.code.clone(),
        note: note.to_owned(),
    });
    crate::wallets::append_entry(writer, ticket.customer, amount.currency, event, |_| Ok(()))
}

/// What a ticket's resolution op gave, read from the log (the ticket's
/// history keeps a refused op's kind and reason, not its body).
pub(crate) fn resolution_given(conn: &Connection, op: OpId) -> Result<Compensation> {
    let missing = || StoreError::Corrupt(format!("resolution {op} is not in the log"));
    let seq: i64 = conn
        .prepare_cached("SELECT seq FROM ops WHERE id = ?1")?
        .query_row([op.to_string()], |row| row.get(0))
        .optional()?
        .ok_or_else(missing)?;
    match crate::oplog::read_op_at(conn, seq)?.event()? {
        Some(caredesk_domain::event::Event::Ticket(TicketEvent::Resolved(resolved))) => {
            Ok(resolved.compensation)
        }
        // A resolution of a schema this build does not read: nothing it can
        // reverse.
        None => Ok(Compensation::None),
        Some(_) => Err(StoreError::Corrupt(format!(
            "op {op} is not a ticket resolution"
        ))),
    }
}
