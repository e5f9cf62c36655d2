//! The Settings tab's Tauri commands: each hands the session (and, for the
//! printers, this counter's settings file) to its function in the sibling
//! modules. Every write takes an optional manager's approval (approval.rs):
//! whether it was needed is the store's call.

use caredesk_domain::Role;
use caredesk_store::{PackageInfo, SyncStatus};
use tauri::State;

use super::printers::PrintersView;
use super::types::{
    BookingPolicies, BusinessInput, BusinessView, DayInput, PackageEditInput, PackageInput,
    RoomEditInput, RoomInput, RoomView, SalePolicies, ServiceEditInput, ServiceInput, ServiceView,
    StaffInput, StaffView,
};
use super::{business, catalog, pairing, printers, staff};
use crate::approval::Approval;
use crate::commands::{SessionState, SettingsFile, session};
use crate::counter_settings::PrinterSettings;
use crate::error::IpcError;

type Answer<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn setup_business(state: SessionState<'_>) -> Answer<BusinessView> {
    business::business(&mut session(&state))
}

#[tauri::command]
pub async fn set_business(
    state: SessionState<'_>,
    input: BusinessInput,
    approval: Option<Approval>,
) -> Answer<BusinessView> {
    business::set_business(&mut session(&state), input, approval.as_ref())
}

#[tauri::command]
pub async fn setup_services(state: SessionState<'_>) -> Answer<Vec<ServiceView>> {
    catalog::services(&mut session(&state))
}

#[tauri::command]
pub async fn add_service(
    state: SessionState<'_>,
    input: ServiceInput,
    approval: Option<Approval>,
) -> Answer<ServiceView> {
    catalog::add_service(&mut session(&state), input, approval.as_ref())
}

#[tauri::command]
pub async fn edit_service(
    state: SessionState<'_>,
    id: String,
    edit: ServiceEditInput,
    approval: Option<Approval>,
) -> Answer<ServiceView> {
    catalog::edit_service(&mut session(&state), &id, edit, approval.as_ref())
}

#[tauri::command]
pub async fn setup_rooms(state: SessionState<'_>) -> Answer<Vec<RoomView>> {
    catalog::rooms(&mut session(&state))
}

#[tauri::command]
pub async fn add_room(
    state: SessionState<'_>,
    input: RoomInput,
    approval: Option<Approval>,
) -> Answer<RoomView> {
    catalog::add_room(&mut session(&state), input, approval.as_ref())
}

#[tauri::command]
pub async fn edit_room(
    state: SessionState<'_>,
    id: String,
    edit: RoomEditInput,
    approval: Option<Approval>,
) -> Answer<RoomView> {
    catalog::edit_room(&mut session(&state), &id, edit, approval.as_ref())
}

#[tauri::command]
pub async fn setup_packages(state: SessionState<'_>) -> Answer<Vec<PackageInfo>> {
    catalog::packages(&mut session(&state))
}

#[tauri::command]
pub async fn add_package(
    state: SessionState<'_>,
    input: PackageInput,
    approval: Option<Approval>,
) -> Answer<PackageInfo> {
    catalog::add_package(&mut session(&state), input, approval.as_ref())
}

#[tauri::command]
pub async fn edit_package(
    state: SessionState<'_>,
    id: String,
    edit: PackageEditInput,
    approval: Option<Approval>,
) -> Answer<PackageInfo> {
    catalog::edit_package(&mut session(&state), &id, edit, approval.as_ref())
}

#[tauri::command]
pub async fn setup_staff(state: SessionState<'_>) -> Answer<Vec<StaffView>> {
    staff::staff(&mut session(&state))
}

#[tauri::command]
pub async fn add_staff(
    state: SessionState<'_>,
    input: StaffInput,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::add_staff(&mut session(&state), input, approval.as_ref())
}

#[tauri::command]
pub async fn set_staff_role(
    state: SessionState<'_>,
    id: String,
    role: Role,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_role(&mut session(&state), &id, role, approval.as_ref())
}

#[tauri::command]
pub async fn reset_staff_pin(
    state: SessionState<'_>,
    id: String,
    pin: String,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::reset_staff_pin(&mut session(&state), &id, &pin, approval.as_ref())
}

#[tauri::command]
pub async fn set_staff_active(
    state: SessionState<'_>,
    id: String,
    active: bool,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_active(&mut session(&state), &id, active, approval.as_ref())
}

#[tauri::command]
pub async fn set_staff_services(
    state: SessionState<'_>,
    id: String,
    services: Vec<String>,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_services(&mut session(&state), &id, &services, approval.as_ref())
}

#[tauri::command]
pub async fn set_staff_week(
    state: SessionState<'_>,
    id: String,
    days: Vec<DayInput>,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_week(&mut session(&state), &id, &days, approval.as_ref())
}

#[tauri::command]
pub async fn booking_policies(state: SessionState<'_>) -> Answer<BookingPolicies> {
    business::booking_policies(&mut session(&state))
}

#[tauri::command]
pub async fn set_booking_policies(
    state: SessionState<'_>,
    policies: BookingPolicies,
    approval: Option<Approval>,
) -> Answer<BookingPolicies> {
    business::set_booking_policies(&mut session(&state), policies, approval.as_ref())
}

#[tauri::command]
pub async fn sale_policies(state: SessionState<'_>) -> Answer<SalePolicies> {
    business::sale_policies(&mut session(&state))
}

#[tauri::command]
pub async fn set_sale_policies(
    state: SessionState<'_>,
    policies: SalePolicies,
    approval: Option<Approval>,
) -> Answer<SalePolicies> {
    business::set_sale_policies(&mut session(&state), policies, approval.as_ref())
}

#[tauri::command]
pub async fn setup_printers(
    state: SessionState<'_>,
    file: State<'_, SettingsFile>,
) -> Answer<PrintersView> {
    printers::printers(&mut session(&state), &file.0)
}

#[tauri::command]
pub async fn set_printers(
    state: SessionState<'_>,
    file: State<'_, SettingsFile>,
    settings: PrinterSettings,
    approval: Option<Approval>,
) -> Answer<PrinterSettings> {
    printers::set_printers(&mut session(&state), &file.0, settings, approval.as_ref())
}

/// Waits for the server's answer (a few seconds at most when it is down);
/// the counter's other commands wait meanwhile, as pairing is rare.
#[tauri::command]
pub async fn pair_counter(
    state: SessionState<'_>,
    server: String,
    code: String,
    approval: Option<Approval>,
) -> Answer<SyncStatus> {
    pairing::pair(&mut session(&state), &server, &code, approval.as_ref())
}
