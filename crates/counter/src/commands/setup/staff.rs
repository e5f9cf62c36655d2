//! Staff accounts and their weeks: add, change a role, reset a PIN,
//! deactivate, set the services they perform and their usual hours.

use caredesk_domain::Role;
use caredesk_domain::id::{ServiceId, StaffId};
use caredesk_store::{NewStaff, Store};

use super::types::{DayInput, StaffInput, StaffView, parse_week};
use super::{form_error, id_text};
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

/// Everyone, active or not, with their week.
pub fn staff(session: &mut Session) -> Result<Vec<StaffView>, IpcError> {
    let (store, _) = session.acting(session.now())?;
    store
        .staff()?
        .into_iter()
        .map(|member| view(store, member.id))
        .collect()
}

fn view(store: &Store, id: StaffId) -> Result<StaffView, IpcError> {
    let id = id.to_string();
    Ok(StaffView::new(
        store.staff_member(&id)?,
        store.schedule().staff_schedule(&id)?,
    ))
}

pub fn add_staff(
    session: &mut Session,
    input: StaffInput,
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let pin = input.pin.filter(|pin| !pin.trim().is_empty());
    let member = store
        .add_staff(
            &ctx,
            NewStaff {
                name: input.name,
                role: input.role,
                pin,
            },
        )
        .map_err(form_error)?;
    view(store, member.id)
}

pub fn set_staff_role(
    session: &mut Session,
    id: &str,
    role: Role,
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let id = id_text::<StaffId>(id, "staff")?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let member = store.set_staff_role(&ctx, &id, role).map_err(form_error)?;
    view(store, member.id)
}

/// A manager sets someone's new PIN (a forgotten one, a new hire's).
pub fn reset_staff_pin(
    session: &mut Session,
    id: &str,
    pin: &str,
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let id = id_text::<StaffId>(id, "staff")?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let member = store.set_staff_pin(&ctx, &id, pin).map_err(form_error)?;
    view(store, member.id)
}

pub fn set_staff_active(
    session: &mut Session,
    id: &str,
    active: bool,
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let id = id_text::<StaffId>(id, "staff")?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let member = store
        .set_staff_active(&ctx, &id, active)
        .map_err(form_error)?;
    view(store, member.id)
}

pub fn set_staff_services(
    session: &mut Session,
    id: &str,
    services: &[String],
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let id = id_text::<StaffId>(id, "staff")?;
    let services = services
        .iter()
        .map(|service| id_text::<ServiceId>(service, "service"))
        .collect::<Result<Vec<_>, _>>()?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let schedule = store
        .schedule_mut()
        .set_staff_services(&ctx, &id, &services)
        .map_err(form_error)?;
    view(store, schedule.staff)
}

/// Their usual week, all days given at once (a day without spans is off):
/// every day is set or none is.
pub fn set_staff_week(
    session: &mut Session,
    id: &str,
    days: &[DayInput],
    approval: Option<&Approval>,
) -> Result<StaffView, IpcError> {
    let id = id_text::<StaffId>(id, "staff")?;
    let days = parse_week(days)?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let schedule = store
        .schedule_mut()
        .set_staff_week(&ctx, &id, &days)
        .map_err(form_error)?;
    view(store, schedule.staff)
}
