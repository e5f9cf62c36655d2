//! The op log read as an audit trail, in words a manager understands
//! ("Lan đã thêm khách hàng Nguyễn Văn An (0912 345 678), được Hoa duyệt").
//! The sentences are the catalogue's `audit.*` keys (`words/*.json`).

mod checkout;
mod tickets;
mod wallets;

use std::collections::HashMap;

use caredesk_domain::booking::BookingEvent;
use caredesk_domain::catalog::{RoomEvent, ServiceEvent};
use caredesk_domain::class::ClassEvent;
use caredesk_domain::customer::CustomerEvent;
use caredesk_domain::event::Event;
use caredesk_domain::hours::{ShiftChange, weekday_key};
use caredesk_domain::id::{BookingId, ClassId, PackageId, RoomId, ServiceId, TreatmentId};
use caredesk_domain::id::{CustomerId, EntityId, StaffId};
use caredesk_domain::op::Op;
use caredesk_domain::package::PackageEvent;
use caredesk_domain::staff::{Role, StaffEvent};
use caredesk_domain::treatment::{TreatmentChange, TreatmentEvent};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, ToSql, params_from_iter};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::oplog::read_op;
use crate::{Store, staff};

pub use caredesk_words::Lang;
use caredesk_words::Words as Catalogue;

/// Which ops to show. Empty shows everything, oldest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Ops this person made or approved.
    pub staff: Option<StaffId>,
    /// Ops about this customer.
    pub customer: Option<CustomerId>,
    pub entity: Option<EntityId>,
    /// Ops recorded on this local day, in the business's zone.
    pub date: Option<Date>,
    pub limit: Option<usize>,
    /// Latest first (a timeline) instead of oldest first.
    pub newest_first: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    /// When the op was recorded, RFC 3339 in the business's zone.
    pub at: String,
    pub staff: String,
    pub approved_by: Option<String>,
    pub text: String,
    pub kind: String,
    pub entity: EntityId,
}

impl Store {
    /// Whose ops an audit filter means: a staff member by id or name, or
    /// the system (`system` or its id), which is no staff member.
    pub fn audit_actor(&self, who: &str) -> Result<StaffId> {
        match self.staff_member(who) {
            Err(StoreError::StaffNotFound(_))
                if who.trim().eq_ignore_ascii_case("system")
                    || who.parse::<StaffId>().is_ok_and(StaffId::is_system) =>
            {
                Ok(StaffId::SYSTEM)
            }
            found => found.map(|member| member.id),
        }
    }

    pub fn audit(&self, filter: &AuditFilter, lang: Lang) -> Result<Vec<AuditEntry>> {
        let mut sql = String::from(
            "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
             FROM ops WHERE 1 = 1",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(staff) = filter.staff {
            sql.push_str(" AND (actor = ? OR approver = ?)");
            args.push(Box::new(staff.to_string()));
            args.push(Box::new(staff.to_string()));
        }
        if let Some(customer) = filter.customer {
            // A customer's file and wallet, their bookings, treatments,
            // sales and tickets, and what was done to their place in a
            // class (not to other customers' places).
            sql.push_str(
                " AND (entity = ? OR entity IN (SELECT id FROM bookings WHERE customer_id = ?)
                   OR entity IN (SELECT id FROM treatments WHERE customer_id = ?)
                   OR entity IN (SELECT id FROM sales WHERE customer_id = ?)
                   OR entity IN (SELECT id FROM tickets WHERE customer_id = ?)
                   OR (entity IN (SELECT class_id FROM class_places WHERE customer_id = ?)
                       AND json_extract(body, '$.customer') = ?))",
            );
            for _ in 0..7 {
                args.push(Box::new(customer.to_string()));
            }
        }
        if let Some(entity) = filter.entity {
            sql.push_str(" AND entity = ?");
            args.push(Box::new(entity.to_string()));
        }
        if let Some(date) = filter.date {
            // The HLC's physical part is when the op was recorded; a day is
            // a range of it.
            let zone = self.settings.time_zone();
            let bound = |d: Date| -> Result<i64> {
                let start = d
                    .to_zoned(zone.clone())
                    .map_err(|e| StoreError::BadTime(format!("{d}: {e}")))?;
                Ok(start.timestamp().as_millisecond() << 16)
            };
            let next = date
                .tomorrow()
                .map_err(|e| StoreError::BadTime(format!("{date}: {e}")))?;
            sql.push_str(" AND hlc >= ? AND hlc < ?");
            args.push(Box::new(bound(date)?));
            args.push(Box::new(bound(next)?));
        }
        sql.push_str(if filter.newest_first {
            " ORDER BY hlc DESC, id DESC"
        } else {
            " ORDER BY hlc, id"
        });
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Box::new(limit as i64));
        }
        let mut statement = self.conn.prepare(&sql)?;
        let ops = statement
            .query_map(params_from_iter(args.iter()), |row| Ok(read_op(row)))?
            .map(|row| row?)
            .collect::<Result<Vec<Op>>>()?;
        let words = Words::new(self, lang);
        ops.iter().map(|op| words.entry(op)).collect()
    }
}

/// Renders ops as sentences, looking names up once each.
struct Words<'s> {
    store: &'s Store,
    catalogue: &'static Catalogue,
    names: std::cell::RefCell<HashMap<String, String>>,
}

impl<'s> Words<'s> {
    fn new(store: &'s Store, lang: Lang) -> Words<'s> {
        Words {
            store,
            catalogue: caredesk_words::words(lang),
            names: std::cell::RefCell::new(HashMap::new()),
        }
    }

    fn say(&self, key: &str) -> String {
        self.catalogue.get(&format!("audit.{key}")).to_owned()
    }

    /// The sentence `key` with its values. A sentence that counts something
    /// (`audit.treatment.sold.one` / `.other`) agrees with the value that
    /// counts: sessions, minutes or a room's places; each counted sentence
    /// holds exactly one of them (tested).
    fn sentence(&self, key: &str, values: &[(&str, String)]) -> String {
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let key = format!("audit.{key}");
        let count = values
            .iter()
            .find(|(name, _)| COUNTED.contains(name))
            .and_then(|(_, value)| value.parse::<i64>().ok());
        match count {
            Some(count) if !self.catalogue.has(&key) => {
                self.catalogue.counted(&key, count, &values)
            }
            _ => self.catalogue.fill(&key, &values),
        }
    }

    fn staff_name(&self, id: StaffId) -> Result<String> {
        let key = id.to_string();
        if let Some(name) = self.names.borrow().get(&key) {
            return Ok(name.clone());
        }
        let name = if id.is_system() {
            self.say("system")
        } else {
            staff::name_of(&self.store.conn, id)?.unwrap_or_else(|| self.say("someone"))
        };
        self.names.borrow_mut().insert(key, name.clone());
        Ok(name)
    }

    /// The two files of a merge, for an op that moved something between
    /// them.
    pub(super) fn transfer_names(
        &self,
        from: CustomerId,
        to: CustomerId,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<()> {
        values.push(("from", self.customer_name(EntityId::from(from))?));
        values.push(("to", self.customer_name(EntityId::from(to))?));
        Ok(())
    }

    fn customer_name(&self, entity: EntityId) -> Result<String> {
        let name: Option<String> = self
            .store
            .conn
            .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
            .query_row([entity.to_string()], |row| row.get(0))
            .optional()?
            .flatten();
        Ok(name.unwrap_or_else(|| self.say("someone")))
    }

    fn service_name(&self, id: ServiceId) -> Result<String> {
        Ok(crate::catalog::load_service(&self.store.conn, id)?
            .map_or_else(|| self.say("someone"), |s| s.name))
    }

    /// Bookings are told from their current state (customer, first item)
    /// plus what the op itself changed.
    fn booking_words(
        &self,
        op: &Op,
        event: &BookingEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = BookingId::from_uuid(*op.entity.as_uuid());
        let state = crate::bookings::projection::load(&self.store.conn, id)?;
        let customer = match &state {
            Some(state) => self.customer_name(EntityId::from(state.customer))?,
            None => self.say("someone"),
        };
        values.push(("customer", customer));
        let (start, staff, service) = match event {
            BookingEvent::Made(made) => {
                let first = made.items.iter().min_by_key(|i| i.start);
                (
                    first.map(|i| i.start),
                    first.map(|i| i.staff),
                    first.map(|i| i.service),
                )
            }
            BookingEvent::Rescheduled(moved) => (Some(moved.start), Some(moved.staff), None),
            BookingEvent::StatusChanged(_) => (state.as_ref().map(|s| s.start()), None, None),
            BookingEvent::Transferred(moved) => {
                self.transfer_names(moved.from, moved.to, values)?;
                (state.as_ref().map(|s| s.start()), None, None)
            }
        };
        if let Some(start) = start {
            values.push(("start", self.store.format_time_short(start)));
        }
        if let Some(staff) = staff {
            values.push(("therapist", self.staff_name(staff)?));
        }
        if let Some(service) = service {
            values.push(("service", self.service_name(service)?));
        }
        Ok(match event {
            BookingEvent::StatusChanged(changed) => {
                format!("booking.{}", changed.to.as_str().to_ascii_lowercase())
            }
            _ => op.kind.clone(),
        })
    }

    /// Classes are told from their current state (service, teacher, start)
    /// plus the customer the op is about.
    fn class_words(
        &self,
        op: &Op,
        event: &ClassEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = ClassId::from_uuid(*op.entity.as_uuid());
        if let Some(state) = crate::classes::projection::load(&self.store.conn, id)? {
            values.push(("service", self.service_name(state.service)?));
            values.push(("therapist", self.staff_name(state.staff)?));
            values.push(("start", self.store.format_time_short(state.start)));
        }
        let customer = match event {
            ClassEvent::Enrolled(e) => Some(e.customer),
            ClassEvent::Left(e) => Some(e.customer),
            ClassEvent::Attendance(e) => Some(e.customer),
            _ => None,
        };
        if let Some(customer) = customer {
            values.push(("customer", self.customer_name(EntityId::from(customer))?));
        }
        Ok(match event {
            ClassEvent::Scheduled(s) => {
                values.push(("seats", s.seats.to_string()));
                op.kind.clone()
            }
            ClassEvent::SeatsChanged(s) => {
                values.push(("seats", s.seats.to_string()));
                op.kind.clone()
            }
            ClassEvent::Allowed(a) => {
                let names = a
                    .customers
                    .iter()
                    .map(|c| self.customer_name(EntityId::from(*c)))
                    .collect::<Result<Vec<_>>>()?;
                values.push(("customers", join(&names, &self.say("list.and"))));
                op.kind.clone()
            }
            ClassEvent::Left(e) if e.late => "class.left_late".to_owned(),
            ClassEvent::Attendance(e) if !e.attended => "class.no_show".to_owned(),
            _ => op.kind.clone(),
        })
    }

    /// Treatments are told from their current state (customer, package).
    fn treatment_words(
        &self,
        op: &Op,
        event: &TreatmentEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = TreatmentId::from_uuid(*op.entity.as_uuid());
        if let Some(state) = crate::treatments::projection::load(&self.store.conn, id)? {
            values.push((
                "customer",
                self.customer_name(EntityId::from(state.customer))?,
            ));
            values.push(("package", state.name));
        }
        Ok(match event {
            TreatmentEvent::Sold(sold) => {
                values.push(("sessions", sold.total.to_string()));
                values.push(("date", crate::time::day_first_date(sold.expires_on)));
                match &sold.home {
                    Some(home) => {
                        values.push(("therapist", self.staff_name(home.staff)?));
                        values.push(("address", home.address.clone()));
                        "treatment.sold_home".to_owned()
                    }
                    None => op.kind.clone(),
                }
            }
            TreatmentEvent::StaffSwapped(swap) => {
                // The lock as it was just before this op: the statement's
                // swap line, which the fold keeps.
                let from =
                    crate::treatments::projection::load(&self.store.conn, id)?.and_then(|state| {
                        state.history.iter().find_map(|h| match &h.change {
                            TreatmentChange::StaffSwapped { from, .. } if h.at.op == op.id => {
                                Some(*from)
                            }
                            _ => None,
                        })
                    });
                let from = match from {
                    Some(from) => self.staff_name(from)?,
                    None => self.say("someone"),
                };
                values.push(("from", from));
                values.push(("to", self.staff_name(swap.staff)?));
                op.kind.clone()
            }
            TreatmentEvent::Lapsed(lapse) => {
                values.push(("sessions", lapse.sessions.to_string()));
                op.kind.clone()
            }
            TreatmentEvent::Punched(p) if p.forfeited => "treatment.forfeited".to_owned(),
            TreatmentEvent::Extended(e) => {
                values.push(("date", crate::time::day_first_date(e.expires_on)));
                values.push(("reason", e.reason.clone()));
                op.kind.clone()
            }
            TreatmentEvent::Expired(e) => {
                values.push(("sessions", e.sessions.to_string()));
                op.kind.clone()
            }
            TreatmentEvent::Granted(g) => {
                values.push(("sessions", g.sessions.to_string()));
                values.push(("reference", g.reference.clone()));
                op.kind.clone()
            }
            TreatmentEvent::Transferred(moved) => {
                self.transfer_names(moved.from, moved.to, values)?;
                op.kind.clone()
            }
            TreatmentEvent::Charged(c) => {
                values.push(("sessions", c.sessions.to_string()));
                values.push(("number", c.number.clone()));
                op.kind.clone()
            }
            TreatmentEvent::Refunded(r) => {
                values.push(("sessions", r.sessions.to_string()));
                values.push(("number", r.number.clone()));
                values.push(("amount", self.money(r.amount.amount)));
                if r.goodwill.amount > 0 {
                    values.push(("goodwill", self.money(r.goodwill.amount)));
                    "treatment.refunded_goodwill".to_owned()
                } else {
                    op.kind.clone()
                }
            }
            TreatmentEvent::GrantWithdrawn(w) => {
                values.push(("sessions", w.sessions.to_string()));
                values.push(("reference", w.reference.clone()));
                op.kind.clone()
            }
            _ => op.kind.clone(),
        })
    }

    fn role(&self, role: Role) -> String {
        self.say(&format!("role.{role}"))
    }

    fn entry(&self, op: &Op) -> Result<AuditEntry> {
        let staff = self.staff_name(op.actor)?;
        let approved_by = op.approver.map(|a| self.staff_name(a)).transpose()?;
        let mut values: Vec<(&'static str, String)> = vec![("staff", staff.clone())];
        let key = match op.event()? {
            Some(Event::Customer(event)) => {
                let customer = self.customer_name(op.entity)?;
                match event {
                    CustomerEvent::Registered(r) => {
                        values.push(("customer", r.name.clone()));
                        values.push(("phone", r.phone.display(self.store.settings.country)));
                    }
                    CustomerEvent::Edited(e) => {
                        let mut fields = Vec::new();
                        for (field, present) in [
                            ("name", e.name.is_some()),
                            ("phone", e.phone.is_some()),
                            ("email", e.email.is_some()),
                            ("address", e.address.is_some()),
                        ] {
                            if present {
                                fields.push(self.say(&format!("field.{field}")));
                            }
                        }
                        values.push(("fields", join(&fields, &self.say("list.and"))));
                        values.push(("customer", customer));
                    }
                    CustomerEvent::NoteAdded(n) => {
                        values.push(("note", n.text.clone()));
                        values.push(("customer", customer));
                    }
                    CustomerEvent::Tagged(t) => {
                        values.push(("tag", t.tag.clone()));
                        values.push(("customer", customer));
                    }
                    CustomerEvent::Untagged(t) => {
                        values.push(("tag", t.tag.clone()));
                        values.push(("customer", customer));
                    }
                    CustomerEvent::Merged(m) => {
                        values.push(("customer", customer));
                        values.push(("into", self.customer_name(EntityId::from(m.into))?));
                    }
                }
                op.kind.clone()
            }
            Some(Event::Staff(event)) => {
                let subject = self.staff_name(StaffId::from_uuid(*op.entity.as_uuid()))?;
                values.push(("name", subject));
                match event {
                    StaffEvent::Joined(j) => {
                        values.push(("role", self.role(j.role)));
                        op.kind.clone()
                    }
                    StaffEvent::RoleChanged(c) => {
                        values.push(("role", self.role(c.role)));
                        op.kind.clone()
                    }
                    StaffEvent::PinSet(_) => op.kind.clone(),
                    StaffEvent::ActivitySet(a) if a.active => "staff.reactivated".to_owned(),
                    StaffEvent::ActivitySet(_) => "staff.deactivated".to_owned(),
                    StaffEvent::ServicesSet(set) => {
                        let names = set
                            .services
                            .iter()
                            .map(|s| self.service_name(*s))
                            .collect::<Result<Vec<_>>>()?;
                        let list = if names.is_empty() {
                            self.say("service.none")
                        } else {
                            names.join(", ")
                        };
                        values.push(("services", list));
                        op.kind.clone()
                    }
                    StaffEvent::HoursSet(set) => {
                        values.push(("day", weekday_key(set.day).to_owned()));
                        let hours = if set.hours.is_closed() {
                            self.say("day.off")
                        } else {
                            let spans: Vec<String> =
                                set.hours.spans().iter().map(ToString::to_string).collect();
                            spans.join(", ")
                        };
                        values.push(("hours", hours));
                        op.kind.clone()
                    }
                    StaffEvent::ExceptionAdded(added) => {
                        let exception = &added.exception;
                        values.push(("date", exception.date.to_string()));
                        let hours = exception
                            .span
                            .map_or_else(|| self.say("day.whole"), |s| s.to_string());
                        values.push(("hours", hours));
                        match exception.change {
                            ShiftChange::Leave => "staff.leave_added".to_owned(),
                            ShiftChange::Extra => "staff.extra_shift_added".to_owned(),
                        }
                    }
                    StaffEvent::ExceptionRemoved(_) => op.kind.clone(),
                    StaffEvent::ShareSet(set) => {
                        values.push(("rate", caredesk_domain::payroll::percent(set.rate)));
                        values.push(("date", set.from.to_string()));
                        op.kind.clone()
                    }
                    StaffEvent::PaidOut(paid) => {
                        values.push(("amount", paid.amount.to_string()));
                        values.push(("note", paid.note.clone()));
                        match paid.method {
                            caredesk_domain::payroll::PayoutMethod::Cash => op.kind.clone(),
                            caredesk_domain::payroll::PayoutMethod::Transfer => {
                                "staff.paid_out_transfer".to_owned()
                            }
                        }
                    }
                    StaffEvent::PayAdjusted(adjusted) => {
                        let amount = adjusted.amount;
                        let size = caredesk_domain::money::Money::new(
                            amount.amount.abs(),
                            amount.currency,
                        );
                        values.push(("amount", size.to_string()));
                        values.push(("note", adjusted.note.clone()));
                        if amount.amount < 0 {
                            "staff.pay_deducted".to_owned()
                        } else {
                            op.kind.clone()
                        }
                    }
                }
            }
            Some(Event::Business(_)) => op.kind.clone(),
            Some(Event::Service(event)) => {
                let id = ServiceId::from_uuid(*op.entity.as_uuid());
                values.push(("service", self.service_name(id)?));
                match &event {
                    ServiceEvent::Added(added) => {
                        values.push(("minutes", added.minutes.to_string()));
                        values.push(("price", added.price.to_string()));
                        op.kind.clone()
                    }
                    // Retiring or offering again is what the manager looks
                    // for; it is told even when other fields changed too.
                    ServiceEvent::Edited(edited) => match edited.active {
                        Some(false) => "service.retired".to_owned(),
                        Some(true) => "service.offered".to_owned(),
                        None => op.kind.clone(),
                    },
                }
            }
            Some(Event::Room(event)) => {
                let id = RoomId::from_uuid(*op.entity.as_uuid());
                let name = crate::catalog::load_room(&self.store.conn, id)?
                    .map_or_else(|| self.say("someone"), |r| r.name);
                values.push(("room", name));
                match &event {
                    RoomEvent::Added(added) => {
                        values.push(("capacity", added.capacity.to_string()));
                        op.kind.clone()
                    }
                    RoomEvent::Edited(edited) => match edited.active {
                        Some(false) => "room.retired".to_owned(),
                        Some(true) => "room.offered".to_owned(),
                        None => op.kind.clone(),
                    },
                }
            }
            Some(Event::Booking(event)) => self.booking_words(op, &event, &mut values)?,
            Some(Event::Class(event)) => self.class_words(op, &event, &mut values)?,
            Some(Event::Package(event)) => {
                let id = PackageId::from_uuid(*op.entity.as_uuid());
                let name = crate::packages::load_package(&self.store.conn, id)?
                    .map_or_else(|| self.say("someone"), |p| p.name);
                values.push(("package", name));
                match &event {
                    PackageEvent::Added(added) => {
                        values.push(("sessions", added.sessions.to_string()));
                        values.push(("price", added.price.to_string()));
                        if added.home_visit {
                            "package.added_home".to_owned()
                        } else {
                            op.kind.clone()
                        }
                    }
                    PackageEvent::Edited(edited) => match edited.active {
                        Some(false) => "package.retired".to_owned(),
                        Some(true) => "package.offered".to_owned(),
                        None => op.kind.clone(),
                    },
                }
            }
            Some(Event::Treatment(event)) => self.treatment_words(op, &event, &mut values)?,
            Some(Event::Wallet(event)) => self.wallet_words(op, &event, &mut values)?,
            Some(Event::Sale(event)) => self.sale_words(op, &event, &mut values)?,
            Some(Event::Drawer(event)) => self.drawer_words(op, &event, &mut values)?,
            Some(Event::Register(event)) => self.register_words(op, &event, &mut values),
            Some(Event::Ticket(event)) => self.ticket_words(op, &event, &mut values)?,
            None => {
                values.push(("kind", op.kind.clone()));
                "unknown".to_owned()
            }
        };
        let mut text = self.sentence(&key, &values);
        if let Some(approver) = &approved_by {
            text.push_str(&self.sentence("approved", &[("approver", approver.clone())]));
        }
        Ok(AuditEntry {
            at: self.store.format_time(recorded_at(op)),
            staff,
            approved_by,
            text,
            kind: op.kind.clone(),
            entity: op.entity,
        })
    }
}

fn recorded_at(op: &Op) -> Timestamp {
    Timestamp::from_millisecond(op.hlc.physical_ms() as i64).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The values a counted sentence agrees with.
const COUNTED: [&str; 3] = ["sessions", "minutes", "capacity"];

fn join(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_sentence_holds_exactly_one_counted_value() {
        let words = caredesk_words::words(Lang::En);
        let counted: Vec<&str> = words
            .keys()
            .filter(|k| k.starts_with("audit.") && k.ends_with(".other"))
            .collect();
        assert!(counted.len() >= 10, "{counted:?}");
        for key in counted {
            let text = words.get(key);
            let held = COUNTED
                .iter()
                .filter(|name| text.contains(&format!("{{{name}}}")))
                .count();
            assert_eq!(held, 1, "{key}: {text}");
        }
    }

    #[test]
    fn lists_read_naturally() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join(&items(&["tên"]), " và "), "tên");
        assert_eq!(join(&items(&["tên", "email"]), " và "), "tên và email");
        assert_eq!(
            join(&items(&["name", "phone", "email"]), " and "),
            "name, phone and email"
        );
    }
}
