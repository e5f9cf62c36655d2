//! Every command a counter's screen may call, named once with its
//! arguments. The list below makes `dispatch`, through which the desktop
//! app's IPC handler (src-tauri/ipc.rs) and `caredesk serve-ui`'s HTTP
//! transport both answer; the tests make from it the app's permissions
//! (`src-tauri/permissions/counter.toml`, one per command) and the
//! capability that grants them (`src-tauri/capabilities/counter.json`),
//! check that every command function is listed under the names it takes,
//! and that the UI (`ui/src/lib/backend/commands.ts`) calls each by
//! its name, which the generated `Command` type
//! (ui/src/lib/backend/bindings/Command.ts) also checks at compile time. A
//! new command is one line here, its function, and the screen that calls
//! it; then
//!
//!     CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-counter bindings
//!
//! writes the generated files again.

use serde_json::{Map, Value};

use super::args::Handler;
use crate::Counter;
use crate::error::IpcError;

/// A command as the permission file describes it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    /// Its arguments' names, as the function takes them (sent camelCased).
    pub args: &'static [&'static str],
    /// What the permission allows, in the capability's words.
    pub description: &'static str,
}

macro_rules! commands {
    ($( [$($module:ident)::+] $name:ident ( $($arg:ident),* ) => $description:literal, )*) => {
        /// The commands, in the order the permission file lists them.
        pub const ALL: &[Command] = &[
            $(Command {
                name: stringify!($name),
                args: &[$(stringify!($arg)),*],
                description: $description,
            },)*
        ];

        /// Runs command `name` with `args`; `None` when there is no such command.
        pub(crate) fn dispatch(
            counter: &Counter,
            name: &str,
            args: Map<String, Value>,
        ) -> Option<Result<Value, IpcError>> {
            Some(match name {
                $(stringify!($name) => Handler::run(
                    super::$($module)::+::$name,
                    counter,
                    name,
                    [$(stringify!($arg)),*],
                    args,
                ),)*
                _ => return None,
            })
        }
    };
}

commands! {
    [customers] find_customers(query, limit) => "Search customers by name, phone fragment or code.",
    [customers] customer_360(id) => "Read everything about one customer.",
    [customers] add_customer(input) => "Register a new customer.",
    [staff] list_staff() =>
        "List the active staff (names and roles, never PIN hashes) for the sign-in screen.",
    [staff] sign_in(staff_id, pin) => "Sign a staff member in at this counter with their PIN.",
    [staff] sign_out() => "End the session at this counter (lock, switch person, idle lock).",
    [staff] current_staff() => "Ask who is signed in at this counter.",
    [staff] keep_alive() => "Report that the person signed in is still at the keyboard.",
    [audit] audit(filter, lang) => "Read the activity log (the op log in words).",
    [settings] counter_settings() => "Read this counter's own settings (the idle lock).",
    [settings] set_counter_settings(settings, approval) => "Change this counter's own settings (a manager's action).",
    [sync] sync_status() =>
        "Read where sync with the server stands (online, pending ops, last success, last error).",
    [sync] conflicts() => "List what counters did offline that one counter would have refused.",
    [checkout] quote_sale(input) => "Price a sale without recording it (the checkout cart).",
    [checkout] record_sale(input, approval) => "Ring up a sale with its payments.",
    [checkout] packages_for_sale() => "List the packages on sale.",
    [reminders] reminders(lang) =>
        "List the reminders shown and still due (bookings about to start, cards about to expire, sync failing, conflicts), and say which language the desktop notifications are in.",
    [calendar] calendar_day(date) =>
        "Read one day of the calendar: staff columns with hours and bookings.",
    [calendar] calendar_week(date) => "Read a week (Monday to Sunday) of the calendar.",
    [calendar] booking_slots(service, date, staff) => "List the free slots of a service on a day.",
    [calendar] services_for_booking() =>
        "List the services the calendar can book, with who performs each.",
    [calendar] booking(id) => "Read one booking with its items and history.",
    [calendar] add_booking(input) =>
        "Book a service with a staff member (the store checks hours, double booking and the clock).",
    [calendar] booking_status(booking, action, note, approval) =>
        "Move a booking along its life cycle: check in, start, complete, cancel (also from the conflicts inbox), no-show, undo a completion.",
    [calendar] reschedule_booking(input) => "Move a booking to another time or staff member.",
    // The Settings tab (commands/setup/).
    [setup::ipc] setup_business() =>
        "Read the business's settings (name, address, tax code, time zone).",
    [setup::ipc] set_business(input, approval) =>
        "Change the business's name, address, tax code, time zone or customer code prefix (a manager's action).",
    [setup::ipc] setup_services() => "List the services, offered and retired.",
    [setup::ipc] add_service(input, approval) => "Add a service to the catalog (a manager's action).",
    [setup::ipc] edit_service(id, edit, approval) => "Edit, retire or offer again a service (a manager's action).",
    [setup::ipc] setup_rooms() => "List the rooms, in use and retired.",
    [setup::ipc] add_room(input, approval) => "Add a room (a manager's action).",
    [setup::ipc] edit_room(id, edit, approval) => "Edit, retire or use again a room (a manager's action).",
    [setup::ipc] setup_packages() => "List the packages, on sale and retired.",
    [setup::ipc] add_package(input, approval) => "Add a package (a manager's action).",
    [setup::ipc] edit_package(id, edit, approval) =>
        "Rename, reprice, retire or offer again a package (a manager's action).",
    [setup::ipc] setup_staff() =>
        "List the staff with their roles, services and weekly hours (never PIN hashes).",
    [setup::ipc] add_staff(input, approval) => "Add a staff account (a manager's action).",
    [setup::ipc] set_staff_role(id, role, approval) => "Change a staff member's role (a manager's action).",
    [setup::ipc] reset_staff_pin(id, pin, approval) =>
        "Set a staff member's new PIN (a manager's action, or one's own).",
    [setup::ipc] set_staff_active(id, active, approval) =>
        "Deactivate or reactivate a staff account (a manager's action).",
    [setup::ipc] set_staff_services(id, services, approval) =>
        "Set the services a staff member performs (a manager's action).",
    [setup::ipc] set_staff_week(id, days, approval) => "Set a staff member's usual weekly hours (a manager's action).",
    [setup::ipc] booking_policies() =>
        "Read the booking policies (slots, lead time, cancellation cut-off, opening hours).",
    [setup::ipc] set_booking_policies(policies, approval) => "Change the booking policies (a manager's action).",
    [setup::ipc] sale_policies() => "Read the sale policies (tax, discount limit).",
    [setup::ipc] set_sale_policies(policies, approval) => "Change the sale policies (a manager's action).",
    [setup::ipc] setup_printers() =>
        "Read this counter's printer choice and list the system's print queues (lpstat).",
    [setup::ipc] set_printers(settings, approval) =>
        "Choose this counter's receipt printer and paper sizes (a manager's action).",
    [setup::ipc] pair_counter(server, code, approval) =>
        "Pair this counter with the sync server using a one-time code (a manager's action).",
    [wallet] wallet_statement(customer) => "Read a customer's wallet: balances, credits and every entry.",
    [wallet] deposit_wallet(input) => "Put money handed over at the counter into a customer's wallet.",
    [wallet] issue_credit(input, approval) => "Give a customer virtual credit until a date.",
    [wallet] adjust_wallet(input, approval) =>
        "Correct a wallet's real balance (a manager's action, or approved by one).",
    [tickets] tickets(query) => "List open tickets, or one customer's tickets.",
    [tickets] ticket(ticket) => "Read one ticket with its history.",
    [tickets] ticket_types() => "List the business's ticket types and what each offers on resolving.",
    [tickets] open_ticket(input) => "Open a ticket for a customer.",
    [tickets] move_ticket(input) => "Move a ticket along its workflow, with a note.",
    [tickets] resolve_ticket(input, approval) =>
        "Resolve a ticket, with a refund or credit when a manager approves it.",
    [treatments] treatment_statement(treatment) =>
        "Read a treatment's statement: every session, what is left, the expiry.",
    [treatments] extend_treatment(input, approval) =>
        "Move a treatment's expiry later (a manager's action, or approved by one).",
    [report] day_report(date, approval) =>
        "Read a day's report (revenue by tender and by hour, sessions, drawers): a manager's, or with a manager's approval.",
    [printing] print_receipt(sale) =>
        "Print a sale's receipt on this counter's receipt printer (a copy when printed before).",
    [printing] print_statement(treatment) => "Print a treatment's statement on this counter's sheet printer.",
    [printing] print_day_report(date, approval) =>
        "Print a day's report on this counter's sheet printer: a manager's, or with a manager's approval.",
    [drawer] register_drawer() =>
        "Read this register's cash drawer today: open or not, its float and cash moves, the last close.",
    [drawer] open_drawer(float) => "Open this register's cash drawer with a float.",
    [drawer] move_cash(amount, reason) => "Put cash into or take it out of the open drawer, with a reason.",
    [drawer] close_drawer(counted, note) =>
        "Close the open drawer with a blind count; the answer shows the over/short.",
    [drawer] close_day(approval) =>
        "Close this register's business day for good: a manager's, or with a manager's approval.",
    [conflicts] conflict_bookings(conflict) =>
        "List the bookings an open conflict (a double booking, an overbooked room) is about.",
    [conflicts] reverse_ticket(ticket, note, approval) =>
        "Take back what a ticket's second resolution gave (two counters resolved it offline): a manager's, or with a manager's approval.",
    [conflicts] adjust_staff_pay(staff, amount, note, approval) =>
        "Correct what a staff member is owed, e.g. settle an overpayment two counters made offline: a manager's, or with a manager's approval.",
}

/// `ui/src/lib/backend/bindings/Command.ts`: the names the UI may call,
/// so that a misspelt one does not compile.
#[cfg(test)]
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from crates/counter/src/commands/list.rs by the bindings test. Do not edit this file manually.\n\n\
         export type Command =\n",
    );
    for command in ALL {
        out.push_str(&format!("  | \"{}\"\n", command.name));
    }
    out.push_str(";\n");
    out
}

#[cfg(test)]
#[path = "list_tests.rs"]
mod tests;
