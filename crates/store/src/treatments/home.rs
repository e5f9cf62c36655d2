//! Home-visit packages, scheduled at purchase: the sale books the first
//! session in the same transaction, one therapist and one address hold for
//! every session, and a manager may give the future sessions to someone
//! else, moving each of them in the same transaction as the swap.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::{BookingSource, BookingState};
use caredesk_domain::customer::Limits;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_domain::package::HOME_QUOTA_DAYS;
use caredesk_domain::treatment::{HomeStaffSwapped, HomeVisit, SessionState, TreatmentEvent};
use jiff::Timestamp;
use serde::Serialize;

use super::TreatmentView;
use super::commands::days_after;
use super::projection::load;
use crate::Treatments;
use crate::bookings::{BookingView, Moving, NewBooking, NewItem, move_item, write_booking};
use crate::error::{Result, StoreError};
use crate::{Ctx, Store, staff};

/// What selling a home-visit package needs: the customer, the package, who
/// goes and when the first session is.
#[derive(Debug, Clone)]
pub struct HomeSale {
    pub customer: String,
    pub package: String,
    pub staff: String,
    pub start: Timestamp,
    /// Where the visits are; the customer's address on file when `None`.
    pub address: Option<String>,
    pub notes: String,
}

/// The treatment sold and its first session's booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSold {
    pub treatment: TreatmentView,
    pub booking: BookingView,
}

/// A swap of the home-visit therapist, and the bookings it moved to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSwap {
    pub treatment: TreatmentView,
    pub moved: Vec<BookingId>,
}

/// The longest note on a swap, in characters.
const NOTE_MAX: usize = 500;

impl<S: Deref<Target = Store>> Treatments<S> {
    /// Sells a home-visit package and books its first session, in one
    /// transaction: if the first session cannot be booked, nothing is sold.
    /// The rest are booked later, within `HOME_QUOTA_DAYS` of the sale.
    pub fn sell_home_visit(&mut self, ctx: &Ctx, input: HomeSale) -> Result<HomeSold>
    where
        S: DerefMut,
    {
        let sale = self.prepare_sale(ctx, &input.customer, &input.package)?;
        let package = &sale.package.package;
        if !package.home_visit {
            return Err(StoreError::NotHomeVisit(package.name.clone()));
        }
        let service = package
            .service
            .ok_or(caredesk_domain::package::PackageError::HomeVisitWithoutService)?;
        let address = match input.address {
            Some(address) => caredesk_domain::text::required("address", &address, Limits::ADDRESS)?,
            None => {
                let record = self.customers().customer(sale.customer)?;
                record
                    .address
                    .ok_or(StoreError::AddressMissing(record.name))?
            }
        };
        let schedule_by = days_after(sale.sold_on, HOME_QUOTA_DAYS)?.min(sale.expires_on);
        let id = TreatmentId::new();
        let plan = self.bookings().plan_booking(
            ctx,
            NewBooking {
                customer: sale.customer.to_string(),
                items: vec![NewItem {
                    service: service.to_string(),
                    staff: input.staff,
                    start: input.start,
                    end: None,
                    room: None,
                    treatment: Some(id),
                }],
                // Agreed with the customer at the counter.
                source: BookingSource::Phone,
                notes: input.notes,
            },
        )?;
        let staff = plan.staff().next().ok_or(StoreError::NoItems)?;
        let home = HomeVisit {
            staff,
            address,
            schedule_by,
        };
        let room_names = self.bookings().room_names()?;
        let zone = self.settings.time_zone();
        let booking = BookingId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(id, TreatmentEvent::from(sale.sold(Some(home))))?;
        write_booking(&mut writer, booking, plan, &room_names, &zone, sale.sold_on)?;
        writer.commit()?;
        Ok(HomeSold {
            treatment: self.treatment(id, ctx)?,
            booking: self.bookings().booking(booking)?,
        })
    }

    /// A manager gives a home visit to another therapist: the treatment's
    /// lock and every session still to come move to them in one
    /// transaction, each checked like a reschedule (they perform the
    /// service, work then, are free). One session that cannot move refuses
    /// the whole swap. Sessions already under way or past stay with whoever
    /// gave them.
    pub fn swap_home_staff(
        &mut self,
        ctx: &Ctx,
        id: TreatmentId,
        to: &str,
        note: &str,
    ) -> Result<HomeSwap>
    where
        S: DerefMut,
    {
        let note =
            caredesk_domain::text::optional("note", Some(note), NOTE_MAX)?.unwrap_or_default();
        let card = self.treatment_state(id)?;
        let Some(home) = card.home.as_ref() else {
            return Err(StoreError::NotHomeVisit(card.name));
        };
        let member = staff::acting(&self.conn, to)?;
        if member.id == home.staff {
            return Err(StoreError::NothingToChange);
        }
        let calendar = self.schedule().calendar()?;
        // Every session still to come, planned for the new therapist.
        let mut moves = Vec::new();
        for session in card
            .sessions
            .iter()
            .filter(|s| s.state == SessionState::Reserved)
        {
            let booking = self.bookings().booking_state(session.booking)?;
            let Some(item) = booking.items.get(usize::from(session.item)) else {
                continue;
            };
            if !booking.status.can_reschedule() || item.start <= ctx.now {
                continue;
            }
            // Already agreed with the customer: as for a walk-in, only the
            // past is refused, not the lead time.
            let (planned, when) = self.bookings().plan_move(
                ctx,
                item,
                item.start,
                member.id.to_string(),
                BookingSource::WalkIn,
                &calendar,
            )?;
            moves.push((session.booking, session.item, booking, planned, when));
        }
        self.authorize(ctx, Action::SwapHomeStaff)?;
        let room_names = self.bookings().room_names()?;
        let mut writer = self.writer(ctx)?;
        // What was planned must still be what is there.
        if load(writer.tx(), id)?.as_ref() != Some(&card) {
            return Err(StoreError::ChangedMeanwhile(card.name));
        }
        writer.append(
            id,
            TreatmentEvent::from(HomeStaffSwapped {
                staff: member.id,
                note: note.clone(),
            }),
        )?;
        let mut moved = Vec::with_capacity(moves.len());
        for (booking, item, before, planned, when) in moves {
            let now: Option<BookingState> =
                crate::bookings::projection::load(writer.tx(), booking)?;
            if now.as_ref() != Some(&before) {
                return Err(StoreError::ChangedMeanwhile(card.name));
            }
            let moving = Moving {
                id: booking,
                state: &before,
                item,
            };
            move_item(
                &mut writer,
                moving,
                planned,
                when,
                &room_names,
                note.clone(),
            )?;
            moved.push(booking);
        }
        writer.commit()?;
        Ok(HomeSwap {
            treatment: self.treatment(id, ctx)?,
            moved,
        })
    }
}
