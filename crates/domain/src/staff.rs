//! Staff members: every op names one as its actor. An account has a name, a
//! role, a PIN (stored as an argon2 hash, in the op log so that every
//! counter of the business can check it offline) and is active or not.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};

use crate::hours::{DayHours, ShiftException, WEEK, WeekHours, weekday_key};
use crate::id::{ServiceId, ShiftExceptionId, StaffId};
use crate::lww::{Lww, write};
use crate::op::{OpBody, Stamp, op_events};
use crate::payroll::{PaidOut, PayAdjusted, PayAdjustment, Payout, ShareRateSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Receptionist,
    Therapist,
    Manager,
    Owner,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Receptionist => "receptionist",
            Role::Therapist => "therapist",
            Role::Manager => "manager",
            Role::Owner => "owner",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: expected receptionist, therapist, manager or owner")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "receptionist" => Ok(Role::Receptionist),
            "therapist" => Ok(Role::Therapist),
            "manager" => Ok(Role::Manager),
            "owner" => Ok(Role::Owner),
            _ => Err(UnknownRole(s.to_owned())),
        }
    }
}

/// A PIN as typed: 4 to 8 digits. Checked here, hashed by the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a PIN is 4 to 8 digits")]
pub struct BadPin;

pub fn check_pin(pin: &str) -> Result<&str, BadPin> {
    let ok = (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok { Ok(pin) } else { Err(BadPin) }
}

/// A staff member was added to the business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffJoined {
    pub name: String,
    pub role: Role,
}

impl OpBody for StaffJoined {
    const KIND: &'static str = "staff.joined";
    const SCHEMA: u16 = 1;
}

/// A staff member's PIN was set or changed. The body carries the argon2 hash
/// (PHC string), never the PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPinSet {
    pub pin_hash: String,
}

impl OpBody for StaffPinSet {
    const KIND: &'static str = "staff.pin_set";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRoleChanged {
    pub role: Role,
}

impl OpBody for StaffRoleChanged {
    const KIND: &'static str = "staff.role_changed";
    const SCHEMA: u16 = 1;
}

/// Deactivated staff keep their history but can no longer sign in or act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffActivity {
    pub active: bool,
}

impl OpBody for StaffActivity {
    const KIND: &'static str = "staff.activity_set";
    const SCHEMA: u16 = 1;
}

/// The services a staff member performs (the whole list, replacing the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffServicesSet {
    pub services: Vec<ServiceId>,
}

impl OpBody for StaffServicesSet {
    const KIND: &'static str = "staff.services_set";
    const SCHEMA: u16 = 1;
}

/// A staff member's usual hours on one day of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHoursSet {
    #[serde(with = "crate::hours::weekday_serde")]
    pub day: Weekday,
    pub hours: DayHours,
}

impl OpBody for StaffHoursSet {
    const KIND: &'static str = "staff.hours_set";
    const SCHEMA: u16 = 1;
}

/// Leave or an extra shift on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftExceptionAdded {
    #[serde(flatten)]
    pub exception: ShiftException,
}

impl OpBody for ShiftExceptionAdded {
    const KIND: &'static str = "staff.exception_added";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftExceptionRemoved {
    pub id: ShiftExceptionId,
}

impl OpBody for ShiftExceptionRemoved {
    const KIND: &'static str = "staff.exception_removed";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum StaffEvent {
        Joined(StaffJoined),
        PinSet(StaffPinSet),
        RoleChanged(StaffRoleChanged),
        ActivitySet(StaffActivity),
        ServicesSet(StaffServicesSet),
        HoursSet(StaffHoursSet),
        ExceptionAdded(ShiftExceptionAdded),
        ExceptionRemoved(ShiftExceptionRemoved),
        ShareSet(ShareRateSet),
        PaidOut(PaidOut),
        PayAdjusted(PayAdjusted),
    }
}

/// A staff account folded from its ops, field by field, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffState {
    pub id: StaffId,
    name: Option<Lww<String>>,
    role: Option<Lww<Role>>,
    pin_hash: Option<Lww<String>>,
    active: Option<Lww<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    services: Option<Lww<Vec<ServiceId>>>,
    /// Usual hours per weekday (`mon`..`sun`); a day never set is a day off.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    hours: BTreeMap<String, Lww<DayHours>>,
    /// Exceptions by id; a removed one stays as `None` so that a removal that
    /// arrives before its addition still wins.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    exceptions: BTreeMap<ShiftExceptionId, Option<ShiftException>>,
    /// Share rates by the date they take effect; two rates set for the same
    /// date: the last writer wins.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    rates: BTreeMap<Date, Lww<u16>>,
    /// Payouts in canonical order, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    payouts: Vec<(Stamp, Payout)>,
    /// A manager's corrections of what is owed, in canonical order, each
    /// once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    adjustments: Vec<(Stamp, PayAdjustment)>,
}

impl StaffState {
    pub fn new(id: StaffId) -> StaffState {
        StaffState {
            id,
            name: None,
            role: None,
            pin_hash: None,
            active: None,
            services: None,
            hours: BTreeMap::new(),
            exceptions: BTreeMap::new(),
            rates: BTreeMap::new(),
            payouts: Vec::new(),
            adjustments: Vec::new(),
        }
    }

    pub fn apply(&mut self, stamp: Stamp, event: &StaffEvent) {
        match event {
            StaffEvent::Joined(joined) => {
                write(&mut self.name, joined.name.clone(), stamp);
                write(&mut self.role, joined.role, stamp);
            }
            StaffEvent::PinSet(set) => write(&mut self.pin_hash, set.pin_hash.clone(), stamp),
            StaffEvent::RoleChanged(changed) => write(&mut self.role, changed.role, stamp),
            StaffEvent::ActivitySet(activity) => write(&mut self.active, activity.active, stamp),
            StaffEvent::ServicesSet(set) => write(&mut self.services, set.services.clone(), stamp),
            StaffEvent::HoursSet(set) => {
                let mut slot = self.hours.remove(weekday_key(set.day));
                write(&mut slot, set.hours.clone(), stamp);
                if let Some(hours) = slot {
                    self.hours.insert(weekday_key(set.day).to_owned(), hours);
                }
            }
            StaffEvent::ExceptionAdded(added) => {
                self.exceptions
                    .entry(added.exception.id)
                    .or_insert_with(|| Some(added.exception.clone()));
            }
            StaffEvent::ExceptionRemoved(removed) => {
                self.exceptions.insert(removed.id, None);
            }
            StaffEvent::ShareSet(set) => {
                let mut slot = self.rates.remove(&set.from);
                write(&mut slot, set.rate, stamp);
                if let Some(rate) = slot {
                    self.rates.insert(set.from, rate);
                }
            }
            StaffEvent::PaidOut(paid) => {
                // A set of entries keyed by stamp: the same op folded twice,
                // or ops folded in any order, give the same list.
                if let Err(at) = self.payouts.binary_search_by_key(&stamp, |(s, _)| *s) {
                    let payout = Payout {
                        at: paid.at,
                        amount: paid.amount,
                        note: paid.note.clone(),
                        method: paid.method,
                    };
                    self.payouts.insert(at, (stamp, payout));
                }
            }
            StaffEvent::PayAdjusted(adjusted) => {
                // Keyed by stamp like the payouts.
                if let Err(at) = self.adjustments.binary_search_by_key(&stamp, |(s, _)| *s) {
                    let adjustment = PayAdjustment {
                        at: adjusted.at,
                        amount: adjusted.amount,
                        note: adjusted.note.clone(),
                        settles: adjusted.settles,
                    };
                    self.adjustments.insert(at, (stamp, adjustment));
                }
            }
        }
    }

    pub fn services(&self) -> &[ServiceId] {
        self.services.as_ref().map_or(&[], |s| s.value.as_slice())
    }

    pub fn performs(&self, service: ServiceId) -> bool {
        self.services().contains(&service)
    }

    pub fn week(&self) -> WeekHours {
        let mut week = WeekHours::default();
        for day in WEEK {
            if let Some(hours) = self.hours.get(weekday_key(day)) {
                week.set(day, hours.value.clone());
            }
        }
        week
    }

    /// Leave and extra shifts still in force, by date.
    pub fn exceptions(&self) -> Vec<ShiftException> {
        let mut list: Vec<ShiftException> = self.exceptions.values().flatten().cloned().collect();
        list.sort_by_key(|e| (e.date, e.span, e.id));
        list
    }

    /// The share rate in force on `day`: the one set from the latest date
    /// not after it.
    pub fn rate_on(&self, day: Date) -> Option<u16> {
        self.rates.range(..=day).next_back().map(|(_, r)| r.value)
    }

    /// Every rate with the date it takes effect, oldest first.
    pub fn rates(&self) -> Vec<(Date, u16)> {
        self.rates.iter().map(|(d, r)| (*d, r.value)).collect()
    }

    /// Every payout, in canonical order.
    pub fn payouts(&self) -> impl Iterator<Item = &Payout> {
        self.payouts.iter().map(|(_, p)| p)
    }

    /// Everything ever paid out.
    pub fn paid_out(&self) -> i64 {
        self.payouts().map(|p| p.amount.amount).sum()
    }

    /// The adjustments that count, in canonical order: every one, except
    /// that of several settling the same overpayment (two managers
    /// offline) only the first does. Decided here, from the set, so the
    /// order ops were folded in does not matter.
    pub fn adjustments(&self) -> impl Iterator<Item = &PayAdjustment> {
        let mut settled = std::collections::BTreeSet::new();
        self.adjustments
            .iter()
            .map(|(_, a)| a)
            .filter(move |a| a.settles.is_none_or(|op| settled.insert(op)))
    }

    /// What adjustments added to what is owed (less what they took).
    pub fn adjusted(&self) -> i64 {
        self.adjustments().map(|a| a.amount.amount).sum()
    }

    /// The last payout or adjustment in canonical order: what names an
    /// overpayment (a new entry after it is a new situation).
    pub fn last_pay_entry(&self) -> Option<Stamp> {
        let payout = self.payouts.last().map(|(s, _)| *s);
        let adjustment = self.adjustments.last().map(|(s, _)| *s);
        payout.max(adjustment)
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    pub fn role(&self) -> Option<Role> {
        self.role.as_ref().map(|r| r.value)
    }

    pub fn pin_hash(&self) -> Option<&str> {
        self.pin_hash.as_ref().map(|p| p.value.as_str())
    }

    /// Active from joining until deactivated.
    pub fn is_active(&self) -> bool {
        self.active.as_ref().is_none_or(|a| a.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::id::OpId;

    fn stamp(ms: u64) -> Stamp {
        Stamp {
            hlc: Hlc::new(ms, 0),
            op: OpId::new(),
        }
    }

    /// The state after `ops` in order, and after them in reverse.
    fn both_ways(ops: &[(Stamp, &StaffEvent)]) -> (StaffState, StaffState) {
        let fold = |ops: &mut dyn Iterator<Item = &(Stamp, &StaffEvent)>| {
            let mut state = StaffState::new(StaffId::from_uuid(uuid::Uuid::nil()));
            for (s, e) in ops {
                state.apply(*s, e);
            }
            state
        };
        (fold(&mut ops.iter()), fold(&mut ops.iter().rev()))
    }

    #[test]
    fn fields_fold_last_writer_wins_in_any_order() {
        let joined = StaffEvent::Joined(StaffJoined {
            name: "Lan".into(),
            role: Role::Receptionist,
        });
        let promoted = StaffEvent::RoleChanged(StaffRoleChanged {
            role: Role::Manager,
        });
        let left = StaffEvent::ActivitySet(StaffActivity { active: false });
        let ops = [
            (stamp(1), &joined),
            (stamp(2), &promoted),
            (stamp(3), &left),
        ];
        let (forwards, backwards) = both_ways(&ops);
        assert_eq!(forwards, backwards);
        assert_eq!(forwards.role(), Some(Role::Manager));
        assert!(!forwards.is_active());
    }

    #[test]
    fn adjustments_settling_the_same_overpayment_count_once_in_any_order() {
        use crate::money::{Currency, Money};
        use crate::payroll::PayAdjusted;
        let payout = OpId::new();
        let adjusted = |amount, settles| {
            StaffEvent::PayAdjusted(PayAdjusted {
                amount: Money::new(amount, Currency::Vnd),
                at: jiff::Timestamp::UNIX_EPOCH,
                note: "trả dư".into(),
                settles,
            })
        };
        // Two managers settle the same overpayment offline; a bonus is
        // another matter.
        let (first, second, bonus) = (
            adjusted(20_000, Some(payout)),
            adjusted(20_000, Some(payout)),
            adjusted(50_000, None),
        );
        let ops = [(stamp(1), &first), (stamp(2), &second), (stamp(3), &bonus)];
        let (forwards, backwards) = both_ways(&ops);
        assert_eq!(forwards, backwards);
        assert_eq!(forwards.adjusted(), 70_000);
        assert_eq!(forwards.adjustments().count(), 2);
        assert_eq!(forwards.last_pay_entry(), Some(ops[2].0));
    }

    #[test]
    fn rates_by_date_and_payouts_fold_in_any_order_once() {
        use crate::money::{Currency, Money};
        use crate::payroll::{PaidOut, ShareRateSet};
        let date = |d: &str| d.parse::<Date>().expect("date");
        let rate = |rate, from| {
            StaffEvent::ShareSet(ShareRateSet {
                rate,
                from: date(from),
            })
        };
        let paid = |amount| {
            StaffEvent::PaidOut(PaidOut {
                amount: Money::new(amount, Currency::Vnd),
                at: jiff::Timestamp::UNIX_EPOCH,
                note: "tháng 11".into(),
                method: crate::payroll::PayoutMethod::Cash,
            })
        };
        let (first, raised, corrected) = (
            rate(3_000, "2026-10-01"),
            rate(3_500, "2026-11-15"),
            rate(4_000, "2026-11-15"),
        );
        let (p1, p2) = (paid(500_000), paid(250_000));
        let ops = [
            (stamp(1), &first),
            (stamp(2), &raised),
            (stamp(3), &p1),
            (stamp(4), &corrected),
            (stamp(5), &p2),
        ];
        let (forwards, mut backwards) = both_ways(&ops);
        // The same payout arriving again (a re-sent op) is kept once.
        backwards.apply(ops[2].0, ops[2].1);
        assert_eq!(forwards, backwards);
        assert_eq!(forwards.paid_out(), 750_000);
        assert_eq!(forwards.rate_on(date("2026-09-30")), None);
        assert_eq!(forwards.rate_on(date("2026-10-01")), Some(3_000));
        assert_eq!(forwards.rate_on(date("2026-11-14")), Some(3_000));
        // Two rates from the same day: the later write stands.
        assert_eq!(forwards.rate_on(date("2026-11-15")), Some(4_000));
        assert_eq!(forwards.rate_on(date("2027-01-01")), Some(4_000));
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(check_pin("1234").is_ok());
        assert!(check_pin("12345678").is_ok());
        for bad in ["", "123", "123456789", "12a4", "12 34", "１２３４"] {
            assert!(check_pin(bad).is_err(), "{bad:?}");
        }
    }
}
