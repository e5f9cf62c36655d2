//! Therapist pay. A staff member earns a share of every booking item they
//! gave or kept their time for: COMPLETED, FORFEITED (cancelled after the
//! cut-off) and NO_SHOW. What has been earned is never a counter somebody
//! adds to: it is read from the bookings as they stand, so an item earns
//! once whatever happened to it on the way. A completion undone and done
//! again earns once; one undone and then cancelled in time earns nothing;
//! two counters that both learn of the completion count it once, because
//! there is one booking.
//!
//! Payouts are ledger entries on the staff member (`staff.paid_out`, a
//! manager's action with a note saying what was paid), and so are a
//! manager's adjustments (`staff.pay_adjusted`, up or down, with a note).
//! The balance is everything ever earned, plus adjustments, less everything
//! ever paid: it is never reset, and a month's income is a query over the
//! sessions of that month. Two counters paying offline can pay more than was
//! earned; sync lists it (`payout_over_owed`) and an adjustment settles it.
//!
//! A share is the session's price times the staff member's rate on the
//! session's day. A session paid by a package is worth the package's price
//! over its sessions; any other item its price when booked. A rate takes
//! effect from a date (`staff.share_set`), so raising someone's rate never
//! changes what last month's sessions earned, and every counter reads the
//! same rate for the same session whenever it learns of the change.
//! Sessions before the first rate earn nothing until a manager sets a rate
//! from an earlier date; the income query lists them as unrated.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::booking::BookingStatus;
use crate::id::OpId;
use crate::money::Money;
use crate::op::OpBody;

/// 100 %, in basis points.
pub const WHOLE: u16 = 10_000;

/// The most one payout may move: as much as a wallet entry.
pub const MAX_PAYOUT: i64 = crate::wallet::MAX_ENTRY;

/// The longest payout note, in characters.
pub const NOTE_MAX: usize = 500;

/// From `from` on, the staff member earns `rate` of each session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRateSet {
    /// Basis points of the session's price (3 500 = 35 %).
    pub rate: u16,
    /// The first business day the rate applies to.
    pub from: Date,
}

impl OpBody for ShareRateSet {
    const KIND: &'static str = "staff.share_set";
    const SCHEMA: u16 = 1;
}

/// How a payout left the business: cash out of the register's drawer (a
/// drawer move in the same transaction) or a bank transfer, which no
/// drawer sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayoutMethod {
    #[default]
    Cash,
    Transfer,
}

impl PayoutMethod {
    pub const fn as_str(self) -> &'static str {
        match self {
            PayoutMethod::Cash => "cash",
            PayoutMethod::Transfer => "transfer",
        }
    }
}

impl std::str::FromStr for PayoutMethod {
    type Err = PayRefusal;

    fn from_str(text: &str) -> Result<Self, PayRefusal> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cash" => Ok(PayoutMethod::Cash),
            "transfer" => Ok(PayoutMethod::Transfer),
            _ => Err(PayRefusal::Method(text.trim().to_owned())),
        }
    }
}

/// Money paid to the staff member: a debit on what they are owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidOut {
    pub amount: Money,
    pub at: Timestamp,
    /// What was paid ("November, first half"): required.
    pub note: String,
    /// Schema 1 had no method: those payouts read as cash, the default of
    /// `staff payout` then. They were never drawer moves, and a drawer's
    /// expected cash is read from its own ops only, so reading them as cash
    /// changes no drawer, closed or open.
    #[serde(default)]
    pub method: PayoutMethod,
}

impl OpBody for PaidOut {
    const KIND: &'static str = "staff.paid_out";
    /// 2 added `method`.
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, crate::op::DecodeError> {
        Self::with_defaults(schema, body)
    }
}

/// A manager's correction of what the staff member is owed: positive adds
/// to it (an overpayment counted as pay, a bonus, a session missed by the
/// figures), negative takes from it (a deduction). Never a payout: no
/// money changes hands by this op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayAdjusted {
    /// Negative for a deduction.
    pub amount: Money,
    pub at: Timestamp,
    /// Why: required.
    pub note: String,
    /// Made while more was paid than owed: the payout or adjustment that
    /// stood last then (what names the `payout_over_owed` conflict). Of the
    /// adjustments settling the same overpayment (two managers offline),
    /// only the first in canonical order counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settles: Option<OpId>,
}

impl OpBody for PayAdjusted {
    const KIND: &'static str = "staff.pay_adjusted";
    const SCHEMA: u16 = 1;
}

/// Why a booking item earns its staff member a share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Earned {
    /// The session was given.
    Completed,
    /// Cancelled after the cut-off: the time was kept, the session consumed.
    Forfeited,
    /// The customer never came: the same as forfeited, for pay.
    NoShow,
}

impl Earned {
    /// Whether an item of a booking in `status` earns, and why. Every
    /// other status earns nothing, whatever it was before.
    pub const fn of(status: BookingStatus) -> Option<Earned> {
        match status {
            BookingStatus::Completed => Some(Earned::Completed),
            BookingStatus::Forfeited => Some(Earned::Forfeited),
            BookingStatus::NoShow => Some(Earned::NoShow),
            BookingStatus::Pending
            | BookingStatus::Confirmed
            | BookingStatus::CheckedIn
            | BookingStatus::InProgress
            | BookingStatus::Cancelled => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Earned::Completed => "completed",
            Earned::Forfeited => "forfeited",
            Earned::NoShow => "no_show",
        }
    }
}

/// What a session is worth for pay: a package session is its share of the
/// package's price (rounded down, so a package never pays out more than it
/// was sold for); anything else is the item's price when booked.
pub fn session_price(item_price: Money, package: Option<(Money, u16)>) -> Money {
    match package {
        Some((price, sessions)) if sessions > 0 => {
            Money::new(price.amount / i64::from(sessions), price.currency)
        }
        _ => item_price,
    }
}

/// `rate` of `price`, rounded half up to a whole unit.
pub fn share(price: Money, rate: u16) -> Money {
    let exact = i128::from(price.amount) * i128::from(rate);
    let whole = i128::from(WHOLE);
    let rounded = (exact + whole / 2).div_euclid(whole);
    // |price| × rate / WHOLE ≤ |price|, so it always fits back in an i64.
    Money::new(
        i64::try_from(rounded).unwrap_or(price.amount),
        price.currency,
    )
}

/// A payout as the staff member's fold keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payout {
    pub at: Timestamp,
    pub amount: Money,
    pub note: String,
    #[serde(default)]
    pub method: PayoutMethod,
}

/// An adjustment as the staff member's fold keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayAdjustment {
    pub at: Timestamp,
    pub amount: Money,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settles: Option<OpId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayRefusal {
    #[error("a share is 0% to 100%, not {0} basis points")]
    Rate(u32),
    #[error("a payout must be more than zero and at most {MAX_PAYOUT}, not {0}")]
    Amount(i64),
    #[error("an adjustment must be other than zero and at most {MAX_PAYOUT} either way, not {0}")]
    Adjustment(i64),
    #[error("{amount} is more than the {balance} owed to {name}")]
    AboveBalance {
        amount: Money,
        balance: Money,
        name: String,
    },
    #[error("a payout is paid in cash or by transfer, not {0:?}")]
    Method(String),
}

impl PayRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            PayRefusal::Rate(_) | PayRefusal::Method(_) => "invalid_value",
            PayRefusal::Amount(_) | PayRefusal::Adjustment(_) => "invalid_amount",
            PayRefusal::AboveBalance { .. } => "payout_above_balance",
        }
    }
}

/// `3500` basis points as `35%`, `3250` as `32.5%`: for people.
pub fn percent(rate: u16) -> String {
    let (whole, fraction) = (rate / 100, rate % 100);
    match fraction {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

pub fn check_rate(rate: u32) -> Result<u16, PayRefusal> {
    u16::try_from(rate)
        .ok()
        .filter(|r| *r <= WHOLE)
        .ok_or(PayRefusal::Rate(rate))
}

pub fn check_payout(amount: i64) -> Result<i64, PayRefusal> {
    if (1..=MAX_PAYOUT).contains(&amount) {
        Ok(amount)
    } else {
        Err(PayRefusal::Amount(amount))
    }
}

pub fn check_adjustment(amount: i64) -> Result<i64, PayRefusal> {
    if amount != 0 && (-MAX_PAYOUT..=MAX_PAYOUT).contains(&amount) {
        Ok(amount)
    } else {
        Err(PayRefusal::Adjustment(amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    #[test]
    fn a_payout_written_before_methods_reads_as_cash_and_methods_parse() {
        let old = serde_json::json!({
            "amount": {"amount": 200_000, "currency": "VND"},
            "at": "2026-11-20T11:00:00Z",
            "note": "tháng 10"
        });
        let read = PaidOut::read(1, old).expect("upgraded");
        assert_eq!(read.method, PayoutMethod::Cash);
        assert_eq!(read.note, "tháng 10");
        assert_eq!(" Transfer ".parse(), Ok(PayoutMethod::Transfer));
        assert_eq!(
            "cheque".parse::<PayoutMethod>(),
            Err(PayRefusal::Method("cheque".into()))
        );
    }

    fn vnd(amount: i64) -> Money {
        Money::new(amount, Currency::Vnd)
    }

    #[test]
    fn only_given_and_kept_sessions_earn() {
        let earning: Vec<_> = BookingStatus::ALL
            .into_iter()
            .filter(|s| Earned::of(*s).is_some())
            .collect();
        assert_eq!(
            earning,
            [
                BookingStatus::Completed,
                BookingStatus::NoShow,
                BookingStatus::Forfeited
            ]
        );
    }

    #[test]
    fn a_package_session_is_its_share_of_the_package() {
        assert_eq!(
            session_price(vnd(450_000), Some((vnd(3_000_000), 10))),
            vnd(300_000)
        );
        // 1 000 000 over 3 sessions: 333 333 each, never 333 334.
        assert_eq!(
            session_price(vnd(450_000), Some((vnd(1_000_000), 3))),
            vnd(333_333)
        );
        assert_eq!(session_price(vnd(450_000), None), vnd(450_000));
    }

    #[test]
    fn shares_round_half_up() {
        assert_eq!(share(vnd(450_000), 3_500), vnd(157_500));
        assert_eq!(share(vnd(333_333), 3_000), vnd(100_000));
        assert_eq!(share(vnd(5), 5_000), vnd(3));
        assert_eq!(share(vnd(450_000), 0), vnd(0));
        assert_eq!(share(vnd(450_000), WHOLE), vnd(450_000));
    }

    #[test]
    fn rates_read_as_percentages() {
        assert_eq!(percent(3_500), "35%");
        assert_eq!(percent(3_250), "32.5%");
        assert_eq!(percent(3_255), "32.55%");
        assert_eq!(percent(5), "0.05%");
        assert_eq!(percent(WHOLE), "100%");
    }

    #[test]
    fn rates_and_payouts_are_checked() {
        assert_eq!(check_rate(10_000), Ok(10_000));
        assert_eq!(check_rate(0), Ok(0));
        assert_eq!(check_rate(10_001), Err(PayRefusal::Rate(10_001)));
        assert_eq!(check_rate(70_000), Err(PayRefusal::Rate(70_000)));
        assert!(check_payout(0).is_err());
        assert!(check_payout(-5).is_err());
        assert!(check_payout(MAX_PAYOUT + 1).is_err());
        assert_eq!(check_payout(MAX_PAYOUT), Ok(MAX_PAYOUT));
        assert_eq!(check_adjustment(-150_000), Ok(-150_000));
        assert_eq!(check_adjustment(MAX_PAYOUT), Ok(MAX_PAYOUT));
        assert_eq!(check_adjustment(-MAX_PAYOUT), Ok(-MAX_PAYOUT));
        for bad in [0, MAX_PAYOUT + 1, -MAX_PAYOUT - 1] {
            assert_eq!(check_adjustment(bad), Err(PayRefusal::Adjustment(bad)));
        }
    }

    proptest! {
        /// A package pays out at most its price times the rate, and loses
        /// less than one unit per session to rounding down.
        #[test]
        fn a_package_never_pays_more_than_it_was_sold_for(
            price in 0i64..1_000_000_000_000,
            sessions in 1u16..100,
            rate in 0u16..=WHOLE,
        ) {
            let each = session_price(vnd(1), Some((vnd(price), sessions)));
            let sum = each.amount * i64::from(sessions);
            prop_assert!(sum <= price);
            prop_assert!(price - sum < i64::from(sessions));
            let paid = share(each, rate).amount;
            prop_assert!(paid <= each.amount);
            prop_assert!(paid >= 0);
            let exact = i128::from(each.amount) * i128::from(rate);
            prop_assert!((i128::from(paid) * i128::from(WHOLE) - exact).abs() <= i128::from(WHOLE) / 2);
        }
    }
}
