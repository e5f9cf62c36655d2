//! Packages in the catalog: what the counter sells as a punch card.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::catalog;
use caredesk_domain::id::PackageId;
use caredesk_domain::money::Money;
use caredesk_domain::op::Op;
use caredesk_domain::package::{
    self, Package, PackageAdded, PackageEdited, PackageEvent, PackageState,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::Catalog;
use crate::business::to_json;
use crate::catalog::{find_by_name, list_folded, parse_state};
use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

/// What `package add` needs. The price is in the business's currency.
#[derive(Debug, Clone, Default)]
pub struct NewPackage {
    pub name: String,
    /// Service id or name; `None` when its sessions pay for any service.
    pub service: Option<String>,
    pub sessions: u16,
    pub valid_days: u16,
    pub price: i64,
    /// Sold with its first session booked at the customer's home; needs a
    /// service.
    pub home_visit: bool,
}

/// What `package edit|retire|offer` changes; `None` leaves a field as is.
/// What a package holds (service, sessions, validity, home visits) is fixed
/// once it is sold: a different card is a different package.
#[derive(Debug, Clone, Default)]
pub struct PackageEdit {
    pub name: Option<String>,
    pub price: Option<i64>,
    pub active: Option<bool>,
}

impl PackageEdit {
    fn is_empty(&self) -> bool {
        self.name.is_none() && self.price.is_none() && self.active.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageInfo {
    pub id: PackageId,
    #[serde(flatten)]
    pub package: Package,
}

impl<S: Deref<Target = Store>> Catalog<S> {
    pub fn add_package(&mut self, ctx: &Ctx, input: NewPackage) -> Result<PackageInfo>
    where
        S: DerefMut,
    {
        let name = catalog::check_catalog_name("package name", &input.name)?;
        let sessions = package::check_sessions(input.sessions)?;
        let valid_days = package::check_valid_days(input.valid_days)?;
        let price = catalog::check_price(Money::new(input.price, self.settings.currency))?;
        let service = input
            .service
            .as_deref()
            .map(|s| self.find_service(s).map(|s| s.id))
            .transpose()?;
        if input.home_visit && service.is_none() {
            return Err(package::PackageError::HomeVisitWithoutService.into());
        }
        self.authorize(ctx, Action::EditSettings)?;
        let id = PackageId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(
            id,
            PackageEvent::from(PackageAdded {
                name,
                service,
                sessions,
                valid_days,
                price,
                home_visit: input.home_visit,
            }),
        )?;
        writer.commit()?;
        self.package(id)
    }

    /// Renames, reprices, retires or offers again a package. Treatments
    /// already sold keep what they were sold with.
    pub fn edit_package(
        &mut self,
        ctx: &Ctx,
        id_or_name: &str,
        edit: PackageEdit,
    ) -> Result<PackageInfo>
    where
        S: DerefMut,
    {
        if edit.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        let name = edit
            .name
            .as_deref()
            .map(|name| catalog::check_catalog_name("package name", name))
            .transpose()?;
        let currency = self.settings.currency;
        let price = edit
            .price
            .map(|price| catalog::check_price(Money::new(price, currency)))
            .transpose()?;
        let id = self.find_package(id_or_name)?.id;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        // Compared with the package as it is inside the write transaction.
        let current = load_package(writer.tx(), id)?
            .ok_or_else(|| StoreError::PackageNotFound(id_or_name.trim().to_owned()))?;
        let change = PackageEdited {
            name: name.filter(|v| *v != current.name),
            price: price.filter(|v| *v != current.price),
            active: edit.active.filter(|v| *v != current.active),
        };
        if change == PackageEdited::default() {
            return Err(StoreError::NothingToChange);
        }
        writer.append(id, PackageEvent::from(change))?;
        writer.commit()?;
        self.package(id)
    }

    pub fn package(&self, id: PackageId) -> Result<PackageInfo> {
        load_package(&self.conn, id)?
            .map(|package| PackageInfo { id, package })
            .ok_or_else(|| StoreError::PackageNotFound(id.to_string()))
    }

    /// Every package, sold or retired, by name.
    pub fn packages(&self) -> Result<Vec<PackageInfo>> {
        Ok(list_folded(
            &self.conn,
            "SELECT id, state FROM packages ORDER BY name, id",
            "package",
        )?
        .into_iter()
        .filter_map(|(id, state): (PackageId, PackageState)| {
            state.package().map(|package| PackageInfo { id, package })
        })
        .collect())
    }

    /// A package by id, or by name ignoring case and diacritics.
    pub fn find_package(&self, text: &str) -> Result<PackageInfo> {
        if let Ok(id) = text.parse::<PackageId>()
            && let Some(package) = load_package(&self.conn, id)?
        {
            return Ok(PackageInfo { id, package });
        }
        find_by_name(self.packages()?, text, |p| p.package.name.as_str())
            .ok_or_else(|| StoreError::PackageNotFound(text.trim().to_owned()))
    }
}

pub(crate) fn load_package(conn: &Connection, id: PackageId) -> Result<Option<Package>> {
    Ok(load_state(conn, id)?.and_then(|s| s.package()))
}

fn load_state(conn: &Connection, id: PackageId) -> Result<Option<PackageState>> {
    conn.prepare_cached("SELECT state FROM packages WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "package"))
        .transpose()
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &PackageEvent) -> Result<()> {
    let id = PackageId::from_uuid(*op.entity.as_uuid());
    let mut state = load_state(tx, id)?.unwrap_or_default();
    state.apply(op.stamp(), event);
    let package = state.package();
    tx.prepare_cached(
        "INSERT INTO packages (id, name, active, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, active = excluded.active,
             state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        package.as_ref().map(|p| p.name.clone()),
        package.as_ref().is_none_or(|p| p.active),
        to_json(&state),
    ])?;
    Ok(())
}
