//! The real server for the sync tests, on 127.0.0.1:0, that a fault can
//! restart mid-request: stopped like a killed process, then started again on
//! the same port from what its storage holds.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use caredesk_server::storage::postgres::PostgresStorage;
use caredesk_server::storage::sqlite::SqliteStorage;
use caredesk_server::{RunningServer, Storage};

/// Where the server keeps its data.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A SQLite file in its own temporary directory.
    Sqlite,
    /// A fresh database on this PostgreSQL server (`postgres://.../db`).
    Postgres(String),
}

impl Backend {
    /// PostgreSQL from `CAREDESK_TEST_POSTGRES` (make test starts one);
    /// `None` when it is not set, which fails under
    /// `CAREDESK_REQUIRE_POSTGRES=1`.
    pub fn postgres_from_env() -> Option<Backend> {
        match std::env::var("CAREDESK_TEST_POSTGRES") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres(url)),
            _ => {
                assert!(
                    std::env::var("CAREDESK_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                    "CAREDESK_REQUIRE_POSTGRES=1 but CAREDESK_TEST_POSTGRES is not set: \
                     start one with scripts/test-postgres.sh"
                );
                eprintln!("CAREDESK_TEST_POSTGRES not set: skipping the PostgreSQL run");
                None
            }
        }
    }
}

#[derive(Debug)]
enum Place {
    Sqlite(tempfile::TempDir),
    Postgres(String),
}

/// The server and how to bring it back.
pub struct Server {
    place: Place,
    addr: SocketAddr,
    running: Mutex<Option<RunningServer>>,
    storage: Mutex<Arc<dyn Storage>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Server {
    pub fn start(backend: &Backend) -> Arc<Server> {
        let place = match backend {
            Backend::Sqlite => Place::Sqlite(tempfile::tempdir().expect("server dir")),
            Backend::Postgres(base) => Place::Postgres(fresh_database(base)),
        };
        let storage = open(&place);
        let running =
            caredesk_server::start(Arc::clone(&storage), "127.0.0.1:0".parse().expect("addr"))
                .expect("server starts");
        Arc::new(Server {
            place,
            addr: running.addr(),
            running: Mutex::new(Some(running)),
            storage: Mutex::new(storage),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn storage(&self) -> Arc<dyn Storage> {
        Arc::clone(&self.storage.lock().expect("storage lock"))
    }

    /// Kills the server and starts a new one on the same port, on storage
    /// opened again from disk.
    pub fn restart(&self) {
        let mut running = self.running.lock().expect("server lock");
        if let Some(server) = running.take() {
            server.stop();
        }
        let storage = open(&self.place);
        *self.storage.lock().expect("storage lock") = Arc::clone(&storage);
        // The port was just freed; binding it again can race the kernel.
        let mut tries = 0;
        let server = loop {
            match caredesk_server::start(Arc::clone(&storage), self.addr) {
                Ok(server) => break server,
                Err(e) if tries < 50 => {
                    tries += 1;
                    eprintln!("restart: {e}; trying again");
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => panic!("the server does not come back on {}: {e}", self.addr),
            }
        };
        *running = Some(server);
    }
}

fn open(place: &Place) -> Arc<dyn Storage> {
    match place {
        Place::Sqlite(dir) => Arc::new(SqliteStorage::open(dir.path()).expect("sqlite storage")),
        Place::Postgres(url) => Arc::new(PostgresStorage::connect(url).expect("postgres storage")),
    }
}

/// A new, empty database on the PostgreSQL server of `base`, so that runs
/// never see each other's data.
fn fresh_database(base: &str) -> String {
    let name = format!("caredesk_sync_{}", uuid::Uuid::now_v7().simple());
    let mut admin =
        postgres::Client::connect(base, postgres::NoTls).expect("connect to PostgreSQL");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    let cut = base.rfind('/').expect("a postgres:// URL names a database");
    let (head, tail) = base.split_at(cut);
    let query = tail.find('?').map(|q| &tail[q..]).unwrap_or("");
    format!("{head}/{name}{query}")
}
