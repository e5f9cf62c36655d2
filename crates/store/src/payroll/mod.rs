//! Therapist pay: share rates, what each session earned, payouts and the
//! balance owed. Earnings are read from the bookings as they stand
//! (`domain::payroll` says which statuses earn and how much); payouts and
//! rates live in the staff member's fold. Nothing here is a running total
//! that could drift from the bookings or be counted twice.

mod commands;
mod income;

use caredesk_domain::id::{BookingId, CustomerId, ServiceId, StaffId, TreatmentId};
use caredesk_domain::money::Currency;
use caredesk_domain::payroll::{Earned, PayoutMethod};
use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Result, StoreError};

/// One session a staff member earned a share of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EarningView {
    pub booking: BookingId,
    pub item: u16,
    /// The session's business day, which decides its month and its rate.
    pub date: Date,
    pub start: String,
    pub service: ServiceId,
    pub service_name: String,
    pub customer: CustomerId,
    pub customer_name: String,
    /// completed, forfeited or no_show.
    pub kind: Earned,
    /// The package the session came from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentId>,
    /// What the session is worth for pay.
    pub price: i64,
    /// Basis points; absent when no rate was in force that day.
    pub rate: Option<u16>,
    pub share: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateView {
    pub from: Date,
    /// Basis points (3 500 = 35 %).
    pub rate: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayoutView {
    pub at: String,
    pub date: Date,
    pub amount: i64,
    pub note: String,
    /// cash (out of a drawer) or transfer.
    pub method: PayoutMethod,
}

/// A manager's adjustment of what is owed, as the month shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdjustmentView {
    pub at: String,
    pub date: Date,
    /// Negative for a deduction.
    pub amount: i64,
    pub note: String,
}

/// A staff member's month: the sessions that earned, the payouts made, and
/// the balance owed now (everything ever earned, plus adjustments, less
/// everything ever paid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Income {
    pub staff: StaffId,
    pub name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub currency: Currency,
    pub rates: Vec<RateView>,
    pub sessions: Vec<EarningView>,
    /// The month's shares.
    pub earned: i64,
    /// Sessions of the month with no rate in force: they earn nothing until
    /// a manager sets a rate from an earlier date.
    pub unrated: usize,
    pub payouts: Vec<PayoutView>,
    /// Paid out during the month.
    pub paid: i64,
    /// A manager's adjustments made during the month (absent when none,
    /// like `adjusted`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentView>,
    /// What they added during the month (less what they took).
    #[serde(skip_serializing_if = "is_zero")]
    pub adjusted: i64,
    /// Owed now, all months together.
    pub balance: i64,
}

/// One line of the month's pay sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayLine {
    pub staff: StaffId,
    pub name: String,
    pub sessions: usize,
    pub earned: i64,
    pub unrated: usize,
    pub paid: i64,
    /// A manager's adjustments of the month; absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub adjusted: i64,
    pub balance: i64,
}

/// Every staff member who earned, was paid or has a rate, for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaySheet {
    pub month: String,
    pub currency: Currency,
    pub staff: Vec<PayLine>,
    pub earned: i64,
    pub paid: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub adjusted: i64,
    pub balance: i64,
}

/// What a staff member is owed, after a rate is set or a payout made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffPay {
    pub staff: StaffId,
    pub name: String,
    pub currency: Currency,
    pub rates: Vec<RateView>,
    pub earned: i64,
    /// A manager's adjustments, all together.
    pub adjusted: i64,
    pub paid: i64,
    /// Earned plus adjusted less paid: below zero, more was paid than
    /// earned (two counters paid offline: `payout_over_owed`).
    pub balance: i64,
}

fn is_zero(amount: &i64) -> bool {
    *amount == 0
}

/// A calendar month in the business's zone, given as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: Date,
}

impl Month {
    pub fn of(day: Date) -> Month {
        Month {
            first: day.first_of_month(),
        }
    }

    pub fn parse(text: &str) -> Result<Month> {
        let bad = || StoreError::BadDate(format!("{text:?}: expected a month, YYYY-MM"));
        let trimmed = text.trim();
        if trimmed.len() != 7 {
            return Err(bad());
        }
        let first: Date = format!("{trimmed}-01").parse().map_err(|_| bad())?;
        Ok(Month { first })
    }

    pub fn first(self) -> Date {
        self.first
    }

    /// The first day of the next month.
    pub fn end(self) -> Date {
        self.first.last_of_month().tomorrow().unwrap_or(Date::MAX)
    }

    pub fn contains(self, day: Date) -> bool {
        day >= self.first && day < self.end()
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.first.strftime("%Y-%m"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_bound() {
        let november = Month::parse("2026-11").expect("month");
        assert_eq!(november.to_string(), "2026-11");
        assert_eq!(november.first().to_string(), "2026-11-01");
        assert_eq!(november.end().to_string(), "2026-12-01");
        assert_eq!(
            Month::parse("2026-12").expect("month").end().to_string(),
            "2027-01-01"
        );
        assert!(november.contains("2026-11-30".parse().expect("date")));
        assert!(!november.contains("2026-12-01".parse().expect("date")));
        for bad in ["2026-13", "2026-1", "11-2026", "2026-11-01", ""] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }
}
