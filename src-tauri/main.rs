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
        .invoke_handler(tauri::generate_handler![
            commands::customers::find_customers,
            commands::customers::customer_360,
            commands::customers::add_customer,
            commands::staff::list_staff,
            commands::staff::sign_in,
            commands::staff::sign_out,
            commands::staff::current_staff,
            commands::staff::keep_alive,
            commands::audit::audit,
            commands::settings::counter_settings,
            commands::settings::set_counter_settings,
            commands::sync::sync_status,
            commands::sync::conflicts,
            commands::checkout::quote_sale,
            commands::checkout::record_sale,
            commands::checkout::packages_for_sale,
            commands::reminders::reminders,
            commands::calendar::calendar_day,
            commands::calendar::calendar_week,
            commands::calendar::booking_slots,
            commands::calendar::services_for_booking,
            commands::calendar::booking,
            commands::calendar::add_booking,
            commands::calendar::booking_status,
            commands::calendar::reschedule_booking,
            // The Settings tab (commands/setup/).
            commands::setup::ipc::setup_business,
            commands::setup::ipc::set_business,
            commands::setup::ipc::setup_services,
            commands::setup::ipc::add_service,
            commands::setup::ipc::edit_service,
            commands::setup::ipc::setup_rooms,
            commands::setup::ipc::add_room,
            commands::setup::ipc::edit_room,
            commands::setup::ipc::setup_packages,
            commands::setup::ipc::add_package,
            commands::setup::ipc::edit_package,
            commands::setup::ipc::setup_staff,
            commands::setup::ipc::add_staff,
            commands::setup::ipc::set_staff_role,
            commands::setup::ipc::reset_staff_pin,
            commands::setup::ipc::set_staff_active,
            commands::setup::ipc::set_staff_services,
            commands::setup::ipc::set_staff_week,
            commands::setup::ipc::booking_policies,
            commands::setup::ipc::set_booking_policies,
            commands::setup::ipc::sale_policies,
            commands::setup::ipc::set_sale_policies,
            commands::setup::ipc::setup_printers,
            commands::setup::ipc::set_printers,
            commands::setup::ipc::pair_counter,
            commands::wallet::wallet_statement,
            commands::wallet::deposit_wallet,
            commands::wallet::issue_credit,
            commands::wallet::adjust_wallet,
            commands::tickets::tickets,
            commands::tickets::ticket,
            commands::tickets::ticket_types,
            commands::tickets::open_ticket,
            commands::tickets::move_ticket,
            commands::tickets::resolve_ticket,
            commands::treatments::treatment_statement,
            commands::treatments::extend_treatment,
            commands::report::day_report,
            commands::printing::print_receipt,
            commands::printing::print_statement,
            commands::printing::print_day_report,
            commands::drawer::register_drawer,
            commands::drawer::open_drawer,
            commands::drawer::move_cash,
            commands::drawer::close_drawer,
            commands::drawer::close_day,
            commands::conflicts::conflict_bookings,
            commands::conflicts::reverse_ticket,
            commands::conflicts::adjust_staff_pay,
        ])
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
