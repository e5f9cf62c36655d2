//! Every command the counter window may call, named once. The list below
//! makes Tauri's handler; the tests make from it the permissions
//! (`src-tauri/permissions/counter.toml`, one per command) and the
//! capability that grants them (`src-tauri/capabilities/counter.json`), and
//! check that every `#[tauri::command]` function is listed and that the UI's
//! transport (`ui/src/lib/backend/tauri.ts`) calls each by its name, which
//! the generated `Command` type (ui/src/lib/backend/bindings/Command.ts)
//! also checks at compile time. A new command is one line here, its
//! function, and the screen that calls it; then
//!
//!     CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-app bindings
//!
//! writes the generated files again.

/// A command as the permission file describes it.
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    /// What the permission allows, in the capability's words.
    pub description: &'static str,
}

macro_rules! commands {
    ($( [$($module:ident)::+] $name:ident => $description:literal, )*) => {
        /// The commands, in the order the permission file lists them.
        #[cfg(test)]
        pub const ALL: &[Command] = &[
            $(Command { name: stringify!($name), description: $description },)*
        ];

        /// Tauri's handler for every command in the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$($module)::+::$name),*]
        }
    };
}

commands! {
    [customers] find_customers => "Search customers by name, phone fragment or code.",
    [customers] customer_360 => "Read everything about one customer.",
    [customers] add_customer => "Register a new customer.",
    [staff] list_staff =>
        "List the active staff (names and roles, never PIN hashes) for the sign-in screen.",
    [staff] sign_in => "Sign a staff member in at this counter with their PIN.",
    [staff] sign_out => "End the session at this counter (lock, switch person, idle lock).",
    [staff] current_staff => "Ask who is signed in at this counter.",
    [staff] keep_alive => "Report that the person signed in is still at the keyboard.",
    [audit] audit => "Read the activity log (the op log in words).",
    [settings] counter_settings => "Read this counter's own settings (the idle lock).",
    [settings] set_counter_settings => "Change this counter's own settings (a manager's action).",
    [sync] sync_status =>
        "Read where sync with the server stands (online, pending ops, last success, last error).",
    [sync] conflicts => "List what counters did offline that one counter would have refused.",
    [checkout] quote_sale => "Price a sale without recording it (the checkout cart).",
    [checkout] record_sale => "Ring up a sale with its payments.",
    [checkout] packages_for_sale => "List the packages on sale.",
    [reminders] reminders =>
        "List the reminders shown and still due (bookings about to start, cards about to expire, sync failing, conflicts), and say which language the desktop notifications are in.",
    [calendar] calendar_day =>
        "Read one day of the calendar: staff columns with hours and bookings.",
    [calendar] calendar_week => "Read a week (Monday to Sunday) of the calendar.",
    [calendar] booking_slots => "List the free slots of a service on a day.",
    [calendar] services_for_booking =>
        "List the services the calendar can book, with who performs each.",
    [calendar] booking => "Read one booking with its items and history.",
    [calendar] add_booking =>
        "Book a service with a staff member (the store checks hours, double booking and the clock).",
    [calendar] booking_status =>
        "Move a booking along its life cycle: check in, start, complete, cancel (also from the conflicts inbox), no-show, undo a completion.",
    [calendar] reschedule_booking => "Move a booking to another time or staff member.",
    // The Settings tab (commands/setup/).
    [setup::ipc] setup_business =>
        "Read the business's settings (name, address, tax code, time zone).",
    [setup::ipc] set_business =>
        "Change the business's name, address, tax code, time zone or customer code prefix (a manager's action).",
    [setup::ipc] setup_services => "List the services, offered and retired.",
    [setup::ipc] add_service => "Add a service to the catalog (a manager's action).",
    [setup::ipc] edit_service => "Edit, retire or offer again a service (a manager's action).",
    [setup::ipc] setup_rooms => "List the rooms, in use and retired.",
    [setup::ipc] add_room => "Add a room (a manager's action).",
    [setup::ipc] edit_room => "Edit, retire or use again a room (a manager's action).",
    [setup::ipc] setup_packages => "List the packages, on sale and retired.",
    [setup::ipc] add_package => "Add a package (a manager's action).",
    [setup::ipc] edit_package =>
        "Rename, reprice, retire or offer again a package (a manager's action).",
    [setup::ipc] setup_staff =>
        "List the staff with their roles, services and weekly hours (never PIN hashes).",
    [setup::ipc] add_staff => "Add a staff account (a manager's action).",
    [setup::ipc] set_staff_role => "Change a staff member's role (a manager's action).",
    [setup::ipc] reset_staff_pin =>
        "Set a staff member's new PIN (a manager's action, or one's own).",
    [setup::ipc] set_staff_active =>
        "Deactivate or reactivate a staff account (a manager's action).",
    [setup::ipc] set_staff_services =>
        "Set the services a staff member performs (a manager's action).",
    [setup::ipc] set_staff_week => "Set a staff member's usual weekly hours (a manager's action).",
    [setup::ipc] booking_policies =>
        "Read the booking policies (slots, lead time, cancellation cut-off, opening hours).",
    [setup::ipc] set_booking_policies => "Change the booking policies (a manager's action).",
    [setup::ipc] sale_policies => "Read the sale policies (tax, discount limit).",
    [setup::ipc] set_sale_policies => "Change the sale policies (a manager's action).",
    [setup::ipc] setup_printers =>
        "Read this counter's printer choice and list the system's print queues (lpstat).",
    [setup::ipc] set_printers =>
        "Choose this counter's receipt printer and paper sizes (a manager's action).",
    [setup::ipc] pair_counter =>
        "Pair this counter with the sync server using a one-time code (a manager's action).",
    [wallet] wallet_statement => "Read a customer's wallet: balances, credits and every entry.",
    [wallet] deposit_wallet => "Put money handed over at the counter into a customer's wallet.",
    [wallet] issue_credit => "Give a customer virtual credit until a date.",
    [wallet] adjust_wallet =>
        "Correct a wallet's real balance (a manager's action, or approved by one).",
    [tickets] tickets => "List open tickets, or one customer's tickets.",
    [tickets] ticket => "Read one ticket with its history.",
    [tickets] ticket_types => "List the business's ticket types and what each offers on resolving.",
    [tickets] open_ticket => "Open a ticket for a customer.",
    [tickets] move_ticket => "Move a ticket along its workflow, with a note.",
    [tickets] resolve_ticket =>
        "Resolve a ticket, with a refund or credit when a manager approves it.",
    [treatments] treatment_statement =>
        "Read a treatment's statement: every session, what is left, the expiry.",
    [treatments] extend_treatment =>
        "Move a treatment's expiry later (a manager's action, or approved by one).",
    [report] day_report =>
        "Read a day's report (revenue by tender and by hour, sessions, drawers): a manager's, or with a manager's approval.",
    [printing] print_receipt =>
        "Print a sale's receipt on this counter's receipt printer (a copy when printed before).",
    [printing] print_statement => "Print a treatment's statement on this counter's sheet printer.",
    [printing] print_day_report =>
        "Print a day's report on this counter's sheet printer: a manager's, or with a manager's approval.",
    [drawer] register_drawer =>
        "Read this register's cash drawer today: open or not, its float and cash moves, the last close.",
    [drawer] open_drawer => "Open this register's cash drawer with a float.",
    [drawer] move_cash => "Put cash into or take it out of the open drawer, with a reason.",
    [drawer] close_drawer =>
        "Close the open drawer with a blind count; the answer shows the over/short.",
    [drawer] close_day =>
        "Close this register's business day for good: a manager's, or with a manager's approval.",
    [conflicts] conflict_bookings =>
        "List the bookings an open conflict (a double booking, an overbooked room) is about.",
    [conflicts] reverse_ticket =>
        "Take back what a ticket's second resolution gave (two counters resolved it offline): a manager's, or with a manager's approval.",
    [conflicts] adjust_staff_pay =>
        "Correct what a staff member is owed, e.g. settle an overpayment two counters made offline: a manager's, or with a manager's approval.",
}

/// `ui/src/lib/backend/bindings/Command.ts`: the names `tauri.ts` may call,
/// so that a misspelt one does not compile.
#[cfg(test)]
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/commands/list.rs by the bindings test. Do not edit this file manually.\n\n\
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
