//! Making, moving and rescheduling bookings. Every check that depends on
//! other bookings runs inside the IMMEDIATE write transaction, so two
//! receptionists (or two processes) on one counter cannot both take a slot.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::{
    BookingEvent, BookingItem, BookingMade, BookingRescheduled, BookingSource, BookingState,
    BookingStatus, BookingStatusChanged,
};
use caredesk_domain::calendar::{CalendarSettings, ProfileField};
use caredesk_domain::catalog::Service;
use caredesk_domain::hours::minutes;
use caredesk_domain::id::{BookingId, CustomerId, RoomId};
use caredesk_domain::slots::{self, StaffHours};
use jiff::Timestamp;

use super::fit::{Planned, RoomUse, fit, overlaps};
use super::{BookingMove, BookingView, NewBooking, NewItem, projection};
use crate::Bookings;
use crate::error::{Result, StoreError};
use crate::schedule::staff_hours;
use crate::staff::{self, StaffMember};
use crate::treatments::{follow_booking, reserve_sessions};
use crate::writer::Writer;
use crate::{Ctx, Store};

/// The longest note on a booking, in characters.
const NOTES_MAX: usize = 1_000;

impl<S: Deref<Target = Store>> Bookings<S> {
    pub fn add_booking(&mut self, ctx: &Ctx, input: NewBooking) -> Result<BookingView>
    where
        S: DerefMut,
    {
        let plan = self.plan_booking(ctx, input)?;
        let room_names = self.room_names()?;
        let zone = self.settings.time_zone();
        let today = self.treatments().today(ctx);
        let id = BookingId::new();
        let mut writer = self.writer(ctx)?;
        write_booking(&mut writer, id, plan, &room_names, &zone, today)?;
        writer.commit()?;
        self.booking(id)
    }

    /// Every check of a new booking that does not depend on other bookings
    /// (those run in `write_booking`, inside the write transaction).
    pub(crate) fn plan_booking(&self, ctx: &Ctx, input: NewBooking) -> Result<BookingPlan> {
        let notes = caredesk_domain::text::optional("notes", Some(&input.notes), NOTES_MAX)?
            .unwrap_or_default();
        if input.items.is_empty() {
            return Err(StoreError::NoItems);
        }
        let customer = self.customers().resolve_customer(&input.customer)?;
        let calendar = self.schedule().calendar()?;
        self.check_profile(customer, &calendar)?;
        let mut planned = Vec::with_capacity(input.items.len());
        for item in &input.items {
            planned.push(self.plan_item(ctx, item, input.source, &calendar)?);
        }
        // Items of one booking must not overlap each other for one person.
        for (i, a) in planned.iter().enumerate() {
            for b in &planned[i + 1..] {
                let same_staff = a.item.staff == b.item.staff;
                if same_staff && overlaps(&a.item, &b.item) {
                    return Err(StoreError::DoubleBooking {
                        staff: b.staff_name.clone(),
                        booking: "this booking".to_owned(),
                        start: self.format_time(a.item.start),
                        until: self.format_time(a.item.busy_until()),
                    });
                }
            }
        }
        let when = planned
            .iter()
            .map(|p| {
                (
                    self.format_time(p.item.start),
                    self.format_time(p.item.busy_until()),
                )
            })
            .collect();
        Ok(BookingPlan {
            customer,
            planned,
            when,
            source: input.source,
            notes,
        })
    }

    /// Moves a booking along its life cycle.
    pub fn move_booking(
        &mut self,
        ctx: &Ctx,
        id: BookingId,
        to: BookingMove,
        note: &str,
    ) -> Result<BookingView>
    where
        S: DerefMut,
    {
        let note =
            caredesk_domain::text::optional("note", Some(note), NOTES_MAX)?.unwrap_or_default();
        let state = self.booking_state(id)?;
        let calendar = self.schedule().calendar()?;
        let status = match to {
            BookingMove::Confirm => BookingStatus::Confirmed,
            BookingMove::CheckIn => BookingStatus::CheckedIn,
            BookingMove::Start => BookingStatus::InProgress,
            BookingMove::Complete => BookingStatus::Completed,
            BookingMove::NoShow => {
                state.status.check(BookingStatus::NoShow)?;
                if ctx.now < state.start() {
                    return Err(StoreError::NoShowTooEarly {
                        start: self.format_time(state.start()),
                    });
                }
                BookingStatus::NoShow
            }
            BookingMove::Cancel => cancellation(&state, ctx.now, &calendar),
            BookingMove::UndoCompletion => {
                if state.status != BookingStatus::Completed {
                    return Err(caredesk_domain::booking::TransitionError {
                        from: state.status,
                        to: BookingStatus::InProgress,
                    }
                    .into());
                }
                self.authorize(ctx, Action::UndoCompletion)?;
                BookingStatus::InProgress
            }
        };
        state.status.check(status)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            id,
            BookingEvent::from(BookingStatusChanged { to: status, note }),
        )?;
        follow_booking(&mut writer, id, &state.items, state.status, status)?;
        writer.commit()?;
        self.booking(id)
    }

    /// New start (and staff member) for one item of a booking that has not
    /// started; the old times stay in its history.
    pub fn reschedule_booking(
        &mut self,
        ctx: &Ctx,
        id: BookingId,
        item: u16,
        start: Timestamp,
        staff: Option<&str>,
        note: &str,
    ) -> Result<BookingView>
    where
        S: DerefMut,
    {
        let note =
            caredesk_domain::text::optional("note", Some(note), NOTES_MAX)?.unwrap_or_default();
        let state = self.booking_state(id)?;
        if !state.status.can_reschedule() {
            return Err(StoreError::CannotReschedule(state.status));
        }
        let current = state
            .items
            .get(usize::from(item))
            .ok_or_else(|| StoreError::BookingNotFound(format!("{id} item {item}")))?
            .clone();
        // A session paid by a treatment cannot move past its expiry, nor
        // (for a home visit) to anyone but its therapist.
        let card = current
            .treatment
            .map(|t| self.treatments().treatment_state(t))
            .transpose()?;
        let refused =
            |card: &caredesk_domain::treatment::TreatmentState, refusal| StoreError::Treatment {
                treatment: card.name.clone(),
                refusal,
            };
        if let Some(card) = &card {
            let date = start.to_zoned(self.settings.time_zone()).date();
            card.check_date(date).map_err(|r| refused(card, r))?;
        }
        let calendar = self.schedule().calendar()?;
        let staff = staff.map_or_else(|| current.staff.to_string(), str::to_owned);
        let (planned, formatted) =
            self.plan_move(ctx, &current, start, staff, state.source, &calendar)?;
        if let Some(card) = &card {
            card.check_staff(planned.item.staff)
                .map_err(|r| refused(card, r))?;
        }
        let room_names = self.room_names()?;
        let mut writer = self.writer(ctx)?;
        let moving = Moving {
            id,
            state: &state,
            item,
        };
        move_item(&mut writer, moving, planned, formatted, &room_names, note)?;
        writer.commit()?;
        self.booking(id)
    }

    /// Plans an item already booked at a new `start` with `staff`, keeping
    /// its length (a longer session stays longer), service, room, treatment
    /// and the price agreed when it was booked. Returns the plan and its
    /// block as people read it, for `move_item`.
    pub(crate) fn plan_move(
        &self,
        ctx: &Ctx,
        current: &BookingItem,
        start: Timestamp,
        staff: String,
        source: BookingSource,
        calendar: &CalendarSettings,
    ) -> Result<(Planned, (String, String))> {
        let length = current.end.duration_since(current.start);
        let end = start
            .checked_add(length)
            .map_err(|_| StoreError::BadTime(start.to_string()))?;
        let request = NewItem {
            service: current.service.to_string(),
            staff,
            start,
            end: Some(end),
            room: current.room.map(|r| r.to_string()),
            treatment: current.treatment,
        };
        let mut planned = self.plan_item(ctx, &request, source, calendar)?;
        planned.item.price = current.price;
        let when = (
            self.format_time(planned.item.start),
            self.format_time(planned.item.busy_until()),
        );
        Ok((planned, when))
    }

    pub(crate) fn booking_state(&self, id: BookingId) -> Result<BookingState> {
        projection::load(&self.conn, id)?.ok_or_else(|| StoreError::BookingNotFound(id.to_string()))
    }

    pub(crate) fn check_profile(
        &self,
        customer: caredesk_domain::id::CustomerId,
        calendar: &CalendarSettings,
    ) -> Result<()> {
        if calendar.required_profile.is_empty() {
            return Ok(());
        }
        let record = self.customers().customer(customer)?;
        let missing: Vec<&str> = calendar
            .required_profile
            .iter()
            .filter(|field| match field {
                ProfileField::Email => record.email.is_none(),
                ProfileField::Address => record.address.is_none(),
            })
            .map(|field| match field {
                ProfileField::Email => "an email",
                ProfileField::Address => "an address",
            })
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(StoreError::ProfileIncomplete {
                name: record.name,
                missing: missing.join(" and "),
            })
        }
    }

    /// Checks one item against the catalog, the staff member's hours and
    /// the clock: everything that does not depend on other bookings.
    pub(crate) fn plan_item(
        &self,
        ctx: &Ctx,
        input: &NewItem,
        source: BookingSource,
        calendar: &CalendarSettings,
    ) -> Result<Planned> {
        let service = self.catalog().find_service(&input.service)?;
        let Service {
            name: service_name,
            minutes: length,
            buffer_minutes,
            price,
            rooms,
            active,
            ..
        } = service.service;
        if !active {
            return Err(StoreError::ServiceInactive(service_name));
        }
        let member = staff::acting(&self.conn, &input.staff)?;
        let (hours, services) = staff_hours(&self.conn, member.id)?;
        if !services.contains(&service.id) {
            return Err(StoreError::DoesNotPerform {
                staff: member.name,
                service: service_name,
            });
        }
        let end = match input.end {
            Some(end) => end,
            None => input
                .start
                .checked_add(minutes(length))
                .map_err(|_| StoreError::BadTime(input.start.to_string()))?,
        };
        if end <= input.start {
            return Err(StoreError::EndBeforeStart {
                start: self.format_time(input.start),
                end: self.format_time(end),
            });
        }
        self.check_start(input.start, ctx.now, source, calendar)?;
        let item = BookingItem {
            service: service.id,
            staff: member.id,
            room: None,
            start: input.start,
            end,
            buffer_minutes,
            price,
            treatment: input.treatment,
        };
        self.check_hours(&member, &hours, &item, calendar)?;
        let chosen_room = match &input.room {
            Some(room) => {
                let room = self.catalog().find_room(room)?;
                if !rooms.contains(&room.id) {
                    return Err(StoreError::RoomNotForService {
                        service: service_name,
                        room: room.room.name,
                    });
                }
                Some(room.id)
            }
            None => None,
        };
        let usable = self.schedule().service_rooms(&rooms)?;
        if !rooms.is_empty() && usable.is_empty() {
            return Err(StoreError::NoRoom(service_name));
        }
        Ok(Planned {
            item,
            service_name,
            staff_name: member.name,
            rooms: usable,
            chosen_room,
        })
    }

    /// Not in the past; for today, more than the lead time ahead. A walk-in
    /// is served now, so only the past is refused (to the minute).
    fn check_start(
        &self,
        start: Timestamp,
        now: Timestamp,
        source: BookingSource,
        calendar: &CalendarSettings,
    ) -> Result<()> {
        let zone = self.settings.time_zone();
        let a_minute_ago = now.checked_sub(minutes(1)).unwrap_or(now);
        if start <= a_minute_ago || (source != BookingSource::WalkIn && start <= now) {
            return Err(StoreError::InThePast {
                start: self.format_time(start),
            });
        }
        if source != BookingSource::WalkIn && !slots::bookable_at(start, now, calendar, &zone) {
            return Err(StoreError::TooSoon {
                start: self.format_time(start),
                lead_minutes: calendar.lead_minutes,
            });
        }
        Ok(())
    }

    fn check_hours(
        &self,
        member: &StaffMember,
        hours: &StaffHours,
        item: &BookingItem,
        calendar: &CalendarSettings,
    ) -> Result<()> {
        let zone = self.settings.time_zone();
        if slots::within_hours(item.start, item.busy_until(), hours, calendar, &zone) {
            Ok(())
        } else {
            Err(StoreError::OutsideHours {
                staff: member.name.clone(),
                start: self.format_time(item.start),
                until: self.format_time(item.busy_until()),
            })
        }
    }

    pub(crate) fn room_names(&self) -> Result<Vec<(RoomId, String)>> {
        Ok(self
            .catalog()
            .rooms()?
            .into_iter()
            .map(|r| (r.id, r.room.name))
            .collect())
    }
}

/// A booking checked against the catalog, hours and clock, waiting for the
/// write transaction.
pub(crate) struct BookingPlan {
    customer: CustomerId,
    planned: Vec<Planned>,
    /// Each item's start and end of its block, as people read them.
    when: Vec<(String, String)>,
    source: BookingSource,
    notes: String,
}

impl BookingPlan {
    /// The staff member of each item, in order.
    pub(crate) fn staff(&self) -> impl Iterator<Item = caredesk_domain::id::StaffId> + '_ {
        self.planned.iter().map(|p| p.item.staff)
    }
}

/// Inside the write transaction: fits each item (staff free, a room with a
/// place), appends `booking.made`, and reserves the treatment sessions the
/// items name.
pub(crate) fn write_booking(
    writer: &mut Writer<'_>,
    id: BookingId,
    plan: BookingPlan,
    room_names: &[(RoomId, String)],
    zone: &jiff::tz::TimeZone,
    today: jiff::civil::Date,
) -> Result<()> {
    let mut items = Vec::with_capacity(plan.planned.len());
    for (p, when) in plan.planned.into_iter().zip(plan.when) {
        let item = fit(
            writer.tx(),
            p,
            None,
            &items,
            RoomUse::Place,
            when,
            room_names,
        )?;
        items.push(item);
    }
    let made = BookingMade {
        customer: plan.customer,
        items,
        source: plan.source,
        status: plan.source.first_status(),
        notes: plan.notes,
    };
    let items = made.items.clone();
    writer.append(id, BookingEvent::from(made))?;
    reserve_sessions(writer, id, plan.customer, &items, zone, today)
}

/// One item of a booking, about to move.
pub(crate) struct Moving<'a> {
    pub(crate) id: BookingId,
    pub(crate) state: &'a BookingState,
    pub(crate) item: u16,
}

/// Inside the write transaction: fits the item's new plan (its own old time
/// does not count, the booking's other items do) and appends
/// `booking.rescheduled`, which keeps the old times in the history.
pub(crate) fn move_item(
    writer: &mut Writer<'_>,
    moving: Moving<'_>,
    planned: Planned,
    when: (String, String),
    room_names: &[(RoomId, String)],
    note: String,
) -> Result<()> {
    let others: Vec<BookingItem> = moving
        .state
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != usize::from(moving.item))
        .map(|(_, other)| other.clone())
        .collect();
    let moved = fit(
        writer.tx(),
        planned,
        Some(moving.id.to_string()),
        &others,
        RoomUse::Place,
        when,
        room_names,
    )?;
    writer.append(
        moving.id,
        BookingEvent::from(BookingRescheduled {
            item: moving.item,
            staff: moved.staff,
            room: moved.room,
            start: moved.start,
            end: moved.end,
            note,
        }),
    )?;
    Ok(())
}

/// The cut-off decides: more than `cancel_cutoff_minutes` before the start
/// is free, anything later is forfeited.
fn cancellation(
    state: &BookingState,
    now: Timestamp,
    calendar: &CalendarSettings,
) -> BookingStatus {
    let free_until = state
        .start()
        .checked_sub(minutes(calendar.cancel_cutoff_minutes))
        .unwrap_or(Timestamp::MIN);
    if now < free_until {
        BookingStatus::Cancelled
    } else {
        BookingStatus::Forfeited
    }
}
