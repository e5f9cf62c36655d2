//! The commands the web view may call (listed once in `list.rs`, which
//! makes the handler and the capability that allows them). Each one
//! converts its arguments, calls the session or the store once and returns
//! the answer as JSON.
//!
//! They are `async` so Tauri runs them off the main thread: a slow disk (or
//! a PIN hash, tens of milliseconds) must not freeze the window.

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

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tauri::State;

use crate::session::Session;

type SessionState<'a> = State<'a, Mutex<Session>>;

/// Where this counter's own settings file is (next to the database).
#[derive(Debug)]
pub struct SettingsFile(pub PathBuf);

fn session<'a>(state: &'a SessionState<'_>) -> MutexGuard<'a, Session> {
    // A panic while the lock was held cannot leave the database half-written
    // (every store command is one SQLite transaction), and the worst it can
    // leave in the session is a sign-in the person just made, so the counter
    // keeps working.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}
