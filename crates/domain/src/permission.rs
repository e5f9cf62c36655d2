//! What each role may do at the counter. Everything not listed here
//! (finding and registering customers, booking, checking in) every active
//! staff member may do; the actions below touch money, history or settings,
//! and a role without them needs a manager's approval on the spot.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::staff::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Refund,
    DiscountAboveLimit,
    UndoCompletion,
    AdjustWallet,
    VoidSale,
    CloseDay,
    EditSettings,
    SeeReports,
    /// Add staff, change their role or PIN, deactivate them.
    ManageStaff,
    /// Move a treatment's expiry date later.
    ExtendTreatment,
    /// Give a home-visit package's future sessions to another therapist.
    SwapHomeStaff,
    /// Set staff share rates and pay staff what they are owed.
    PayStaff,
    /// Resolve a ticket with money or a free session.
    Compensate,
    /// Make two customer files one, moving money, cards and bookings.
    MergeCustomers,
    /// Give this counter a new device id for its ops stamped ahead of the
    /// server's clock (sync's re-key).
    RekeyCounter,
    /// Give virtual credit above what the business lets a receptionist
    /// give alone (`CheckoutSettings::credit_limit`).
    IssueCredit,
}

impl Action {
    pub const ALL: [Action; 16] = [
        Action::Refund,
        Action::DiscountAboveLimit,
        Action::UndoCompletion,
        Action::AdjustWallet,
        Action::VoidSale,
        Action::CloseDay,
        Action::EditSettings,
        Action::SeeReports,
        Action::ManageStaff,
        Action::ExtendTreatment,
        Action::SwapHomeStaff,
        Action::PayStaff,
        Action::Compensate,
        Action::MergeCustomers,
        Action::RekeyCounter,
        Action::IssueCredit,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Refund => "refund",
            Action::DiscountAboveLimit => "discount_above_limit",
            Action::UndoCompletion => "undo_completion",
            Action::AdjustWallet => "adjust_wallet",
            Action::VoidSale => "void_sale",
            Action::CloseDay => "close_day",
            Action::EditSettings => "edit_settings",
            Action::SeeReports => "see_reports",
            Action::ManageStaff => "manage_staff",
            Action::ExtendTreatment => "extend_treatment",
            Action::SwapHomeStaff => "swap_home_staff",
            Action::PayStaff => "pay_staff",
            Action::Compensate => "compensate",
            Action::MergeCustomers => "merge_customers",
            Action::RekeyCounter => "rekey_counter",
            Action::IssueCredit => "issue_credit",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Role {
    /// The permission matrix. Managers run the day and the floor (money
    /// corrections, the drawer, reports, services and staff); the owner may
    /// do everything; receptionists and therapists serve customers and need a
    /// manager's approval for anything in `Action`.
    pub const fn may(self, action: Action) -> bool {
        match (self, action) {
            (Role::Owner | Role::Manager, _) => true,
            (Role::Receptionist | Role::Therapist, _) => false,
        }
    }

    /// Whether this role may approve what another role may not: the same
    /// roles that may do it themselves.
    pub const fn may_approve(self, action: Action) -> bool {
        self.may(action)
    }

    /// Roles this role may give to a new or existing account: nobody makes
    /// someone more powerful than themselves.
    pub const fn may_appoint(self, role: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Manager => !matches!(role, Role::Owner),
            Role::Receptionist | Role::Therapist => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix written out in full, so that a change to `may` has to be
    /// made here too, on purpose.
    const N: usize = Action::ALL.len();
    const MATRIX: [(Role, [bool; N]); 4] = [
        (Role::Receptionist, [false; N]),
        (Role::Therapist, [false; N]),
        (Role::Manager, [true; N]),
        (Role::Owner, [true; N]),
    ];

    #[test]
    fn each_role_against_the_matrix() {
        for (role, row) in MATRIX {
            for (action, expected) in Action::ALL.iter().zip(row) {
                assert_eq!(role.may(*action), expected, "{role} {action}");
                assert_eq!(
                    role.may_approve(*action),
                    expected,
                    "{role} approving {action}"
                );
            }
        }
    }

    #[test]
    fn nobody_appoints_above_themselves() {
        assert!(Role::Owner.may_appoint(Role::Owner));
        assert!(Role::Manager.may_appoint(Role::Manager));
        assert!(!Role::Manager.may_appoint(Role::Owner));
        assert!(!Role::Receptionist.may_appoint(Role::Receptionist));
        assert!(!Role::Therapist.may_appoint(Role::Therapist));
    }
}
