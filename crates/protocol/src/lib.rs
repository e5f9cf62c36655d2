//! The wire protocol between a counter and the server, version 2. Written
//! down for people in docs/sync-protocol.md; this crate is the same
//! contract for the compiler. Both sides depend on it, so a change here is a
//! change of protocol and bumps `PROTOCOL`.

use caredesk_domain::id::DeviceId;
use caredesk_domain::op::Op;
use serde::{Deserialize, Serialize};

/// The protocol this build speaks. Version 2 added `GET /v1/own` (a
/// counter fetches its own ops back after a restore), `POST /v1/rekey` (a
/// counter stuck on `clock_ahead` takes a new device id) and `through` on
/// pull pages; what version 1 had is unchanged, so a server still serves it.
pub const PROTOCOL: u32 = 2;
/// The oldest protocol this build's server still serves.
pub const OLDEST_PROTOCOL: u32 = 1;
/// Every request names its protocol in this header.
pub const PROTOCOL_HEADER: &str = "caredesk-protocol";

/// At most this many ops in one push: a counter back from a week offline
/// sends its log in several pushes, each one transaction on the server.
pub const MAX_PUSH_OPS: usize = 1000;
/// A push body larger than this is refused before it is parsed.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// An op stamped further ahead of the server's clock than this is refused:
/// a counter with a wrong clock would drag every counter's clock with it.
pub const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;
/// Ops per pull page when the counter does not ask for fewer.
pub const PULL_PAGE: usize = 1000;
/// The largest page a pull may ask for.
pub const MAX_PULL_PAGE: usize = 5000;

pub const PAIR_PATH: &str = "/v1/pair";
pub const PUSH_PATH: &str = "/v1/push";
pub const PULL_PATH: &str = "/v1/pull";
pub const OWN_PATH: &str = "/v1/own";
pub const REKEY_PATH: &str = "/v1/rekey";
/// The first protocol with `/v1/own` and `/v1/rekey`.
pub const RECOVERY_PROTOCOL: u32 = 2;

/// `POST /v1/pair`: a one-time code for a device token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRequest {
    pub code: String,
    /// The counter's own device id: the `device_id` of every op it made.
    pub device_id: DeviceId,
    pub register_code: String,
    /// How many ops the counter's log holds. A counter with a log can only
    /// seed an empty branch; a counter joining a branch with data must be
    /// empty, and receives everything by pulling.
    pub ops: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paired {
    /// The server's id of this device (what `device list` and `revoke` use).
    pub device: String,
    /// The bearer token. The server keeps only its hash: this is the one
    /// time it is seen.
    pub token: String,
    pub tenant: String,
    pub branch: String,
    /// The register code the counter must use: its own, unless another
    /// counter of the branch has it and this one has not used it yet.
    pub register_code: String,
}

/// `POST /v1/push`: this device's ops in `device_seq` order. Ops the server
/// already holds may lead the batch (a retry after a lost acknowledgement);
/// the first new op must carry the sequence number the server expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pushed {
    /// Ops new to the server, stored.
    pub stored: u64,
    /// Ops the server already held, identical: skipped.
    pub known: u64,
    /// The highest `device_seq` of this device the server now holds: the
    /// counter's acknowledgement.
    pub through: u64,
}

/// `GET /v1/pull?after=CURSOR&limit=N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    pub after: u64,
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One page of the branch's ops after the cursor, in `server_seq` order,
/// without the asking device's own ops (it holds them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    pub ops: Vec<Op>,
    /// The cursor for the next pull: the last `server_seq` this page covered.
    pub next: u64,
    /// Whether ops after `next` were there when the page was read.
    pub more: bool,
    /// The highest `device_seq` of the asking device the server holds
    /// (protocol 2): a counter whose log ends before it was restored from
    /// an older backup, and fetches its own ops back.
    #[serde(default)]
    pub through: u64,
}

/// `GET /v1/own?after=DEVICE_SEQ&limit=N` (protocol 2): the asking
/// device's own ops after `after`, in `device_seq` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnQuery {
    #[serde(default)]
    pub after: u64,
    #[serde(default)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Own {
    /// Consecutive `device_seq`s from `after + 1`.
    pub ops: Vec<Op>,
    /// The highest `device_seq` of this device the server holds.
    pub through: u64,
    /// Whether ops after the last one of this page were held.
    pub more: bool,
}

/// `POST /v1/rekey` (protocol 2), with the token of the device to retire:
/// a counter whose unpushed ops are stamped too far ahead of the server's
/// clock takes a new device id, and re-issues those ops under it.
///
/// The counter makes the new token itself and keeps it before asking, so a
/// request whose answer was lost is sent again as it was and finds the
/// re-key done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RekeyRequest {
    /// The counter's new device id.
    pub device_id: DeviceId,
    /// The new bearer token (`new_device_token`).
    pub token: String,
    /// The counter's clock now, unix ms: it must be right again.
    pub clock: u64,
    /// The newest physical time (unix ms) stamped on an op it has not
    /// pushed: re-keying is for ops the server refuses as `clock_ahead`.
    pub ahead: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rekeyed {
    /// The server's id of the new device slot.
    pub device: String,
    /// The retired slot.
    pub retired: String,
    pub tenant: String,
    pub branch: String,
    pub register_code: String,
    /// The highest `device_seq` of the old device id the server holds: its
    /// ops after this are the ones to re-issue.
    pub through: u64,
}

/// Every refusal: an HTTP status and this body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// For `gap`: the `device_seq` the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u64>,
}

/// The codes a server refuses with, so client and server name them alike.
pub mod codes {
    pub const PROTOCOL_TOO_OLD: &str = "protocol_too_old";
    pub const PROTOCOL_TOO_NEW: &str = "protocol_too_new";
    pub const MALFORMED: &str = "malformed";
    pub const BATCH_TOO_LARGE: &str = "batch_too_large";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const REVOKED: &str = "revoked";
    pub const INVALID_CODE: &str = "invalid_code";
    pub const FOREIGN_DEVICE: &str = "foreign_device";
    pub const FOREIGN_ENTITY: &str = "foreign_entity";
    pub const DEVICE_TAKEN: &str = "device_taken";
    pub const BRANCH_HAS_DATA: &str = "branch_has_data";
    pub const GAP: &str = "gap";
    pub const OUT_OF_ORDER: &str = "out_of_order";
    pub const CLOCK_AHEAD: &str = "clock_ahead";
    pub const OP_MISMATCH: &str = "op_mismatch";
    pub const NOTHING_STUCK: &str = "nothing_stuck";
    pub const NOT_FOUND: &str = "not_found";
    pub const INTERNAL: &str = "internal";
}

/// A new device token: `cdt_` and 256 random bits in hex. The server makes
/// one when a counter pairs; a counter re-keying itself makes its own.
pub fn new_device_token() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("cdt_{hex}")
}

/// Whether `token` has the shape `new_device_token` gives.
pub fn is_device_token(token: &str) -> bool {
    token.strip_prefix("cdt_").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Whether a server speaking `PROTOCOL` serves a client speaking `client`:
/// `Err` names the refusal code.
pub fn check_version(client: u32) -> Result<(), &'static str> {
    if client < OLDEST_PROTOCOL {
        Err(codes::PROTOCOL_TOO_OLD)
    } else if client > PROTOCOL {
        Err(codes::PROTOCOL_TOO_NEW)
    } else {
        Ok(())
    }
}
