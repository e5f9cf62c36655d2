//! Routes an op to the projection of its area. The same routing serves ops
//! made here and ops received from other devices.

use caredesk_domain::op::{Event, Op};
use rusqlite::Transaction;

use crate::error::Result;
use crate::{
    bookings, business, catalog, classes, customers, drawer, packages, sales, staff, tickets,
    treatments, wallets,
};

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &Event) -> Result<()> {
    match event {
        Event::Business(event) => business::apply(tx, op, event),
        Event::Staff(event) => staff::apply(tx, op, event),
        Event::Customer(event) => customers::projection::apply(tx, op, event),
        Event::Service(event) => catalog::apply_service(tx, op, event),
        Event::Room(event) => catalog::apply_room(tx, op, event),
        Event::Booking(event) => bookings::projection::apply(tx, op, event),
        Event::Class(event) => classes::projection::apply(tx, op, event),
        Event::Package(event) => packages::apply(tx, op, event),
        Event::Treatment(event) => treatments::projection::apply(tx, op, event),
        Event::Wallet(event) => wallets::projection::apply(tx, op, event),
        Event::Sale(event) => sales::projection::apply(tx, op, event),
        Event::Drawer(event) => drawer::apply(tx, op, event),
        Event::Register(event) => drawer::apply_register(tx, op, event),
        Event::Ticket(event) => tickets::projection::apply(tx, op, event),
    }
}
