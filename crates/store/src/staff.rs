//! The staff projection, and finding who is acting.

use caredesk_domain::id::StaffId;
use caredesk_domain::op::Op;
use caredesk_domain::staff::{Role, StaffEvent, StaffState};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::business::to_json;
use crate::error::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Whether a PIN is set (the hash itself never leaves the store).
    pub has_pin: bool,
}

pub(crate) fn load(conn: &Connection, id: StaffId) -> Result<Option<StaffState>> {
    conn.prepare_cached("SELECT state FROM staff WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("staff state {id}: {e}")))
        })
        .transpose()
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &StaffEvent) -> Result<()> {
    let id = StaffId::from_uuid(*op.entity.as_uuid());
    if id.is_system() {
        // The system is no one: an op that names it as staff (a forged or
        // broken log) stays in the log and makes no account, so no one can
        // sign in, act or approve as it, nor become the default owner.
        return Ok(());
    }
    let mut state = load(tx, id)?.unwrap_or_else(|| StaffState::new(id));
    state.apply(op.stamp(), event);
    tx.prepare_cached(
        "INSERT INTO staff (id, name, role, active, pin_hash, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
             active = excluded.active, pin_hash = excluded.pin_hash, state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        state.name(),
        state.role().map(Role::as_str),
        state.is_active(),
        state.pin_hash(),
        to_json(&state),
    ])?;
    Ok(())
}

/// All staff, active or not, by name then id.
pub(crate) fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, name, role, active, pin_hash IS NOT NULL FROM staff
         WHERE name IS NOT NULL AND role IS NOT NULL ORDER BY name, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, bool>(3)?,
            row.get::<_, bool>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (id, name, role, active, has_pin) = row?;
        Ok(StaffMember {
            id: id
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("staff id {id:?}")))?,
            name,
            role: role
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("staff role {role:?}")))?,
            active,
            has_pin,
        })
    })
    .collect()
}

/// A staff member by id, or by name ignoring case and diacritics.
pub(crate) fn find(conn: &Connection, who: &str) -> Result<StaffMember> {
    let members = list(conn)?;
    let by_id = who.parse::<StaffId>().ok();
    let wanted = caredesk_domain::text::fold(who);
    let found = members.iter().find(|m| Some(m.id) == by_id).or_else(|| {
        let mut named = members
            .iter()
            .filter(|m| caredesk_domain::text::fold(&m.name) == wanted);
        // Two staff with the same name must be told apart by id.
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    });
    found
        .cloned()
        .ok_or_else(|| StoreError::StaffNotFound(who.to_owned()))
}

/// A staff member who may act: found, and active.
pub(crate) fn acting(conn: &Connection, who: &str) -> Result<StaffMember> {
    let member = find(conn, who)?;
    if member.active {
        Ok(member)
    } else {
        Err(StoreError::StaffInactive(member.name))
    }
}

/// The active owner account with the smallest id: the default actor.
pub(crate) fn owner(conn: &Connection) -> Result<StaffMember> {
    list(conn)?
        .into_iter()
        .filter(|m| m.role == Role::Owner && m.active)
        .min_by_key(|m| m.id)
        .ok_or_else(|| StoreError::Corrupt("the business has no active owner".to_owned()))
}

/// The name an op's actor goes by: a staff member's, or the system's in
/// `lang` (the system has no staff row).
pub(crate) fn actor_name(
    conn: &Connection,
    id: StaffId,
    lang: crate::Lang,
) -> Result<Option<String>> {
    if id.is_system() {
        return Ok(Some(
            caredesk_words::words(lang).get("audit.system").to_owned(),
        ));
    }
    name_of(conn, id)
}

pub(crate) fn name_of(conn: &Connection, id: StaffId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM staff WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .flatten())
}

pub(crate) fn member(conn: &Connection, id: StaffId) -> Result<StaffMember> {
    list(conn)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| StoreError::StaffNotFound(id.to_string()))
}
