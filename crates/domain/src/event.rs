//! Every event this build knows, by area: the list an op decodes into.
//! Apart from `op`, which holds what each event module needs (the envelope,
//! `OpBody`, `op_events!`), so the event modules depend on `op` and this
//! list on them, with no cycle between the two.

use crate::booking::BookingEvent;
use crate::business::BusinessEvent;
use crate::catalog::{RoomEvent, ServiceEvent};
use crate::class::ClassEvent;
use crate::customer::CustomerEvent;
use crate::drawer::{DrawerEvent, RegisterEvent};
use crate::op::{DecodeError, Op};
use crate::package::PackageEvent;
use crate::sale::SaleEvent;
use crate::staff::StaffEvent;
use crate::ticket::TicketEvent;
use crate::treatment::TreatmentEvent;
use crate::wallet::WalletEvent;

impl Op {
    /// The typed event, `Ok(None)` for a kind or schema this build does not
    /// know (the op is kept, and folded by a build that knows it).
    pub fn event(&self) -> Result<Option<Event>, DecodeError> {
        match Event::decode(&self.kind, self.schema, &self.body) {
            Err(DecodeError::NewerSchema { .. }) => Ok(None),
            other => other,
        }
    }
}

/// Every event this build knows, by area.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Business(BusinessEvent),
    Staff(StaffEvent),
    Customer(CustomerEvent),
    Service(ServiceEvent),
    Room(RoomEvent),
    Booking(BookingEvent),
    Class(ClassEvent),
    Package(PackageEvent),
    Treatment(TreatmentEvent),
    Wallet(WalletEvent),
    Sale(SaleEvent),
    Drawer(DrawerEvent),
    Register(RegisterEvent),
    Ticket(TicketEvent),
}

impl Event {
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Business(e) => e.kind(),
            Event::Staff(e) => e.kind(),
            Event::Customer(e) => e.kind(),
            Event::Service(e) => e.kind(),
            Event::Room(e) => e.kind(),
            Event::Booking(e) => e.kind(),
            Event::Class(e) => e.kind(),
            Event::Package(e) => e.kind(),
            Event::Treatment(e) => e.kind(),
            Event::Wallet(e) => e.kind(),
            Event::Sale(e) => e.kind(),
            Event::Drawer(e) => e.kind(),
            Event::Register(e) => e.kind(),
            Event::Ticket(e) => e.kind(),
        }
    }

    pub fn schema(&self) -> u16 {
        match self {
            Event::Business(e) => e.schema(),
            Event::Staff(e) => e.schema(),
            Event::Customer(e) => e.schema(),
            Event::Service(e) => e.schema(),
            Event::Room(e) => e.schema(),
            Event::Booking(e) => e.schema(),
            Event::Class(e) => e.schema(),
            Event::Package(e) => e.schema(),
            Event::Treatment(e) => e.schema(),
            Event::Wallet(e) => e.schema(),
            Event::Sale(e) => e.schema(),
            Event::Drawer(e) => e.schema(),
            Event::Register(e) => e.schema(),
            Event::Ticket(e) => e.schema(),
        }
    }

    pub fn body(&self) -> serde_json::Value {
        match self {
            Event::Business(e) => e.body(),
            Event::Staff(e) => e.body(),
            Event::Customer(e) => e.body(),
            Event::Service(e) => e.body(),
            Event::Room(e) => e.body(),
            Event::Booking(e) => e.body(),
            Event::Class(e) => e.body(),
            Event::Package(e) => e.body(),
            Event::Treatment(e) => e.body(),
            Event::Wallet(e) => e.body(),
            Event::Sale(e) => e.body(),
            Event::Drawer(e) => e.body(),
            Event::Register(e) => e.body(),
            Event::Ticket(e) => e.body(),
        }
    }

    /// `Ok(None)` for a kind this build does not know.
    pub fn decode(
        kind: &str,
        schema: u16,
        body: &serde_json::Value,
    ) -> Result<Option<Event>, DecodeError> {
        if let Some(event) = CustomerEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Customer(e)));
        }
        if let Some(event) = StaffEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Staff(e)));
        }
        if let Some(event) = BusinessEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Business(e)));
        }
        if let Some(event) = ServiceEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Service(e)));
        }
        if let Some(event) = RoomEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Room(e)));
        }
        if let Some(event) = BookingEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Booking(e)));
        }
        if let Some(event) = ClassEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Class(e)));
        }
        if let Some(event) = PackageEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Package(e)));
        }
        if let Some(event) = TreatmentEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Treatment(e)));
        }
        if let Some(event) = WalletEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Wallet(e)));
        }
        if let Some(event) = SaleEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Sale(e)));
        }
        if let Some(event) = DrawerEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Drawer(e)));
        }
        if let Some(event) = RegisterEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Register(e)));
        }
        if let Some(event) = TicketEvent::decode(kind, schema, body) {
            return event.map(|e| Some(Event::Ticket(e)));
        }
        Ok(None)
    }
}

impl From<CustomerEvent> for Event {
    fn from(event: CustomerEvent) -> Self {
        Event::Customer(event)
    }
}

impl From<StaffEvent> for Event {
    fn from(event: StaffEvent) -> Self {
        Event::Staff(event)
    }
}

impl From<ServiceEvent> for Event {
    fn from(event: ServiceEvent) -> Self {
        Event::Service(event)
    }
}

impl From<RoomEvent> for Event {
    fn from(event: RoomEvent) -> Self {
        Event::Room(event)
    }
}

impl From<BookingEvent> for Event {
    fn from(event: BookingEvent) -> Self {
        Event::Booking(event)
    }
}

impl From<ClassEvent> for Event {
    fn from(event: ClassEvent) -> Self {
        Event::Class(event)
    }
}

impl From<PackageEvent> for Event {
    fn from(event: PackageEvent) -> Self {
        Event::Package(event)
    }
}

impl From<TreatmentEvent> for Event {
    fn from(event: TreatmentEvent) -> Self {
        Event::Treatment(event)
    }
}

impl From<WalletEvent> for Event {
    fn from(event: WalletEvent) -> Self {
        Event::Wallet(event)
    }
}

impl From<SaleEvent> for Event {
    fn from(event: SaleEvent) -> Self {
        Event::Sale(event)
    }
}

impl From<DrawerEvent> for Event {
    fn from(event: DrawerEvent) -> Self {
        Event::Drawer(event)
    }
}

impl From<RegisterEvent> for Event {
    fn from(event: RegisterEvent) -> Self {
        Event::Register(event)
    }
}

impl From<TicketEvent> for Event {
    fn from(event: TicketEvent) -> Self {
        Event::Ticket(event)
    }
}

impl From<BusinessEvent> for Event {
    fn from(event: BusinessEvent) -> Self {
        Event::Business(event)
    }
}
