//! What every storage test starts from: a fresh, empty storage of either
//! backend, and small builders for tenants, counters and ops.
//!
//! PostgreSQL comes from `CAREDESK_TEST_POSTGRES` (`make test` starts one
//! with scripts/test-postgres.sh): each test gets a database of its own,
//! created through that URL and dropped when the test ends, so tests run in
//! parallel without seeing each other's ops.

use std::fmt::Debug;
use std::sync::{Arc, Barrier};

use caredesk_domain::clock::Hlc;
use caredesk_domain::id::{CustomerId, DeviceId, EntityId, OpId, StaffId};
use caredesk_domain::op::Op;
use caredesk_protocol::Paired;
use caredesk_server::storage::Pairing;
use caredesk_server::storage::postgres::PostgresStorage;
use caredesk_server::storage::sqlite::SqliteStorage;
use caredesk_server::{Device, Result, ServerError, Storage, secret};

/// A fixed "now" for the tests: 2025-06-15, unix ms.
pub const NOW: i64 = 1_750_000_000_000;

/// The URL of a PostgreSQL the tests may create databases in.
pub const POSTGRES_VAR: &str = "CAREDESK_TEST_POSTGRES";
/// Set to 1 (`make test` does) to fail, not skip, without PostgreSQL.
pub const REQUIRE_VAR: &str = "CAREDESK_REQUIRE_POSTGRES";

/// A fresh storage, and the means to open a second instance on the same
/// data (a second server process).
pub struct Backend {
    pub name: &'static str,
    pub storage: Arc<dyn Storage>,
    // Dropped after the storage: the files, the database.
    data: Data,
    admin: Option<String>,
}

impl Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Backend {
    pub fn run_sqlite(test: fn(&Backend)) {
        let data = Data::sqlite();
        let backend = Backend {
            name: "sqlite",
            storage: data.open().expect("SQLite storage opens"),
            data,
            admin: None,
        };
        test(&backend);
    }

    pub fn run_postgres(test: fn(&Backend)) {
        let Some(admin) = postgres_admin() else {
            return;
        };
        let data = Data::postgres(&admin);
        let backend = Backend {
            name: "postgres",
            storage: data.open().expect("PostgreSQL storage connects"),
            data,
            admin: Some(admin),
        };
        test(&backend);
    }

    pub fn storage(&self) -> &dyn Storage {
        &*self.storage
    }

    /// Another instance on the same data, as a second server would open it.
    pub fn another_instance(&self) -> Arc<dyn Storage> {
        self.data.open().expect("a second instance opens")
    }

    /// Another, empty place for data of this backend, no schema yet.
    pub fn fresh_data(&self) -> Data {
        match &self.admin {
            Some(admin) => Data::postgres(admin),
            None => Data::sqlite(),
        }
    }
}

/// The URL tests may create databases through; `None` to skip a test
/// (with a note), a panic when PostgreSQL is required.
fn postgres_admin() -> Option<String> {
    if let Some(url) = std::env::var(POSTGRES_VAR)
        .ok()
        .filter(|url| !url.is_empty())
    {
        return Some(url);
    }
    if std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1") {
        panic!(
            "{POSTGRES_VAR} is not set and {REQUIRE_VAR}=1: these tests need a PostgreSQL \
             (eval \"$(scripts/test-postgres.sh env)\" starts one)"
        );
    }
    eprintln!(
        "skipped: {POSTGRES_VAR} is not set (eval \"$(scripts/test-postgres.sh env)\" \
         starts a PostgreSQL for these tests)"
    );
    None
}

/// Where a storage keeps its data: a directory or a database, removed when
/// this is dropped.
pub enum Data {
    Sqlite(tempfile::TempDir),
    Postgres(PgDatabase),
}

impl Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Data::Sqlite(dir) => write!(f, "Sqlite({})", dir.path().display()),
            Data::Postgres(db) => write!(f, "Postgres({})", db.name),
        }
    }
}

impl Data {
    fn sqlite() -> Data {
        Data::Sqlite(tempfile::tempdir().expect("a temporary directory"))
    }

    fn postgres(admin: &str) -> Data {
        Data::Postgres(PgDatabase::create(admin))
    }

    /// A storage on this data, as a server process opens it.
    pub fn open(&self) -> Result<Arc<dyn Storage>> {
        Ok(match self {
            Data::Sqlite(dir) => Arc::new(SqliteStorage::open(dir.path())?),
            Data::Postgres(db) => Arc::new(PostgresStorage::connect(&db.url)?),
        })
    }
}

/// A database of one test's own, dropped with it.
pub struct PgDatabase {
    admin: String,
    name: String,
    url: String,
}

impl PgDatabase {
    fn create(admin: &str) -> PgDatabase {
        let name = format!("caredesk_t_{}", uuid::Uuid::now_v7().simple());
        let mut client = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {POSTGRES_VAR}={admin}: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("CREATE DATABASE for the test");
        PgDatabase {
            admin: admin.to_owned(),
            url: with_database(admin, &name),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // FORCE: the storages' pooled connections may still be open.
        let dropped = postgres::Client::connect(&self.admin, postgres::NoTls).and_then(|mut c| {
            c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
        });
        if let Err(e) = dropped {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

/// The same server and options, another database: a URL
/// (`postgres://user@host:port/db?opts`) or `key=value` settings.
fn with_database(url: &str, name: &str) -> String {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return format!("{url} dbname={name}");
    }
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}

// --- builders -------------------------------------------------------------

/// A tenant with one branch.
pub fn tenant(storage: &dyn Storage, name: &str) -> (String, String) {
    let tenant = storage.add_tenant(name, NOW).expect("add_tenant");
    let branch = storage
        .add_branch(&tenant, "Main street", NOW)
        .expect("add_branch");
    (tenant, branch)
}

/// A device slot and the code that pairs it.
pub fn slot(storage: &dyn Storage, branch: &str, now: i64) -> (String, String) {
    let code = secret::pairing_code();
    let device = storage
        .add_device(branch, "Front desk", &secret::code_hash(&code), now)
        .expect("add_device");
    (device, code)
}

/// What a counter sends to pair with `code`.
pub fn pairing(code: &str, op_device: DeviceId, register_code: &str, ops: u64) -> Pairing {
    let token = secret::device_token();
    Pairing {
        code_hash: secret::code_hash(code),
        op_device,
        register_code: register_code.to_owned(),
        ops,
        token_hash: secret::hash(&token),
        token,
    }
}

/// A paired counter, as its token authenticates it.
#[derive(Debug, Clone)]
pub struct Counter {
    pub device: Device,
    pub paired: Paired,
    pub token_hash: String,
}

impl Counter {
    pub fn op_device(&self) -> DeviceId {
        self.device.op_device
    }
}

/// Pairs a new, empty counter on the branch.
pub fn counter(storage: &dyn Storage, branch: &str) -> Counter {
    let (_, code) = slot(storage, branch, NOW);
    let pairing = pairing(&code, DeviceId::new(), "A01", 0);
    let paired = storage.pair(&pairing, NOW).expect("a fresh code pairs");
    let device = storage
        .authenticate(&pairing.token_hash, NOW)
        .expect("a new token authenticates");
    Counter {
        device,
        paired,
        token_hash: pairing.token_hash,
    }
}

pub fn new_entity() -> EntityId {
    CustomerId::new().into()
}

/// An op of `device` at `device_seq`, on `entity`.
pub fn op(device: DeviceId, device_seq: u64, entity: EntityId) -> Op {
    Op {
        id: OpId::new(),
        device_id: device,
        device_seq,
        hlc: Hlc::new(NOW as u64 + device_seq, 0),
        actor: StaffId::new(),
        approver: None,
        kind: "test.noted".to_owned(),
        schema: 1,
        entity,
        body: serde_json::json!({ "device_seq": device_seq, "note": "x" }),
    }
}

/// Ops `from..=to` of `device`, each on an entity of its own.
pub fn ops(device: DeviceId, from: u64, to: u64) -> Vec<Op> {
    (from..=to)
        .map(|seq| op(device, seq, new_entity()))
        .collect()
}

/// The refusal a call must end in: its status and code, as HTTP sends them.
#[track_caller]
pub fn refused<T: Debug>(result: Result<T>, status: u16, code: &str) -> ServerError {
    match result {
        Ok(value) => panic!("expected a {status} {code} refusal, got Ok({value:?})"),
        Err(error) => {
            assert_eq!(
                (error.status(), error.code()),
                (status, code),
                "refused with another status or code: {error}"
            );
            assert!(
                matches!(error, ServerError::Refused { .. }),
                "a refusal, not a storage failure: {error:?}"
            );
            error
        }
    }
}

/// Every op `device` can pull, from the start, in pages of `limit`.
pub fn pull_all(storage: &dyn Storage, device: &Device, limit: usize) -> Vec<Op> {
    let mut after = 0;
    let mut pulled = Vec::new();
    loop {
        let page = storage.pull(device, after, limit).expect("pull");
        assert!(page.next >= after, "the cursor never goes back");
        pulled.extend(page.ops);
        after = page.next;
        if !page.more {
            return pulled;
        }
    }
}

/// Runs `f(0..n)` on `n` threads released at once.
pub fn race<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let start = Barrier::new(n);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (start, f) = (&start, &f);
                scope.spawn(move || {
                    start.wait();
                    f(i)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a racing thread panicked"))
            .collect()
    })
}

#[test]
fn another_database_keeps_server_and_options() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:55432/caredesk_test", "t1"),
        "postgres://postgres@127.0.0.1:55432/t1"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable&x=1", "t2"),
        "postgresql://u:p@h/t2?sslmode=disable&x=1"
    );
    assert_eq!(with_database("postgres://h:1", "t3"), "postgres://h:1/t3");
    assert_eq!(
        with_database("host=h user=u", "t4"),
        "host=h user=u dbname=t4"
    );
}
