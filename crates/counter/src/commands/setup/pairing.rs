//! Pairing this counter with the sync server: the server's address and the
//! one-time code a manager got from `caredesk-server device add`. The
//! background thread (src-tauri/sync.rs) syncs from its next round on.

use caredesk_domain::Action;
use caredesk_store::SyncStatus;
use caredesk_sync::{Http, SyncError};

use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

/// Pairs, and answers with where sync now stands. A refusal leaves the
/// counter as it was (the store records the link only after the server
/// said yes).
pub fn pair(
    session: &mut Session,
    server: &str,
    code: &str,
    approval: Option<&Approval>,
) -> Result<SyncStatus, IpcError> {
    let server = server_url(server)?;
    let code = code.trim();
    if code.is_empty() {
        return Err(IpcError::new("empty_field", "the pairing code is empty").on_field("code"));
    }
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    store.authorize(&ctx, Action::EditSettings)?;
    let mut http = Http::new(&server);
    caredesk_sync::pair(store, &mut http, &server, code).map_err(refused)?;
    Ok(store.sync_status()?)
}

/// `http://` or `https://` and a host; trailing slashes dropped.
fn server_url(text: &str) -> Result<String, IpcError> {
    let trimmed = text.trim().trim_end_matches('/');
    let host = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or("");
    let host_ok = !host.is_empty()
        && !host.starts_with(['/', ':'])
        && !host.chars().any(|c| c.is_whitespace() || c.is_control());
    if host_ok {
        Ok(trimmed.to_owned())
    } else {
        Err(IpcError::new(
            "invalid_server_url",
            format!("{text:?} is not a server address: expected http://host:port or https://host"),
        )
        .on_field("server"))
    }
}

fn refused(error: SyncError) -> IpcError {
    let message = error.to_string();
    match error {
        SyncError::Offline(_) => IpcError::new("server_unreachable", message).on_field("server"),
        SyncError::Refused { code, .. } if code == caredesk_sync::protocol::codes::INVALID_CODE => {
            IpcError::new("pairing_code_refused", message).on_field("code")
        }
        SyncError::Refused { code, .. } => {
            let mut refusal = IpcError::new("pairing_refused", message);
            refusal.details.insert("reason", code.into());
            refusal
        }
        SyncError::BadReply(_) => IpcError::new("pairing_refused", message),
        SyncError::Store(error) => error.into(),
    }
}
