//! The business's settings, behind the Settings tab: the business itself,
//! services, rooms and packages, staff and their hours, policies, this
//! counter's printers and pairing with the sync server.
//!
//! Every command needs someone signed in and makes one store call; what a
//! role may not do is refused by the store (`permission_denied`), so the
//! screens are open to everyone and only the writes are guarded. Each
//! command is a plain function of the session (tested below on real
//! database files) under a one-line command in ipc.rs.

pub mod business;
pub mod catalog;
pub mod ipc;
pub mod pairing;
pub mod printers;
pub mod staff;
pub mod types;

#[cfg(test)]
mod tests;

use caredesk_domain::calendar::CalendarError;
use caredesk_domain::catalog::CatalogError;
use caredesk_domain::package::PackageError;
use caredesk_domain::sale::CheckoutError;
use caredesk_store::StoreError;

use crate::error::IpcError;

/// `id` checked as the id of a `what` (a UUID), for the store's calls that
/// also take names: the screens always send ids.
pub(crate) fn id_text<T: std::str::FromStr + ToString>(
    id: &str,
    what: &str,
) -> Result<String, IpcError> {
    id.trim()
        .parse::<T>()
        .map(|id| id.to_string())
        .map_err(|_| IpcError::new("invalid_id", format!("{id:?} is not a {what} id (a UUID)")))
}

/// A store refusal with its field named as the form names its input. The
/// domain names text fields for its sentences ("service name"), and some
/// refusals (a package's sessions, a policy's minutes) name none.
pub(crate) fn form_error(error: StoreError) -> IpcError {
    let field = match &error {
        StoreError::Package(PackageError::Sessions(_)) => Some("sessions"),
        StoreError::Package(PackageError::ValidDays(_)) => Some("valid_days"),
        StoreError::Package(PackageError::HomeVisitWithoutService) => Some("service"),
        StoreError::Package(PackageError::Catalog(CatalogError::NegativePrice)) => Some("price"),
        StoreError::Calendar(CalendarError::SlotLength(_)) => Some("slot_minutes"),
        StoreError::Calendar(CalendarError::Alignment(_)) => Some("align_minutes"),
        StoreError::Calendar(CalendarError::TooLong { what, .. }) if what.contains("lead") => {
            Some("lead_minutes")
        }
        StoreError::Calendar(CalendarError::TooLong { .. }) => Some("cancel_cutoff_minutes"),
        StoreError::Checkout(CheckoutError::TaxRate(_)) => Some("tax_rate"),
        StoreError::Checkout(CheckoutError::DiscountLimit(_)) => Some("discount_limit"),
        StoreError::DuplicateStaff(_) => Some("name"),
        StoreError::BadPin(_) => Some("pin"),
        StoreError::CannotAppoint { .. } => Some("role"),
        StoreError::RoomNotFound(_) => Some("rooms"),
        _ => None,
    };
    let mut ipc = IpcError::from(error);
    if let Some(field) = field {
        ipc.field = Some(field.to_owned());
    }
    ipc.field = ipc.field.map(|field| {
        match field.as_str() {
            "service name" | "room name" | "package name" | "business name" => "name",
            "tax code" => "tax_code",
            "account name" => "bank_holder",
            _ => return field,
        }
        .to_owned()
    });
    ipc
}
