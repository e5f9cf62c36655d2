//! What the web view sends, and its conversion to the store's types. Field
//! names here are the UI's (ui/src/lib/backend/backend.ts).

use std::str::FromStr;

use caredesk_domain::CustomerId;
use caredesk_store::NewCustomer;
use serde::Deserialize;

use crate::error::IpcError;

/// The most rows one search returns: a screen shows a few dozen; anything
/// more is a query the person should refine.
pub const MAX_SEARCH_LIMIT: usize = 100;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCustomerInput {
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

impl From<NewCustomerInput> for NewCustomer {
    fn from(input: NewCustomerInput) -> Self {
        NewCustomer {
            name: input.name,
            phone: input.phone,
            email: input.email,
            address: input.address,
            // The store numbers customers itself; the counter form has no code field.
            code: None,
        }
    }
}

pub fn customer_id(id: &str) -> Result<CustomerId, IpcError> {
    CustomerId::from_str(id.trim()).map_err(|_| {
        IpcError::new(
            "invalid_id",
            format!("{id:?} is not a customer id (a UUID)"),
        )
    })
}

pub fn search_limit(requested: usize) -> usize {
    requested.clamp(1, MAX_SEARCH_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_id_must_be_a_uuid() {
        let error = customer_id("KH00001").expect_err("not a uuid");
        assert_eq!(error.code, "invalid_id");
        assert!(customer_id("0190d5a0-0000-7000-8000-000000000001").is_ok());
    }

    #[test]
    fn search_limit_stays_within_a_screenful() {
        assert_eq!(search_limit(0), 1);
        assert_eq!(search_limit(30), 30);
        assert_eq!(search_limit(1_000_000), MAX_SEARCH_LIMIT);
    }

    #[test]
    fn new_customer_input_reads_the_ui_shape() {
        let input: NewCustomerInput = serde_json::from_str(
            r#"{"name":"Nguyễn Thị Mai","phone":"0912 345 678","email":null,"address":"Q1"}"#,
        )
        .expect("valid input");
        let new: NewCustomer = input.into();
        assert_eq!(new.name, "Nguyễn Thị Mai");
        assert_eq!(new.email, None);
        assert_eq!(new.address.as_deref(), Some("Q1"));
        assert_eq!(new.code, None);
    }
}
