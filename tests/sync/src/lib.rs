//! The sync test harness: a real server on 127.0.0.1:0, counters on their
//! own SQLite files, random work on every counter across the features,
//! random offline periods, and faults on the wire. After everyone syncs,
//! `check_converged` holds the system to its promise: the same bytes on
//! every counter, every op on the server exactly once, ledgers that add up,
//! and the same conflicts listed everywhere.

pub mod faults;
pub mod server;
pub mod spa;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use caredesk_store::Store;
use caredesk_sync::SyncError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use crate::faults::{Fault, Faulty};
pub use crate::server::{Backend, Server};

/// One counter: its database file, its store (reopened after a kill) and
/// its link to the server.
pub struct Counter {
    pub name: String,
    pub path: PathBuf,
    pub store: Store,
    pub wire: Faulty,
    pub online: bool,
}

impl std::fmt::Debug for Counter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counter")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Counter {
    /// Syncs; a killed counter is "restarted": its store opened again from
    /// the file, holding only what was committed.
    pub fn sync(&mut self) -> Result<caredesk_sync::SyncReport, SyncError> {
        let result = caredesk_sync::sync(&mut self.store, &mut self.wire);
        if self.wire.killed {
            self.store = Store::open(&self.path).expect("the counter opens again after a kill");
            self.wire.clear();
        }
        result
    }

    /// Syncs until a sync goes through with nothing planned to fail.
    pub fn sync_clean(&mut self) -> caredesk_sync::SyncReport {
        self.wire.clear();
        self.sync()
            .unwrap_or_else(|e| panic!("{} cannot sync: {e}", self.name))
    }
}

/// The server and its counters, in one temporary directory.
pub struct Cluster {
    pub server: Arc<Server>,
    pub counters: Vec<Counter>,
    pub branch: String,
    dir: tempfile::TempDir,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("counters", &self.counters)
            .finish_non_exhaustive()
    }
}

impl Cluster {
    /// A server with one tenant and branch, and the first counter: the spa
    /// of `spa::set_up`, paired and pushed.
    pub fn new(backend: &Backend) -> Cluster {
        let server = Server::start(backend);
        let storage = server.storage();
        let now = jiff::Timestamp::now().as_millisecond();
        let tenant = storage.add_tenant("Spa Hoa Sen", now).expect("tenant");
        let branch = storage.add_branch(&tenant, "Quận 1", now).expect("branch");
        let dir = tempfile::tempdir().expect("counters dir");
        let path = dir.path().join("counter-0.db");
        let store = spa::set_up(&path);
        let mut cluster = Cluster {
            server,
            counters: Vec::new(),
            branch,
            dir,
        };
        cluster.pair(store, path);
        cluster.counters[0].sync_clean();
        cluster
    }

    /// A new, empty counter that joins the branch, pulls everything and
    /// opens its drawer.
    pub fn join(&mut self) -> &mut Counter {
        let path = self
            .dir
            .path()
            .join(format!("counter-{}.db", self.counters.len()));
        let store = Store::join(&path, None).expect("join");
        self.pair(store, path);
        let counter = self.counters.last_mut().expect("just paired");
        counter.sync_clean();
        // Its own register's drawer, once it knows the business.
        spa::open_drawer(&mut counter.store);
        counter.sync_clean();
        counter
    }

    fn pair(&mut self, mut store: Store, path: PathBuf) {
        let code = caredesk_server::secret::pairing_code();
        let storage = self.server.storage();
        let now = jiff::Timestamp::now().as_millisecond();
        storage
            .add_device(
                &self.branch,
                "Quầy",
                &caredesk_server::secret::code_hash(&code),
                now,
            )
            .expect("device slot");
        let mut wire = Faulty::new(Arc::clone(&self.server));
        caredesk_sync::pair(&mut store, &mut wire, &self.server.url(), &code).expect("pairs");
        self.counters.push(Counter {
            name: format!("counter-{}", self.counters.len()),
            path,
            store,
            wire,
            online: true,
        });
    }

    /// Everyone online, no faults: two rounds (the first pushes
    /// everything, the second pulls everything).
    pub fn settle(&mut self) {
        for _ in 0..2 {
            for counter in &mut self.counters {
                counter.online = true;
                counter.sync_clean();
            }
        }
    }

    /// The promise of sync, checked after `settle`.
    pub fn check_converged(&self) {
        let dumps: Vec<String> = self
            .counters
            .iter()
            .map(|c| serde_json::to_string(&c.store.dump().expect("dump")).expect("dump JSON"))
            .collect();
        for (counter, dump) in self.counters.iter().zip(&dumps).skip(1) {
            assert!(
                *dump == dumps[0],
                "{} does not dump the same bytes as counter-0",
                counter.name
            );
        }
        let held: u64 = self.counters[0].store.log_size().expect("log size");
        for counter in &self.counters {
            assert_eq!(
                counter.store.log_size().expect("log size"),
                held,
                "{} holds every op",
                counter.name
            );
            let mismatches = counter.store.verify_projections().expect("verify");
            assert!(
                mismatches.is_empty(),
                "{}: projections are the folds: {mismatches:?}",
                counter.name
            );
            let status = counter.store.sync_status().expect("status");
            assert_eq!(
                status.pending, 0,
                "{} has nothing left to push",
                counter.name
            );
            assert!(
                status.online && status.last_error.is_none(),
                "{}: {status:?}",
                counter.name
            );
        }
        let (ops, distinct) = self.server.storage().op_count().expect("op count");
        assert_eq!(ops, distinct, "the server holds no op twice");
        assert_eq!(ops, held, "the server holds every op");
        let lists: Vec<_> = self
            .counters
            .iter()
            .map(|c| c.store.conflicts().expect("conflicts"))
            .collect();
        for (counter, list) in self.counters.iter().zip(&lists).skip(1) {
            assert_eq!(*list, lists[0], "{} lists the same conflicts", counter.name);
        }
        spa::check_ledgers(&self.counters[0].store);
    }
}

/// What a scenario did, for the test's messages.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub actions: BTreeMap<&'static str, u64>,
    pub refused: u64,
    pub syncs: u64,
    pub failed_syncs: u64,
    pub faults: BTreeMap<String, u64>,
    pub conflicts: BTreeMap<String, u64>,
}

/// A random scenario: `devices` counters, `steps` random actions with
/// random offline periods and faults on a quarter of the syncs, then
/// everyone settles and the promise is checked.
pub fn scenario(backend: &Backend, seed: u64, devices: usize, steps: usize) -> Outcome {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut cluster = Cluster::new(backend);
    for _ in 1..devices {
        cluster.join();
    }
    let mut outcome = Outcome::default();
    let expected = spa::offline_conflicts(&mut cluster);
    for _ in 0..steps {
        let i = rng.random_range(0..cluster.counters.len());
        let counter = &mut cluster.counters[i];
        if rng.random_bool(0.1) {
            counter.online = !counter.online;
        }
        match spa::random_action(&mut counter.store, &mut rng) {
            Ok(action) => *outcome.actions.entry(action).or_default() += 1,
            Err(_) => outcome.refused += 1,
        }
        if counter.online && rng.random_bool(0.3) {
            if rng.random_bool(0.25) {
                let fault = faults::ALL[rng.random_range(0..faults::ALL.len())];
                counter.wire.plan(fault, &mut rng);
            }
            outcome.syncs += 1;
            if counter.sync().is_err() {
                outcome.failed_syncs += 1;
            }
            for fault in counter.wire.fired.drain(..) {
                *outcome.faults.entry(format!("{fault:?}")).or_default() += 1;
            }
        }
    }
    cluster.settle();
    cluster.check_converged();
    let listed = cluster.counters[0].store.conflicts().expect("conflicts");
    for conflict in &listed {
        *outcome
            .conflicts
            .entry(conflict.kind.code().to_owned())
            .or_default() += 1;
    }
    for (kind, about) in &expected {
        for counter in &cluster.counters {
            let list = counter.store.conflicts().expect("conflicts");
            assert!(
                list.iter()
                    .any(|c| c.kind == *kind && c.about.starts_with(about)),
                "seed {seed}: {} lists the {kind:?} conflict about {about:?}: {list:?}",
                counter.name
            );
        }
    }
    outcome
}
