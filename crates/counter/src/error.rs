//! How a failure crosses IPC: `{code, message, field, details}`. `code` is the
//! store's stable error code, which the UI translates; `message` is the English
//! explanation the UI falls back to for a code it does not know yet; `field`
//! names the input at fault, so a form can show the error in place; `details`
//! carries the values a translated message needs (the attempts left before a
//! lockout, the time it ends), so the UI never parses the English text.

use std::collections::BTreeMap;

use caredesk_store::StoreError;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional = nullable)]
    #[ts(type = "Record<string, string | number>")]
    pub details: BTreeMap<&'static str, Value>,
}

impl IpcError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
            field: None,
            details: BTreeMap::new(),
        }
    }

    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Nobody is signed in at this counter (never was, signed out, or the
    /// session ran out): the UI shows the sign-in screen.
    pub fn signed_out() -> Self {
        IpcError::new(
            "signed_out",
            "nobody is signed in at this counter: sign in with your PIN first",
        )
    }
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        let details = details(&error);
        IpcError {
            code: error.code().to_owned(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
            details,
        }
    }
}

fn details(error: &StoreError) -> BTreeMap<&'static str, Value> {
    let pairs: Vec<(&'static str, Value)> = match error {
        StoreError::WrongPin {
            name,
            attempts_left,
        } => vec![
            ("name", name.as_str().into()),
            ("attempts_left", (*attempts_left).into()),
        ],
        StoreError::AccountLocked { name, until } => {
            vec![
                ("name", name.as_str().into()),
                ("until", until.as_str().into()),
            ]
        }
        StoreError::NoPin(name) | StoreError::StaffInactive(name) => {
            vec![("name", name.as_str().into())]
        }
        // The action is what the approval dialog says it is asked to allow.
        StoreError::PermissionDenied { name, action, .. }
        | StoreError::CannotApprove { name, action, .. } => vec![
            ("name", name.as_str().into()),
            ("action", action.as_str().into()),
        ],
        StoreError::TooSoon { lead_minutes, .. } => {
            vec![("lead_minutes", (*lead_minutes).into())]
        }
        _ => Vec::new(),
    };
    pairs.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_and_field() {
        let error = IpcError::new("invalid_phone", "\"12\" is not a valid phone number for VN")
            .on_field("phone");
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
    fn a_wrong_pin_carries_the_attempts_left_and_a_lockout_its_end() {
        let wrong = IpcError::from(StoreError::WrongPin {
            name: "Lan".into(),
            attempts_left: 3,
        });
        assert_eq!(
            serde_json::to_value(&wrong).expect("serialises")["details"],
            serde_json::json!({ "name": "Lan", "attempts_left": 3 })
        );
        let locked = IpcError::from(StoreError::AccountLocked {
            name: "Lan".into(),
            until: "2026-11-21T14:05:00+07:00".into(),
        });
        assert_eq!(locked.code, "account_locked");
        assert_eq!(
            locked.details.get("until"),
            Some(&Value::from("2026-11-21T14:05:00+07:00"))
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
            .customers_mut()
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
