//! How a failure crosses IPC: `{code, message, field}`. `code` is the store's
//! stable error code, which the UI translates; `message` is the English
//! explanation the UI falls back to for a code it does not know yet; `field`
//! names the input at fault, so a form can show the error in place.

use caredesk_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl IpcError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
            field: None,
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        IpcError {
            code: error.code().to_owned(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_and_field() {
        let error = IpcError {
            code: "invalid_phone".into(),
            message: "\"12\" is not a valid phone number for VN".into(),
            field: Some("phone".into()),
        };
        assert_eq!(
            serde_json::to_value(&error).expect("serialises"),
            serde_json::json!({
                "code": "invalid_phone",
                "message": "\"12\" is not a valid phone number for VN",
                "field": "phone",
            })
        );
        let without_field = IpcError::new("invalid_id", "not a uuid");
        assert_eq!(
            serde_json::to_value(&without_field).expect("serialises"),
            serde_json::json!({ "code": "invalid_id", "message": "not a uuid" })
        );
    }

    #[test]
    fn a_refused_customer_names_the_code_and_the_field() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = caredesk_store::Store::init(
            &dir.path().join("caredesk.db"),
            caredesk_store::InitSettings::default(),
        )
        .expect("init");
        let ctx = store.context(None).expect("owner");
        let refused = store
            .add_customer(
                &ctx,
                caredesk_store::NewCustomer {
                    name: "Trịnh Kim Chi".into(),
                    phone: "12345".into(),
                    ..Default::default()
                },
            )
            .expect_err("not a phone number");
        let error = IpcError::from(refused);
        assert_eq!(error.code, "invalid_phone");
        assert_eq!(error.field.as_deref(), Some("phone"));
        assert!(error.message.contains("12345"), "{}", error.message);
    }
}
