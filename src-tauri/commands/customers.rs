//! Customers: shown and changed only while someone is signed in.

use caredesk_store::{Customer, Customer360, CustomerHit};
use jiff::Timestamp;

use super::{SessionState, session};
use crate::error::IpcError;
use crate::transport::{self, NewCustomerInput};

#[tauri::command]
pub async fn find_customers(
    state: SessionState<'_>,
    query: String,
    limit: usize,
) -> Result<Vec<CustomerHit>, IpcError> {
    let limit = transport::search_limit(limit);
    let mut session = session(&state);
    let (store, _) = session.acting(Timestamp::now())?;
    Ok(store.find_customers(&query, limit)?)
}

#[tauri::command]
pub async fn customer_360(state: SessionState<'_>, id: String) -> Result<Customer360, IpcError> {
    let id = transport::customer_id(&id)?;
    let mut session = session(&state);
    let (store, ctx) = session.acting(Timestamp::now())?;
    Ok(store.customer_360(id, &ctx)?)
}

#[tauri::command]
pub async fn add_customer(
    state: SessionState<'_>,
    input: NewCustomerInput,
) -> Result<Customer, IpcError> {
    let mut session = session(&state);
    let (store, ctx) = session.acting(Timestamp::now())?;
    Ok(store.add_customer(&ctx, input.into())?)
}
