//! Re-keying a counter (protocol 2), whatever the backend.
//!
//! A counter whose clock ran ahead made ops the server refuses
//! (`clock_ahead`): stamped more than a day ahead, they would drag every
//! counter's hybrid clock forward. Ops are immutable and their stamps are
//! part of them, so the counter cannot fix them under its device id: it
//! takes a new one, re-issues the refused ops under it with stamps taken
//! from its (now right) clock, and the old device id is retired here. The
//! rules, in one transaction:
//!
//! - the token's slot must be live; a slot already retired by this very
//!   re-key (same new device id and token) answers as the first time, so a
//!   counter whose answer was lost asks again;
//! - the counter's clock must be right again (`clock_ahead`), and one of its
//!   unpushed ops must be stamped past what a push allows (`nothing_stuck`):
//!   a counter that can sync normally has nothing to re-key;
//! - the new device id must be new to the server (`device_taken`);
//! - the old slot is revoked and names the new one, which takes its name,
//!   branch and register code (the counter's numbers carry it); `through`
//!   is how far the server holds the old device id, read after the branch
//!   was locked, so no push of it can land afterwards.

use caredesk_domain::id::DeviceId;
use caredesk_protocol::{MAX_CLOCK_AHEAD_MS, Rekeyed, codes};

use super::{PushTx, Rekey, new_id};
use crate::error::{Result, ServerError};
use crate::pairing::{self, PairTx};

/// A device slot as a re-key reads it.
#[derive(Debug, Clone)]
pub struct TokenSlot {
    pub id: String,
    pub branch: String,
    pub tenant: String,
    pub name: String,
    pub op_device: Option<String>,
    pub register_code: Option<String>,
    pub token_hash: Option<String>,
    pub revoked: bool,
    pub replaced_by: Option<String>,
}

/// What a re-key reads and writes, inside one backend transaction; the
/// device-id and sequence reads are pairing's and push's.
pub trait RekeyTx: PushTx + PairTx {
    /// The slot holding this token, revoked or not, with its branch locked
    /// against pushes until the transaction ends.
    fn slot_by_token(&mut self, token_hash: &str) -> Result<Option<TokenSlot>>;
    fn slot_by_id(&mut self, id: &str) -> Result<Option<TokenSlot>>;
    /// Revokes `old` (naming `new.id` as its replacement) and inserts the
    /// new, paired slot.
    fn retire(&mut self, old: &str, new: &TokenSlot, now: i64) -> Result<()>;
}

pub fn rekey(tx: &mut impl RekeyTx, token_hash: &str, rekey: &Rekey, now: i64) -> Result<Rekeyed> {
    let old = tx
        .slot_by_token(token_hash)?
        .ok_or_else(pairing::unknown_token)?;
    let old_device = pairing::op_device(old.op_device.clone())?;
    if old.revoked {
        return match done_before(tx, &old, rekey)? {
            Some(new) => answer(tx, &old, &new, old_device),
            None => Err(pairing::revoked_token()),
        };
    }
    let limit = u64::try_from(now).unwrap_or(0) + MAX_CLOCK_AHEAD_MS;
    if rekey.clock > limit {
        return Err(ServerError::refused(
            422,
            codes::CLOCK_AHEAD,
            "this counter's clock is still more than a day ahead of the server's: set its date \
             and time right, then re-key it",
        ));
    }
    if rekey.ahead <= limit {
        return Err(ServerError::refused(
            409,
            codes::NOTHING_STUCK,
            "none of this counter's unsent ops is stamped ahead of the server's clock: sync it \
             as it is, no re-key is needed",
        ));
    }
    if !tx.bindings(rekey.op_device)?.is_empty() || tx.last_device_seq(rekey.op_device)? > 0 {
        return Err(ServerError::refused(
            409,
            codes::DEVICE_TAKEN,
            format!(
                "device id {} is already known to the server: re-key with a new one",
                rekey.op_device
            ),
        ));
    }
    let new = TokenSlot {
        id: new_id(),
        branch: old.branch.clone(),
        tenant: old.tenant.clone(),
        name: old.name.clone(),
        op_device: Some(rekey.op_device.to_string()),
        register_code: old.register_code.clone(),
        token_hash: Some(rekey.token_hash.clone()),
        revoked: false,
        replaced_by: None,
    };
    tx.retire(&old.id, &new, now)?;
    answer(tx, &old, &new, old_device)
}

/// The slot that replaced `old` when it was this same re-key.
fn done_before(tx: &mut impl RekeyTx, old: &TokenSlot, rekey: &Rekey) -> Result<Option<TokenSlot>> {
    let Some(id) = &old.replaced_by else {
        return Ok(None);
    };
    Ok(tx.slot_by_id(id)?.filter(|new| {
        new.op_device.as_deref() == Some(rekey.op_device.to_string().as_str())
            && new.token_hash.as_deref() == Some(rekey.token_hash.as_str())
    }))
}

fn answer(
    tx: &mut impl RekeyTx,
    old: &TokenSlot,
    new: &TokenSlot,
    old_device: DeviceId,
) -> Result<Rekeyed> {
    Ok(Rekeyed {
        device: new.id.clone(),
        retired: old.id.clone(),
        tenant: new.tenant.clone(),
        branch: new.branch.clone(),
        register_code: new.register_code.clone().unwrap_or_default(),
        through: tx.last_device_seq(old_device)?,
    })
}
