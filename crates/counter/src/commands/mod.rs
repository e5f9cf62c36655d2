//! The commands a counter's screen may call, listed once in `list.rs`,
//! which makes the dispatch both the desktop app and `caredesk serve-ui`
//! answer through. Each one is a plain function of the counter and its
//! arguments: it converts them, calls the session or the store once and
//! returns the answer, which the dispatch turns into JSON.
//!
//! They are blocking; whoever calls them runs them off any UI thread (a
//! slow disk, a PIN hash of tens of milliseconds or a printer must not
//! freeze a window).

mod args;
pub mod audit;
pub mod calendar;
pub mod checkout;
pub mod conflicts;
pub mod customers;
pub mod drawer;
pub mod list;
pub mod printing;
pub mod reminders;
pub mod report;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod sync;
#[cfg(test)]
pub(crate) mod test_counter;
// Wallets, tickets and treatments: the statements and what changes them.
pub mod tickets;
pub mod treatments;
pub mod wallet;
