//! Packages in the catalog: what the counter sells as a punch card.

use caredesk_domain::Action;
use caredesk_domain::catalog;
use caredesk_domain::id::PackageId;
use caredesk_domain::money::Money;
use caredesk_domain::op::Op;
use caredesk_domain::package::{self, Package, PackageAdded, PackageEvent, PackageState};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageInfo {
    pub id: PackageId,
    #[serde(flatten)]
    pub package: Package,
}

impl Store {
    pub fn add_package(&mut self, ctx: &Ctx, input: NewPackage) -> Result<PackageInfo> {
        let name = catalog::check_catalog_name("package name", &input.name)?;
        let sessions = package::check_sessions(input.sessions)?;
        let valid_days = package::check_valid_days(input.valid_days)?;
        let price = catalog::check_price(Money::new(input.price, self.settings.currency))?;
        let service = input
            .service
            .as_deref()
            .map(|s| self.find_service(s).map(|s| s.id))
            .transpose()?;
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
            }),
        )?;
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
