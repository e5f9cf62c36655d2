//! The rules of a push, written once for every backend.
//!
//! In order: the batch is this device's ops in consecutive `device_seq`
//! order; ops the server already holds must be identical (a retry after a
//! lost acknowledgement) and may only lead the batch; the first new op must
//! carry the sequence number the server expects (no gap); every entity a new
//! op touches must be this tenant's (claimed in entity order); each new op
//! gets the branch's next `server_seq`. Any refusal drops the backend's
//! transaction: nothing of the batch is written.

use caredesk_domain::id::{DeviceId, EntityId, OpId};
use caredesk_domain::op::Op;
use caredesk_protocol::{MAX_PUSH_OPS, Pushed, codes};

use super::{Device, well_known};
use crate::error::{Result, ServerError};

/// The reads and writes a push needs, inside one backend transaction that
/// already holds the branch's sequence lock.
pub trait PushTx {
    /// The highest `device_seq` held for this device (0 for none).
    fn last_device_seq(&mut self, op_device: DeviceId) -> Result<u64>;
    /// The op held under this id, as stored.
    fn held(&mut self, id: OpId) -> Result<Option<String>>;
    /// The tenant that owns the entity, after claiming it for `tenant` if
    /// no tenant had written it yet.
    fn claim(&mut self, entity: EntityId, tenant: &str) -> Result<String>;
    /// Hands out `n` consecutive `server_seq`s on the branch; returns the
    /// first.
    fn take_seqs(&mut self, branch: &str, n: u64) -> Result<u64>;
    fn insert(&mut self, branch: &str, server_seq: u64, op: &Op, json: &str) -> Result<()>;
}

pub(crate) fn apply(tx: &mut impl PushTx, device: &Device, ops: &[Op]) -> Result<Pushed> {
    check_batch(device, ops)?;
    let last = tx.last_device_seq(device.op_device)?;
    let mut pushed = Pushed {
        stored: 0,
        known: 0,
        through: last,
    };
    let (held, new): (Vec<&Op>, Vec<&Op>) = ops.iter().partition(|op| op.device_seq <= last);
    for op in held {
        let same = match tx.held(op.id)? {
            Some(json) => serde_json::from_str::<Op>(&json).ok().as_ref() == Some(op),
            None => false,
        };
        if !same {
            return Err(ServerError::refused(
                409,
                codes::OP_MISMATCH,
                format!(
                    "op {} (device_seq {}) differs from the op the server holds at that \
                     sequence number",
                    op.id, op.device_seq
                ),
            ));
        }
        pushed.known += 1;
    }
    let Some(first) = new.first() else {
        return Ok(pushed);
    };
    if first.device_seq != last + 1 {
        return Err(ServerError::Refused {
            status: 409,
            code: codes::GAP,
            message: format!(
                "the server holds this device's ops through {last}: the next push must start \
                 at device_seq {}, not {}",
                last + 1,
                first.device_seq
            ),
            expected: Some(last + 1),
        });
    }
    // Each entity claimed once, in id order: pushes of other branches
    // claiming the same new entities wait for each other's claims in one
    // order, so they cannot deadlock (PostgreSQL), whatever order their ops
    // list them in.
    let mut entities: Vec<EntityId> = new
        .iter()
        .map(|op| op.entity)
        .filter(|e| !well_known(e))
        .collect();
    entities.sort_unstable();
    entities.dedup();
    let mut foreign = Vec::new();
    for entity in entities {
        if tx.claim(entity, &device.tenant)? != device.tenant {
            foreign.push(entity);
        }
    }
    if let Some(op) = new.iter().find(|op| foreign.contains(&op.entity)) {
        return Err(ServerError::refused(
            403,
            codes::FOREIGN_ENTITY,
            format!(
                "op {} writes entity {}, which belongs to another tenant",
                op.id, op.entity
            ),
        ));
    }
    for op in &new {
        if tx.held(op.id)?.is_some() {
            return Err(ServerError::refused(
                409,
                codes::OP_MISMATCH,
                format!(
                    "op id {} is already held under another sequence number",
                    op.id
                ),
            ));
        }
    }
    let count = new.len() as u64;
    let first_seq = tx.take_seqs(&device.branch, count)?;
    for (i, op) in new.iter().enumerate() {
        let json = serde_json::to_string(op)
            .map_err(|e| ServerError::Storage(format!("op {} does not serialise: {e}", op.id)))?;
        tx.insert(&device.branch, first_seq + i as u64, op, &json)?;
    }
    pushed.stored = count;
    pushed.through = last + count;
    Ok(pushed)
}

/// What can be refused before the storage is touched.
fn check_batch(device: &Device, ops: &[Op]) -> Result<()> {
    if ops.len() > MAX_PUSH_OPS {
        return Err(ServerError::refused(
            413,
            codes::BATCH_TOO_LARGE,
            format!(
                "a push carries at most {MAX_PUSH_OPS} ops, not {}",
                ops.len()
            ),
        ));
    }
    if let Some(op) = ops.iter().find(|op| op.device_id != device.op_device) {
        return Err(ServerError::refused(
            403,
            codes::FOREIGN_DEVICE,
            format!(
                "op {} was made by device {}, not by the device this token belongs to",
                op.id, op.device_id
            ),
        ));
    }
    if let Some(op) = ops.first().filter(|op| op.device_seq == 0) {
        // Left to the rules below, it would read as a held op that differs.
        return Err(ServerError::bad_request(
            codes::MALFORMED,
            format!(
                "op {} has device_seq 0: a counter's ops count from 1",
                op.id
            ),
        ));
    }
    for pair in ops.windows(2) {
        if pair[1].device_seq != pair[0].device_seq + 1 {
            return Err(ServerError::bad_request(
                codes::OUT_OF_ORDER,
                format!(
                    "ops must come in consecutive device_seq order: {} follows {}",
                    pair[1].device_seq, pair[0].device_seq
                ),
            ));
        }
    }
    Ok(())
}
