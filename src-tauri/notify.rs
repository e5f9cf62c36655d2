//! Reminders while the app is open: a thread of its own with its own
//! connection (like the jobs and sync), once a minute, asks the store what
//! is due (`Store::reminders`: a booking starting within 10 minutes, a card
//! expiring within 3 days, sync failing for 15 minutes, open conflicts) and
//! shows each reminder once, by its key:
//!
//! - on the desktop, through the operating system's notification service
//!   (desktop.rs); a desktop without one (no D-Bus session bus, no
//!   notification server) is logged once and the app goes on in-app only;
//! - always in the app, as a `reminder` event the UI turns into a toast and
//!   a line in its reminders list.
//!
//! The keys shown are remembered in `reminders-shown.json` next to the
//! database, so a restart does not show them again; the file keeps only the
//! keys still due, so it stays as small as what is due. The reminders shown
//! and still due are also kept on a `Board` the `reminders` command reads,
//! so a window that opens (or reloads) after an event still lists them.

mod desktop;
#[cfg(test)]
mod tests;
pub mod words;

#[cfg(all(test, target_os = "linux"))]
mod dbus_tests;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use caredesk_counter::Board;
use caredesk_store::{Lang, Reminder, ReminderSubject, Store, StoreError};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use desktop::{Desktop, System};

/// How often what is due is looked at.
pub const EVERY: Duration = Duration::from_secs(60);
/// The name of the event the UI listens to.
pub const EVENT: &str = "reminder";
/// The keys already shown, next to the database.
pub const FILE_NAME: &str = "reminders-shown.json";

/// The notifier of the database at `db`.
#[derive(Debug)]
pub struct Notifier {
    db: PathBuf,
    memory: PathBuf,
    shown: BTreeSet<String>,
    board: Arc<Board>,
    /// Whether the last desktop notification failed: logged once, until one
    /// goes through again.
    desktop_down: bool,
}

impl Notifier {
    pub fn new(db: &Path, board: Arc<Board>) -> Notifier {
        let memory = path_for(db);
        Notifier {
            db: db.to_owned(),
            shown: load(&memory),
            memory,
            board,
            desktop_down: false,
        }
    }

    /// Looks at what is due at `now`, sends what was not shown yet to the
    /// desktop and to `in_app`, remembers it, and returns it.
    pub fn round(
        &mut self,
        now: Timestamp,
        desktop: &mut dyn Desktop,
        in_app: &mut dyn FnMut(&Reminder),
    ) -> Result<Vec<Reminder>, StoreError> {
        let store = Store::open(&self.db)?;
        let lang = self
            .board
            .lang()
            .unwrap_or_else(|| Lang::of(store.settings().country));
        let due = store.reminders(now)?;
        drop(store);

        let new: Vec<Reminder> = due
            .iter()
            .filter(|r| !self.shown.contains(&r.key))
            .cloned()
            .collect();
        for reminder in &new {
            in_app(reminder);
        }
        for words in desktop_words(&new, lang) {
            let sent = desktop.send(&words);
            self.note_desktop(&sent);
            // The next ones would fail the same way.
            if sent.is_err() {
                break;
            }
        }

        let keys: BTreeSet<String> = due.iter().map(|r| r.key.clone()).collect();
        if keys != self.shown {
            if let Err(error) = save(&self.memory, &keys) {
                eprintln!(
                    "caredesk-app: reminders: cannot remember what was shown in {}: {error}",
                    self.memory.display()
                );
            }
            self.shown = keys;
        }
        self.board.set_shown(due);
        Ok(new)
    }

    fn note_desktop(&mut self, sent: &Result<(), String>) {
        match sent {
            Err(error) if !self.desktop_down => {
                eprintln!(
                    "caredesk-app: reminders: no desktop notifications ({error}); \
                     showing them in the app only"
                );
                self.desktop_down = true;
            }
            Ok(()) if self.desktop_down => {
                eprintln!("caredesk-app: reminders: desktop notifications work again");
                self.desktop_down = false;
            }
            _ => {}
        }
    }
}

/// The desktop notifications for the reminders new in one round, in their
/// order: each booking and sync failure alone; cards and conflicts that came
/// due together as one notification per kind.
fn desktop_words(new: &[Reminder], lang: Lang) -> Vec<words::Words> {
    let mut out = Vec::new();
    let mut grouped: Vec<Vec<&Reminder>> = Vec::new();
    for reminder in new {
        match reminder.subject {
            ReminderSubject::BookingSoon { .. } | ReminderSubject::SyncFailing { .. } => {
                out.push(words::of(reminder, lang));
            }
            ReminderSubject::TreatmentExpiring { .. } | ReminderSubject::Conflict { .. } => {
                let kind = std::mem::discriminant(&reminder.subject);
                match grouped
                    .iter_mut()
                    .find(|g| std::mem::discriminant(&g[0].subject) == kind)
                {
                    Some(group) => group.push(reminder),
                    None => grouped.push(vec![reminder]),
                }
            }
        }
    }
    for group in grouped {
        out.push(words::group(&group, lang).unwrap_or_else(|| words::of(group[0], lang)));
    }
    out
}

/// Starts the notifier thread; `in_app` carries each new reminder to the
/// window.
pub fn start(
    db: PathBuf,
    board: Arc<Board>,
    mut in_app: impl FnMut(&Reminder) + Send + 'static,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("caredesk-reminders".to_owned())
        .spawn(move || {
            let mut notifier = Notifier::new(&db, board);
            let mut desktop = System;
            loop {
                if let Err(error) = notifier.round(Timestamp::now(), &mut desktop, &mut in_app) {
                    eprintln!("caredesk-app: reminders failed: {error}");
                }
                std::thread::sleep(EVERY);
            }
        })
        .map(drop)
}

/// The file of keys shown for the counter whose database is `db`.
pub fn path_for(db: &Path) -> PathBuf {
    db.with_file_name(FILE_NAME)
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Memory {
    shown: BTreeSet<String>,
}

/// The keys shown; none when the file is missing or unreadable (the worst
/// that follows is a reminder shown twice).
fn load(path: &Path) -> BTreeSet<String> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Memory>(&bytes).ok())
        .map(|memory| memory.shown)
        .unwrap_or_default()
}

/// Written to a temporary file and renamed, like the counter settings.
fn save(path: &Path, shown: &BTreeSet<String>) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(&Memory {
        shown: shown.clone(),
    })?;
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, path)
}
