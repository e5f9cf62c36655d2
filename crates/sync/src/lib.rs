//! CareDesk sync: the protocol both sides speak (`protocol`), and the
//! counter's client that pushes its ops and pulls the branch's.

pub mod client;
pub mod protocol;

pub use client::{Backoff, Http, RekeyReport, SyncError, SyncReport, Transport, pair, rekey, sync};
