//! The business entity: its settings, and setting up a new database.

use caredesk_domain::Action;
use caredesk_domain::business::{
    BusinessConfigured, BusinessEvent, BusinessSettings, BusinessState,
};
use caredesk_domain::id::BUSINESS_ENTITY;
use caredesk_domain::op::Op;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

/// What `init` needs to know.
#[derive(Debug, Clone)]
pub struct InitSettings {
    pub business: BusinessSettings,
    /// The owner account's display name.
    pub owner_name: String,
    /// The owner's PIN (4-8 digits); without one, the owner sets it later.
    pub owner_pin: Option<String>,
    /// This register's short code; random when not given.
    pub register_code: Option<String>,
}

impl Default for InitSettings {
    fn default() -> Self {
        InitSettings {
            business: BusinessSettings::for_country(caredesk_domain::Country::Vietnam),
            owner_name: "Owner".to_owned(),
            owner_pin: None,
            register_code: None,
        }
    }
}

impl Store {
    /// Renames the business, or changes its address, tax code, time zone or
    /// customer code prefix (a manager's action). The country and currency
    /// stay as `init` set them; an edit that changes nothing writes nothing.
    pub fn set_business(
        &mut self,
        ctx: &Ctx,
        settings: BusinessSettings,
    ) -> Result<BusinessSettings> {
        let settings = self.settings.edited(settings)?;
        if settings == self.settings {
            return Err(StoreError::NothingToChange);
        }
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            entity(),
            BusinessEvent::from(BusinessConfigured { settings }),
        )?;
        writer.commit()?;
        // Read back through the fold: a newer edit from another counter may
        // already sort after this one.
        self.settings = load_settings(&self.conn)?;
        Ok(self.settings.clone())
    }
}

pub(crate) fn load_state(conn: &Connection) -> Result<BusinessState> {
    Ok(conn
        .prepare_cached("SELECT state FROM business WHERE singleton = 1")?
        .query_row([], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("business state: {e}")))?
        .unwrap_or_default())
}

/// Folds a settings op. When it changes the time zone that holds (here or
/// arriving by sync, and only if it sorts last), every stored business day
/// moves to the new zone in the same transaction (`days::rezone`).
pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &BusinessEvent) -> Result<()> {
    let mut state = load_state(tx)?;
    let zone_before = state.settings.as_ref().map(|(s, _)| s.timezone.clone());
    state.apply(op.stamp(), event);
    let Some((settings, _)) = &state.settings else {
        return Ok(());
    };
    tx.execute(
        "INSERT INTO business (singleton, settings, state) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO UPDATE SET settings = excluded.settings, state = excluded.state",
        params![to_json(settings), to_json(&state)],
    )?;
    if zone_before.as_deref() != Some(settings.timezone.as_str()) {
        crate::days::rezone(tx, &settings.time_zone())?;
    }
    Ok(())
}

pub(crate) fn load_settings(conn: &Connection) -> Result<BusinessSettings> {
    try_load_settings(conn)?
        .ok_or_else(|| StoreError::Corrupt("the business has no settings".to_owned()))
}

/// `None` on a counter that joined a branch and has not pulled yet.
pub(crate) fn try_load_settings(conn: &Connection) -> Result<Option<BusinessSettings>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT settings FROM business WHERE singleton = 1")?
        .query_row([], |row| row.get(0))
        .optional()?;
    json.map(|json| {
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("business settings: {e}")))
    })
    .transpose()
}

pub(crate) const fn entity() -> caredesk_domain::EntityId {
    BUSINESS_ENTITY
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("projection state serialises to JSON")
}
