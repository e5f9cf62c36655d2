//! What the web view sends, and its conversion to the store's types. Field
//! names here are the UI's (ui/src/lib/backend/backend.ts).

use std::str::FromStr;

use caredesk_domain::permission::Action;
use caredesk_domain::{CustomerId, Role, StaffId};
use caredesk_store::{AuditFilter, Lang, NewCustomer, StaffMember};
use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// The most rows one search returns: a screen shows a few dozen; anything
/// more is a query the person should refine.
pub const MAX_SEARCH_LIMIT: usize = 100;

/// Activity entries one audit answer holds by default, and at most: a busy
/// day at one counter is a few hundred ops; more is a question to narrow.
pub const DEFAULT_AUDIT_LIMIT: usize = 200;
pub const MAX_AUDIT_LIMIT: usize = 1000;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NewCustomerInput {
    pub name: String,
    pub phone: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub email: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
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

/// A staff member as the counter shows them: no PIN hash, not even whether
/// the account is active (only active staff are ever listed or signed in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StaffCard {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
    pub has_pin: bool,
    /// What they may do without anyone's approval (`Role::may`): the
    /// screen shows a form as theirs or as one a manager must approve.
    pub may: Vec<Action>,
    /// What they may approve for others (`Role::may_approve`): the
    /// approval dialog offers only them.
    pub approves: Vec<Action>,
}

impl From<StaffMember> for StaffCard {
    fn from(member: StaffMember) -> Self {
        let role = member.role;
        StaffCard {
            id: member.id,
            name: member.name,
            role,
            has_pin: member.has_pin,
            may: Action::ALL.into_iter().filter(|a| role.may(*a)).collect(),
            approves: Action::ALL
                .into_iter()
                .filter(|a| role.may_approve(*a))
                .collect(),
        }
    }
}

/// What the activity log asks for. Ids are the UI's; the date is a local day
/// of the business (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub customer: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub limit: Option<usize>,
}

impl AuditQuery {
    /// The store's filter (without a limit: the store keeps the oldest
    /// entries when it limits, the counter wants the newest) and how many of
    /// the newest entries to keep.
    pub fn filter(&self) -> Result<(AuditFilter, usize), IpcError> {
        let staff = self.staff.as_deref().map(staff_id).transpose()?;
        let customer = self.customer.as_deref().map(customer_id).transpose()?;
        let date = self
            .date
            .as_deref()
            .map(|text| {
                text.trim().parse::<jiff::civil::Date>().map_err(|_| {
                    IpcError::new(
                        "invalid_time",
                        format!("{text:?} is not a day (expected YYYY-MM-DD)"),
                    )
                })
            })
            .transpose()?;
        let limit = self
            .limit
            .unwrap_or(DEFAULT_AUDIT_LIMIT)
            .clamp(1, MAX_AUDIT_LIMIT);
        let filter = AuditFilter {
            staff,
            customer,
            date,
            ..AuditFilter::default()
        };
        Ok((filter, limit))
    }
}

pub fn lang(text: &str) -> Result<Lang, IpcError> {
    text.parse()
        .map_err(|message| IpcError::new("invalid_language", message))
}

pub fn staff_id(id: &str) -> Result<StaffId, IpcError> {
    StaffId::from_str(id.trim())
        .map_err(|_| IpcError::new("invalid_id", format!("{id:?} is not a staff id (a UUID)")))
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
    fn a_staff_id_must_be_a_uuid_not_a_name() {
        assert_eq!(staff_id("Lan").expect_err("a name").code, "invalid_id");
        assert!(staff_id("0190d5a0-0000-7000-8000-000000000001").is_ok());
    }

    #[test]
    fn an_audit_query_reads_the_ui_shape_and_bounds_the_limit() {
        let query: AuditQuery = serde_json::from_str(
            r#"{"staff":"0190d5a0-0000-7000-8000-000000000001","date":"2026-11-21","limit":5000}"#,
        )
        .expect("valid query");
        let (filter, limit) = query.filter().expect("valid filter");
        assert!(filter.staff.is_some());
        assert_eq!(filter.customer, None);
        assert_eq!(filter.date, Some(jiff::civil::date(2026, 11, 21)));
        assert_eq!(filter.limit, None, "the shell keeps the newest itself");
        assert_eq!(limit, MAX_AUDIT_LIMIT);
        assert_eq!(
            AuditQuery::default().filter().expect("empty").1,
            DEFAULT_AUDIT_LIMIT
        );

        let bad_day = AuditQuery {
            date: Some("21/11/2026".into()),
            ..AuditQuery::default()
        };
        assert_eq!(bad_day.filter().expect_err("bad day").code, "invalid_time");
        assert_eq!(lang("fr").expect_err("unknown").code, "invalid_language");
        assert_eq!(lang("id").expect("known"), Lang::Id);
    }

    #[test]
    fn a_staff_card_never_carries_more_than_the_picker_needs() {
        let member = |role| StaffMember {
            id: "0190d5a0-0000-7000-8000-000000000001".parse().expect("id"),
            name: "Lan".into(),
            role,
            active: true,
            has_pin: true,
        };
        assert_eq!(
            serde_json::to_value(StaffCard::from(member(Role::Receptionist))).expect("serialises"),
            serde_json::json!({
                "id": "0190d5a0-0000-7000-8000-000000000001",
                "name": "Lan",
                "role": "receptionist",
                "has_pin": true,
                "may": [],
                "approves": [],
            })
        );
        // What a role may do and approve is the domain's answer, not the UI's.
        let manager = StaffCard::from(member(Role::Manager));
        assert!(manager.may.contains(&Action::EditSettings));
        assert_eq!(manager.may.len(), Action::ALL.len());
        assert_eq!(manager.approves, manager.may);
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
