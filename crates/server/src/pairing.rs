//! Pairing a counter with a device slot, and what a token is worth.
//!
//! The rules, whatever the backend:
//! - a code pairs once, within its lifetime, and only a slot not revoked;
//! - a counter (its op `device_id`) is bound to one branch: pairing it again
//!   is allowed only on the same branch after its old slot was revoked
//!   (a replaced token), never on a second live slot;
//! - a counter that already holds ops can only seed an empty branch, and a
//!   counter joining a branch with data must be empty: two businesses'
//!   logs are never merged by accident;
//! - register codes are unique in a branch: an empty counter whose random
//!   code is taken gets a free one;
//! - a device id retired by a re-key never pairs again.

use caredesk_domain::id::DeviceId;
use caredesk_protocol::{Paired, codes};

use crate::error::{Result, ServerError};
use crate::storage::Pairing;

/// A device slot found by its pairing code.
#[derive(Debug, Clone)]
pub struct Slot {
    pub device: String,
    pub branch: String,
    pub tenant: String,
    pub expires_at: Option<i64>,
    /// The branch's last `server_seq`: more than 0 once it holds data.
    pub branch_seq: u64,
}

/// A slot a counter was paired with before.
#[derive(Debug, Clone)]
pub struct Binding {
    pub branch: String,
    pub revoked: bool,
    /// Retired by a re-key: the counter carries on under another device id.
    pub replaced: bool,
}

/// What pairing reads and writes, inside one backend transaction.
pub trait PairTx {
    fn slot(&mut self, code_hash: &str) -> Result<Option<Slot>>;
    fn bindings(&mut self, op_device: DeviceId) -> Result<Vec<Binding>>;
    /// Register codes of the branch's paired devices.
    fn register_codes(&mut self, branch: &str) -> Result<Vec<String>>;
    fn bind(
        &mut self,
        device: &str,
        pairing: &Pairing,
        register_code: &str,
        now: i64,
    ) -> Result<()>;
}

pub fn pair(tx: &mut impl PairTx, pairing: &Pairing, now: i64) -> Result<Paired> {
    let invalid = || {
        ServerError::refused(
            401,
            codes::INVALID_CODE,
            "the pairing code is unknown, already used, expired or revoked: ask for a new one \
             (caredesk-server device add)",
        )
    };
    let slot = tx.slot(&pairing.code_hash)?.ok_or_else(invalid)?;
    if slot.expires_at.is_some_and(|at| at <= now) {
        return Err(invalid());
    }
    let bindings = tx.bindings(pairing.op_device)?;
    if bindings.iter().any(|b| b.replaced) {
        // Only a copy of the counter from before its re-key still has this
        // id, and the ops it would push were re-issued under the new one.
        return Err(ServerError::refused(
            409,
            codes::DEVICE_TAKEN,
            format!(
                "counter {} was re-keyed and carries on under a new device id: this is a copy \
                 from before the re-key (restore a newer backup, or pair an empty counter)",
                pairing.op_device
            ),
        ));
    }
    if bindings
        .iter()
        .any(|b| !b.revoked || b.branch != slot.branch)
    {
        return Err(ServerError::refused(
            409,
            codes::DEVICE_TAKEN,
            format!(
                "counter {} is already paired (revoke its old device first; a counter \
                 belongs to one branch)",
                pairing.op_device
            ),
        ));
    }
    let returning = !bindings.is_empty();
    if pairing.ops > 0 && slot.branch_seq > 0 && !returning {
        return Err(ServerError::refused(
            409,
            codes::BRANCH_HAS_DATA,
            format!(
                "this branch already holds data and this counter holds {} ops of its own: \
                 pair a new, empty counter (caredesk pair --db NEW_FILE) and it receives the \
                 branch's data",
                pairing.ops
            ),
        ));
    }
    let taken = tx.register_codes(&slot.branch)?;
    let wanted = pairing.register_code.to_ascii_uppercase();
    let register_code = if !taken.contains(&wanted) || returning {
        wanted
    } else if pairing.ops == 0 {
        free_register_code(&taken)
    } else {
        return Err(ServerError::refused(
            409,
            codes::DEVICE_TAKEN,
            format!("register code {wanted} is already used by another counter of this branch"),
        ));
    };
    tx.bind(&slot.device, pairing, &register_code, now)?;
    Ok(Paired {
        device: slot.device,
        token: pairing.token.clone(),
        tenant: slot.tenant,
        branch: slot.branch,
        register_code,
    })
}

fn free_register_code(taken: &[String]) -> String {
    loop {
        let code = crate::secret::random_code(3);
        if !taken.contains(&code) {
            return code;
        }
    }
}

pub fn unknown_token() -> ServerError {
    ServerError::refused(
        401,
        codes::UNAUTHORIZED,
        "unknown device token: pair this counter again",
    )
}

pub fn revoked_token() -> ServerError {
    ServerError::refused(
        401,
        codes::REVOKED,
        "this device was revoked on the server: pair it again with a new code",
    )
}

/// The counter id a paired slot holds.
pub fn op_device(stored: Option<String>) -> Result<DeviceId> {
    stored
        .as_deref()
        .and_then(|id| id.parse().ok())
        .ok_or_else(unknown_token)
}
