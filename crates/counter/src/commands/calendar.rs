//! The calendar: a day (or a week) of staff columns with their hours and
//! bookings, the free slots of a service, and booking, moving and
//! rescheduling. Every rule (hours, double booking, the past, the life
//! cycle) is the store's; each command reads its arguments, calls the store
//! once through a plain function the tests call with their own clock.

use caredesk_store::{BookableService, BookingView, Ctx, SlotView, Store, parse_date};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::Counter;
use crate::approval::Approval;
use crate::booking_input::{
    BookingAction, BookingInput, CalendarDay, CalendarView, RescheduleInput, SlotGrid, booking_id,
};
use crate::error::IpcError;
use crate::session::Session;

/// One day of the calendar, `date` as `YYYY-MM-DD` in the business's zone.
pub fn calendar_day(counter: &Counter, date: String) -> Result<CalendarView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    days(store, &ctx, parse_date(&date)?, 1)
}

/// The week (Monday to Sunday) that holds `date`.
pub fn calendar_week(counter: &Counter, date: String) -> Result<CalendarView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    days(store, &ctx, monday_of(parse_date(&date)?)?, 7)
}

/// Free slots for a service on one day, with one staff member or anyone.
pub fn booking_slots(
    counter: &Counter,
    service: String,
    date: String,
    staff: Option<String>,
) -> Result<Vec<SlotView>, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    let day = parse_date(&date)?;
    Ok(store
        .schedule()
        .slots(ctx.now, &service, day, day, staff.as_deref())?)
}

pub fn services_for_booking(counter: &Counter) -> Result<Vec<BookableService>, IpcError> {
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    Ok(store.schedule().bookable_services()?)
}

pub fn booking(counter: &Counter, id: String) -> Result<BookingView, IpcError> {
    let id = booking_id(&id)?;
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    Ok(store.bookings().booking(id)?)
}

pub fn add_booking(counter: &Counter, input: BookingInput) -> Result<BookingView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    book(store, &ctx, input)
}

/// Check in, start, complete, cancel (free or forfeited by the cut-off),
/// no-show, undo a completion (a manager's, or with a manager's approval).
/// The calendar and the conflicts inbox both cancel through here; the
/// inbox says why in `note`.
pub fn booking_status(
    counter: &Counter,
    booking: String,
    action: BookingAction,
    note: Option<String>,
    approval: Option<Approval>,
) -> Result<BookingView, IpcError> {
    let note = note.unwrap_or_default();
    let asked = StatusChange {
        booking: &booking,
        action,
        note: &note,
    };
    move_status(
        &mut counter.session(),
        counter.now(),
        asked,
        approval.as_ref(),
    )
}

/// A new start and/or staff member for a booking's item (a drag on the
/// calendar, or its keyboard "move").
pub fn reschedule_booking(
    counter: &Counter,
    input: RescheduleInput,
) -> Result<BookingView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    reschedule(store, &ctx, input)
}

/// `count` days from `from`, each with its staff columns.
pub(crate) fn days(
    store: &Store,
    ctx: &Ctx,
    from: Date,
    count: i16,
) -> Result<CalendarView, IpcError> {
    let calendar = store.schedule().calendar()?;
    let mut days = Vec::new();
    for offset in 0..count {
        let date = from
            .checked_add(jiff::Span::new().days(offset))
            .map_err(|_| IpcError::new("invalid_date", format!("{from} is out of range")))?;
        let sheet = store.bookings().day_sheet(date)?;
        days.push(CalendarDay {
            date: date.to_string(),
            opening: calendar
                .opening
                .day(date.weekday())
                .spans()
                .iter()
                .map(ToString::to_string)
                .collect(),
            staff: sheet.staff,
        });
    }
    Ok(CalendarView {
        today: store.treatments().today(ctx).to_string(),
        now: store.format_time(ctx.now),
        grid: SlotGrid {
            slot_minutes: calendar.slot_minutes,
            align_minutes: calendar.align_minutes,
            lead_minutes: calendar.lead_minutes,
            cancel_cutoff_minutes: calendar.cancel_cutoff_minutes,
        },
        days,
    })
}

fn monday_of(date: Date) -> Result<Date, IpcError> {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back))
        .map_err(|_| IpcError::new("invalid_date", format!("{date} is out of range")))
}

pub(crate) fn book(
    store: &mut Store,
    ctx: &Ctx,
    input: BookingInput,
) -> Result<BookingView, IpcError> {
    let new = input.into_new(store)?;
    Ok(store.bookings_mut().add_booking(ctx, new)?)
}

pub(crate) fn reschedule(
    store: &mut Store,
    ctx: &Ctx,
    input: RescheduleInput,
) -> Result<BookingView, IpcError> {
    let id = booking_id(&input.booking)?;
    let start = store.local_time(&input.start)?;
    let staff = input
        .staff
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    Ok(store.bookings_mut().reschedule_booking(
        ctx,
        id,
        input.item.unwrap_or(0),
        start,
        staff,
        "",
    )?)
}

/// A move asked for one booking: which, where to, and why (may be empty).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatusChange<'a> {
    pub booking: &'a str,
    pub action: BookingAction,
    pub note: &'a str,
}

pub(crate) fn move_status(
    session: &mut Session,
    now: Timestamp,
    asked: StatusChange<'_>,
    approval: Option<&Approval>,
) -> Result<BookingView, IpcError> {
    let id = booking_id(asked.booking)?;
    let (store, ctx) = session.acting_approved(now, approval)?;
    Ok(store
        .bookings_mut()
        .move_booking(&ctx, id, asked.action, asked.note)?)
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
