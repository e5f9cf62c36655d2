//! Customers: shown and changed only while someone is signed in.

use caredesk_store::{Customer, Customer360, CustomerHit};

use crate::Counter;
use crate::error::IpcError;
use crate::transport::{self, NewCustomerInput};

pub fn find_customers(
    counter: &Counter,
    query: String,
    limit: usize,
) -> Result<Vec<CustomerHit>, IpcError> {
    let limit = transport::search_limit(limit);
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    Ok(store.customers().find_customers(&query, limit)?)
}

pub fn customer_360(counter: &Counter, id: String) -> Result<Customer360, IpcError> {
    let id = transport::customer_id(&id)?;
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    Ok(store.customers().customer_360(id, &ctx)?)
}

pub fn add_customer(counter: &Counter, input: NewCustomerInput) -> Result<Customer, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    Ok(store.customers_mut().add_customer(&ctx, input.into())?)
}
