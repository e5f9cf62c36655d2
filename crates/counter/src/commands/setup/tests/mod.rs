//! The Settings commands on real database files: what a manager changes is
//! read back, what a receptionist tries is refused with `permission_denied`
//! (and accepted with a manager's approval), and bad input is refused on its
//! field with nothing written.

mod approvals;
mod business_settings;
mod catalog_settings;
mod staff_accounts;

use caredesk_domain::Role;
use jiff::Timestamp;

use super::types::{
    BookingPolicies, BusinessInput, DayInput, PackageEditInput, PackageInput, RoomEditInput,
    RoomInput, SalePolicies, ServiceEditInput, ServiceInput, SpanInput, StaffInput,
};
use super::{business, catalog, pairing, printers, staff};
use crate::approval::Approval;
use crate::commands::test_counter::{Counter, server_with_slot, signed_in, staff as staff_id};
use crate::counter_settings::{Paper, PrinterSettings, ReceiptPrinter};
use crate::error::IpcError;

pub(super) fn manager() -> Counter {
    signed_in("Tuấn", "3333")
}

pub(super) fn receptionist() -> Counter {
    signed_in("Lan", "1111")
}

pub(super) fn massage() -> ServiceInput {
    ServiceInput {
        name: "Massage đá nóng".into(),
        category: Some("Massage".into()),
        minutes: 60,
        buffer_minutes: Some(15),
        price: 450_000,
        rooms: None,
    }
}

pub(super) fn assert_refused(
    result: Result<impl std::fmt::Debug, IpcError>,
    code: &str,
    field: Option<&str>,
) {
    let error = result.expect_err("refused");
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        (code, field),
        "{}",
        error.message
    );
}

pub(super) fn week(day_spans: &[(&str, &str, &str)]) -> Vec<DayInput> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| DayInput {
            day: (*day).to_owned(),
            spans: day_spans
                .iter()
                .filter(|(d, _, _)| d == day)
                .map(|(_, from, to)| SpanInput {
                    from: (*from).to_owned(),
                    to: (*to).to_owned(),
                })
                .collect(),
        })
        .collect()
}
