//! The business itself and its policies: how bookings are taken (slots,
//! lead time, cancellation cut-off, opening hours) and how sales are taxed
//! and discounted.

use caredesk_domain::sale::{CheckoutSettings, TaxRule};

use super::form_error;
use super::types::{BookingPolicies, BusinessInput, BusinessView, SalePolicies};
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

pub fn business(session: &mut Session) -> Result<BusinessView, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok(store.settings().into())
}

pub fn set_business(
    session: &mut Session,
    input: BusinessInput,
    approval: Option<&Approval>,
) -> Result<BusinessView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let settings = input.onto(store.settings());
    let saved = store.set_business(&ctx, settings).map_err(form_error)?;
    Ok((&saved).into())
}

pub fn booking_policies(session: &mut Session) -> Result<BookingPolicies, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok((&store.schedule().calendar()?).into())
}

pub fn set_booking_policies(
    session: &mut Session,
    policies: BookingPolicies,
    approval: Option<&Approval>,
) -> Result<BookingPolicies, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let calendar = policies.onto(&store.schedule().calendar()?)?;
    let saved = store
        .schedule_mut()
        .set_calendar(&ctx, calendar)
        .map_err(form_error)?;
    Ok((&saved).into())
}

pub fn sale_policies(session: &mut Session) -> Result<SalePolicies, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok(sale_view(store.sales().checkout()?))
}

pub fn set_sale_policies(
    session: &mut Session,
    policies: SalePolicies,
    approval: Option<&Approval>,
) -> Result<SalePolicies, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    // The screen does not show the credit limit: it stays as it is.
    let checkout = CheckoutSettings {
        tax: TaxRule {
            rate: policies.tax_rate,
            prices_include_tax: policies.prices_include_tax,
        },
        discount_limit: policies.discount_limit,
        ..store.sales().checkout()?
    };
    let saved = store
        .sales_mut()
        .set_checkout(&ctx, checkout)
        .map_err(form_error)?;
    Ok(sale_view(saved))
}

fn sale_view(checkout: CheckoutSettings) -> SalePolicies {
    SalePolicies {
        tax_rate: checkout.tax.rate,
        prices_include_tax: checkout.tax.prices_include_tax,
        discount_limit: checkout.discount_limit,
    }
}
