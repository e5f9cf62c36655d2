//! Making, moving and rescheduling bookings. Every check that depends on
//! other bookings runs inside the IMMEDIATE write transaction, so two
//! receptionists (or two processes) on one counter cannot both take a slot.

use caredesk_domain::Action;
use caredesk_domain::booking::{
    BookingEvent, BookingItem, BookingMade, BookingRescheduled, BookingSource, BookingState,
    BookingStatus, BookingStatusChanged,
};
use caredesk_domain::calendar::{CalendarSettings, ProfileField};
use caredesk_domain::catalog::Service;
use caredesk_domain::hours::minutes;
use caredesk_domain::id::{BookingId, RoomId};
use caredesk_domain::slots::{self, StaffHours};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};

use super::{BookingMove, BookingView, NewBooking, NewItem, projection};
use crate::error::{Result, StoreError};
use crate::schedule::{MAX_BLOCK_MS, staff_hours};
use crate::staff::{self, StaffMember};
use crate::{Ctx, Store};

/// A booking item checked against everything but other bookings.
struct Planned {
    item: BookingItem,
    service_name: String,
    staff_name: String,
    /// The rooms that can host it, with capacity; empty when it needs none.
    rooms: Vec<(RoomId, u16)>,
    /// A room the receptionist chose.
    chosen_room: Option<RoomId>,
}

/// The longest note on a booking, in characters.
const NOTES_MAX: usize = 1_000;

impl Store {
    pub fn add_booking(&mut self, ctx: &Ctx, input: NewBooking) -> Result<BookingView> {
        let notes = caredesk_domain::text::optional("notes", Some(&input.notes), NOTES_MAX)?
            .unwrap_or_default();
        if input.items.is_empty() {
            return Err(StoreError::NoItems);
        }
        let customer = self.resolve_customer(&input.customer)?;
        let calendar = self.calendar()?;
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
        let id = BookingId::new();
        let zone_fmt = |t: Timestamp| self.format_time(t);
        let formatted: Vec<_> = planned
            .iter()
            .map(|p| (zone_fmt(p.item.start), zone_fmt(p.item.busy_until())))
            .collect();
        let room_names = self.room_names()?;
        let mut writer = self.writer(ctx)?;
        let mut items = Vec::with_capacity(planned.len());
        for (p, (start, until)) in planned.into_iter().zip(formatted) {
            let item = fit(writer.tx(), p, None, &items, (start, until), &room_names)?;
            items.push(item);
        }
        writer.append(
            id,
            BookingEvent::from(BookingMade {
                customer,
                items,
                source: input.source,
                status: input.source.first_status(),
                notes,
            }),
        )?;
        writer.commit()?;
        self.booking(id)
    }

    /// Moves a booking along its life cycle.
    pub fn move_booking(
        &mut self,
        ctx: &Ctx,
        id: BookingId,
        to: BookingMove,
        note: &str,
    ) -> Result<BookingView> {
        let note =
            caredesk_domain::text::optional("note", Some(note), NOTES_MAX)?.unwrap_or_default();
        let state = self.booking_state(id)?;
        let calendar = self.calendar()?;
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
    ) -> Result<BookingView> {
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
        let calendar = self.calendar()?;
        // Keep the item's length (a longer session stays longer).
        let length = current.end.duration_since(current.start);
        let end = start
            .checked_add(length)
            .map_err(|_| StoreError::BadTime(start.to_string()))?;
        let staff_text = staff.map_or_else(|| current.staff.to_string(), str::to_owned);
        let request = NewItem {
            service: current.service.to_string(),
            staff: staff_text,
            start,
            end: Some(end),
            room: current.room.map(|r| r.to_string()),
            treatment: current.treatment,
        };
        let mut planned = self.plan_item(ctx, &request, state.source, &calendar)?;
        // The price stays what was agreed when the booking was made.
        planned.item.price = current.price;
        let formatted = (
            self.format_time(planned.item.start),
            self.format_time(planned.item.busy_until()),
        );
        let room_names = self.room_names()?;
        let mut writer = self.writer(ctx)?;
        let others: Vec<BookingItem> = state
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != usize::from(item))
            .map(|(_, other)| other.clone())
            .collect();
        let moved = fit(
            writer.tx(),
            planned,
            Some(id),
            &others,
            formatted,
            &room_names,
        )?;
        writer.append(
            id,
            BookingEvent::from(BookingRescheduled {
                item,
                staff: moved.staff,
                room: moved.room,
                start: moved.start,
                end: moved.end,
                note,
            }),
        )?;
        writer.commit()?;
        self.booking(id)
    }

    pub(crate) fn booking_state(&self, id: BookingId) -> Result<BookingState> {
        projection::load(&self.conn, id)?.ok_or_else(|| StoreError::BookingNotFound(id.to_string()))
    }

    fn check_profile(
        &self,
        customer: caredesk_domain::id::CustomerId,
        calendar: &CalendarSettings,
    ) -> Result<()> {
        if calendar.required_profile.is_empty() {
            return Ok(());
        }
        let record = self.customer(customer)?;
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
    fn plan_item(
        &self,
        ctx: &Ctx,
        input: &NewItem,
        source: BookingSource,
        calendar: &CalendarSettings,
    ) -> Result<Planned> {
        let service = self.find_service(&input.service)?;
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
                let room = self.find_room(room)?;
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
        let usable = self.service_rooms(&rooms)?;
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

    fn room_names(&self) -> Result<Vec<(RoomId, String)>> {
        Ok(self
            .rooms()?
            .into_iter()
            .map(|r| (r.id, r.room.name))
            .collect())
    }
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

fn overlaps(a: &BookingItem, b: &BookingItem) -> bool {
    a.start < b.busy_until() && b.start < a.busy_until()
}

/// Inside the write transaction: the staff member is free, and a room with
/// a place is found. `others` are items of the same booking already placed.
fn fit(
    conn: &Connection,
    planned: Planned,
    except: Option<BookingId>,
    others: &[BookingItem],
    (start_text, until_text): (String, String),
    room_names: &[(RoomId, String)],
) -> Result<BookingItem> {
    let mut item = planned.item;
    let except = except.map(|id| id.to_string()).unwrap_or_default();
    let clash: Option<String> = conn
        .prepare_cached(
            "SELECT booking_id FROM booking_items
             WHERE staff_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4
               AND holds_time AND booking_id <> ?5
             LIMIT 1",
        )?
        .query_row(
            rusqlite::params![
                item.staff.to_string(),
                item.start.as_millisecond() - MAX_BLOCK_MS,
                item.busy_until().as_millisecond(),
                item.start.as_millisecond(),
                except,
            ],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(booking) = clash {
        return Err(StoreError::DoubleBooking {
            staff: planned.staff_name,
            booking,
            start: start_text,
            until: until_text,
        });
    }
    if planned.rooms.is_empty() {
        return Ok(item);
    }
    let candidates: Vec<(RoomId, u16)> = match planned.chosen_room {
        Some(chosen) => planned
            .rooms
            .iter()
            .filter(|(id, _)| *id == chosen)
            .copied()
            .collect(),
        None => planned.rooms.clone(),
    };
    for (room, capacity) in &candidates {
        let booked: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM booking_items
                 WHERE room_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4
                   AND holds_time AND booking_id <> ?5",
            )?
            .query_row(
                rusqlite::params![
                    room.to_string(),
                    item.start.as_millisecond() - MAX_BLOCK_MS,
                    item.busy_until().as_millisecond(),
                    item.start.as_millisecond(),
                    except,
                ],
                |row| row.get(0),
            )?;
        let ours = others
            .iter()
            .filter(|o| o.room == Some(*room) && overlaps(o, &item))
            .count() as i64;
        if booked + ours < i64::from(*capacity) {
            item.room = Some(*room);
            return Ok(item);
        }
    }
    let name = |id: RoomId| {
        room_names
            .iter()
            .find(|(r, _)| *r == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone())
    };
    match planned.chosen_room {
        Some(room) => Err(StoreError::RoomFull {
            room: name(room),
            start: start_text,
            until: until_text,
        }),
        None => Err(StoreError::NoRoom(planned.service_name)),
    }
}
