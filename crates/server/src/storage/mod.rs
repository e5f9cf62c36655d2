//! Where the server keeps tenants, devices and ops: SQLite for one small
//! box in a back office, PostgreSQL for chains running several server
//! instances. Both implement `Storage`; the rules of a push are written once
//! (`push::apply`) over the few reads and writes each backend provides.
//!
//! The trait is blocking: the HTTP layer calls it on tokio's blocking pool,
//! so a slow disk or a lock wait never stalls the async workers.

pub mod postgres;
mod push;
pub mod rekey;
pub mod sqlite;

use caredesk_domain::id::DeviceId;
use caredesk_domain::op::Op;
use caredesk_protocol::{Own, Paired, Pulled, Pushed, Rekeyed};
use serde::Serialize;

use crate::error::Result;

pub use push::PushTx;
pub use rekey::RekeyTx;

/// A paired, not revoked device, as its token identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: String,
    pub tenant: String,
    pub branch: String,
    /// The `device_id` its ops carry.
    pub op_device: DeviceId,
}

/// A device as `device list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRow {
    pub id: String,
    pub name: String,
    pub branch: String,
    /// Unix ms of its last authenticated request.
    pub last_seen: Option<i64>,
    pub paired: bool,
    pub revoked: bool,
    pub register_code: Option<String>,
    /// The slot that took over when this one's counter was re-keyed.
    pub replaced_by: Option<String>,
}

/// A pairing request with its secrets already hashed.
#[derive(Debug, Clone)]
pub struct Pairing {
    pub code_hash: String,
    pub op_device: DeviceId,
    pub register_code: String,
    pub ops: u64,
    /// The new token (returned once) and its hash (stored).
    pub token: String,
    pub token_hash: String,
}

/// A re-key request with its new token already hashed.
#[derive(Debug, Clone)]
pub struct Rekey {
    /// The counter's new device id.
    pub op_device: DeviceId,
    pub token_hash: String,
    /// The counter's clock, unix ms.
    pub clock: u64,
    /// The newest physical time stamped on an op it has not pushed.
    pub ahead: u64,
}

pub trait Storage: Send + Sync + 'static {
    fn add_tenant(&self, name: &str, now: i64) -> Result<String>;
    fn add_branch(&self, tenant: &str, name: &str, now: i64) -> Result<String>;
    /// A device slot on a branch, paired later with the code whose hash is
    /// given; returns its id.
    fn add_device(&self, branch: &str, name: &str, code_hash: &str, now: i64) -> Result<String>;
    fn devices(&self, branch: Option<&str>) -> Result<Vec<DeviceRow>>;
    fn revoke_device(&self, id: &str, now: i64) -> Result<()>;
    /// Spends a pairing code: the device slot gets the counter's id and a
    /// token. A used, expired or unknown code is refused (401).
    fn pair(&self, pairing: &Pairing, now: i64) -> Result<Paired>;
    /// The device a token belongs to; 401 for an unknown or revoked token.
    fn authenticate(&self, token_hash: &str, now: i64) -> Result<Device>;
    /// Stores a device's ops in one transaction, all or none.
    fn push(&self, device: &Device, ops: &[Op]) -> Result<Pushed>;
    /// The branch's ops after `after`, without the device's own.
    fn pull(&self, device: &Device, after: u64, limit: usize) -> Result<Pulled>;
    /// The device's own ops after `device_seq` `after`, at most `limit`:
    /// what a counter restored from an older backup fetches back.
    fn own(&self, device: &Device, after: u64, limit: usize) -> Result<Own>;
    /// Retires the slot `token_hash` belongs to and binds a new slot of its
    /// branch to the counter's new device id, in one transaction (see
    /// `rekey::rekey` for the rules). Asked again with the same new id and
    /// token, it answers as the first time.
    fn rekey(&self, token_hash: &str, rekey: &Rekey, now: i64) -> Result<Rekeyed>;
    /// How many ops the server holds, and how many distinct ids among them
    /// (the sync tests check every op is there exactly once).
    fn op_count(&self) -> Result<(u64, u64)>;
}

/// Entities every tenant has under the same id (the business itself): their
/// UUIDv7 timestamp is zero, which no generated id has.
pub(crate) fn well_known(entity: &caredesk_domain::id::EntityId) -> bool {
    entity.as_uuid().as_u128() >> 80 == 0
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Turns up to `limit + 1` rows `(server_seq, op_device, op JSON)` after
/// `after` into a page: the device's own ops are left out (it holds them),
/// but the cursor moves past them. `through` is the device's own highest
/// `device_seq` held.
pub(crate) fn page(
    device: &Device,
    after: u64,
    limit: usize,
    through: u64,
    rows: impl IntoIterator<Item = (u64, String, String)>,
) -> Result<Pulled> {
    let own = device.op_device.to_string();
    let mut pulled = Pulled {
        ops: Vec::new(),
        next: after,
        more: false,
        through,
    };
    for (i, (server_seq, op_device, json)) in rows.into_iter().enumerate() {
        if i == limit {
            pulled.more = true;
            break;
        }
        pulled.next = server_seq;
        if op_device != own {
            pulled.ops.push(stored_op(&json)?);
        }
    }
    Ok(pulled)
}

/// Up to `limit + 1` of a device's own ops (JSON, in `device_seq` order
/// after `after`) as a page of `/v1/own`.
pub(crate) fn own_page(
    after: u64,
    limit: usize,
    through: u64,
    rows: impl IntoIterator<Item = String>,
) -> Result<Own> {
    let mut own = Own {
        ops: Vec::new(),
        through,
        more: false,
    };
    for (i, json) in rows.into_iter().enumerate() {
        if i == limit {
            own.more = true;
            break;
        }
        let op = stored_op(&json)?;
        if op.device_seq != after + 1 + i as u64 {
            return Err(crate::error::ServerError::Storage(format!(
                "the held ops of device {} skip from {} to {}",
                op.device_id,
                after + i as u64,
                op.device_seq
            )));
        }
        own.ops.push(op);
    }
    Ok(own)
}

fn stored_op(json: &str) -> Result<Op> {
    serde_json::from_str(json)
        .map_err(|e| crate::error::ServerError::Storage(format!("a stored op does not read: {e}")))
}
