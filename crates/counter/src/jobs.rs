//! The counter's timed jobs (credit and punch cards expiring, ticket
//! deadlines coming close), run while the app is open: at start and every
//! few minutes, on a thread of its own with its own connection, so the
//! window never waits for them. Every job is idempotent and the folds
//! already follow the clock, so a run that fails or comes late only
//! delays what the log says, never what the counter shows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use caredesk_store::{JobsRun, Store, StoreError};
use jiff::Timestamp;

/// How often the jobs run.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// Starts the jobs thread for the database at `path`.
pub fn start(path: PathBuf) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("caredesk-jobs".to_owned())
        .spawn(move || {
            loop {
                match run_once(&path, Timestamp::now()) {
                    Ok(run) if !run.is_empty() => eprintln!("caredesk-app: jobs: {run:?}"),
                    Ok(_) => {}
                    Err(error) => eprintln!("caredesk-app: jobs failed: {error}"),
                }
                std::thread::sleep(EVERY);
            }
        })
        .map(drop)
}

/// One run of every job as of `now`. The store writes the jobs' ops as the
/// system, not as the owner whose context opens the run: no one at the
/// counter set the clock's consequences down.
pub fn run_once(path: &Path, now: Timestamp) -> Result<JobsRun, StoreError> {
    let mut store = Store::open(path)?;
    let ctx = store.context(Some(now))?;
    store.run_jobs(&ctx)
}

#[cfg(test)]
mod tests {
    use caredesk_store::NewTicket;

    use super::*;

    #[test]
    fn a_run_raises_a_ticket_due_within_a_day_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("caredesk.db");
        let mut store = crate::database::create_with_demo_staff(&path).expect("created");
        let opened: Timestamp = "2026-11-21T03:00:00Z".parse().expect("time");
        let ctx = store.context(Some(opened)).expect("owner");
        let ticket = store
            .tickets_mut()
            .open_ticket(
                &ctx,
                NewTicket {
                    customer: "0912345678".to_owned(),
                    kind: "missing_item".to_owned(),
                    subject: "Thiếu chai dầu".to_owned(),
                    deadline: Some("2026-11-23T03:00:00Z".parse().expect("time")),
                    ..NewTicket::default()
                },
            )
            .expect("opened");
        drop(store);

        let next_day: Timestamp = "2026-11-22T06:00:00Z".parse().expect("time");
        let run = run_once(&path, next_day).expect("jobs");
        assert_eq!(run.tickets_escalated.len(), 1);
        assert_eq!(run.tickets_escalated[0].code, ticket.code);
        assert!(run_once(&path, next_day).expect("again").is_empty());
        let store = Store::open(&path).expect("reopened");
        let escalated = store
            .ops(&caredesk_store::OpFilter {
                kind: Some("ticket.escalated".to_owned()),
                ..Default::default()
            })
            .expect("ops");
        assert_eq!(escalated.len(), 1);
        assert_eq!(escalated[0].op.actor, caredesk_domain::id::StaffId::SYSTEM);
    }
}
