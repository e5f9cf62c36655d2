//! Who is working at this counter: the open store, the person signed in with
//! their PIN, and when they last did something.
//!
//! Every command that shows or changes customers goes through `acting`, so
//! nothing is read or written while the counter is locked, and every op a
//! command writes names the person signed in. The UI locks the screen after
//! the idle minutes of the counter settings; this side refuses commands a
//! little after the same time, as a backstop for a UI whose timers were
//! paused (a suspended laptop, a throttled window) and so never locked.

use caredesk_domain::StaffId;
use caredesk_store::{Ctx, StaffMember, Store};
use jiff::{SignedDuration, Timestamp};

use crate::approval::Approval;
use crate::error::IpcError;

/// How much longer than the UI's idle lock this side waits: the UI reports
/// activity at most every 30 s (`keep_alive`), and must always lock first.
const IDLE_GRACE: SignedDuration = SignedDuration::from_mins(1);

#[derive(Debug)]
pub struct Session {
    store: Store,
    signed_in: Option<SignedIn>,
    idle_limit: SignedDuration,
    clock: Clock,
}

/// The counter's clock: the wall clock, or for `caredesk serve-ui --now`
/// (the browser tests) the wall clock moved to start at a chosen moment
/// and running on from there, so a test sees the same day whenever it runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    ahead: SignedDuration,
}

impl Clock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: Timestamp) -> Clock {
        Clock {
            ahead: start.duration_since(Timestamp::now()),
        }
    }

    pub fn now(self) -> Timestamp {
        Timestamp::now()
            .checked_add(self.ahead)
            .unwrap_or_else(|_| Timestamp::now())
    }
}

#[derive(Debug, Clone, Copy)]
struct SignedIn {
    staff: StaffId,
    last_active: Timestamp,
}

impl Session {
    pub fn new(store: Store, idle_lock_minutes: u32) -> Session {
        let mut session = Session {
            store,
            signed_in: None,
            idle_limit: SignedDuration::ZERO,
            clock: Clock::default(),
        };
        session.set_idle_lock(idle_lock_minutes);
        session
    }

    /// The store, for what the locked screen may show (the staff to pick
    /// from). Anything about customers goes through `acting`.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Moves the session onto `clock` instead of the wall clock.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// What the counter's clock says.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn set_idle_lock(&mut self, minutes: u32) {
        self.idle_limit = SignedDuration::from_mins(i64::from(minutes)) + IDLE_GRACE;
    }

    /// The store and the context of the person signed in, for a command they
    /// make at `now`; the command counts as activity. `signed_out` when nobody
    /// is, when the session ran out, or when their account was deactivated
    /// since (by the CLI, or a manager at another counter).
    pub fn acting(&mut self, now: Timestamp) -> Result<(&mut Store, Ctx), IpcError> {
        let member = self.current(now)?.ok_or_else(IpcError::signed_out)?;
        self.signed_in = Some(SignedIn {
            staff: member.id,
            last_active: now,
        });
        let ctx = Ctx {
            actor: member.id,
            approver: None,
            now,
        };
        Ok((&mut self.store, ctx))
    }

    /// Like `acting`, for a command a manager may have approved: with an
    /// approval, the manager's PIN is checked (a wrong one is refused, and
    /// counts towards their lockout) and the context names them as approver.
    /// Whether the command needed it is the store's call (`authorize`).
    pub fn acting_approved(
        &mut self,
        now: Timestamp,
        approval: Option<&Approval>,
    ) -> Result<(&mut Store, Ctx), IpcError> {
        let (store, ctx) = self.acting(now)?;
        let ctx = match approval {
            Some(approval) => store.approve(ctx, &approval.manager.to_string(), &approval.pin)?,
            None => ctx,
        };
        Ok((store, ctx))
    }

    /// Who is signed in at `now`, if anyone. Asking is not activity. A session
    /// that ran out, or whose account was deactivated, ends here.
    pub fn current(&mut self, now: Timestamp) -> Result<Option<StaffMember>, IpcError> {
        let Some(signed_in) = self.signed_in else {
            return Ok(None);
        };
        if now.duration_since(signed_in.last_active) > self.idle_limit {
            self.sign_out();
            return Ok(None);
        }
        let member = self.store.staff_member(&signed_in.staff.to_string())?;
        if !member.active {
            self.sign_out();
            return Ok(None);
        }
        Ok(Some(member))
    }

    /// Checks `staff`'s PIN and signs them in. Whoever was signed in is signed
    /// out first, whatever the PIN: someone new is at the keyboard.
    pub fn sign_in(
        &mut self,
        staff: StaffId,
        pin: &str,
        now: Timestamp,
    ) -> Result<StaffMember, IpcError> {
        self.sign_out();
        let ctx = self.store.sign_in(&staff.to_string(), pin, now)?;
        let member = self.store.staff_member(&ctx.actor.to_string())?;
        self.signed_in = Some(SignedIn {
            staff: member.id,
            last_active: now,
        });
        Ok(member)
    }

    pub fn sign_out(&mut self) {
        self.signed_in = None;
    }
}

#[cfg(test)]
mod tests {
    use caredesk_domain::CustomerId;
    use caredesk_store::NewCustomer;

    use super::*;
    use crate::database;

    fn session(dir: &tempfile::TempDir) -> Session {
        let store =
            database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
        Session::new(store, 5)
    }

    fn id_of(session: &Session, name: &str) -> StaffId {
        session.store().staff_member(name).expect(name).id
    }

    fn add_customer(session: &mut Session, now: Timestamp) -> Result<CustomerId, IpcError> {
        let (store, ctx) = session.acting(now)?;
        let customer = store.customers_mut().add_customer(
            &ctx,
            NewCustomer {
                name: "Trịnh Kim Chi".into(),
                phone: "0933 456 789".into(),
                ..Default::default()
            },
        )?;
        Ok(customer.id)
    }

    #[test]
    fn nothing_is_read_or_written_while_nobody_is_signed_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let now = Timestamp::now();
        assert_eq!(session.current(now).expect("asked"), None);
        let refused = add_customer(&mut session, now).expect_err("signed out");
        assert_eq!(refused.code, "signed_out");
        assert_eq!(
            session.acting(now).err().map(|e| e.code),
            Some("signed_out".into())
        );
    }

    #[test]
    fn what_lan_adds_after_signing_in_is_recorded_as_lan_s_until_she_signs_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let now = Timestamp::now();
        let lan = id_of(&session, "Lan");

        let member = session.sign_in(lan, "1111", now).expect("signed in");
        assert_eq!(member.name, "Lan");
        assert_eq!(session.current(now).expect("asked"), Some(member));

        let id = add_customer(&mut session, now).expect("added");
        let customer = session.store().customers().customer(id).expect("stored");
        assert_eq!(customer.created_by, lan);
        assert_eq!(customer.created_by_name.as_deref(), Some("Lan"));

        session.sign_out();
        assert_eq!(session.current(now).expect("asked"), None);
        let refused = add_customer(&mut session, now).expect_err("signed out");
        assert_eq!(refused.code, "signed_out");
    }

    #[test]
    fn a_wrong_pin_signs_nobody_in_and_ends_the_previous_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let now = Timestamp::now();
        session
            .sign_in(id_of(&session, "Lan"), "1111", now)
            .expect("Lan");

        let minh = id_of(&session, "Minh");
        let wrong = session.sign_in(minh, "9999", now).expect_err("wrong PIN");
        assert_eq!(wrong.code, "wrong_pin");
        assert_eq!(wrong.details.get("attempts_left"), Some(&4.into()));
        assert_eq!(
            session.current(now).expect("asked"),
            None,
            "Lan's session ended when Minh stepped up"
        );
    }

    #[test]
    fn the_session_runs_out_a_minute_after_the_idle_lock_and_activity_extends_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let start = Timestamp::now();
        session
            .sign_in(id_of(&session, "Lan"), "1111", start)
            .expect("Lan");

        let later = start + SignedDuration::from_mins(5);
        session.acting(later).expect("within the idle lock");
        let edge = later + SignedDuration::from_mins(6);
        assert!(session.current(edge).expect("asked").is_some(), "grace");
        let gone = edge + SignedDuration::from_secs(1);
        assert_eq!(
            session.acting(gone).err().map(|e| e.code),
            Some("signed_out".into())
        );
        assert_eq!(session.current(start).expect("asked"), None, "ended");
    }

    #[test]
    fn a_shorter_idle_lock_applies_to_the_session_in_progress() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let start = Timestamp::now();
        session
            .sign_in(id_of(&session, "Lan"), "1111", start)
            .expect("Lan");
        session.set_idle_lock(1);
        let later = start + SignedDuration::from_mins(3);
        assert_eq!(session.current(later).expect("asked"), None);
    }

    #[test]
    fn an_approval_names_the_manager_only_with_their_right_pin() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let now = Timestamp::now();
        let lan = id_of(&session, "Lan");
        let tuan = id_of(&session, "Tuấn");
        session.sign_in(lan, "1111", now).expect("Lan");

        let (_, ctx) = session.acting_approved(now, None).expect("Lan acts");
        assert_eq!((ctx.actor, ctx.approver), (lan, None));

        let wrong = Approval {
            manager: tuan,
            pin: "0000".into(),
        };
        let refused = session
            .acting_approved(now, Some(&wrong))
            .expect_err("wrong PIN");
        assert_eq!(refused.code, "wrong_pin");
        assert_eq!(refused.details.get("attempts_left"), Some(&4.into()));

        let right = Approval {
            manager: tuan,
            pin: "3333".into(),
        };
        let (_, ctx) = session.acting_approved(now, Some(&right)).expect("ok");
        assert_eq!((ctx.actor, ctx.approver), (lan, Some(tuan)));
        assert_eq!(
            session.current(now).expect("asked").map(|m| m.id),
            Some(lan),
            "an approval does not sign the manager in"
        );
    }

    #[test]
    fn deactivating_the_person_signed_in_ends_their_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(&dir);
        let now = Timestamp::now();
        let lan = id_of(&session, "Lan");
        session.sign_in(lan, "1111", now).expect("Lan");

        // The owner deactivates Lan from the CLI, on the same file.
        let mut cli = Store::open(session.store().path()).expect("second handle");
        let owner = cli.context(None).expect("owner");
        cli.set_staff_active(&owner, "Lan", false)
            .expect("deactivated");

        assert_eq!(
            session.acting(now).err().map(|e| e.code),
            Some("signed_out".into())
        );
        let refused = session.sign_in(lan, "1111", now).expect_err("inactive");
        assert_eq!(refused.code, "staff_inactive");
    }
}
