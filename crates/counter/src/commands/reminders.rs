//! The reminders shown so far that are still due (the notifier's board,
//! board.rs), for a window that opens or reloads after their
//! `reminder` events went out.

use caredesk_store::Reminder;

use crate::Counter;
use crate::error::IpcError;
use crate::transport;

/// Only while someone is signed in: reminders name customers. `lang` is the
/// language the UI shows, which the desktop notifications to come follow.
pub fn reminders(counter: &Counter, lang: String) -> Result<Vec<Reminder>, IpcError> {
    let lang = transport::lang(&lang)?;
    counter.session().acting(counter.now())?;
    counter.board().set_lang(lang);
    Ok(counter.board().shown())
}
