//! The reminders shown and still due, and the language the UI shows. The
//! app's notifier (src-tauri/notify.rs) fills it once a minute; the
//! `reminders` command reads it, so a window that opens or reloads after a
//! reminder went out still lists it. A counter without a notifier (the
//! browser transport of `caredesk serve-ui`) keeps an empty board.

use std::sync::{Mutex, MutexGuard, PoisonError};

use caredesk_store::{Lang, Reminder};

#[derive(Debug, Default)]
pub struct Board {
    inner: Mutex<BoardState>,
}

#[derive(Debug, Default)]
struct BoardState {
    shown: Vec<Reminder>,
    lang: Option<Lang>,
}

impl Board {
    pub fn shown(&self) -> Vec<Reminder> {
        self.lock().shown.clone()
    }

    /// What is shown now: the notifier's last round.
    pub fn set_shown(&self, shown: Vec<Reminder>) {
        self.lock().shown = shown;
    }

    /// The UI's language, for the desktop notifications to come.
    pub fn set_lang(&self, lang: Lang) {
        self.lock().lang = Some(lang);
    }

    pub fn lang(&self) -> Option<Lang> {
        self.lock().lang
    }

    fn lock(&self) -> MutexGuard<'_, BoardState> {
        // Nothing held here can be left half-changed by a panic.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
