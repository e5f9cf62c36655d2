//! Services, rooms and packages: listed with the retired ones (a manager
//! offers them again from there), added, edited, retired.

use caredesk_store::PackageInfo;

use caredesk_domain::id::{PackageId, RoomId, ServiceId};

use super::types::{
    PackageEditInput, PackageInput, RoomEditInput, RoomInput, RoomView, ServiceEditInput,
    ServiceInput, ServiceView,
};
use super::{form_error, id_text};
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

pub fn services(session: &mut Session) -> Result<Vec<ServiceView>, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok(store
        .catalog()
        .services()?
        .into_iter()
        .map(ServiceView::from)
        .collect())
}

pub fn add_service(
    session: &mut Session,
    input: ServiceInput,
    approval: Option<&Approval>,
) -> Result<ServiceView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let added = store
        .catalog_mut()
        .add_service(&ctx, input.into())
        .map_err(form_error)?;
    Ok(added.into())
}

/// Edits, retires (`active: false`) or offers again a service.
pub fn edit_service(
    session: &mut Session,
    id: &str,
    edit: ServiceEditInput,
    approval: Option<&Approval>,
) -> Result<ServiceView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let edited = store
        .catalog_mut()
        .edit_service(&ctx, &id_text::<ServiceId>(id, "service")?, edit.into())
        .map_err(form_error)?;
    Ok(edited.into())
}

pub fn rooms(session: &mut Session) -> Result<Vec<RoomView>, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok(store
        .catalog()
        .rooms()?
        .into_iter()
        .map(RoomView::from)
        .collect())
}

pub fn add_room(
    session: &mut Session,
    input: RoomInput,
    approval: Option<&Approval>,
) -> Result<RoomView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let added = store
        .catalog_mut()
        .add_room(&ctx, &input.name, input.capacity)
        .map_err(form_error)?;
    Ok(added.into())
}

pub fn edit_room(
    session: &mut Session,
    id: &str,
    edit: RoomEditInput,
    approval: Option<&Approval>,
) -> Result<RoomView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    let edited = store
        .catalog_mut()
        .edit_room(&ctx, &id_text::<RoomId>(id, "room")?, edit.into())
        .map_err(form_error)?;
    Ok(edited.into())
}

/// Every package, on sale or retired.
pub fn packages(session: &mut Session) -> Result<Vec<PackageInfo>, IpcError> {
    let (store, _) = session.acting(session.now())?;
    Ok(store.catalog().packages()?)
}

pub fn add_package(
    session: &mut Session,
    input: PackageInput,
    approval: Option<&Approval>,
) -> Result<PackageInfo, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    store
        .catalog_mut()
        .add_package(&ctx, input.into())
        .map_err(form_error)
}

pub fn edit_package(
    session: &mut Session,
    id: &str,
    edit: PackageEditInput,
    approval: Option<&Approval>,
) -> Result<PackageInfo, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    store
        .catalog_mut()
        .edit_package(&ctx, &id_text::<PackageId>(id, "package")?, edit.into())
        .map_err(form_error)
}
