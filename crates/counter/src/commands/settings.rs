//! This counter's own settings (counter_settings.rs).

use caredesk_domain::Action;

use crate::Counter;
use crate::approval::Approval;
use crate::counter_settings::{self, CounterSettings};
use crate::error::IpcError;

/// Readable while locked: the idle lock is no secret, and the UI needs it
/// before anyone signs in.
pub fn counter_settings(counter: &Counter) -> Result<CounterSettings, IpcError> {
    Ok(counter_settings::load(counter.settings_file()))
}

/// A manager's or owner's change (`Action::EditSettings`): a longer idle lock
/// leaves the counter open longer.
pub fn set_counter_settings(
    counter: &Counter,
    settings: CounterSettings,
    approval: Option<Approval>,
) -> Result<CounterSettings, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting_approved(counter.now(), approval.as_ref())?;
    store.authorize(&ctx, Action::EditSettings)?;
    let saved = counter_settings::save(counter.settings_file(), settings)?;
    session.set_idle_lock(saved.idle_lock_minutes);
    Ok(saved)
}
