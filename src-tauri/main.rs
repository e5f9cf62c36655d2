//! CareDesk's desktop shell: a window whose calls the counter's command list
//! answers (caredesk_counter), desktop notifications, and the background
//! threads. No SQL, no business rule and no command lives here; see
//! docs/architecture/app.md.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ipc;
mod notify;

use std::sync::Arc;

use anyhow::Context as _;
use caredesk_counter::{Board, Clock, Counter, database, jobs, sync};
use tauri::Emitter as _;

fn main() -> anyhow::Result<()> {
    let path = database::path();
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the data folder {}", dir.display()))?;
    }
    let board = Arc::new(Board::default());
    // The counter always starts locked: whoever works here signs in first.
    let counter = Counter::open(&path, board.clone(), Clock::default())
        .with_context(|| format!("opening the CareDesk database at {}", path.display()))?;
    eprintln!("caredesk-app: database {}", path.display());
    jobs::start(path.clone()).context("starting the jobs thread")?;
    sync::start(path.clone()).context("starting the sync thread")?;

    tauri::Builder::default()
        .invoke_handler(ipc::handler(Arc::new(counter)))
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
