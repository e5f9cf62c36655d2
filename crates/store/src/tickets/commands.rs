//! Commands on tickets. Each runs in one transaction; resolving writes the
//! compensation (a wallet deposit, a credit, a refund of the ticket's sale,
//! free sessions) and the resolution together, so a refused refund leaves
//! the ticket as it was. Taking a late resolution back is `reverse.rs`.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::business::BusinessEvent;
use caredesk_domain::id::{CreditId, CustomerId, SaleId, TicketId, TreatmentId};
use caredesk_domain::money::Money;
use caredesk_domain::phone::Phone;
use caredesk_domain::sale::{RefundTo, SaleRefunded};
use caredesk_domain::text;
use caredesk_domain::ticket::{
    self, Compensation, DETAILS_MAX, MAX_FREE_SESSIONS, Priority, REFERENCE_MAX, SUBJECT_MAX,
    TicketEdited, TicketEscalated, TicketEvent, TicketField, TicketMoved, TicketOpened,
    TicketRefusal, TicketResolved, TicketSettings, TicketState, TicketStatus, TicketsConfigured,
    WaitingOn,
};
use caredesk_domain::treatment::{SessionsGranted, TreatmentEvent, TreatmentStatus};
use caredesk_domain::wallet::{self, CreditIssued, Deposited, Source, WalletEvent};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};

use super::{Escalated, NewTicket, Resolution, TicketCustomer, TicketEdit, TicketView, projection};
use crate::Tickets;
use crate::customers::{Registration, register_in};
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store, business, drawer, sales, staff, treatments};

impl<S: Deref<Target = Store>> Tickets<S> {
    /// The code prefix, the types and what each offers, the credit's days:
    /// the country's defaults until a manager sets them.
    pub fn ticket_settings(&self) -> Result<TicketSettings> {
        Ok(business::load_state(&self.conn)?.tickets())
    }

    /// A manager sets the ticket types and what each offers.
    pub fn set_ticket_settings(
        &mut self,
        ctx: &Ctx,
        tickets: TicketSettings,
    ) -> Result<TicketSettings>
    where
        S: DerefMut,
    {
        let tickets = tickets.validated().map_err(StoreError::TicketSettings)?;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            business::entity(),
            BusinessEvent::from(TicketsConfigured { tickets }),
        )?;
        writer.commit()?;
        self.ticket_settings()
    }

    /// Whom a ticket for `customer` (an id or a phone) would be for: the
    /// customer with that phone, or a new customer the ticket creates. The
    /// counter shows this before saving.
    pub fn ticket_customer(&self, customer: &str) -> Result<TicketCustomer> {
        match self.customers().resolve_customer(customer) {
            Ok(id) => {
                let found = self.customers().customer(id)?;
                Ok(TicketCustomer::Existing {
                    id,
                    name: found.name,
                    phone: found.phone_display,
                })
            }
            Err(StoreError::CustomerNotFound(_)) if customer.parse::<CustomerId>().is_err() => {
                let phone = Phone::parse(customer, self.settings.country)?;
                Ok(TicketCustomer::New {
                    phone: phone.e164().to_owned(),
                    phone_display: phone.display(self.settings.country),
                })
            }
            Err(other) => Err(other),
        }
    }

    /// Opens a ticket; a new phone number registers the customer in the
    /// same transaction. A deadline less than a day away opens it at high
    /// priority, as the deadline job would.
    pub fn open_ticket(&mut self, ctx: &Ctx, input: NewTicket) -> Result<TicketView>
    where
        S: DerefMut,
    {
        let subject = text::required("subject", &input.subject, SUBJECT_MAX)?;
        let details = multiline_or_empty("details", &input.details)?;
        let reference =
            text::optional("reference", Some(&input.reference), REFERENCE_MAX)?.unwrap_or_default();
        let settings = self.ticket_settings()?;
        let kind = settings
            .kind(&input.kind)
            .ok_or_else(|| {
                TicketRefusal::UnknownType(input.kind.trim().to_owned(), settings.codes())
            })?
            .code
            .clone();
        let assignee = input
            .assignee
            .as_deref()
            .map(|who| staff::acting(&self.conn, who).map(|m| m.id))
            .transpose()?;
        if let Some(deadline) = input.deadline.filter(|d| *d <= ctx.now) {
            return Err(TicketRefusal::DeadlinePassed(self.format_time(deadline)).into());
        }
        let mut priority = input.priority.unwrap_or(Priority::Normal);
        if input.deadline.is_some_and(|d| ticket::due_soon(d, ctx.now)) {
            priority = priority.max(Priority::High);
        }
        let who = self.ticket_customer(&input.customer)?;
        let new_name = match (&who, &input.name) {
            (TicketCustomer::New { .. }, Some(name)) => {
                Some(caredesk_domain::customer::check_name(name)?)
            }
            (TicketCustomer::New { phone_display, .. }, None) => Some(phone_display.clone()),
            (TicketCustomer::Existing { .. }, _) => None,
        };
        let (sale, booking) = self.linked(&reference)?;
        if let Some(owner) = owner_of_reference(&self.conn, sale, booking)? {
            let same = matches!(who, TicketCustomer::Existing { id, .. } if id == owner);
            if !same {
                return Err(StoreError::OtherCustomer {
                    what: reference,
                    owner: self.customers().customer(owner)?.name,
                });
            }
        }
        let year = ctx.now.to_zoned(self.settings.time_zone()).year();
        let (prefix, register) = (settings.prefix.clone(), self.register_code.clone());
        let customer_prefix = self.settings.customer_code_prefix.clone();
        let country = self.settings.country;
        let id = TicketId::new();
        let mut writer = self.writer(ctx)?;
        let customer = match who {
            TicketCustomer::Existing { id, .. } => id,
            TicketCustomer::New { phone, .. } => {
                let registration = Registration {
                    name: new_name.unwrap_or_default(),
                    phone: Phone::parse(&phone, country)?,
                    email: None,
                    address: None,
                    code: None,
                };
                register_in(
                    &mut writer,
                    ctx,
                    (&customer_prefix, &register),
                    registration,
                )?
            }
        };
        let code = next_ticket_code(writer.tx(), &prefix, year, &register)?;
        writer.append(
            id,
            TicketEvent::from(TicketOpened {
                code,
                customer,
                kind,
                subject,
                details,
                reference,
                sale,
                booking,
                assignee,
                priority,
                deadline: input.deadline,
                at: ctx.now,
            }),
        )?;
        writer.commit()?;
        self.ticket(&id.to_string(), ctx)
    }

    /// Moves a ticket along the workflow. COMPLETED is a resolution
    /// without compensation; CANCELLED needs a note saying why.
    pub fn move_ticket(
        &mut self,
        ctx: &Ctx,
        ticket: &str,
        to: TicketStatus,
        waiting_on: Option<WaitingOn>,
        note: &str,
    ) -> Result<TicketView>
    where
        S: DerefMut,
    {
        if to == TicketStatus::Completed && waiting_on.is_none() {
            let resolution = Resolution {
                note: note.to_owned(),
                ..Resolution::default()
            };
            return self.resolve_ticket(ctx, ticket, resolution);
        }
        let note = multiline_or_empty("note", note)?;
        if to == TicketStatus::Cancelled && note.is_empty() {
            return Err(TicketRefusal::CancelWithoutNote.into());
        }
        let id = self.find_ticket(ticket)?;
        let mut writer = self.writer(ctx)?;
        let state = load(writer.tx(), id, ticket)?;
        state.check_move(to, waiting_on)?;
        writer.append(
            id,
            TicketEvent::from(TicketMoved {
                to,
                waiting_on,
                at: ctx.now,
                note,
            }),
        )?;
        writer.commit()?;
        self.ticket(&id.to_string(), ctx)
    }

    /// Changes the fields that really change, each on its own. Saving the
    /// form unchanged writes nothing.
    pub fn edit_ticket(&mut self, ctx: &Ctx, ticket: &str, edit: TicketEdit) -> Result<TicketView>
    where
        S: DerefMut,
    {
        if edit.subject.is_none()
            && edit.details.is_none()
            && edit.assignee.is_none()
            && edit.priority.is_none()
            && edit.deadline.is_none()
        {
            return Err(StoreError::NothingToChange);
        }
        let subject = edit
            .subject
            .as_deref()
            .map(|s| text::required("subject", s, SUBJECT_MAX))
            .transpose()?;
        let details = edit
            .details
            .as_deref()
            .map(|d| multiline_or_empty("details", d))
            .transpose()?;
        let assignee = match &edit.assignee {
            Some(Some(who)) => Some(Some(staff::acting(&self.conn, who)?.id)),
            Some(None) => Some(None),
            None => None,
        };
        if let Some(Some(deadline)) = edit.deadline.filter(|d| d.is_some_and(|d| d <= ctx.now)) {
            return Err(TicketRefusal::DeadlinePassed(self.format_time(deadline)).into());
        }
        let note = multiline_or_empty("note", &edit.note)?;
        let id = self.find_ticket(ticket)?;
        let mut writer = self.writer(ctx)?;
        let state = load(writer.tx(), id, ticket)?;
        state.check_open()?;
        let mut changes = Vec::new();
        if let Some(subject) = subject.filter(|s| *s != state.subject) {
            changes.push(TicketField::Subject(subject));
        }
        if let Some(details) = details.filter(|d| *d != state.details) {
            changes.push(TicketField::Details(details));
        }
        if let Some(assignee) = assignee.filter(|a| *a != state.assignee) {
            changes.push(TicketField::Assignee(assignee));
        }
        if let Some(priority) = edit.priority.filter(|p| *p != state.priority) {
            changes.push(TicketField::Priority(priority));
        }
        if let Some(deadline) = edit.deadline.filter(|d| *d != state.deadline) {
            changes.push(TicketField::Deadline(deadline));
        }
        if changes.is_empty() {
            drop(writer);
        } else {
            writer.append(
                id,
                TicketEvent::from(TicketEdited {
                    changes,
                    at: ctx.now,
                    note,
                }),
            )?;
            writer.commit()?;
        }
        self.ticket(&id.to_string(), ctx)
    }

    /// Resolves a ticket: COMPLETED, and its compensation written in the
    /// same transaction. Money or a free session is a manager's action.
    pub fn resolve_ticket(
        &mut self,
        ctx: &Ctx,
        ticket: &str,
        resolution: Resolution,
    ) -> Result<TicketView>
    where
        S: DerefMut,
    {
        let given = [
            resolution.refund.is_some(),
            resolution.credit.is_some(),
            resolution.session.is_some(),
        ];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(TicketRefusal::OneCompensation.into());
        }
        let note = multiline_or_empty("note", &resolution.note)?;
        for amount in [resolution.refund, resolution.credit].into_iter().flatten() {
            wallet::check_amount(amount).map_err(StoreError::Wallet)?;
        }
        let sessions = resolution.sessions.unwrap_or(1);
        if !(1..=MAX_FREE_SESSIONS).contains(&sessions) {
            return Err(TicketRefusal::Sessions(sessions).into());
        }
        let settings = self.ticket_settings()?;
        let days =
            wallet::check_credit_days(resolution.credit_days.unwrap_or(settings.credit_days))
                .map_err(StoreError::Wallet)?;
        let id = self.find_ticket(ticket)?;
        if given.iter().any(|g| *g) {
            self.authorize(ctx, Action::Compensate)?;
        }
        let treatment = match &resolution.session {
            Some(which) => {
                let state = load(&self.conn, id, ticket)?;
                Some(self.treatment_to_grant(ctx, state.customer, which.as_deref())?)
            }
            None => None,
        };
        let credit_expiry =
            crate::wallets::credit_expiry(self.treatments().today(ctx), days, &self.settings)?;
        let currency = self.settings.currency;
        let register = self.register_code.clone();
        let today = self.treatments().today(ctx);
        let mut writer = self.writer(ctx)?;
        let state = load(writer.tx(), id, ticket)?;
        state.check_move(TicketStatus::Completed, None)?;
        let money = |amount| Money::new(amount, currency);
        let compensation = if let Some(amount) = resolution.refund {
            match state.sale {
                Some(sale) => {
                    refund_sale(
                        &mut writer,
                        (sale, &state),
                        amount,
                        (&register, today),
                        ctx.now,
                    )?;
                }
                None => {
                    let event = WalletEvent::from(Deposited {
                        amount: money(amount),
                        source: Source::Ticket,
                        at: ctx.now,
                        reference: state.code.clone(),
                        note: note.clone(),
                    });
                    crate::wallets::append_entry(
                        &mut writer,
                        state.customer,
                        currency,
                        event,
                        |w| w.check_credit(amount),
                    )?;
                }
            }
            Compensation::Refund {
                amount: money(amount),
                sale: state.sale,
            }
        } else if let Some(amount) = resolution.credit {
            let credit = CreditId::new();
            let event = WalletEvent::from(CreditIssued {
                credit,
                amount: money(amount),
                at: ctx.now,
                expires_at: credit_expiry,
                reference: state.code.clone(),
                note: note.clone(),
            });
            crate::wallets::append_entry(&mut writer, state.customer, currency, event, |w| {
                w.check_credit(amount)
            })?;
            Compensation::Credit {
                amount: money(amount),
                credit,
                expires_at: credit_expiry,
            }
        } else if let Some(treatment) = treatment {
            writer.append(
                treatment,
                TreatmentEvent::from(SessionsGranted {
                    sessions,
                    reference: state.code.clone(),
                    note: note.clone(),
                }),
            )?;
            Compensation::Session {
                treatment,
                sessions,
            }
        } else {
            Compensation::None
        };
        writer.append(
            id,
            TicketEvent::from(TicketResolved {
                compensation,
                at: ctx.now,
                note,
            }),
        )?;
        writer.commit()?;
        self.ticket(&id.to_string(), ctx)
    }

    /// The deadline job: every open ticket whose deadline is less than a
    /// day away (or past) and that is below high priority is raised to
    /// high, as the system (see `jobs`). Runs from the app's timer and
    /// `caredesk ticket escalate`.
    pub fn escalate_tickets(&mut self, ctx: &Ctx) -> Result<Vec<Escalated>>
    where
        S: DerefMut,
    {
        let within = ctx.now + ticket::ESCALATE_WITHIN;
        let zone = self.settings.time_zone();
        let mut writer = self.job_writer()?;
        let due: Vec<(String, String, i64)> = {
            let mut statement = writer.tx().prepare_cached(
                "SELECT id, code, deadline FROM tickets
                 WHERE status IN ('NEW', 'IN_PROGRESS', 'WAITING')
                   AND deadline < ?1 AND priority < ?2
                 ORDER BY deadline, code",
            )?;
            let rows = statement.query_map(
                rusqlite::params![within.as_millisecond(), Priority::High.rank()],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut raised = Vec::with_capacity(due.len());
        for (id, code, deadline) in due {
            let id: TicketId = crate::catalog::parse_id(&id, "ticket")?;
            let deadline = crate::schedule::millis(deadline)?;
            writer.append(
                id,
                TicketEvent::from(TicketEscalated {
                    deadline,
                    at: ctx.now,
                }),
            )?;
            raised.push(Escalated {
                code,
                deadline: crate::time::rfc3339(deadline, &zone),
            });
        }
        if raised.is_empty() {
            drop(writer);
        } else {
            writer.commit()?;
        }
        Ok(raised)
    }

    /// A ticket by its code (any case) or id.
    pub(crate) fn find_ticket(&self, text: &str) -> Result<TicketId> {
        let not_found = || StoreError::TicketNotFound(text.trim().to_owned());
        if let Ok(id) = text.parse::<TicketId>() {
            return match projection::load(&self.conn, id)? {
                Some(_) => Ok(id),
                None => Err(not_found()),
            };
        }
        let code = text.trim().to_ascii_uppercase();
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM tickets WHERE code = ?1 ORDER BY opened_at LIMIT 1")?
            .query_row([code], |row| row.get(0))
            .optional()?;
        id.and_then(|id| id.parse().ok()).ok_or_else(not_found)
    }

    /// The sale or booking a reference names, if it names one.
    fn linked(
        &self,
        reference: &str,
    ) -> Result<(Option<SaleId>, Option<caredesk_domain::id::BookingId>)> {
        if reference.is_empty() {
            return Ok((None, None));
        }
        match self.sales().find_sale(reference) {
            Ok(sale) => return Ok((Some(sale), None)),
            Err(StoreError::SaleNotFound(_)) => {}
            Err(other) => return Err(other),
        }
        if let Ok(booking) = reference.parse::<caredesk_domain::id::BookingId>()
            && crate::bookings::projection::load(&self.conn, booking)?.is_some()
        {
            return Ok((None, Some(booking)));
        }
        Ok((None, None))
    }

    /// The treatment that gets a ticket's free sessions: the one named (the
    /// customer's, not expired), or the customer's only one that has not
    /// expired.
    fn treatment_to_grant(
        &self,
        ctx: &Ctx,
        customer: CustomerId,
        which: Option<&str>,
    ) -> Result<TreatmentId> {
        let today = self.treatments().today(ctx);
        if let Some(text) = which {
            let not_found = || StoreError::TreatmentNotFound(text.trim().to_owned());
            let id: TreatmentId = text.parse().map_err(|_| not_found())?;
            let state = treatments::projection::load(&self.conn, id)?.ok_or_else(not_found)?;
            if state.customer != customer {
                return Err(StoreError::OtherCustomer {
                    what: format!("{} ({id})", state.name),
                    owner: self.customers().customer(state.customer)?.name,
                });
            }
            if state.status(today) == TreatmentStatus::Expired {
                return Err(StoreError::Treatment {
                    treatment: state.name,
                    refusal: caredesk_domain::treatment::TreatmentRefusal::Expired(
                        state.expires_on,
                    ),
                });
            }
            return Ok(id);
        }
        let live: Vec<_> = self
            .treatments()
            .customer_treatments(customer, ctx)?
            .into_iter()
            .filter(|t| t.status != TreatmentStatus::Expired)
            .collect();
        match live.as_slice() {
            [one] => Ok(one.id),
            [] => Err(StoreError::NoTreatmentToGrant(
                self.customers().customer(customer)?.name,
            )),
            many => Err(StoreError::WhichTreatment(
                many.iter()
                    .map(|t| format!("{} ({})", t.name, t.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }
}

/// Refunds part of the ticket's sale into the customer's wallet, with the
/// checks of any refund: the day is open, the amount is left to refund on
/// it.
fn refund_sale(
    writer: &mut Writer<'_>,
    (sale, ticket): (SaleId, &TicketState),
    amount: i64,
    (register, today): (&str, jiff::civil::Date),
    now: Timestamp,
) -> Result<()> {
    drawer::ensure_day_open(writer.tx(), register, today)?;
    // Opening the ticket checked that the sale is this customer's; neither
    // side can change that since.
    let state = sales::projection::load(writer.tx(), sale)?
        .ok_or_else(|| StoreError::SaleNotFound(sale.to_string()))?;
    let from_virtual = sales::view::from_virtual(writer.tx(), &state)?;
    // Compensation for a complaint, not a refund of a line: it takes no
    // session back from a card the sale paid for.
    let (amount, parts) = state.plan_money_back(Some(amount), RefundTo::Wallet, from_virtual)?;
    let refund = SaleRefunded {
        register: register.to_owned(),
        at: now,
        amount,
        to: RefundTo::Wallet,
        parts,
        void: false,
        note: ticket.code.clone(),
        cards: Vec::new(),
    };
    let currency = state.sale.currency;
    sales::refund::append_refund(writer, sale, &state, refund, currency)
}

/// The customer of the linked sale or booking (a walk-in sale has none).
fn owner_of_reference(
    conn: &Connection,
    sale: Option<SaleId>,
    booking: Option<caredesk_domain::id::BookingId>,
) -> Result<Option<CustomerId>> {
    if let Some(sale) = sale {
        return Ok(sales::projection::load(conn, sale)?.and_then(|s| s.sale.customer));
    }
    if let Some(booking) = booking {
        return Ok(crate::bookings::projection::load(conn, booking)?.map(|b| b.customer));
    }
    Ok(None)
}

/// A multi-line field that may be left blank.
pub(super) fn multiline_or_empty(field: &'static str, input: &str) -> Result<String> {
    if input.trim().is_empty() {
        Ok(String::new())
    } else {
        Ok(text::multiline(field, input, DETAILS_MAX)?)
    }
}

pub(super) fn load(conn: &Connection, id: TicketId, text: &str) -> Result<TicketState> {
    projection::load(conn, id)?.ok_or_else(|| StoreError::TicketNotFound(text.trim().to_owned()))
}

/// The register's next ticket code for the year. A code already in the log
/// (a restored backup whose series is behind) is skipped.
pub(crate) fn next_ticket_code(
    conn: &Connection,
    prefix: &str,
    year: i16,
    register: &str,
) -> Result<String> {
    let series = format!("ticket:{prefix}-{year}-{register}");
    loop {
        let number = crate::series::next_number(conn, &series)?;
        let number = u32::try_from(number)
            .map_err(|_| StoreError::Corrupt(format!("series {series} at {number}")))?;
        let code = ticket::code(prefix, year, register, number);
        let taken: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM tickets WHERE code = ?1)")?
            .query_row([&code], |row| row.get(0))?;
        if !taken {
            return Ok(code);
        }
    }
}
