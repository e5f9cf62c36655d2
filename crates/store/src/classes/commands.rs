//! Scheduling classes and moving customers through them. Each command reads
//! the class inside its write transaction and checks the op with the same
//! rule the fold applies, so what the counter accepts is what every replica
//! folds.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::class::{
    self, ClassAllowed, ClassAttendance, ClassCancelled, ClassEnrolled, ClassEvent, ClassLeft,
    ClassScheduled, ClassSeatsChanged, ClassState, Standing,
};
use caredesk_domain::hours::minutes;
use caredesk_domain::id::{ClassId, CustomerId, TreatmentId};

use super::projection;
use super::{ClassView, NewClass};
use crate::Classes;
use crate::bookings::NewItem;
use crate::bookings::fit::{RoomUse, fit};
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store};

/// The longest note on a class, in characters.
const NOTES_MAX: usize = 1_000;

impl<S: Deref<Target = Store>> Classes<S> {
    /// Puts a class on the calendar: the teacher must perform the service
    /// and be working, and the teacher and the whole room must be free.
    pub fn schedule_class(&mut self, ctx: &Ctx, input: NewClass) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let notes = caredesk_domain::text::optional("notes", Some(&input.notes), NOTES_MAX)?
            .unwrap_or_default();
        let seats = class::check_seats(input.seats).map_err(|refusal| StoreError::Class {
            class: "the new class".to_owned(),
            refusal,
        })?;
        let allowed = input
            .allowed
            .as_ref()
            .map(|list| {
                list.iter()
                    .map(|c| self.customers().resolve_customer(c))
                    .collect::<Result<Vec<CustomerId>>>()
            })
            .transpose()?;
        let calendar = self.schedule().calendar()?;
        let request = NewItem {
            service: input.service,
            staff: input.staff,
            start: input.start,
            end: input.end,
            room: input.room,
            treatment: None,
        };
        // The business puts a class on its own calendar: no lead time, as
        // for a walk-in; only the past is refused.
        let planned = self
            .bookings()
            .plan_item(ctx, &request, BookingSource::WalkIn, &calendar)?;
        let when = (
            self.format_time(planned.item.start),
            self.format_time(planned.item.busy_until()),
        );
        let room_names = self.bookings().room_names()?;
        self.authorize(ctx, Action::EditSettings)?;
        let id = ClassId::new();
        let mut writer = self.writer(ctx)?;
        let item = fit(
            writer.tx(),
            planned,
            None,
            &[],
            RoomUse::Whole,
            when,
            &room_names,
        )?;
        writer.append(
            id,
            ClassEvent::from(ClassScheduled {
                service: item.service,
                staff: item.staff,
                room: item.room,
                start: item.start,
                end: item.end,
                buffer_minutes: item.buffer_minutes,
                seats,
                price: item.price,
                allowed,
                notes,
            }),
        )?;
        writer.commit()?;
        self.class(id)
    }

    /// A customer joins: a seat if one is free, the waiting list otherwise.
    pub fn enrol(
        &mut self,
        ctx: &Ctx,
        id: ClassId,
        customer: &str,
        treatment: Option<TreatmentId>,
    ) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let customer = self.customers().resolve_customer(customer)?;
        let calendar = self.schedule().calendar()?;
        self.bookings().check_profile(customer, &calendar)?;
        self.change_class(ctx, id, Until::Start, |_, _| {
            Ok(ClassEvent::from(ClassEnrolled {
                customer,
                treatment,
            }))
        })
    }

    /// A customer gives up their place. Leaving a seat after the
    /// cancellation cut-off forfeits it; leaving the line is always free.
    pub fn leave_class(&mut self, ctx: &Ctx, id: ClassId, customer: &str) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let customer = self.customers().resolve_customer(customer)?;
        let cutoff = minutes(self.schedule().calendar()?.cancel_cutoff_minutes);
        self.change_class(ctx, id, Until::Start, |state, now| {
            let seated = state.standing(customer) == Some(Standing::Seated);
            let free_until = state
                .start
                .checked_sub(cutoff)
                .unwrap_or(jiff::Timestamp::MIN);
            Ok(ClassEvent::from(ClassLeft {
                customer,
                late: seated && now >= free_until,
            }))
        })
    }

    /// Records that a seated customer came, or (after the start) did not.
    pub fn mark_attendance(
        &mut self,
        ctx: &Ctx,
        id: ClassId,
        customer: &str,
        attended: bool,
    ) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let customer = self.customers().resolve_customer(customer)?;
        let state = self.class_state(id)?;
        if !attended && ctx.now < state.start {
            return Err(StoreError::NoShowTooEarly {
                start: self.format_time(state.start),
            });
        }
        self.change_class(ctx, id, Until::Any, |_, _| {
            Ok(ClassEvent::from(ClassAttendance { customer, attended }))
        })
    }

    /// More or fewer seats; more seats seat the waiting list at once.
    pub fn change_seats(&mut self, ctx: &Ctx, id: ClassId, seats: u16) -> Result<ClassView>
    where
        S: DerefMut,
    {
        self.authorize(ctx, Action::EditSettings)?;
        self.change_class(ctx, id, Until::Any, |_, _| {
            Ok(ClassEvent::from(ClassSeatsChanged { seats }))
        })
    }

    /// Puts more customers on the list of a class that has one.
    pub fn allow_in_class(
        &mut self,
        ctx: &Ctx,
        id: ClassId,
        customers: &[String],
    ) -> Result<ClassView>
    where
        S: DerefMut,
    {
        if customers.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        let customers = customers
            .iter()
            .map(|c| self.customers().resolve_customer(c))
            .collect::<Result<Vec<_>>>()?;
        self.authorize(ctx, Action::EditSettings)?;
        self.change_class(ctx, id, Until::Any, |_, _| {
            Ok(ClassEvent::from(ClassAllowed {
                customers: customers.clone(),
            }))
        })
    }

    /// The business calls a class off before it starts: every place is
    /// freed and nobody forfeits.
    pub fn cancel_class(&mut self, ctx: &Ctx, id: ClassId, note: &str) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let note =
            caredesk_domain::text::optional("note", Some(note), NOTES_MAX)?.unwrap_or_default();
        self.authorize(ctx, Action::EditSettings)?;
        self.change_class(ctx, id, Until::Start, |_, _| {
            Ok(ClassEvent::from(ClassCancelled { note: note.clone() }))
        })
    }

    pub(crate) fn class_state(&self, id: ClassId) -> Result<ClassState> {
        projection::load(&self.conn, id)?.ok_or_else(|| StoreError::ClassNotFound(id.to_string()))
    }

    /// Reads the class inside the write transaction, builds the op, checks
    /// it with the fold's own rule, appends and commits.
    fn change_class(
        &mut self,
        ctx: &Ctx,
        id: ClassId,
        until: Until,
        make: impl FnOnce(&ClassState, jiff::Timestamp) -> Result<ClassEvent>,
    ) -> Result<ClassView>
    where
        S: DerefMut,
    {
        let zone = self.settings.time_zone();
        let (device, clock) = (self.device, self.clock);
        let mut writer = Writer::begin(&mut self.conn, device, ctx.actor, ctx.approver, clock)?;
        let state = projection::load(writer.tx(), id)?
            .ok_or_else(|| StoreError::ClassNotFound(id.to_string()))?;
        if until == Until::Start && ctx.now >= state.start {
            return Err(StoreError::ClassStarted {
                start: crate::time::rfc3339(state.start, &zone),
            });
        }
        let event = make(&state, ctx.now)?;
        if let Err(refusal) = state.check(&event) {
            let service = crate::catalog::load_service(writer.tx(), state.service)?
                .map(|s| s.name)
                .unwrap_or_default();
            return Err(StoreError::Class {
                class: format!("{service} {}", crate::time::day_first(state.start, &zone)),
                refusal,
            });
        }
        writer.append(id, event)?;
        writer.commit()?;
        self.class(id)
    }
}

/// Whether the command may still run once the class has started.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Until {
    /// Places and the class itself change only before the start.
    Start,
    /// Attendance, seats and the list can be recorded at any time.
    Any,
}
