//! The commands the web view may call (each allowed by name in
//! src-tauri/capabilities/counter.json). Each one converts its arguments,
//! calls the store once and returns the store's answer as JSON.
//!
//! They are `async` so Tauri runs them off the main thread: a slow disk must
//! not freeze the window.

use std::sync::{Mutex, MutexGuard, PoisonError};

use caredesk_store::{Customer, Customer360, CustomerHit, Store};
use tauri::State;

use crate::error::IpcError;
use crate::transport::{self, NewCustomerInput};

type StoreState<'a> = State<'a, Mutex<Store>>;

fn store<'a>(state: &'a StoreState<'_>) -> MutexGuard<'a, Store> {
    // A panic while the lock was held cannot leave the database half-written
    // (every store command is one SQLite transaction), so the store is still
    // sound and the counter keeps working.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

#[tauri::command]
pub async fn find_customers(
    state: StoreState<'_>,
    query: String,
    limit: usize,
) -> Result<Vec<CustomerHit>, IpcError> {
    let limit = transport::search_limit(limit);
    Ok(store(&state).find_customers(&query, limit)?)
}

#[tauri::command]
pub async fn customer_360(state: StoreState<'_>, id: String) -> Result<Customer360, IpcError> {
    let id = transport::customer_id(&id)?;
    Ok(store(&state).customer_360(id)?)
}

#[tauri::command]
pub async fn add_customer(
    state: StoreState<'_>,
    input: NewCustomerInput,
) -> Result<Customer, IpcError> {
    let mut store = store(&state);
    let ctx = store.context(None)?;
    Ok(store.add_customer(&ctx, input.into())?)
}
