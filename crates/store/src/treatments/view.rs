//! Reading treatments: one with its statement, and a customer's.

use std::ops::Deref;

use caredesk_domain::id::{CustomerId, EntityId, TreatmentId};
use caredesk_domain::money::Money;
use caredesk_domain::treatment::{TreatmentChange, TreatmentState, TreatmentStatus};

use super::{HomeView, SessionLine, StatementLine, SwapLine, TreatmentView};
use crate::Treatments;
use crate::bookings::view::Names;
use crate::catalog::{parse_id, parse_state};
use crate::error::Result;
use crate::{Ctx, Store};

impl<S: Deref<Target = Store>> Treatments<S> {
    /// A treatment with its statement; the status is as of `ctx.now`.
    pub fn treatment(&self, id: TreatmentId, ctx: &Ctx) -> Result<TreatmentView> {
        let state = self.treatment_state(id)?;
        self.present_treatment(id, &state, self.today(ctx), &mut Names::default())
    }

    /// A customer's treatments: active ones first (soonest expiry first),
    /// then completed and expired ones, latest first.
    pub fn customer_treatments(
        &self,
        customer: CustomerId,
        ctx: &Ctx,
    ) -> Result<Vec<TreatmentView>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, state FROM treatments WHERE customer_id = ?1 ORDER BY expires_on, id",
        )?;
        let rows = statement.query_map([customer.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let today = self.today(ctx);
        let mut names = Names::default();
        let mut list = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let state: TreatmentState = parse_state(&json, "treatment")?;
            list.push(self.present_treatment(
                parse_id(&id, "treatment")?,
                &state,
                today,
                &mut names,
            )?);
        }
        let (mut active, mut done): (Vec<_>, Vec<_>) = list
            .into_iter()
            .partition(|t| t.status == TreatmentStatus::Active);
        done.reverse();
        active.append(&mut done);
        Ok(active)
    }

    fn present_treatment(
        &self,
        id: TreatmentId,
        state: &TreatmentState,
        today: jiff::civil::Date,
        names: &mut Names,
    ) -> Result<TreatmentView> {
        let actors = self.bookings().actors(EntityId::from(id))?;
        let history = state
            .history
            .iter()
            .map(|entry| {
                let by = actors.get(&entry.at.op).copied().unwrap_or_default();
                let session = match &entry.change {
                    TreatmentChange::Reserved { booking, item }
                    | TreatmentChange::Punched { booking, item }
                    | TreatmentChange::Forfeited { booking, item }
                    | TreatmentChange::Returned { booking, item, .. } => {
                        self.session_line(state, *booking, *item, names)?
                    }
                    _ => None,
                };
                let swap = match &entry.change {
                    TreatmentChange::StaffSwapped { from, to, .. } => Some(SwapLine {
                        from_name: names.staff(self, *from)?,
                        to_name: names.staff(self, *to)?,
                    }),
                    _ => None,
                };
                Ok(StatementLine {
                    at: self.bookings().stamp_time(entry.at)?,
                    by,
                    by_name: names.staff(self, by)?,
                    change: entry.change.clone(),
                    session,
                    swap,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let service_name = state.service.map(|s| names.service(self, s)).transpose()?;
        Ok(TreatmentView {
            id,
            customer: state.customer,
            customer_name: names.customer(self, state.customer)?,
            package: state.package,
            name: state.name.clone(),
            service: state.service,
            service_name,
            total: state.sessions_total(),
            granted: state.granted,
            charged: state.charged,
            used: state.used(),
            reserved: state.reserved(),
            remaining: state.remaining(),
            available: state.bookable(today),
            lapsed: state.lapsed,
            refunded: state.refunded,
            refunded_amount: Money::new(state.refunded_amount(), state.price.currency),
            price: state.price,
            sold_on: state.sold_on,
            expires_on: state.expires_on,
            status: state.status(today),
            home: state
                .home
                .as_ref()
                .map(|home| {
                    Ok::<_, crate::error::StoreError>(HomeView {
                        staff: home.staff,
                        staff_name: names.staff(self, home.staff)?,
                        address: home.address.clone(),
                        schedule_by: home.schedule_by,
                    })
                })
                .transpose()?,
            history,
        })
    }

    /// The booking item a session belongs to, as it stands now (a
    /// rescheduled booking shows its new time).
    fn session_line(
        &self,
        state: &TreatmentState,
        booking: caredesk_domain::id::BookingId,
        item: u16,
        names: &mut Names,
    ) -> Result<Option<SessionLine>> {
        let current = crate::bookings::projection::load(&self.conn, booking)?
            .and_then(|b| b.items.get(usize::from(item)).cloned());
        let (start, service, staff) = match current {
            Some(i) => (i.start, i.service, i.staff),
            None => match state
                .sessions
                .iter()
                .find(|s| s.booking == booking && s.item == item)
            {
                Some(s) => (s.start, s.service, s.staff),
                None => return Ok(None),
            },
        };
        Ok(Some(SessionLine {
            booking,
            start: self.format_time(start),
            service_name: names.service(self, service)?,
            staff_name: names.staff(self, staff)?,
        }))
    }
}
