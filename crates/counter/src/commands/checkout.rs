//! Checkout: the cart's quote while it is filled, the sale itself, and the
//! packages there are to sell. The rules are the store's (`quote_sale` and
//! `record_sale` share their pricing).

use caredesk_store::{PackageInfo, Quote, SaleView};

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::sale_input::SaleInput;

pub fn quote_sale(counter: &Counter, input: SaleInput) -> Result<Quote, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    Ok(store.sales().quote_sale(&ctx, &input.into())?)
}

pub fn record_sale(
    counter: &Counter,
    input: SaleInput,
    approval: Option<Approval>,
) -> Result<SaleView, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting_approved(counter.now(), approval.as_ref())?;
    Ok(store.sales_mut().record_sale(&ctx, input.into())?)
}

/// The packages on sale now (active ones), for the cart's package picker.
pub fn packages_for_sale(counter: &Counter) -> Result<Vec<PackageInfo>, IpcError> {
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    let mut packages = store.catalog().packages()?;
    packages.retain(|p| p.package.active);
    Ok(packages)
}
