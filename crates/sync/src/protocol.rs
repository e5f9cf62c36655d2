//! The wire protocol between a counter and the server, version 1. Written
//! down for people in docs/sync-protocol.md; this module is the same
//! contract for the compiler. Both sides depend on it, so a change here is a
//! change of protocol and bumps `PROTOCOL`.

use caredesk_domain::id::DeviceId;
use caredesk_domain::op::Op;
use serde::{Deserialize, Serialize};

/// The protocol this build speaks.
pub const PROTOCOL: u32 = 1;
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
    pub const NOT_FOUND: &str = "not_found";
    pub const INTERNAL: &str = "internal";
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
