//! A manager's approval, given on the spot at this counter.
//!
//! When the person signed in may not do something (a discount above the
//! limit, a wallet adjustment, a refund), the store refuses with
//! `permission_denied` and the UI asks a manager or owner to enter their PIN.
//! The command is then sent again with that approval: the PIN is checked by
//! the store (wrong PINs count towards the manager's lockout on this
//! counter), and the op records both people. Nothing about the approval is
//! kept between commands: each approved command carries its own.

use caredesk_domain::StaffId;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct Approval {
    /// The manager or owner approving.
    pub manager: StaffId,
    /// Their PIN, checked for this one command.
    pub pin: String,
}
