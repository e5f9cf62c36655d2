//! CareDesk's desktop shell: a window, and commands that translate between the
//! web view and `caredesk_store`. No SQL and no business rule lives here; see
//! docs/architecture/app.md.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod approval;
#[cfg(test)]
mod bindings;
mod booking_input;
mod commands;
mod counter_settings;
mod database;
mod error;
mod jobs;
mod ledger_input;
mod notify;
mod sale_input;
mod session;
mod sync;
mod transport;

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use tauri::Emitter as _;

fn main() -> anyhow::Result<()> {
    let path = database::path();
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the data folder {}", dir.display()))?;
    }
    let store = database::open_or_create(&path)
        .with_context(|| format!("opening the CareDesk database at {}", path.display()))?;
    eprintln!("caredesk-app: database {}", path.display());
    let settings_path = counter_settings::path_for(&path);
    let settings = counter_settings::load(&settings_path);
    // The counter always starts locked: whoever works here signs in first.
    let session = session::Session::new(store, settings.idle_lock_minutes);
    jobs::start(path.clone()).context("starting the jobs thread")?;
    sync::start(path.clone()).context("starting the sync thread")?;

    let board = Arc::new(notify::Board::default());

    tauri::Builder::default()
        .manage(Mutex::new(session))
        .manage(board.clone())
        .manage(commands::SettingsFile(settings_path))
        .invoke_handler(commands::list::handler())
        .setup(move |app| {
            // Started with the window, whose handle carries each new
            // reminder to the UI as a `reminder` event.
            let handle = app.handle().clone();
            notify::start(path, board, move |reminder| {
                if let Err(error) = handle.emit(notify::EVENT, reminder) {
                    eprintln!("caredesk-app: reminders: cannot reach the window: {error}");
                }
            })?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .context("running the CareDesk window")
}
