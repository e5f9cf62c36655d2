//! Reading classes: one class with its places and history, the classes of a
//! day, and a customer's classes.

use std::ops::Deref;

use caredesk_domain::class::ClassState;
use caredesk_domain::id::{ClassId, CustomerId, EntityId};
use jiff::Timestamp;
use jiff::civil::{Date, Time};

use super::{ClassHistoryView, ClassView, CustomerClass, Person, PlaceView};
use crate::Classes;
use crate::bookings::view::Names;
use crate::catalog::{parse_id, parse_state};
use crate::error::Result;
use crate::{Store, staff};

impl<S: Deref<Target = Store>> Classes<S> {
    pub fn class(&self, id: ClassId) -> Result<ClassView> {
        let state = self.class_state(id)?;
        self.present_class(id, &state, &mut Names::default())
    }

    /// The classes starting on `date` (business zone), cancelled ones too,
    /// by start.
    pub fn classes_on(&self, date: Date) -> Result<Vec<ClassView>> {
        let zone = self.settings.time_zone();
        let from = caredesk_domain::hours::instant(date, Time::midnight(), &zone);
        let until = caredesk_domain::hours::instant(date, Time::MAX, &zone);
        self.classes_between(from, until)
    }

    fn classes_between(&self, from: Timestamp, until: Timestamp) -> Result<Vec<ClassView>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, state FROM classes WHERE start_at >= ?1 AND start_at < ?2
             ORDER BY start_at, id",
        )?;
        let rows = statement.query_map([from.as_millisecond(), until.as_millisecond()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut names = Names::default();
        let mut list = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let state: ClassState = parse_state(&json, "class")?;
            list.push(self.present_class(parse_id(&id, "class")?, &state, &mut names)?);
        }
        Ok(list)
    }

    /// The classes a customer has or had a place in, latest first.
    pub fn customer_classes(&self, customer: CustomerId) -> Result<Vec<CustomerClass>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id, c.state FROM class_places p JOIN classes c ON c.id = p.class_id
             WHERE p.customer_id = ?1 ORDER BY c.start_at DESC, c.id",
        )?;
        let rows = statement.query_map([customer.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut names = Names::default();
        let mut list = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let state: ClassState = parse_state(&json, "class")?;
            let Some(place) = state.places.iter().rev().find(|p| p.customer == customer) else {
                continue;
            };
            list.push(CustomerClass {
                class: parse_id(&id, "class")?,
                service_name: names.service(self, state.service)?,
                staff_name: names.staff(self, state.staff)?,
                start: self.format_time(state.start),
                status: place.status,
                standing: state.standing(customer).into(),
                cancelled: state.cancelled,
            });
        }
        Ok(list)
    }

    fn present_class(
        &self,
        id: ClassId,
        state: &ClassState,
        names: &mut Names,
    ) -> Result<ClassView> {
        let actors = self.bookings().actors(EntityId::from(id))?;
        let places = state
            .places
            .iter()
            .map(|place| {
                // Only a customer's latest place can still hold.
                let latest = state
                    .places
                    .iter()
                    .rev()
                    .find(|p| p.customer == place.customer)
                    .is_some_and(|p| p.joined == place.joined);
                Ok(PlaceView {
                    customer: place.customer,
                    customer_name: names.customer(self, place.customer)?,
                    status: place.status,
                    standing: if latest && place.status.holds() {
                        state.standing(place.customer)
                    } else {
                        None
                    },
                    treatment: place.treatment,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let allowed = state
            .allowed
            .as_ref()
            .map(|list| {
                list.iter()
                    .map(|c| {
                        Ok(Person {
                            id: *c,
                            name: names.customer(self, *c)?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        let history = state
            .history
            .iter()
            .map(|entry| {
                let by = actors.get(&entry.at.op).copied().unwrap_or_default();
                Ok(ClassHistoryView {
                    at: self.bookings().stamp_time(entry.at)?,
                    by,
                    by_name: names.staff(self, by)?,
                    change: entry.change.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let room_name = match state.room {
            Some(room) => crate::catalog::load_room(&self.conn, room)?.map(|r| r.name),
            None => None,
        };
        Ok(ClassView {
            id,
            service: state.service,
            service_name: names.service(self, state.service)?,
            staff: state.staff,
            staff_name: staff::name_of(&self.conn, state.staff)?.unwrap_or_default(),
            room: state.room,
            room_name,
            status: if state.cancelled {
                "CANCELLED"
            } else {
                "SCHEDULED"
            },
            start: self.format_time(state.start),
            end: self.format_time(state.end),
            price: state.price,
            seats: state.seats,
            seated: state.seated_count(),
            waiting: state.waiting_count(),
            allowed,
            notes: state.notes.clone(),
            places,
            history,
        })
    }
}
