//! A CareDesk counter above its store: who is signed in and what a manager
//! approved (session.rs, approval.rs), this counter's own settings and
//! printers (counter_settings.rs), the print steps, the conversions of what
//! a screen sends (the `*_input` modules), and the commands a screen calls,
//! listed once (commands/list.rs).
//!
//! The desktop app (src-tauri) answers its window's calls through
//! `Counter::call`, and so does `caredesk serve-ui`, which serves the same
//! commands over HTTP to the UI in a plain browser for its tests: one
//! implementation of every rule, whichever door a command comes in by. No
//! SQL lives here (that is caredesk-store's), and nothing of Tauri.

pub mod approval;
pub mod board;
pub mod booking_input;
pub mod commands;
pub mod counter_settings;
pub mod database;
pub mod error;
pub mod jobs;
pub mod ledger_input;
pub mod sale_input;
pub mod session;
pub mod sync;
pub mod transport;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use caredesk_store::{Store, StoreError};
use jiff::Timestamp;
use serde_json::Value;

pub use board::Board;
pub use commands::list::{ALL as COMMANDS, Command};
pub use error::IpcError;
pub use session::{Clock, Session};

/// One counter: its session on the store, its settings file, and the board
/// of reminders shown.
#[derive(Debug)]
pub struct Counter {
    session: Mutex<Session>,
    clock: Clock,
    settings_file: PathBuf,
    board: Arc<Board>,
}

impl Counter {
    /// The counter of the database at `db` (created with the demo data when
    /// there is no file yet), locked, with its settings from beside it, on
    /// `clock`.
    pub fn open(db: &Path, board: Arc<Board>, clock: Clock) -> Result<Counter, StoreError> {
        let store = database::open_or_create(db, clock.now())?;
        Ok(Counter::new(store, counter_settings::path_for(db), board).with_clock(clock))
    }

    /// The counter of an open store; it always starts locked: whoever works
    /// here signs in first.
    pub fn new(store: Store, settings_file: PathBuf, board: Arc<Board>) -> Counter {
        let settings = counter_settings::load(&settings_file);
        Counter {
            session: Mutex::new(Session::new(store, settings.idle_lock_minutes)),
            clock: Clock::default(),
            settings_file,
            board,
        }
    }

    /// The counter on `clock` instead of the wall clock (`caredesk serve-ui
    /// --now`, for tests that must see the same day whenever they run).
    pub fn with_clock(mut self, clock: Clock) -> Counter {
        self.clock = clock;
        self.session
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .set_clock(clock);
        self
    }

    /// What the counter's clock says: every command acts at this moment.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Runs the command `name` with its arguments (a JSON object keyed by
    /// the argument names in camelCase, or `null` for none) and returns its
    /// answer as JSON, or the error the screen shows.
    pub fn call(&self, name: &str, args: Value) -> Result<Value, IpcError> {
        let args = match args {
            Value::Object(args) => args,
            Value::Null => serde_json::Map::new(),
            _ => {
                return Err(IpcError::new(
                    "invalid_argument",
                    format!("{name}: the arguments are not a JSON object"),
                ));
            }
        };
        commands::list::dispatch(self, name, args).unwrap_or_else(|| {
            Err(IpcError::new(
                "unknown_command",
                format!("there is no command `{name}`"),
            ))
        })
    }

    /// Whether `name` is a command of the list.
    pub fn has_command(name: &str) -> bool {
        COMMANDS.iter().any(|command| command.name == name)
    }

    pub(crate) fn session(&self) -> MutexGuard<'_, Session> {
        // A panic while the lock was held cannot leave the database
        // half-written (every store command is one SQLite transaction), and
        // the worst it can leave in the session is a sign-in the person just
        // made, so the counter keeps working.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn settings_file(&self) -> &Path {
        &self.settings_file
    }

    pub(crate) fn board(&self) -> &Board {
        &self.board
    }
}

#[cfg(test)]
mod bindings;
