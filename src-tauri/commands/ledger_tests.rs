//! A counter for the wallet, ticket and treatment commands' tests: a real
//! database file with the demo staff, someone signed in, and a customer.

use caredesk_store::{NewCustomer, OpFilter};
use jiff::Timestamp;

use crate::approval::Approval;
use crate::database;
use crate::session::Session;

pub struct Counter {
    pub session: Session,
    /// The customer's id, as the UI sends it.
    pub customer: String,
    // Kept so the file outlives the test.
    _dir: tempfile::TempDir,
}

impl Counter {
    /// `name` (Lan 1111, Tuấn 3333, Hoa 1234) signed in, and Trịnh Kim Chi on file.
    pub fn signed_in(name: &str) -> Counter {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
        let mut session = Session::new(store, 5);
        let member = session.store().staff_member(name).expect(name);
        let pin = match name {
            "Lan" => "1111",
            "Tuấn" => "3333",
            "Hoa" => "1234",
            _ => panic!("no demo PIN for {name}"),
        };
        session
            .sign_in(member.id, pin, Timestamp::now())
            .expect("signed in");
        let (store, ctx) = session.acting(Timestamp::now()).expect("acting");
        let customer = store
            .add_customer(
                &ctx,
                NewCustomer {
                    name: "Trịnh Kim Chi".into(),
                    phone: "0933 456 789".into(),
                    ..Default::default()
                },
            )
            .expect("customer")
            .id
            .to_string();
        Counter {
            session,
            customer,
            _dir: dir,
        }
    }

    pub fn approval(&self, manager: &str, pin: &str) -> Approval {
        Approval {
            manager: self
                .session
                .store()
                .staff_member(manager)
                .expect(manager)
                .id,
            pin: pin.into(),
        }
    }

    /// How many ops the file holds.
    pub fn ops(&self) -> usize {
        self.session
            .store()
            .ops(&OpFilter::default())
            .expect("ops")
            .len()
    }

    /// Who approved the newest op, by name.
    pub fn last_approver(&self) -> Option<String> {
        let store = self.session.store();
        let ops = store.ops(&OpFilter::default()).expect("ops");
        let approver = ops.last()?.op.approver?;
        Some(
            store
                .staff_member(&approver.to_string())
                .expect("staff")
                .name,
        )
    }
}
