//! CareDesk's desktop shell: a window, and commands that translate between the
//! web view and `caredesk_store`. No SQL and no business rule lives here; see
//! docs/architecture.md.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod database;
mod error;
mod transport;

use std::sync::Mutex;

use anyhow::Context as _;

fn main() -> anyhow::Result<()> {
    let path = database::path();
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the data folder {}", dir.display()))?;
    }
    let store = database::open_or_create(&path)
        .with_context(|| format!("opening the CareDesk database at {}", path.display()))?;
    eprintln!("caredesk-app: database {}", path.display());

    tauri::Builder::default()
        .manage(Mutex::new(store))
        .invoke_handler(tauri::generate_handler![
            commands::find_customers,
            commands::customer_360,
            commands::add_customer,
        ])
        .run(tauri::generate_context!())
        .context("running the CareDesk window")
}
