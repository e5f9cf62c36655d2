//! Checkout: the cart's quote while it is filled, the sale itself, and the
//! packages there are to sell. The rules are the store's (`quote_sale` and
//! `record_sale` share their pricing).

use caredesk_store::{PackageInfo, Quote, SaleView};
use jiff::Timestamp;

use super::{SessionState, session};
use crate::approval::Approval;
use crate::error::IpcError;
use crate::sale_input::SaleInput;

#[tauri::command]
pub async fn quote_sale(state: SessionState<'_>, input: SaleInput) -> Result<Quote, IpcError> {
    let mut session = session(&state);
    let (store, ctx) = session.acting(Timestamp::now())?;
    Ok(store.quote_sale(&ctx, &input.into())?)
}

#[tauri::command]
pub async fn record_sale(
    state: SessionState<'_>,
    input: SaleInput,
    approval: Option<Approval>,
) -> Result<SaleView, IpcError> {
    let mut session = session(&state);
    let (store, ctx) = session.acting_approved(Timestamp::now(), approval.as_ref())?;
    Ok(store.record_sale(&ctx, input.into())?)
}

/// The packages on sale now (active ones), for the cart's package picker.
#[tauri::command]
pub async fn packages_for_sale(state: SessionState<'_>) -> Result<Vec<PackageInfo>, IpcError> {
    let mut session = session(&state);
    let (store, _) = session.acting(Timestamp::now())?;
    let mut packages = store.packages()?;
    packages.retain(|p| p.package.active);
    Ok(packages)
}
