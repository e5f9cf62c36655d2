//! A counter on a real database file for the commands' tests: the demo
//! staff (Hoa owner 1234, Tuấn manager 3333, Lan receptionist 1111, Minh
//! therapist 2222), one of them signed in.

use caredesk_domain::StaffId;
use jiff::Timestamp;

use crate::approval::Approval;
use crate::database;
use crate::session::Session;

pub struct Counter {
    pub session: Session,
    // Kept so the file outlives the session.
    _dir: tempfile::TempDir,
}

/// A counter with `name` signed in with their PIN.
pub fn signed_in(name: &str, pin: &str) -> Counter {
    let dir = tempfile::tempdir().expect("temp dir");
    let store =
        database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("a new counter");
    let mut session = Session::new(store, 240);
    let id = staff(&session, name);
    session
        .sign_in(id, pin, Timestamp::now())
        .expect("signed in");
    Counter { session, _dir: dir }
}

pub fn staff(session: &Session, name: &str) -> StaffId {
    session.store().staff_member(name).expect(name).id
}

/// Tuấn (the demo manager) approving with his PIN, or a wrong one.
pub fn tuan(session: &Session, pin: &str) -> Approval {
    Approval {
        manager: staff(session, "Tuấn"),
        pin: pin.to_owned(),
    }
}
