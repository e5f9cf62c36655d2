//! A counter on a real database file for the commands' tests: the demo
//! staff (Hoa owner 1234, Tuấn manager 3333, Lan receptionist 1111, Minh
//! therapist 2222), one of them signed in.

use caredesk_domain::StaffId;
use caredesk_domain::sale::Tender;
use caredesk_store::{
    LineRef, NewCustomer, NewLine, NewPackage, NewPayment, NewSale, OpFilter, SaleView,
    TreatmentView,
};
use jiff::Timestamp;

use crate::approval::Approval;
use crate::database;
use crate::session::Session;

pub struct Counter {
    pub session: Session,
    /// Holds the database file (and anything a test puts beside it, such
    /// as the counter's settings file) for as long as the counter lives.
    pub dir: tempfile::TempDir,
}

/// A real sync server on 127.0.0.1 (SQLite storage under `dir`) with one
/// branch and one counter slot waiting to be paired; the slot's one-time
/// code.
pub fn server_with_slot(dir: &std::path::Path) -> (caredesk_server::RunningServer, String) {
    use caredesk_server::Storage;
    use caredesk_server::storage::sqlite::SqliteStorage;

    let storage = std::sync::Arc::new(SqliteStorage::open(&dir.join("server")).expect("storage"));
    let server = caredesk_server::start(storage.clone(), "127.0.0.1:0".parse().expect("addr"))
        .expect("server");
    let now = Timestamp::now().as_millisecond();
    let tenant = storage.add_tenant("Spa", now).expect("tenant");
    let branch = storage.add_branch(&tenant, "Q1", now).expect("branch");
    let code = caredesk_server::secret::pairing_code();
    let hash = caredesk_server::secret::code_hash(&code);
    storage
        .add_device(&branch, "Quầy", &hash, now)
        .expect("slot");
    (server, code)
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
    Counter { session, dir }
}

/// A counter with `name` signed in with their demo PIN, and a customer on
/// file (`Counter::customer`): her id as the UI sends it.
pub fn with_customer(name: &str) -> (Counter, String) {
    let mut counter = signed_in(name, demo_pin(name));
    let customer = counter.customer();
    (counter, customer)
}

/// The demo PIN of each demo staff member.
pub fn demo_pin(name: &str) -> &'static str {
    match name {
        "Hoa" => "1234",
        "Tuấn" => "3333",
        "Lan" => "1111",
        "Minh" => "2222",
        _ => panic!("no demo PIN for {name}"),
    }
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

impl Counter {
    /// `manager` approving with `pin`.
    pub fn approval(&self, manager: &str, pin: &str) -> Approval {
        Approval {
            manager: staff(&self.session, manager),
            pin: pin.to_owned(),
        }
    }

    /// Someone else (a demo staff member) signs in at this counter with
    /// their PIN, ending the session before.
    pub fn step_up(&mut self, name: &str) {
        let id = staff(&self.session, name);
        self.session
            .sign_in(id, demo_pin(name), Timestamp::now())
            .expect("steps up to the counter");
    }

    /// Trịnh Kim Chi put on file by whoever is signed in; her id as the UI
    /// sends it.
    pub fn customer(&mut self) -> String {
        self.customer_at(Timestamp::now())
    }

    /// The same, for a test on its own clock.
    pub fn customer_at(&mut self, now: Timestamp) -> String {
        let (store, ctx) = self.session.acting(now).expect("acting");
        store
            .customers_mut()
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
            .to_string()
    }

    /// Two bottles of shampoo (240 000 đồng) sold in cash by whoever is
    /// signed in, through the register's drawer (opened with no float if
    /// it is not open yet).
    pub fn sell_shampoo(&mut self) -> SaleView {
        let (store, ctx) = self.session.acting(Timestamp::now()).expect("signed in");
        if store
            .drawers()
            .register_drawer(&ctx)
            .expect("drawer")
            .open
            .is_none()
        {
            store
                .drawers_mut()
                .open_drawer(&ctx, 0)
                .expect("drawer open");
        }
        let sale = NewSale {
            lines: vec![NewLine {
                what: LineRef::Item {
                    name: "Dầu gội".into(),
                    unit_price: 120_000,
                    quantity: 2,
                },
                discount: None,
            }],
            payments: vec![NewPayment {
                tender: Tender::Cash,
                amount: 240_000,
                reference: String::new(),
            }],
            ..NewSale::default()
        };
        store.sales_mut().record_sale(&ctx, sale).expect("sold")
    }

    /// A 10-session massage card sold to `customer` today, the package
    /// added with the owner's approval.
    pub fn sell_card(&mut self, customer: &str) -> TreatmentView {
        let hoa = self.approval("Hoa", "1234");
        let (store, ctx) = self
            .session
            .acting_approved(Timestamp::now(), Some(&hoa))
            .expect("acting");
        let package = store
            .catalog_mut()
            .add_package(
                &ctx,
                NewPackage {
                    name: "Massage 10 buổi".into(),
                    sessions: 10,
                    valid_days: 90,
                    price: 3_000_000,
                    ..Default::default()
                },
            )
            .expect("package");
        store
            .treatments_mut()
            .sell_treatment(&ctx, customer, &package.id.to_string())
            .expect("sold")
    }

    /// How many ops the file holds: a refusal must not change it.
    pub fn ops(&self) -> u64 {
        self.session.store().log_size().expect("log size")
    }

    /// Who wrote the newest op and who approved it, by name.
    pub fn last_op_by(&self) -> (String, Option<String>) {
        let store = self.session.store();
        let ops = store.ops(&OpFilter::default()).expect("ops");
        let op = &ops.last().expect("an op").op;
        let name = |id: StaffId| store.staff_member(&id.to_string()).expect("staff").name;
        (name(op.actor), op.approver.map(name))
    }

    /// Who approved the newest op, by name.
    pub fn last_approver(&self) -> Option<String> {
        self.last_op_by().1
    }
}
