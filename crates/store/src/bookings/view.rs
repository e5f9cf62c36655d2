//! Reading bookings: one booking with its history, a customer's bookings,
//! and the day sheet (the calendar's data: each staff member's day).

use std::collections::HashMap;
use std::ops::Deref;

use caredesk_domain::booking::{BookingState, BookingStatus};
use caredesk_domain::hours::working_spans;
use caredesk_domain::id::{
    BookingId, ClassId, CustomerId, EntityId, OpId, RoomId, ServiceId, StaffId,
};
use caredesk_domain::op::Stamp;
use jiff::civil::{Date, Time};
use serde::Serialize;

use super::{BookingView, HistoryView, ItemView};
use crate::Bookings;
use crate::catalog::{parse_id, parse_state};
use crate::error::Result;
use crate::oplog::entity_ops;
use crate::schedule::{millis, staff_hours};
use crate::treatments::projection::home_address;
use crate::{Store, staff};

/// One day of the calendar: a column per active staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DaySheet {
    /// `YYYY-MM-DD`, a day of the business's calendar.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: Date,
    pub staff: Vec<StaffDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffDay {
    pub staff: StaffId,
    pub name: String,
    /// Working spans that day (`08:00-17:00`), after leave and extra shifts.
    pub hours: Vec<String>,
    pub bookings: Vec<SheetEntry>,
    pub classes: Vec<SheetClass>,
}

/// A class in a staff member's column: how full it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetClass {
    pub class: ClassId,
    pub service: ServiceId,
    pub service_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub room: Option<RoomId>,
    pub status: &'static str,
    pub start: String,
    pub end: String,
    pub seats: u16,
    pub seated: u16,
    pub waiting: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetEntry {
    pub booking: BookingId,
    pub item: u16,
    pub customer: CustomerId,
    pub customer_name: String,
    pub service: ServiceId,
    pub service_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub room: Option<RoomId>,
    pub status: BookingStatus,
    pub start: String,
    pub end: String,
    /// Where a home visit takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub address: Option<String>,
}

impl<S: Deref<Target = Store>> Bookings<S> {
    pub fn booking(&self, id: BookingId) -> Result<BookingView> {
        let state = self.booking_state(id)?;
        self.present_booking(id, &state)
    }

    /// A customer's bookings, latest start first.
    pub fn customer_bookings(&self, customer: CustomerId) -> Result<Vec<BookingView>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, state FROM bookings WHERE customer_id = ?1 ORDER BY start_at DESC, id",
        )?;
        let rows = statement.query_map([customer.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut list = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let state: BookingState = parse_state(&json, "booking")?;
            list.push(self.present_booking(parse_id(&id, "booking")?, &state)?);
        }
        Ok(list)
    }

    /// Working hours, bookings and classes on `date` of every active staff
    /// member who performs a service, and of anyone with bookings that day.
    pub fn day_sheet(&self, date: Date) -> Result<DaySheet> {
        let zone = self.settings.time_zone();
        let calendar = self.schedule().calendar()?;
        let from = caredesk_domain::hours::instant(date, Time::midnight(), &zone);
        let until = caredesk_domain::hours::instant(date, Time::MAX, &zone);
        let mut entries: HashMap<StaffId, Vec<SheetEntry>> = HashMap::new();
        let mut statement = self.conn.prepare_cached(
            "SELECT i.booking_id, i.item, i.staff_id, i.service_id, i.room_id, i.start_at,
                    i.end_at, b.status, b.customer_id, t.state ->> '$.home.address'
             FROM booking_items i JOIN bookings b ON b.id = i.booking_id
             LEFT JOIN treatments t
                 ON t.id = b.state ->> ('$.items[' || i.item || '].treatment')
             WHERE i.start_at >= ?1 AND i.start_at < ?2
             ORDER BY i.start_at, i.booking_id, i.item",
        )?;
        let rows = statement.query_map([from.as_millisecond(), until.as_millisecond()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, i64>(5)?,
                row.get::<_, i64>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, String>(8)?,
                row.get::<_, Option<String>>(9)?,
            ))
        })?;
        let mut names = Names::default();
        for row in rows {
            let (booking, item, staff, service, room, start, end, status, customer, address) = row?;
            let customer: CustomerId = parse_id(&customer, "customer")?;
            let service: ServiceId = parse_id(&service, "service")?;
            let entry = SheetEntry {
                booking: parse_id(&booking, "booking")?,
                item: u16::try_from(item).unwrap_or(u16::MAX),
                customer,
                customer_name: names.customer(self, customer)?,
                service,
                service_name: names.service(self, service)?,
                room: room.map(|r| parse_id(&r, "room")).transpose()?,
                status: status.parse().map_err(crate::error::StoreError::Corrupt)?,
                start: self.format_time(millis(start)?),
                end: self.format_time(millis(end)?),
                address,
            };
            entries
                .entry(parse_id(&staff, "staff")?)
                .or_default()
                .push(entry);
        }
        let mut classes: HashMap<StaffId, Vec<SheetClass>> = HashMap::new();
        for class in self.classes().classes_on(date)? {
            classes.entry(class.staff).or_default().push(SheetClass {
                class: class.id,
                service: class.service,
                service_name: class.service_name,
                room: class.room,
                status: class.status,
                start: class.start,
                end: class.end,
                seats: class.seats,
                seated: class.seated,
                waiting: class.waiting,
            });
        }
        let mut columns = Vec::new();
        for member in staff::list(&self.conn)? {
            let bookings = entries.remove(&member.id).unwrap_or_default();
            let classes = classes.remove(&member.id).unwrap_or_default();
            let (hours, services) = staff_hours(&self.conn, member.id)?;
            let spans = working_spans(date, &hours.week, &hours.exceptions, &calendar.opening);
            // The calendar has a column for whoever serves customers; the
            // owner at the desk gets one only when she has bookings.
            if bookings.is_empty() && classes.is_empty() && (!member.active || services.is_empty())
            {
                continue;
            }
            columns.push(StaffDay {
                staff: member.id,
                name: member.name,
                hours: spans.iter().map(ToString::to_string).collect(),
                bookings,
                classes,
            });
        }
        Ok(DaySheet {
            date,
            staff: columns,
        })
    }

    /// Who made each op of an entity, for its history.
    pub(crate) fn actors(&self, entity: EntityId) -> Result<HashMap<OpId, StaffId>> {
        Ok(entity_ops(&self.conn, entity)?
            .into_iter()
            .map(|op| (op.id, op.actor))
            .collect())
    }

    /// When an op was recorded, from its stamp.
    pub(crate) fn stamp_time(&self, at: Stamp) -> Result<String> {
        Ok(self.format_time(millis(at.hlc.physical_ms() as i64)?))
    }

    fn present_booking(&self, id: BookingId, state: &BookingState) -> Result<BookingView> {
        let mut names = Names::default();
        let actors = self.actors(EntityId::from(id))?;
        let items = state
            .items
            .iter()
            .map(|item| {
                Ok(ItemView {
                    service: item.service,
                    service_name: names.service(self, item.service)?,
                    staff: item.staff,
                    staff_name: names.staff(self, item.staff)?,
                    room: item.room,
                    start: self.format_time(item.start),
                    end: self.format_time(item.end),
                    buffer_minutes: item.buffer_minutes,
                    price: item.price,
                    treatment: item.treatment,
                    address: item
                        .treatment
                        .map(|t| home_address(&self.conn, t))
                        .transpose()?
                        .flatten(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let history = state
            .history
            .iter()
            .map(|entry| {
                let by = actors.get(&entry.at.op).copied().unwrap_or_default();
                Ok(HistoryView {
                    at: self.stamp_time(entry.at)?,
                    by,
                    by_name: names.staff(self, by)?,
                    change: entry.change.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(BookingView {
            id,
            customer: state.customer,
            customer_name: names.customer(self, state.customer)?,
            status: state.status,
            source: state.source,
            start: self.format_time(state.start()),
            end: self.format_time(state.end()),
            notes: state.notes.clone(),
            items,
            history,
        })
    }
}

/// Names looked up once per view.
#[derive(Default)]
pub(crate) struct Names {
    staff: HashMap<StaffId, String>,
    services: HashMap<ServiceId, String>,
    customers: HashMap<CustomerId, String>,
}

impl Names {
    pub(crate) fn staff(&mut self, store: &Store, id: StaffId) -> Result<String> {
        if let Some(name) = self.staff.get(&id) {
            return Ok(name.clone());
        }
        let lang = crate::Lang::of(store.settings.country);
        let name = staff::actor_name(&store.conn, id, lang)?.unwrap_or_default();
        self.staff.insert(id, name.clone());
        Ok(name)
    }

    pub(crate) fn service(&mut self, store: &Store, id: ServiceId) -> Result<String> {
        if let Some(name) = self.services.get(&id) {
            return Ok(name.clone());
        }
        let name = crate::catalog::load_service(&store.conn, id)?
            .map(|s| s.name)
            .unwrap_or_default();
        self.services.insert(id, name.clone());
        Ok(name)
    }

    pub(crate) fn customer(&mut self, store: &Store, id: CustomerId) -> Result<String> {
        if let Some(name) = self.customers.get(&id) {
            return Ok(name.clone());
        }
        let name = store
            .customers()
            .customer(id)
            .map(|c| c.name)
            .unwrap_or_default();
        self.customers.insert(id, name.clone());
        Ok(name)
    }
}
