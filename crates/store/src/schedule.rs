//! Who works when: the calendar settings, staff services, weekly hours and
//! shift exceptions, and the free slots that follow from them.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::business::BusinessEvent;
use caredesk_domain::calendar::{CalendarConfigured, CalendarSettings};
use caredesk_domain::catalog::{MAX_BUFFER_MINUTES, MAX_SERVICE_MINUTES};
use caredesk_domain::hours::{DayHours, ShiftChange, ShiftException, Span, weekday_key};
use caredesk_domain::id::{RoomId, ServiceId, ShiftExceptionId, StaffId};
use caredesk_domain::slots::{self, Busy, SlotQuery, StaffHours};
use caredesk_domain::staff::{
    ShiftExceptionAdded, ShiftExceptionRemoved, StaffEvent, StaffHoursSet, StaffServicesSet,
};
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use rusqlite::Connection;
use serde::Serialize;

use crate::Schedule;
use crate::catalog::parse_id;
use crate::error::{Result, StoreError};
use crate::{Ctx, Store, business, staff};

/// No busy interval is longer than the longest service plus its buffer: how
/// far before a window an overlapping booking can start.
pub(crate) const MAX_BLOCK_MS: i64 =
    (MAX_SERVICE_MINUTES as i64 + MAX_BUFFER_MINUTES as i64) * 60_000;

/// A staff member's week as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffSchedule {
    pub staff: StaffId,
    pub name: String,
    pub services: Vec<ServiceId>,
    /// `mon`..`sun` to spans like `08:00-17:00`; a missing day is a day off.
    pub hours: BTreeMap<&'static str, Vec<String>>,
    pub exceptions: Vec<ShiftException>,
}

/// A free slot as the CLI and the app show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SlotView {
    /// RFC 3339 with the business's offset.
    pub start: String,
    pub end: String,
    pub staff: StaffId,
    pub staff_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub room: Option<RoomId>,
}

/// A service the counter can book, and who performs it: what the booking
/// form offers once a staff member's column is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookableService {
    pub id: ServiceId,
    pub name: String,
    pub category: String,
    pub minutes: u16,
    pub buffer_minutes: u16,
    pub price: caredesk_domain::money::Money,
    /// Active staff who perform it, by id.
    pub staff: Vec<StaffId>,
}

pub use caredesk_domain::hours::WEEK;

impl<S: Deref<Target = Store>> Schedule<S> {
    /// Opening hours, the slot grid, lead time and policies.
    pub fn calendar(&self) -> Result<CalendarSettings> {
        Ok(business::load_state(&self.conn)?.calendar())
    }

    pub fn set_calendar(
        &mut self,
        ctx: &Ctx,
        calendar: CalendarSettings,
    ) -> Result<CalendarSettings>
    where
        S: DerefMut,
    {
        let calendar = calendar.validated()?;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            business::entity(),
            BusinessEvent::from(CalendarConfigured { calendar }),
        )?;
        writer.commit()?;
        self.calendar()
    }

    /// The services a staff member performs, replacing the list.
    pub fn set_staff_services(
        &mut self,
        ctx: &Ctx,
        who: &str,
        services: &[String],
    ) -> Result<StaffSchedule>
    where
        S: DerefMut,
    {
        let member = staff::find(&self.conn, who)?;
        let mut ids = services
            .iter()
            .map(|s| self.catalog().find_service(s).map(|s| s.id))
            .collect::<Result<Vec<_>>>()?;
        ids.sort();
        ids.dedup();
        self.authorize(ctx, Action::ManageStaff)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            member.id,
            StaffEvent::from(StaffServicesSet { services: ids }),
        )?;
        writer.commit()?;
        self.staff_schedule(&member.id.to_string())
    }

    /// A staff member's usual hours on one weekday (empty: a day off).
    pub fn set_staff_hours(
        &mut self,
        ctx: &Ctx,
        who: &str,
        day: Weekday,
        spans: Vec<Span>,
    ) -> Result<StaffSchedule>
    where
        S: DerefMut,
    {
        self.set_staff_week(ctx, who, &[(day, spans)])
    }

    /// Several weekdays' hours in one transaction (e.g. the same hours every
    /// day): all are set or none.
    pub fn set_staff_week(
        &mut self,
        ctx: &Ctx,
        who: &str,
        days: &[(Weekday, Vec<Span>)],
    ) -> Result<StaffSchedule>
    where
        S: DerefMut,
    {
        let member = staff::find(&self.conn, who)?;
        let days = days
            .iter()
            .map(|(day, spans)| Ok((*day, DayHours::new(spans.clone())?)))
            .collect::<Result<Vec<_>>>()?;
        if days.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        self.authorize(ctx, Action::ManageStaff)?;
        let mut writer = self.writer(ctx)?;
        for (day, hours) in days {
            writer.append(member.id, StaffEvent::from(StaffHoursSet { day, hours }))?;
        }
        writer.commit()?;
        self.staff_schedule(&member.id.to_string())
    }

    /// Leave (the whole day without a span) or an extra shift on one date.
    pub fn add_shift_exception(
        &mut self,
        ctx: &Ctx,
        who: &str,
        date: Date,
        change: ShiftChange,
        span: Option<Span>,
        note: &str,
    ) -> Result<ShiftException>
    where
        S: DerefMut,
    {
        let member = staff::find(&self.conn, who)?;
        if change == ShiftChange::Extra && span.is_none() {
            return Err(StoreError::ExtraShiftNeedsHours);
        }
        let note = caredesk_domain::text::optional("note", Some(note), 200)?.unwrap_or_default();
        self.authorize(ctx, Action::ManageStaff)?;
        let exception = ShiftException {
            id: ShiftExceptionId::new(),
            date,
            change,
            span,
            note,
        };
        let mut writer = self.writer(ctx)?;
        writer.append(
            member.id,
            StaffEvent::from(ShiftExceptionAdded {
                exception: exception.clone(),
            }),
        )?;
        writer.commit()?;
        Ok(exception)
    }

    pub fn remove_shift_exception(
        &mut self,
        ctx: &Ctx,
        who: &str,
        id: ShiftExceptionId,
    ) -> Result<StaffSchedule>
    where
        S: DerefMut,
    {
        let member = staff::find(&self.conn, who)?;
        let state = staff::load(&self.conn, member.id)?
            .ok_or_else(|| StoreError::StaffNotFound(who.to_owned()))?;
        if !state.exceptions().iter().any(|e| e.id == id) {
            return Err(StoreError::ExceptionNotFound {
                staff: member.name,
                id: id.to_string(),
            });
        }
        self.authorize(ctx, Action::ManageStaff)?;
        let mut writer = self.writer(ctx)?;
        writer.append(member.id, StaffEvent::from(ShiftExceptionRemoved { id }))?;
        writer.commit()?;
        self.staff_schedule(&member.id.to_string())
    }

    pub fn staff_schedule(&self, who: &str) -> Result<StaffSchedule> {
        let member = staff::find(&self.conn, who)?;
        let state = staff::load(&self.conn, member.id)?
            .ok_or_else(|| StoreError::StaffNotFound(who.to_owned()))?;
        let week = state.week();
        let hours = WEEK
            .iter()
            .filter(|day| !week.day(**day).is_closed())
            .map(|day| {
                let spans = week.day(*day).spans().iter().map(Span::to_string).collect();
                (weekday_key(*day), spans)
            })
            .collect();
        Ok(StaffSchedule {
            staff: member.id,
            name: member.name,
            services: state.services().to_vec(),
            hours,
            exceptions: state.exceptions(),
        })
    }

    /// The active services, by name (as `services` lists them), each with the active staff who perform
    /// it. A service nobody performs is listed with no staff: it exists,
    /// and the form says why it cannot be booked rather than hiding it.
    pub fn bookable_services(&self) -> Result<Vec<BookableService>> {
        let mut performs: Vec<(StaffId, Vec<ServiceId>)> = Vec::new();
        for member in staff::list(&self.conn)?.into_iter().filter(|m| m.active) {
            performs.push((member.id, staff_hours(&self.conn, member.id)?.1));
        }
        Ok(self
            .catalog()
            .services()?
            .into_iter()
            .filter(|info| info.service.active)
            .map(|info| BookableService {
                staff: performs
                    .iter()
                    .filter(|(_, services)| services.contains(&info.id))
                    .map(|(member, _)| *member)
                    .collect(),
                id: info.id,
                name: info.service.name,
                category: info.service.category,
                minutes: info.service.minutes,
                buffer_minutes: info.service.buffer_minutes,
                price: info.service.price,
            })
            .collect())
    }

    /// Free slots for a service from `from` to `to` (inclusive), with one
    /// staff member or anyone who performs it.
    pub fn slots(
        &self,
        now: Timestamp,
        service: &str,
        from: Date,
        to: Date,
        who: Option<&str>,
    ) -> Result<Vec<SlotView>> {
        let service = self.catalog().find_service(service)?;
        // A retired service is offered no more, as booking it is refused.
        if !service.service.active {
            return Err(StoreError::ServiceInactive(service.service.name));
        }
        if to < from {
            return Err(StoreError::EndBeforeStart {
                start: from.to_string(),
                end: to.to_string(),
            });
        }
        let zone = self.settings.time_zone();
        let calendar = self.calendar()?;
        let performers = match who {
            Some(who) => {
                let member = staff::acting(&self.conn, who)?;
                let hours = staff_hours(&self.conn, member.id)?;
                if !hours.1.contains(&service.id) {
                    return Err(StoreError::DoesNotPerform {
                        staff: member.name,
                        service: service.service.name,
                    });
                }
                vec![hours.0]
            }
            None => performers(&self.conn, service.id)?,
        };
        let rooms = self.service_rooms(&service.service.rooms)?;
        // Without a room in use it cannot be booked: offer no room-less slot.
        if !service.service.rooms.is_empty() && rooms.is_empty() {
            return Err(StoreError::NoRoom(service.service.name));
        }
        let window_start =
            caredesk_domain::hours::instant(from, jiff::civil::Time::midnight(), &zone);
        let window_end = caredesk_domain::hours::instant(to, jiff::civil::Time::MAX, &zone);
        let busy = busy_between(
            &self.conn,
            performers.iter().map(|s| s.staff),
            rooms.iter().map(|r| r.0),
            window_start,
            window_end,
        )?;
        let found = slots::free_slots(&SlotQuery {
            zone: &zone,
            calendar: &calendar,
            minutes: service.service.minutes,
            buffer_minutes: service.service.buffer_minutes,
            rooms: &rooms,
            staff: &performers,
            busy: &busy,
            from,
            to,
            now,
        });
        let names: BTreeMap<StaffId, String> = staff::list(&self.conn)?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        Ok(found
            .into_iter()
            .map(|slot| SlotView {
                start: self.format_time(slot.start),
                end: self.format_time(slot.end),
                staff: slot.staff,
                staff_name: names.get(&slot.staff).cloned().unwrap_or_default(),
                room: slot.room,
            })
            .collect())
    }

    /// The service's rooms that are in use, with their capacity.
    pub(crate) fn service_rooms(&self, rooms: &[RoomId]) -> Result<Vec<(RoomId, u16)>> {
        let mut found = Vec::with_capacity(rooms.len());
        for id in rooms {
            if let Some(room) = crate::catalog::load_room(&self.conn, *id)?
                && room.active
            {
                found.push((*id, room.capacity));
            }
        }
        Ok(found)
    }
}

/// A staff member's hours for the slot engine, and the services they perform.
pub(crate) fn staff_hours(conn: &Connection, id: StaffId) -> Result<(StaffHours, Vec<ServiceId>)> {
    let state = staff::load(conn, id)?.ok_or_else(|| StoreError::StaffNotFound(id.to_string()))?;
    Ok((
        StaffHours {
            staff: id,
            week: state.week(),
            exceptions: state.exceptions(),
        },
        state.services().to_vec(),
    ))
}

/// Active staff who perform `service`, by id.
fn performers(conn: &Connection, service: ServiceId) -> Result<Vec<StaffHours>> {
    let mut found = Vec::new();
    for member in staff::list(conn)?.into_iter().filter(|m| m.active) {
        let (hours, services) = staff_hours(conn, member.id)?;
        if services.contains(&service) {
            found.push(hours);
        }
    }
    found.sort_by_key(|h| h.staff);
    Ok(found)
}

/// Time of these staff and rooms taken by bookings and classes that
/// overlaps `[from, until)`.
pub(crate) fn busy_between(
    conn: &Connection,
    staff: impl Iterator<Item = StaffId>,
    rooms: impl Iterator<Item = RoomId>,
    from: Timestamp,
    until: Timestamp,
) -> Result<Vec<Busy>> {
    let (from, until) = (from.as_millisecond(), until.as_millisecond());
    let mut busy = Vec::new();
    let mut read = |sql: &str, key: String| -> Result<()> {
        let mut statement = conn.prepare_cached(sql)?;
        let rows = statement.query_map(
            rusqlite::params![key, from - MAX_BLOCK_MS, until, from],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, bool>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (staff, room, start, end, whole_room) = row?;
            busy.push(Busy {
                staff: parse_id(&staff, "staff")?,
                room: room.map(|r| parse_id(&r, "room")).transpose()?,
                start: millis(start)?,
                until: millis(end)?,
                whole_room,
            });
        }
        Ok(())
    };
    for id in staff {
        read(
            "SELECT staff_id, room_id, start_at, busy_until, whole_room FROM calendar_time
             WHERE staff_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4",
            id.to_string(),
        )?;
    }
    for id in rooms {
        read(
            "SELECT staff_id, room_id, start_at, busy_until, whole_room FROM calendar_time
             WHERE room_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4",
            id.to_string(),
        )?;
    }
    busy.sort_by_key(|b| (b.start, b.staff));
    busy.dedup();
    Ok(busy)
}

pub(crate) fn millis(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|_| StoreError::Corrupt(format!("time {ms}")))
}

/// Reads `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date> {
    let trimmed = text.trim();
    if trimmed.len() != 10 {
        return Err(StoreError::BadDate(text.to_owned()));
    }
    trimmed
        .parse()
        .map_err(|_| StoreError::BadDate(text.to_owned()))
}
