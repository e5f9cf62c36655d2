//! The store's aggregates, each behind a handle: `store.wallets()` for
//! what a wallet holds, `store.wallets_mut()` for what changes it. A
//! handle's methods live in the aggregate's own folder or file
//! (`wallets/`, `schedule.rs`), so a call names where to read it.
//!
//! A handle is a borrowed `Store` (`Wallets<&Store>` or `Wallets<&mut
//! Store>`); it derefs to the store, so a command written on a handle uses
//! the file's transaction, clock and settings as any store method does.
//! What is not one aggregate's (opening the file, signing in and
//! authorising, sync, backups, the activity log, reports, jobs) stays on
//! `Store` itself.

use std::ops::{Deref, DerefMut};

use crate::Store;

macro_rules! handles {
    ($($(#[$doc:meta])* $name:ident: $get:ident, $get_mut:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $name<S>(S);

            impl<S: Deref<Target = Store>> Deref for $name<S> {
                type Target = Store;

                fn deref(&self) -> &Store {
                    &self.0
                }
            }

            impl<S: DerefMut<Target = Store>> DerefMut for $name<S> {
                fn deref_mut(&mut self) -> &mut Store {
                    &mut self.0
                }
            }
        )*

        impl Store {
            $(
                #[doc = concat!("The ", stringify!($get), " aggregate, to read.")]
                pub fn $get(&self) -> $name<&Store> {
                    $name(self)
                }

                #[doc = concat!("The ", stringify!($get), " aggregate, to change.")]
                pub fn $get_mut(&mut self) -> $name<&mut Store> {
                    $name(self)
                }
            )*
        }
    };
}

handles! {
    /// Customers: registering, editing, notes and tags, search, merging
    /// files, the customer 360 (`customers/`).
    Customers: customers, customers_mut;
    /// Bookings and their states, day sheets, history, calendar files
    /// (`bookings/`).
    Bookings: bookings, bookings_mut;
    /// Group classes, their places and standing enrolments (`classes/`).
    Classes: classes, classes_mut;
    /// Sales: quotes, receipts, refunds, voids, prints (`sales/`).
    Sales: sales, sales_mut;
    /// Wallets: deposits, spends, credit, corrections (`wallets/`).
    Wallets: wallets, wallets_mut;
    /// Treatments (punch cards), home-visit packages and their statements
    /// (`treatments/`).
    Treatments: treatments, treatments_mut;
    /// Service tickets, their resolutions and statistics (`tickets/`).
    Tickets: tickets, tickets_mut;
    /// What staff earn and are paid (`payroll/`).
    Payroll: payroll, payroll_mut;
    /// Services, rooms and packages on offer (`catalog.rs`, `packages.rs`).
    Catalog: catalog, catalog_mut;
    /// Cash drawers and the register's day (`drawer.rs`).
    Drawers: drawers, drawers_mut;
    /// Calendar settings, staff hours and leave, free slots (`schedule.rs`).
    Schedule: schedule, schedule_mut;
}
