//! Merging customer files: two counters offline registered the same person
//! (a `duplicate_phone` conflict), and a manager makes them one. The merge
//! is ordinary ops, written in one transaction on the counter that merges:
//!
//! - `customer.merged` on each file that goes, naming the file that stays;
//! - a `*.transferred` op on each booking, treatment and ticket of the file
//!   that goes, moving it to the file that stays;
//! - the wallet's money moved by a pair of entries (`wallet.moved_out` on
//!   one, `wallet.moved_in` on the other), real money and each live credit
//!   with its own expiry, so neither ledger is rewritten.
//!
//! Which file stays is not a choice: the file registered first (the
//! smallest id; ids are time-ordered). Two counters merging the same pair
//! offline therefore merge it the same way, and no two files can end up
//! merged into each other.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::CustomerId;

/// The file that stays when `files` are merged: the one registered first.
pub fn survivor(files: &[CustomerId]) -> Option<CustomerId> {
    files.iter().min().copied()
}

/// Declares the op that moves one entity from a merged customer file to
/// the surviving one. The bodies are alike; each kind is its own op so
/// that each entity's fold reads only its own.
macro_rules! transfer_op {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            pub from: CustomerId,
            pub to: CustomerId,
            pub at: Timestamp,
        }

        impl crate::op::OpBody for $name {
            const KIND: &'static str = $kind;
            const SCHEMA: u16 = 1;
        }
    };
}

transfer_op!(
    /// A booking now belongs to the surviving file.
    BookingTransferred,
    "booking.transferred"
);
transfer_op!(
    /// A treatment (punch card) now belongs to the surviving file.
    TreatmentTransferred,
    "treatment.transferred"
);
transfer_op!(
    /// A ticket now belongs to the surviving file.
    TicketTransferred,
    "ticket.transferred"
);
