//! What the wallet, ticket and treatment screens send, and its conversion to
//! the store's inputs. Amounts are whole đồng or rupiah; the store checks
//! them (positive, at most `MAX_ENTRY`), so nothing is checked twice here.

use caredesk_domain::ticket::{CompensationKind, Priority, TicketStatus, WaitingOn};
use caredesk_domain::wallet::Source;
use caredesk_store::{NewTicket, Resolution, Store, WalletMove};
use serde::Deserialize;

use crate::error::IpcError;

/// How money handed over at the counter came in. Refunds, tickets and sales
/// put money in wallets through their own commands, never through this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DepositMethod {
    Cash,
    Transfer,
    Card,
}

impl From<DepositMethod> for Source {
    fn from(method: DepositMethod) -> Self {
        match method {
            DepositMethod::Cash => Source::Cash,
            DepositMethod::Transfer => Source::Transfer,
            DepositMethod::Card => Source::Card,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DepositInput {
    pub customer: String,
    pub amount: i64,
    pub method: DepositMethod,
    /// A transfer's or card slip's reference.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reference: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

impl From<DepositInput> for WalletMove {
    fn from(input: DepositInput) -> Self {
        WalletMove {
            amount: input.amount,
            source: input.method.into(),
            reference: input.reference.unwrap_or_default(),
            note: input.note.unwrap_or_default(),
        }
    }
}

/// Virtual credit: for `days` counting today (the store's default when
/// absent), with a note saying why.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CreditInput {
    pub customer: String,
    pub amount: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub days: Option<u16>,
    pub note: String,
}

/// A manager's correction of the real balance: negative takes money out
/// and needs a note.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AdjustInput {
    pub customer: String,
    pub amount: i64,
    #[serde(default)]
    pub note: String,
}

/// Which tickets a list shows: the open ones of every customer, or all of
/// one customer's.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TicketQuery {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub customer: Option<String>,
}

/// A ticket opened from the counter for a customer on file.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NewTicketInput {
    pub customer: String,
    /// One of the business's ticket types (`ticket_types`).
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub details: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub priority: Option<Priority>,
    /// Local wall-clock time of the business, `YYYY-MM-DDTHH:MM`, or a day
    /// (`YYYY-MM-DD`), meaning its end, as the CLI reads it.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub deadline: Option<String>,
}

impl NewTicketInput {
    pub fn into_new_ticket(self, store: &Store) -> Result<NewTicket, IpcError> {
        let deadline = match self.deadline.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(day) if day.len() == 10 => Some(store.local_time(&format!("{day}T23:59"))?),
            Some(time) => Some(store.local_time(time)?),
        };
        Ok(NewTicket {
            customer: self.customer,
            name: None,
            kind: self.kind,
            subject: self.subject,
            details: self.details.unwrap_or_default(),
            reference: String::new(),
            assignee: None,
            priority: self.priority,
            deadline,
        })
    }
}

/// A move along the ticket's workflow.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TicketMoveInput {
    pub ticket: String,
    pub status: TicketStatus,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub waiting_on: Option<WaitingOn>,
    #[serde(default)]
    pub note: String,
}

/// What resolving gives: nothing, real money into the wallet, or virtual
/// credit (free sessions stay with `caredesk ticket resolve --session`).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ResolveInput {
    pub ticket: String,
    pub compensation: CompensationKind,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub amount: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub credit_days: Option<u16>,
    #[serde(default)]
    pub note: String,
}

impl ResolveInput {
    pub fn resolution(&self) -> Result<Resolution, IpcError> {
        let amount = || {
            self.amount.ok_or_else(|| {
                IpcError::new("invalid_amount", "a refund or credit needs an amount")
                    .on_field("amount")
            })
        };
        let mut resolution = Resolution {
            note: self.note.clone(),
            ..Resolution::default()
        };
        match self.compensation {
            CompensationKind::None => {}
            CompensationKind::Refund => resolution.refund = Some(amount()?),
            CompensationKind::Credit => {
                resolution.credit = Some(amount()?);
                resolution.credit_days = self.credit_days;
            }
            CompensationKind::Session => {
                return Err(IpcError::new(
                    "invalid_value",
                    "free sessions are given from the treatment's own screen",
                ));
            }
        }
        Ok(resolution)
    }
}

/// A manager moves a treatment's expiry later, saying why.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ExtendInput {
    pub treatment: String,
    /// The new last day, `YYYY-MM-DD`.
    pub to: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deposit_reads_the_ui_shape_and_refuses_other_sources() {
        let input: DepositInput = serde_json::from_str(
            r#"{"customer":"0912345678","amount":500000,"method":"transfer","note":null}"#,
        )
        .expect("valid");
        let moved: WalletMove = input.into();
        assert_eq!(moved.source, Source::Transfer);
        assert_eq!((moved.amount, moved.note.as_str()), (500_000, ""));
        let refund = serde_json::from_str::<DepositInput>(
            r#"{"customer":"x","amount":1,"method":"refund"}"#,
        );
        assert!(refund.is_err(), "a refund is not a deposit method");
    }

    #[test]
    fn a_resolution_carries_only_the_compensation_chosen() {
        let credit = ResolveInput {
            ticket: "TV-1".into(),
            compensation: CompensationKind::Credit,
            amount: Some(100_000),
            credit_days: Some(30),
            note: "xin lỗi".into(),
        };
        let resolution = credit.resolution().expect("credit");
        assert_eq!(
            (resolution.refund, resolution.credit, resolution.credit_days),
            (None, Some(100_000), Some(30))
        );
        let without_amount = ResolveInput {
            compensation: CompensationKind::Refund,
            amount: None,
            ..credit.clone()
        };
        let refused = without_amount.resolution().expect_err("no amount");
        assert_eq!(
            (refused.code.as_str(), refused.field.as_deref()),
            ("invalid_amount", Some("amount"))
        );
        let nothing = ResolveInput {
            compensation: CompensationKind::None,
            ..credit
        };
        let resolution = nothing.resolution().expect("none");
        assert_eq!((resolution.refund, resolution.credit), (None, None));
    }
}
