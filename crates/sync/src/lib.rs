//! CareDesk sync: the counter's client that pushes its ops and pulls the
//! branch's. The protocol both sides speak is its own crate
//! (`caredesk-protocol`, re-exported here as `protocol`), so the server
//! builds it without this client and its HTTP library.

pub mod client;
pub use caredesk_protocol as protocol;

pub use client::{Backoff, Http, RekeyReport, SyncError, SyncReport, Transport, pair, rekey, sync};
