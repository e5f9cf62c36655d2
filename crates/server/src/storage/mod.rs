//! Where the server keeps tenants, devices and ops: SQLite for one small
//! box in a back office, PostgreSQL for chains running several server
//! instances. Both implement `Storage`; the rules of a push are written once
//! (`push::apply`) over the few reads and writes each backend provides.
//!
//! The trait is blocking: the HTTP layer calls it on tokio's blocking pool,
//! so a slow disk or a lock wait never stalls the async workers.

pub mod postgres;
mod push;
pub mod sqlite;

use caredesk_domain::id::DeviceId;
use caredesk_domain::op::Op;
use caredesk_sync::protocol::{Paired, Pulled, Pushed};
use serde::Serialize;

use crate::error::Result;

pub use push::PushTx;

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
/// but the cursor moves past them.
pub(crate) fn page(
    device: &Device,
    after: u64,
    limit: usize,
    rows: impl IntoIterator<Item = (u64, String, String)>,
) -> Result<Pulled> {
    let own = device.op_device.to_string();
    let mut pulled = Pulled {
        ops: Vec::new(),
        next: after,
        more: false,
    };
    for (i, (server_seq, op_device, json)) in rows.into_iter().enumerate() {
        if i == limit {
            pulled.more = true;
            break;
        }
        pulled.next = server_seq;
        if op_device != own {
            let op = serde_json::from_str(&json).map_err(|e| {
                crate::error::ServerError::Storage(format!("stored op {server_seq}: {e}"))
            })?;
            pulled.ops.push(op);
        }
    }
    Ok(pulled)
}
