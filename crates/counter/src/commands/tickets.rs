//! Service tickets: the open ones of every customer (the Tickets tab), a
//! customer's, one with its history, opening one, moving it along the
//! workflow and resolving it. Money on resolving is `Action::Compensate`,
//! which the store checks.

use caredesk_domain::ticket::TicketSettings;
use caredesk_store::{TicketFilter, TicketLine, TicketView};

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::ledger_input::{NewTicketInput, ResolveInput, TicketMoveInput, TicketQuery};
use crate::session::Session;
use crate::transport;

/// Open tickets of every customer, most pressing first (overdue, then
/// priority, then the nearest deadline); or every ticket of one customer,
/// open ones first.
pub fn tickets(counter: &Counter, query: TicketQuery) -> Result<Vec<TicketLine>, IpcError> {
    list(&mut counter.session(), &query)
}

/// A ticket by code or id, with its history.
pub fn ticket(counter: &Counter, ticket: String) -> Result<TicketView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    Ok(store.tickets().ticket(&ticket, &ctx)?)
}

/// The business's ticket types and what each offers on resolving.
pub fn ticket_types(counter: &Counter) -> Result<TicketSettings, IpcError> {
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    Ok(store.tickets().ticket_settings()?)
}

pub fn open_ticket(counter: &Counter, input: NewTicketInput) -> Result<TicketView, IpcError> {
    open(&mut counter.session(), input)
}

pub fn move_ticket(counter: &Counter, input: TicketMoveInput) -> Result<TicketView, IpcError> {
    change(&mut counter.session(), &input)
}

pub fn resolve_ticket(
    counter: &Counter,
    input: ResolveInput,
    approval: Option<Approval>,
) -> Result<TicketView, IpcError> {
    resolve(&mut counter.session(), &input, approval.as_ref())
}

fn list(session: &mut Session, query: &TicketQuery) -> Result<Vec<TicketLine>, IpcError> {
    let customer = query
        .customer
        .as_deref()
        .map(transport::customer_id)
        .transpose()?;
    let (store, ctx) = session.acting(session.now())?;
    Ok(match customer {
        Some(customer) => store.tickets().customer_tickets(customer, &ctx)?,
        None => store.tickets().list(&TicketFilter::default(), &ctx)?,
    })
}

fn open(session: &mut Session, input: NewTicketInput) -> Result<TicketView, IpcError> {
    let (store, ctx) = session.acting(session.now())?;
    let ticket = input.into_new_ticket(store)?;
    Ok(store.tickets_mut().open_ticket(&ctx, ticket)?)
}

fn change(session: &mut Session, input: &TicketMoveInput) -> Result<TicketView, IpcError> {
    let (store, ctx) = session.acting(session.now())?;
    Ok(store.tickets_mut().move_ticket(
        &ctx,
        &input.ticket,
        input.status,
        input.waiting_on,
        &input.note,
    )?)
}

fn resolve(
    session: &mut Session,
    input: &ResolveInput,
    approval: Option<&Approval>,
) -> Result<TicketView, IpcError> {
    let resolution = input.resolution()?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    Ok(store
        .tickets_mut()
        .resolve_ticket(&ctx, &input.ticket, resolution)?)
}

#[cfg(test)]
mod tests {
    use caredesk_domain::ticket::{CompensationKind, TicketChange, TicketStatus, WaitingOn};

    use super::*;
    use crate::commands::test_counter::{Counter, with_customer};

    fn opened(counter: &mut Counter, customer: &str) -> TicketView {
        let input = NewTicketInput {
            customer: customer.to_owned(),
            kind: "complaint".into(),
            subject: "Khăn không sạch".into(),
            details: None,
            priority: None,
            deadline: None,
        };
        open(&mut counter.session, input).expect("opened")
    }

    fn resolving(
        ticket: &str,
        compensation: CompensationKind,
        amount: Option<i64>,
    ) -> ResolveInput {
        ResolveInput {
            ticket: ticket.to_owned(),
            compensation,
            amount,
            credit_days: None,
            note: "xin lỗi chị".into(),
        }
    }

    #[test]
    fn a_ticket_opened_for_a_customer_is_listed_and_moves_with_its_history() {
        let (mut counter, customer) = with_customer("Lan");
        let ticket = opened(&mut counter, &customer);
        assert_eq!(ticket.status, TicketStatus::New);
        assert_eq!(ticket.customer_name, "Trịnh Kim Chi");
        assert_eq!(ticket.offers, CompensationKind::Credit);

        let open_ones = list(&mut counter.session, &TicketQuery::default()).expect("open");
        assert_eq!(open_ones.len(), 1);
        assert_eq!(open_ones[0].code, ticket.code);
        let hers = TicketQuery {
            customer: Some(customer.clone()),
        };
        assert_eq!(list(&mut counter.session, &hers).expect("hers").len(), 1);

        let waiting = TicketMoveInput {
            ticket: ticket.code.clone(),
            status: TicketStatus::Waiting,
            waiting_on: Some(WaitingOn::Customer),
            note: "chờ chị gọi lại".into(),
        };
        let moved = change(&mut counter.session, &waiting).expect("moved");
        assert_eq!(moved.status, TicketStatus::Waiting);
        assert_eq!(moved.waiting_on, Some(WaitingOn::Customer));
        assert!(matches!(
            &moved.history.last().expect("a step").change,
            TicketChange::Moved { note, .. } if note == "chờ chị gọi lại"
        ));
        assert_eq!(moved.history.last().expect("a step").by_name, "Lan");

        let cancel = TicketMoveInput {
            ticket: ticket.code.clone(),
            status: TicketStatus::Cancelled,
            waiting_on: None,
            note: String::new(),
        };
        let refused = change(&mut counter.session, &cancel).expect_err("no note");
        assert_eq!(refused.code, "note_required");
    }

    #[test]
    fn a_bad_type_or_deadline_opens_nothing() {
        let (mut counter, customer) = with_customer("Lan");
        let before = counter.ops();
        let unknown = NewTicketInput {
            customer: customer.clone(),
            kind: "grumble".into(),
            subject: "?".into(),
            details: None,
            priority: None,
            deadline: None,
        };
        let refused = open(&mut counter.session, unknown.clone()).expect_err("type");
        assert_eq!(refused.code, "unknown_ticket_type");
        let past = NewTicketInput {
            kind: "complaint".into(),
            deadline: Some("2020-01-01".into()),
            ..unknown
        };
        let refused = open(&mut counter.session, past).expect_err("past deadline");
        assert_eq!(refused.code, "deadline_passed");
        assert_eq!(counter.ops(), before);
    }

    #[test]
    fn a_refund_by_a_receptionist_waits_for_a_manager_then_goes_into_the_wallet() {
        let (mut counter, customer) = with_customer("Lan");
        let ticket = opened(&mut counter, &customer);
        let refund = resolving(&ticket.code, CompensationKind::Refund, Some(200_000));
        let before = counter.ops();

        let refused = resolve(&mut counter.session, &refund, None).expect_err("Lan alone");
        assert_eq!(refused.code, "permission_denied");
        assert_eq!(refused.details.get("action"), Some(&"compensate".into()));
        let negative = resolving(&ticket.code, CompensationKind::Refund, Some(-1));
        let tuan = counter.approval("Tuấn", "3333");
        let refused = resolve(&mut counter.session, &negative, Some(&tuan)).expect_err("neg");
        assert_eq!(refused.code, "invalid_amount");
        assert_eq!(counter.ops(), before, "nothing written");

        let resolved = resolve(&mut counter.session, &refund, Some(&tuan)).expect("approved");
        assert_eq!(resolved.status, TicketStatus::Completed);
        assert_eq!(counter.last_approver().as_deref(), Some("Tuấn"));
        let (store, ctx) = counter.session.acting(jiff::Timestamp::now()).expect("Lan");
        let id = transport::customer_id(&customer).expect("id");
        let wallet = store.wallets().wallet(id, &ctx).expect("wallet");
        assert_eq!(wallet.balance, 200_000);

        let again = resolving(&ticket.code, CompensationKind::None, None);
        let refused = resolve(&mut counter.session, &again, None).expect_err("closed");
        assert_eq!(refused.code, "invalid_transition");
    }

    #[test]
    fn resolving_without_compensation_needs_nobody_s_approval() {
        let (mut counter, customer) = with_customer("Lan");
        let ticket = opened(&mut counter, &customer);
        let plain = resolving(&ticket.code, CompensationKind::None, None);
        let resolved = resolve(&mut counter.session, &plain, None).expect("resolved");
        assert_eq!(resolved.status, TicketStatus::Completed);
        assert_eq!(counter.last_approver(), None);
    }
}
