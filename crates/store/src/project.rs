//! Routes an op to the projection of its area. The same routing serves ops
//! made here and ops received from other devices.

use caredesk_domain::Country;
use caredesk_domain::event::Event;
use caredesk_domain::op::Op;
use rusqlite::Transaction;

use crate::error::Result;
use crate::{
    bookings, business, catalog, classes, customers, drawer, packages, sales, staff, tickets,
    treatments, wallets,
};

/// What the ops folded in one transaction share: the business's country,
/// read once rather than per op, and the customers' search rows, written
/// once before the transaction commits (see `customers::SearchRows` for
/// why). Whoever opens the transaction must `finish` it before committing.
#[derive(Default)]
pub(crate) struct Batch {
    country: Option<Country>,
    search: customers::SearchRows,
}

impl Batch {
    /// The business's country as of the ops folded so far.
    pub(crate) fn country(&mut self, tx: &Transaction<'_>) -> Result<Country> {
        if let Some(country) = self.country {
            return Ok(country);
        }
        let country = business::load_settings(tx)?.country;
        self.country = Some(country);
        Ok(country)
    }

    pub(crate) fn search(&mut self) -> &mut customers::SearchRows {
        &mut self.search
    }

    /// Writes what was deferred; the transaction is then ready to commit.
    pub(crate) fn finish(self, tx: &Transaction<'_>) -> Result<()> {
        self.search.write(tx)
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, batch: &mut Batch, op: &Op, event: &Event) -> Result<()> {
    match event {
        Event::Business(event) => {
            // The settings may change with this op: read them again after.
            batch.country = None;
            business::apply(tx, op, event)
        }
        Event::Staff(event) => staff::apply(tx, op, event),
        Event::Customer(event) => customers::projection::apply(tx, batch, op, event),
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
