//! Sync in the background, while the app is open: on a thread of its own
//! with its own connection (like the jobs), so the window never waits for
//! the network. A good round is followed by the next after `EVERY`; a
//! failed one by an exponential backoff with jitter, so counters that lost
//! the network together do not all come back in the same second. Where sync
//! stands is written to the database (`sync_state`), which is what the sync
//! indicator reads.

use std::path::{Path, PathBuf};
use std::time::Duration;

use caredesk_store::Store;
use caredesk_sync::{Backoff, Http, SyncError, SyncReport};

/// Between good rounds.
pub const EVERY: Duration = Duration::from_secs(30);
/// A counter that is not paired looks again this often (pairing may happen
/// from `caredesk pair` while the app is open).
const UNPAIRED: Duration = Duration::from_secs(60);

pub fn start(path: PathBuf) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("caredesk-sync".to_owned())
        .spawn(move || {
            let mut backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(5 * 60));
            let mut rng = rand::rng();
            loop {
                let wait = match run_once(&path) {
                    Ok(None) => UNPAIRED,
                    Ok(Some(_)) => {
                        backoff.succeeded();
                        EVERY
                    }
                    Err(error) => {
                        eprintln!("caredesk-app: sync failed: {error}");
                        backoff.failed(&mut rng)
                    }
                };
                std::thread::sleep(wait);
            }
        })
        .map(drop)
}

/// One round; `None` when the counter is not paired.
pub fn run_once(path: &Path) -> Result<Option<SyncReport>, SyncError> {
    let mut store = Store::open(path)?;
    let Some(link) = store.sync_link()? else {
        return Ok(None);
    };
    let mut http = Http::new(&link.server);
    caredesk_sync::sync(&mut store, &mut http).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_counter::server_with_slot;

    #[test]
    fn a_round_pushes_to_a_real_server_and_records_the_outcome() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("caredesk.db");
        let mut store = crate::database::create_with_demo_staff(&path).expect("created");
        assert!(run_once(&path).expect("unpaired").is_none());

        let (server, code) = server_with_slot(dir.path());
        let mut http = Http::new(&server.url());
        caredesk_sync::pair(&mut store, &mut http, &server.url(), &code).expect("paired");
        let pending = store.sync_status().expect("status").pending;
        assert!(pending > 0);
        drop(store);

        let report = run_once(&path).expect("synced").expect("paired");
        assert_eq!(report.pushed, pending);
        let status = Store::open(&path)
            .expect("open")
            .sync_status()
            .expect("status");
        assert!(status.online && status.pending == 0 && status.last_error.is_none());

        server.stop();
        assert!(run_once(&path).is_err(), "the server is gone");
        let status = Store::open(&path)
            .expect("open")
            .sync_status()
            .expect("status");
        assert!(!status.online && status.failing_since.is_some() && status.last_error.is_some());
    }
}
