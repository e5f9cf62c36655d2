//! Sales as the checkout tests ring them up: lines, payments, a completed
//! massage to pay for, and the receptionist's context.

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::BookingId;
use caredesk_domain::sale::{CheckoutSettings, TaxRule, Tender};
use caredesk_store::{Ctx, LineRef, NewBooking, NewItem, NewLine, NewPayment, NewSale};

use super::spa::{NOW, Spa};

pub fn line(what: LineRef) -> NewLine {
    NewLine {
        what,
        discount: None,
    }
}

pub fn pay(tender: Tender, amount: i64) -> NewPayment {
    NewPayment {
        tender,
        amount,
        reference: String::new(),
    }
}

pub fn item(name: &str, unit_price: i64, quantity: u16) -> NewLine {
    line(LineRef::Item {
        name: name.into(),
        unit_price,
        quantity,
    })
}

/// A walk-in buys one thing and pays it in cash, exactly.
pub fn walk_in(name: &str, price: i64) -> NewSale {
    NewSale {
        lines: vec![item(name, price, 1)],
        payments: vec![pay(Tender::Cash, price)],
        ..NewSale::default()
    }
}

/// A massage with Mai for `customer` at `start` (no package), given and
/// completed: 450 000 đ to pay.
pub fn massage_done(spa: &mut Spa, customer: &str, start: &str, end: &str) -> BookingId {
    let ctx = spa.ctx_at(NOW);
    let starts = spa.db.at(start);
    let booking = spa
        .db
        .store
        .bookings_mut()
        .add_booking(
            &ctx,
            NewBooking {
                customer: customer.to_owned(),
                items: vec![NewItem {
                    service: spa.massage.clone(),
                    staff: "Mai".into(),
                    start: starts,
                    end: None,
                    room: None,
                    treatment: None,
                }],
                source: BookingSource::Phone,
                notes: String::new(),
            },
        )
        .expect("booked");
    spa.serve(booking.id, start, end);
    booking.id
}

pub fn desk(spa: &Spa, now: &str) -> Ctx {
    spa.db
        .store
        .context_as("Lan", Some(spa.db.at(now)))
        .expect("receptionist")
}

/// The owner sets 8 % tax added to the prices and a 10 % discount limit;
/// returns the owner's context.
pub fn tax_added_and_a_10_percent_limit(spa: &mut Spa) -> Ctx {
    let owner = spa.ctx_at(NOW);
    spa.db
        .store
        .sales_mut()
        .set_checkout(
            &owner,
            CheckoutSettings {
                tax: TaxRule {
                    rate: 800,
                    prices_include_tax: false,
                },
                discount_limit: 1_000,
                credit_limit: 0,
            },
        )
        .expect("settings");
    owner
}
