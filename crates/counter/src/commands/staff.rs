//! Signing in and out at the counter.

use crate::Counter;
use crate::error::IpcError;
use crate::transport::{self, StaffCard};

/// The names the sign-in screen offers: active staff only.
pub fn list_staff(counter: &Counter) -> Result<Vec<StaffCard>, IpcError> {
    let staff = counter.session().store().staff()?;
    Ok(staff
        .into_iter()
        .filter(|member| member.active)
        .map(StaffCard::from)
        .collect())
}

pub fn sign_in(counter: &Counter, staff_id: String, pin: String) -> Result<StaffCard, IpcError> {
    let staff = transport::staff_id(&staff_id)?;
    let member = counter.session().sign_in(staff, &pin, counter.now())?;
    Ok(member.into())
}

pub fn sign_out(counter: &Counter) -> Result<(), IpcError> {
    counter.session().sign_out();
    Ok(())
}

pub fn current_staff(counter: &Counter) -> Result<Option<StaffCard>, IpcError> {
    Ok(counter
        .session()
        .current(counter.now())?
        .map(StaffCard::from))
}

/// The person is still at the keyboard (typing a long form, reading a
/// file): the UI says so now and then, so the session does not run out
/// between commands. `signed_out` when it already has.
pub fn keep_alive(counter: &Counter) -> Result<(), IpcError> {
    counter.session().acting(counter.now())?;
    Ok(())
}
