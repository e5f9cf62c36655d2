//! The Settings tab's commands: each hands the session (and, for the
//! printers, this counter's settings file) to its function in the sibling
//! modules. Every write takes an optional manager's approval (approval.rs):
//! whether it was needed is the store's call.

use caredesk_domain::Role;
use caredesk_store::{PackageInfo, SyncStatus};

use super::printers::PrintersView;
use super::types::{
    BookingPolicies, BusinessInput, BusinessView, DayInput, PackageEditInput, PackageInput,
    RoomEditInput, RoomInput, RoomView, SalePolicies, ServiceEditInput, ServiceInput, ServiceView,
    StaffInput, StaffView,
};
use super::{business, catalog, pairing, printers, staff};
use crate::Counter;
use crate::approval::Approval;
use crate::counter_settings::PrinterSettings;
use crate::error::IpcError;

type Answer<T> = Result<T, IpcError>;

pub fn setup_business(counter: &Counter) -> Answer<BusinessView> {
    business::business(&mut counter.session())
}

pub fn set_business(
    counter: &Counter,
    input: BusinessInput,
    approval: Option<Approval>,
) -> Answer<BusinessView> {
    business::set_business(&mut counter.session(), input, approval.as_ref())
}

pub fn setup_services(counter: &Counter) -> Answer<Vec<ServiceView>> {
    catalog::services(&mut counter.session())
}

pub fn add_service(
    counter: &Counter,
    input: ServiceInput,
    approval: Option<Approval>,
) -> Answer<ServiceView> {
    catalog::add_service(&mut counter.session(), input, approval.as_ref())
}

pub fn edit_service(
    counter: &Counter,
    id: String,
    edit: ServiceEditInput,
    approval: Option<Approval>,
) -> Answer<ServiceView> {
    catalog::edit_service(&mut counter.session(), &id, edit, approval.as_ref())
}

pub fn setup_rooms(counter: &Counter) -> Answer<Vec<RoomView>> {
    catalog::rooms(&mut counter.session())
}

pub fn add_room(
    counter: &Counter,
    input: RoomInput,
    approval: Option<Approval>,
) -> Answer<RoomView> {
    catalog::add_room(&mut counter.session(), input, approval.as_ref())
}

pub fn edit_room(
    counter: &Counter,
    id: String,
    edit: RoomEditInput,
    approval: Option<Approval>,
) -> Answer<RoomView> {
    catalog::edit_room(&mut counter.session(), &id, edit, approval.as_ref())
}

pub fn setup_packages(counter: &Counter) -> Answer<Vec<PackageInfo>> {
    catalog::packages(&mut counter.session())
}

pub fn add_package(
    counter: &Counter,
    input: PackageInput,
    approval: Option<Approval>,
) -> Answer<PackageInfo> {
    catalog::add_package(&mut counter.session(), input, approval.as_ref())
}

pub fn edit_package(
    counter: &Counter,
    id: String,
    edit: PackageEditInput,
    approval: Option<Approval>,
) -> Answer<PackageInfo> {
    catalog::edit_package(&mut counter.session(), &id, edit, approval.as_ref())
}

pub fn setup_staff(counter: &Counter) -> Answer<Vec<StaffView>> {
    staff::staff(&mut counter.session())
}

pub fn add_staff(
    counter: &Counter,
    input: StaffInput,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::add_staff(&mut counter.session(), input, approval.as_ref())
}

pub fn set_staff_role(
    counter: &Counter,
    id: String,
    role: Role,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_role(&mut counter.session(), &id, role, approval.as_ref())
}

pub fn reset_staff_pin(
    counter: &Counter,
    id: String,
    pin: String,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::reset_staff_pin(&mut counter.session(), &id, &pin, approval.as_ref())
}

pub fn set_staff_active(
    counter: &Counter,
    id: String,
    active: bool,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_active(&mut counter.session(), &id, active, approval.as_ref())
}

pub fn set_staff_services(
    counter: &Counter,
    id: String,
    services: Vec<String>,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_services(&mut counter.session(), &id, &services, approval.as_ref())
}

pub fn set_staff_week(
    counter: &Counter,
    id: String,
    days: Vec<DayInput>,
    approval: Option<Approval>,
) -> Answer<StaffView> {
    staff::set_staff_week(&mut counter.session(), &id, &days, approval.as_ref())
}

pub fn booking_policies(counter: &Counter) -> Answer<BookingPolicies> {
    business::booking_policies(&mut counter.session())
}

pub fn set_booking_policies(
    counter: &Counter,
    policies: BookingPolicies,
    approval: Option<Approval>,
) -> Answer<BookingPolicies> {
    business::set_booking_policies(&mut counter.session(), policies, approval.as_ref())
}

pub fn sale_policies(counter: &Counter) -> Answer<SalePolicies> {
    business::sale_policies(&mut counter.session())
}

pub fn set_sale_policies(
    counter: &Counter,
    policies: SalePolicies,
    approval: Option<Approval>,
) -> Answer<SalePolicies> {
    business::set_sale_policies(&mut counter.session(), policies, approval.as_ref())
}

pub fn setup_printers(counter: &Counter) -> Answer<PrintersView> {
    printers::printers(&mut counter.session(), counter.settings_file())
}

pub fn set_printers(
    counter: &Counter,
    settings: PrinterSettings,
    approval: Option<Approval>,
) -> Answer<PrinterSettings> {
    printers::set_printers(
        &mut counter.session(),
        counter.settings_file(),
        settings,
        approval.as_ref(),
    )
}

/// Waits for the server's answer (a few seconds at most when it is down);
/// the counter's other commands wait meanwhile, as pairing is rare.
pub fn pair_counter(
    counter: &Counter,
    server: String,
    code: String,
    approval: Option<Approval>,
) -> Answer<SyncStatus> {
    pairing::pair(&mut counter.session(), &server, &code, approval.as_ref())
}
