//! Who may do what: PIN checks with lockout, approvals, the permission check
//! guarded commands make, and the commands that manage staff accounts.
//!
//! PIN hashes travel in the op log (`staff.pin_set`), so every counter of
//! the business can check a PIN offline. Wrong attempts are counted per
//! counter in `pin_attempts`, outside the log: a lockout protects this
//! keyboard, and failed guesses are not business facts to sync.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use caredesk_domain::customer::check_name;
use caredesk_domain::id::StaffId;
use caredesk_domain::permission::Action;
use caredesk_domain::staff::{
    Role, StaffActivity, StaffEvent, StaffJoined, StaffPinSet, StaffRoleChanged, check_pin,
};
use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Result, StoreError};
use crate::staff::{self, StaffMember};
use crate::{Ctx, Store};

/// Wrong PINs in a row before an account locks on this counter.
pub const MAX_PIN_FAILURES: u32 = 5;
/// How long a locked account stays locked.
pub const PIN_LOCKOUT: SignedDuration = SignedDuration::from_mins(5);

/// A staff account as a manager enters it.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub name: String,
    pub role: Role,
    pub pin: Option<String>,
}

impl Store {
    /// Checks `who`'s PIN at `now`. The fifth wrong PIN in a row locks the
    /// account on this counter for `PIN_LOCKOUT`; a right PIN resets the
    /// count. While locked, even the right PIN is refused.
    pub fn check_pin(&mut self, who: &str, pin: &str, now: Timestamp) -> Result<StaffMember> {
        let member = staff::acting(&self.conn, who)?;
        let (failures, locked_until) = attempts(&self.conn, member.id)?;
        if let Some(until) = locked_until.filter(|until| *until > now) {
            return Err(StoreError::AccountLocked {
                name: member.name,
                until: self.format_time(until),
            });
        }
        let hash = staff::load(&self.conn, member.id)?
            .and_then(|state| state.pin_hash().map(str::to_owned))
            .ok_or_else(|| StoreError::NoPin(member.name.clone()))?;
        if verify(pin, &hash) {
            self.conn
                .prepare_cached("DELETE FROM pin_attempts WHERE staff_id = ?1")?
                .execute([member.id.to_string()])?;
            return Ok(member);
        }
        // A lock that has run out starts a fresh count.
        let failures = if locked_until.is_some() {
            1
        } else {
            failures + 1
        };
        let lock = (failures >= MAX_PIN_FAILURES).then(|| now + PIN_LOCKOUT);
        self.conn
            .prepare_cached(
                "INSERT INTO pin_attempts (staff_id, failures, locked_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures,
                                                      locked_until = excluded.locked_until",
            )?
            .execute(params![
                member.id.to_string(),
                failures,
                lock.map(|t| t.as_millisecond())
            ])?;
        match lock {
            Some(until) => Err(StoreError::AccountLocked {
                name: member.name,
                until: self.format_time(until),
            }),
            None => Err(StoreError::WrongPin {
                name: member.name,
                attempts_left: MAX_PIN_FAILURES - failures,
            }),
        }
    }

    /// Signs `who` in with their PIN: the context every command they run
    /// afterwards takes, so each op names them as its actor.
    pub fn sign_in(&mut self, who: &str, pin: &str, now: Timestamp) -> Result<Ctx> {
        let member = self.check_pin(who, pin, now)?;
        Ok(Ctx {
            actor: member.id,
            approver: None,
            now,
        })
    }

    /// Adds a manager's approval to `ctx` after checking their PIN. Whether
    /// their role may approve a given action is checked by the command.
    pub fn approve(&mut self, ctx: Ctx, who: &str, pin: &str) -> Result<Ctx> {
        let approver = self.check_pin(who, pin, ctx.now)?;
        Ok(Ctx {
            approver: Some(approver.id),
            ..ctx
        })
    }

    /// The person whose authority lets `ctx` do `action`: the actor when
    /// their role may, else the approver when theirs may. Guarded commands
    /// call this before writing.
    pub fn authorize(&self, ctx: &Ctx, action: Action) -> Result<StaffMember> {
        authorize(&self.conn, ctx, action)
    }

    pub fn add_staff(&mut self, ctx: &Ctx, input: NewStaff) -> Result<StaffMember> {
        let name = check_name(&input.name)?;
        let hash = input.pin.as_deref().map(hash_pin).transpose()?;
        let decider = self.authorize(ctx, Action::ManageStaff)?;
        appoint(&decider, input.role)?;
        let wanted = caredesk_domain::text::fold(&name);
        if staff::list(&self.conn)?
            .iter()
            .any(|m| m.active && caredesk_domain::text::fold(&m.name) == wanted)
        {
            return Err(StoreError::DuplicateStaff(name));
        }
        let id = StaffId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(
            id,
            StaffEvent::Joined(StaffJoined {
                name,
                role: input.role,
            }),
        )?;
        if let Some(pin_hash) = hash {
            writer.append(id, StaffEvent::PinSet(StaffPinSet { pin_hash }))?;
        }
        writer.commit()?;
        staff::member(&self.conn, id)
    }

    /// Sets a PIN: anyone their own; a manager anyone's they could appoint.
    pub fn set_staff_pin(&mut self, ctx: &Ctx, who: &str, pin: &str) -> Result<StaffMember> {
        let target = staff::find(&self.conn, who)?;
        let pin_hash = hash_pin(pin)?;
        if target.id != ctx.actor {
            let decider = self.authorize(ctx, Action::ManageStaff)?;
            appoint(&decider, target.role)?;
        }
        let mut writer = self.writer(ctx)?;
        writer.append(target.id, StaffEvent::PinSet(StaffPinSet { pin_hash }))?;
        writer.commit()?;
        self.conn
            .prepare_cached("DELETE FROM pin_attempts WHERE staff_id = ?1")?
            .execute([target.id.to_string()])?;
        staff::member(&self.conn, target.id)
    }

    pub fn set_staff_role(&mut self, ctx: &Ctx, who: &str, role: Role) -> Result<StaffMember> {
        let target = staff::find(&self.conn, who)?;
        let decider = self.authorize(ctx, Action::ManageStaff)?;
        appoint(&decider, target.role)?;
        appoint(&decider, role)?;
        if target.role == role {
            return Ok(target);
        }
        if target.role == Role::Owner {
            keep_an_owner(&self.conn, &target)?;
        }
        let mut writer = self.writer(ctx)?;
        writer.append(
            target.id,
            StaffEvent::RoleChanged(StaffRoleChanged { role }),
        )?;
        writer.commit()?;
        staff::member(&self.conn, target.id)
    }

    /// Deactivates (or reactivates) an account. History stays; the person
    /// can no longer sign in or act.
    pub fn set_staff_active(&mut self, ctx: &Ctx, who: &str, active: bool) -> Result<StaffMember> {
        let target = staff::find(&self.conn, who)?;
        let decider = self.authorize(ctx, Action::ManageStaff)?;
        appoint(&decider, target.role)?;
        if target.active == active {
            return Ok(target);
        }
        if !active && target.role == Role::Owner {
            keep_an_owner(&self.conn, &target)?;
        }
        let mut writer = self.writer(ctx)?;
        writer.append(target.id, StaffEvent::ActivitySet(StaffActivity { active }))?;
        writer.commit()?;
        staff::member(&self.conn, target.id)
    }
}

pub(crate) fn authorize(conn: &Connection, ctx: &Ctx, action: Action) -> Result<StaffMember> {
    let actor = staff::member(conn, ctx.actor)?;
    if !actor.active {
        return Err(StoreError::StaffInactive(actor.name));
    }
    if actor.role.may(action) {
        return Ok(actor);
    }
    let Some(approver) = ctx.approver else {
        return Err(StoreError::PermissionDenied {
            name: actor.name,
            role: actor.role,
            action,
        });
    };
    let approver = staff::member(conn, approver)?;
    if !approver.active {
        return Err(StoreError::StaffInactive(approver.name));
    }
    if approver.role.may_approve(action) {
        Ok(approver)
    } else {
        Err(StoreError::CannotApprove {
            name: approver.name,
            role: approver.role,
            action,
        })
    }
}

fn appoint(decider: &StaffMember, role: Role) -> Result<()> {
    if decider.role.may_appoint(role) {
        Ok(())
    } else {
        Err(StoreError::CannotAppoint {
            name: decider.name.clone(),
            role: decider.role,
            wanted: role,
        })
    }
}

fn keep_an_owner(conn: &Connection, leaving: &StaffMember) -> Result<()> {
    let others = staff::list(conn)?
        .iter()
        .filter(|m| m.role == Role::Owner && m.active && m.id != leaving.id)
        .count();
    if others == 0 {
        Err(StoreError::LastOwner(leaving.name.clone()))
    } else {
        Ok(())
    }
}

fn attempts(conn: &Connection, id: StaffId) -> Result<(u32, Option<Timestamp>)> {
    let row: Option<(u32, Option<i64>)> = conn
        .prepare_cached("SELECT failures, locked_until FROM pin_attempts WHERE staff_id = ?1")?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (failures, until) = row.unwrap_or((0, None));
    let until = until
        .map(Timestamp::from_millisecond)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("lockout time: {e}")))?;
    Ok((failures, until))
}

/// Argon2id with the crate's default cost (19 MiB, 2 passes): tens of
/// milliseconds at the counter, expensive for someone who copied the file.
pub(crate) fn hash_pin(pin: &str) -> Result<String> {
    let pin = check_pin(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Corrupt(format!("cannot hash a PIN: {e}")))
}

fn verify(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}
