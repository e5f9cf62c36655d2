//! Reading tickets: one ticket with its history, lists (overdue first), a
//! customer's tickets.

use std::ops::Deref;

use caredesk_domain::id::{EntityId, TicketId};
use caredesk_domain::ticket::{Compensation, CompensationKind, TicketState};
use rusqlite::ToSql;

use super::{
    ResolutionView, StatusFilter, TicketFilter, TicketLine, TicketStep, TicketView, projection,
};
use crate::Tickets;
use crate::bookings::view::Names;
use crate::catalog::{parse_id, parse_state};
use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

const OPEN: &str = "status IN ('NEW', 'IN_PROGRESS', 'WAITING')";

impl<S: Deref<Target = Store>> Tickets<S> {
    /// A ticket by code or id, with who did what to it; `overdue` as of
    /// `ctx.now`.
    pub fn ticket(&self, ticket: &str, ctx: &Ctx) -> Result<TicketView> {
        let id = self.find_ticket(ticket)?;
        let state = projection::load(&self.conn, id)?
            .ok_or_else(|| StoreError::TicketNotFound(ticket.trim().to_owned()))?;
        let mut names = Names::default();
        let actors = self.bookings().actors(EntityId::from(id))?;
        let history = state
            .history
            .iter()
            .map(|entry| {
                let by = actors.get(&entry.stamp.op).copied().unwrap_or_default();
                Ok(TicketStep {
                    at: self.format_time(entry.at),
                    by,
                    by_name: names.staff(self, by)?,
                    change: entry.change.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let customer = self.customers().customer(state.customer)?;
        let offers = self
            .ticket_settings()?
            .kind(&state.kind)
            .map_or(CompensationKind::None, |t| t.offers);
        let resolution = state.resolution.as_ref().map(|c| match c {
            Compensation::None => ResolutionView::None,
            Compensation::Refund { amount, sale } => ResolutionView::Refund {
                amount: *amount,
                sale: *sale,
            },
            Compensation::Credit {
                amount, expires_at, ..
            } => ResolutionView::Credit {
                amount: *amount,
                expires_at: self.format_time(*expires_at),
            },
            Compensation::Session {
                treatment,
                sessions,
            } => ResolutionView::Session {
                treatment: *treatment,
                sessions: *sessions,
            },
        });
        Ok(TicketView {
            id,
            code: state.code.clone(),
            status: state.status,
            waiting_on: state.waiting_on,
            kind: state.kind.clone(),
            offers,
            subject: state.subject.clone(),
            details: state.details.clone(),
            reference: state.reference.clone(),
            sale: state.sale,
            booking: state.booking,
            customer: state.customer,
            customer_name: customer.name,
            customer_phone: customer.phone_display,
            assignee: state.assignee,
            assignee_name: state.assignee.map(|a| names.staff(self, a)).transpose()?,
            priority: state.priority,
            deadline: state.deadline.map(|d| self.format_time(d)),
            overdue: state.overdue(ctx.now),
            opened_at: self.format_time(state.opened_at),
            closed_at: state.closed_at.map(|c| self.format_time(c)),
            resolution,
            history,
        })
    }

    /// Tickets as the filter says (open ones when it says nothing): overdue
    /// first, then the most pressing, the nearest deadline, the newest.
    pub fn list(&self, filter: &TicketFilter, ctx: &Ctx) -> Result<Vec<TicketLine>> {
        let mut sql = String::from("SELECT id, state FROM tickets WHERE ");
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        match filter.status.unwrap_or(StatusFilter::Open) {
            StatusFilter::Open => sql.push_str(OPEN),
            StatusFilter::Closed => sql.push_str(&format!("NOT {OPEN}")),
            StatusFilter::All => sql.push_str("1 = 1"),
            StatusFilter::Is(status) => {
                sql.push_str("status = ?");
                args.push(Box::new(status.as_str()));
            }
        }
        if let Some(customer) = filter.customer {
            sql.push_str(" AND customer_id = ?");
            args.push(Box::new(customer.to_string()));
        }
        if let Some(assignee) = filter.assignee {
            sql.push_str(" AND assignee = ?");
            args.push(Box::new(assignee.to_string()));
        }
        if let Some(kind) = &filter.kind {
            sql.push_str(" AND type = ?");
            args.push(Box::new(kind.trim().to_ascii_lowercase()));
        }
        if let Some(query) = filter.query.as_deref().map(caredesk_domain::text::fold) {
            // LIKE's own wildcards in what was typed are taken literally.
            let escaped = query
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            sql.push_str(" AND search LIKE ? ESCAPE '\\'");
            args.push(Box::new(format!("%{escaped}%")));
        }
        sql.push_str(&format!(
            " ORDER BY ({OPEN} AND coalesce(deadline <= ?, 0)) DESC, {OPEN} DESC, priority DESC,
                       deadline IS NULL, deadline, opened_at DESC, code"
        ));
        args.push(Box::new(ctx.now.as_millisecond()));
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Box::new(limit as i64));
        }
        let rows: Vec<(String, String)> = {
            let mut statement = self.conn.prepare(&sql)?;
            let rows = statement.query_map(rusqlite::params_from_iter(args.iter()), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut names = Names::default();
        rows.into_iter()
            .map(|(id, json)| {
                let id: TicketId = parse_id(&id, "ticket")?;
                let state: TicketState = parse_state(&json, "ticket")?;
                Ok(TicketLine {
                    id,
                    code: state.code.clone(),
                    status: state.status,
                    kind: state.kind.clone(),
                    subject: state.subject.clone(),
                    customer: state.customer,
                    customer_name: names.customer(self, state.customer)?,
                    assignee_name: state.assignee.map(|a| names.staff(self, a)).transpose()?,
                    priority: state.priority,
                    deadline: state.deadline.map(|d| self.format_time(d)),
                    overdue: state.overdue(ctx.now),
                    opened_at: self.format_time(state.opened_at),
                })
            })
            .collect()
    }

    /// Every ticket of a customer, open ones first: the 360's section.
    pub fn customer_tickets(
        &self,
        customer: caredesk_domain::id::CustomerId,
        ctx: &Ctx,
    ) -> Result<Vec<TicketLine>> {
        let filter = TicketFilter {
            status: Some(StatusFilter::All),
            customer: Some(customer),
            ..TicketFilter::default()
        };
        self.list(&filter, ctx)
    }
}
