//! The catalog: services and rooms, their projections and commands.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::catalog::{
    self, Room, RoomAdded, RoomEdited, RoomEvent, RoomState, Service, ServiceAdded, ServiceEdited,
    ServiceEvent, ServiceState,
};
use caredesk_domain::id::{RoomId, ServiceId};
use caredesk_domain::money::Money;
use caredesk_domain::op::Op;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::Catalog;
use crate::business::to_json;
use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

/// What `service add` needs. The price is in the business's currency.
#[derive(Debug, Clone, Default)]
pub struct NewService {
    pub name: String,
    pub category: String,
    pub minutes: u16,
    pub buffer_minutes: u16,
    pub price: i64,
    /// Rooms (ids or names) that can host it; empty when it needs none.
    pub rooms: Vec<String>,
}

/// What `service edit` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ServiceEdit {
    pub name: Option<String>,
    pub category: Option<String>,
    pub minutes: Option<u16>,
    pub buffer_minutes: Option<u16>,
    pub price: Option<i64>,
    /// Rooms (ids or names) that can host it, replacing the list.
    pub rooms: Option<Vec<String>>,
    /// `false` retires it (it stays in history but can no longer be
    /// booked); `true` offers it again.
    pub active: Option<bool>,
}

impl ServiceEdit {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.category.is_none()
            && self.minutes.is_none()
            && self.buffer_minutes.is_none()
            && self.price.is_none()
            && self.rooms.is_none()
            && self.active.is_none()
    }
}

/// What `room edit` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct RoomEdit {
    pub name: Option<String>,
    pub capacity: Option<u16>,
    /// `false` retires it (no new booking takes it); `true` uses it again.
    pub active: Option<bool>,
}

impl RoomEdit {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.capacity.is_none() && self.active.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceInfo {
    pub id: ServiceId,
    #[serde(flatten)]
    pub service: Service,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomInfo {
    pub id: RoomId,
    #[serde(flatten)]
    pub room: Room,
}

impl<S: Deref<Target = Store>> Catalog<S> {
    pub fn add_service(&mut self, ctx: &Ctx, input: NewService) -> Result<ServiceInfo>
    where
        S: DerefMut,
    {
        let name = catalog::check_catalog_name("service name", &input.name)?;
        let category = caredesk_domain::text::optional("category", Some(&input.category), 60)?
            .unwrap_or_default();
        let minutes = catalog::check_minutes(input.minutes)?;
        let buffer_minutes = catalog::check_buffer(input.buffer_minutes)?;
        let price = catalog::check_price(Money::new(input.price, self.settings.currency))?;
        let rooms = input
            .rooms
            .iter()
            .map(|room| self.find_room(room).map(|r| r.id))
            .collect::<Result<Vec<_>>>()?;
        self.authorize(ctx, Action::EditSettings)?;
        let id = ServiceId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(
            id,
            ServiceEvent::from(ServiceAdded {
                name,
                category,
                minutes,
                buffer_minutes,
                price,
                rooms,
            }),
        )?;
        writer.commit()?;
        self.service(id)
    }

    /// Changes some fields of a service, checked as `add_service` checks
    /// them. Only the fields that differ from the service as it is go into
    /// the op; an edit that changes nothing is refused and writes nothing.
    /// `active: Some(false)` retires the service.
    pub fn edit_service(
        &mut self,
        ctx: &Ctx,
        id_or_name: &str,
        edit: ServiceEdit,
    ) -> Result<ServiceInfo>
    where
        S: DerefMut,
    {
        if edit.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        let name = edit
            .name
            .as_deref()
            .map(|name| catalog::check_catalog_name("service name", name))
            .transpose()?;
        let category = edit
            .category
            .as_deref()
            .map(|category| {
                caredesk_domain::text::optional("category", Some(category), 60)
                    .map(Option::unwrap_or_default)
            })
            .transpose()?;
        let minutes = edit.minutes.map(catalog::check_minutes).transpose()?;
        let buffer_minutes = edit.buffer_minutes.map(catalog::check_buffer).transpose()?;
        let currency = self.settings.currency;
        let price = edit
            .price
            .map(|price| catalog::check_price(Money::new(price, currency)))
            .transpose()?;
        let rooms = edit
            .rooms
            .as_ref()
            .map(|rooms| {
                rooms
                    .iter()
                    .map(|room| self.find_room(room).map(|r| r.id))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        let id = self.find_service(id_or_name)?.id;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        // Compared with the service as it is inside the write transaction.
        let current = load_service(writer.tx(), id)?
            .ok_or_else(|| StoreError::ServiceNotFound(id_or_name.trim().to_owned()))?;
        let change = ServiceEdited {
            name: name.filter(|v| *v != current.name),
            category: category.filter(|v| *v != current.category),
            minutes: minutes.filter(|v| *v != current.minutes),
            buffer_minutes: buffer_minutes.filter(|v| *v != current.buffer_minutes),
            price: price.filter(|v| *v != current.price),
            rooms: rooms.filter(|v| *v != current.rooms),
            active: edit.active.filter(|v| *v != current.active),
        };
        if change == ServiceEdited::default() {
            return Err(StoreError::NothingToChange);
        }
        writer.append(id, ServiceEvent::from(change))?;
        writer.commit()?;
        self.service(id)
    }

    pub fn service(&self, id: ServiceId) -> Result<ServiceInfo> {
        load_service(&self.conn, id)?
            .map(|service| ServiceInfo { id, service })
            .ok_or_else(|| StoreError::ServiceNotFound(id.to_string()))
    }

    /// Every service, offered or retired, by name.
    pub fn services(&self) -> Result<Vec<ServiceInfo>> {
        list_folded(
            &self.conn,
            "SELECT id, state FROM services ORDER BY name, id",
            "service",
        )?
        .into_iter()
        .filter_map(|(id, state): (ServiceId, ServiceState)| {
            state.service().map(|service| ServiceInfo { id, service })
        })
        .map(Ok)
        .collect()
    }

    /// A service by id, or by name ignoring case and diacritics.
    pub fn find_service(&self, text: &str) -> Result<ServiceInfo> {
        // An id (what the app and scripts send) is one indexed read.
        if let Ok(id) = text.parse::<ServiceId>()
            && let Some(service) = load_service(&self.conn, id)?
        {
            return Ok(ServiceInfo { id, service });
        }
        let services = self.services()?;
        find_by_name(services, text, |s| s.service.name.as_str())
            .ok_or_else(|| StoreError::ServiceNotFound(text.trim().to_owned()))
    }

    pub fn add_room(&mut self, ctx: &Ctx, name: &str, capacity: u16) -> Result<RoomInfo>
    where
        S: DerefMut,
    {
        let name = catalog::check_catalog_name("room name", name)?;
        let capacity = catalog::check_capacity(capacity)?;
        self.authorize(ctx, Action::EditSettings)?;
        let id = RoomId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(id, RoomEvent::from(RoomAdded { name, capacity }))?;
        writer.commit()?;
        self.room(id)
    }

    /// Changes some fields of a room, checked as `add_room` checks them.
    /// Only the fields that differ go into the op; an edit that changes
    /// nothing is refused. `active: Some(false)` retires the room: no new
    /// booking takes it, and a service whose rooms are all retired cannot
    /// be booked.
    pub fn edit_room(&mut self, ctx: &Ctx, id_or_name: &str, edit: RoomEdit) -> Result<RoomInfo>
    where
        S: DerefMut,
    {
        if edit.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        let name = edit
            .name
            .as_deref()
            .map(|name| catalog::check_catalog_name("room name", name))
            .transpose()?;
        let capacity = edit.capacity.map(catalog::check_capacity).transpose()?;
        let id = self.find_room(id_or_name)?.id;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        let current = load_room(writer.tx(), id)?
            .ok_or_else(|| StoreError::RoomNotFound(id_or_name.trim().to_owned()))?;
        let change = RoomEdited {
            name: name.filter(|v| *v != current.name),
            capacity: capacity.filter(|v| *v != current.capacity),
            active: edit.active.filter(|v| *v != current.active),
        };
        if change == RoomEdited::default() {
            return Err(StoreError::NothingToChange);
        }
        writer.append(id, RoomEvent::from(change))?;
        writer.commit()?;
        self.room(id)
    }

    pub fn room(&self, id: RoomId) -> Result<RoomInfo> {
        load_room(&self.conn, id)?
            .map(|room| RoomInfo { id, room })
            .ok_or_else(|| StoreError::RoomNotFound(id.to_string()))
    }

    pub fn rooms(&self) -> Result<Vec<RoomInfo>> {
        list_folded(
            &self.conn,
            "SELECT id, state FROM rooms ORDER BY name, id",
            "room",
        )?
        .into_iter()
        .filter_map(|(id, state): (RoomId, RoomState)| {
            state.room().map(|room| RoomInfo { id, room })
        })
        .map(Ok)
        .collect()
    }

    pub fn find_room(&self, text: &str) -> Result<RoomInfo> {
        if let Ok(id) = text.parse::<RoomId>()
            && let Some(room) = load_room(&self.conn, id)?
        {
            return Ok(RoomInfo { id, room });
        }
        find_by_name(self.rooms()?, text, |r| r.room.name.as_str())
            .ok_or_else(|| StoreError::RoomNotFound(text.trim().to_owned()))
    }
}

/// `(id, folded state)` rows of a projection, in the query's order.
pub(crate) fn list_folded<I: std::str::FromStr, S: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    what: &str,
) -> Result<Vec<(I, S)>> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (id, json) = row?;
        Ok((parse_id(&id, what)?, parse_state(&json, what)?))
    })
    .collect()
}

/// The one entry whose folded name is `text`'s; two with the same name must
/// be told apart by id.
pub(crate) fn find_by_name<T>(list: Vec<T>, text: &str, name: impl Fn(&T) -> &str) -> Option<T> {
    let folded = caredesk_domain::text::fold(text.trim());
    let mut by_name: Vec<T> = list
        .into_iter()
        .filter(|entry| caredesk_domain::text::fold(name(entry)) == folded)
        .collect();
    if by_name.len() == 1 {
        by_name.pop()
    } else {
        None
    }
}

pub(crate) fn load_service(conn: &Connection, id: ServiceId) -> Result<Option<Service>> {
    Ok(load_service_state(conn, id)?.and_then(|s| s.service()))
}

fn load_service_state(conn: &Connection, id: ServiceId) -> Result<Option<ServiceState>> {
    conn.prepare_cached("SELECT state FROM services WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "service"))
        .transpose()
}

pub(crate) fn load_room(conn: &Connection, id: RoomId) -> Result<Option<Room>> {
    Ok(load_room_state(conn, id)?.and_then(|s| s.room()))
}

fn load_room_state(conn: &Connection, id: RoomId) -> Result<Option<RoomState>> {
    conn.prepare_cached("SELECT state FROM rooms WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "room"))
        .transpose()
}

pub(crate) fn apply_service(tx: &Transaction<'_>, op: &Op, event: &ServiceEvent) -> Result<()> {
    let id = ServiceId::from_uuid(*op.entity.as_uuid());
    let mut state = load_service_state(tx, id)?.unwrap_or_default();
    state.apply(op.stamp(), event);
    let service = state.service();
    tx.prepare_cached(
        "INSERT INTO services (id, name, active, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, active = excluded.active,
             state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        service.as_ref().map(|s| s.name.clone()),
        service.as_ref().is_none_or(|s| s.active),
        to_json(&state),
    ])?;
    Ok(())
}

pub(crate) fn apply_room(tx: &Transaction<'_>, op: &Op, event: &RoomEvent) -> Result<()> {
    let id = RoomId::from_uuid(*op.entity.as_uuid());
    let mut state = load_room_state(tx, id)?.unwrap_or_default();
    state.apply(op.stamp(), event);
    let room = state.room();
    tx.prepare_cached(
        "INSERT INTO rooms (id, name, active, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, active = excluded.active,
             state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        room.as_ref().map(|r| r.name.clone()),
        room.as_ref().is_none_or(|r| r.active),
        to_json(&state),
    ])?;
    Ok(())
}

pub(crate) fn parse_id<T: std::str::FromStr>(text: &str, what: &str) -> Result<T> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} id {text:?}")))
}

pub(crate) fn parse_state<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what} state: {e}")))
}
