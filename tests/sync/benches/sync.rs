//! Sync over loopback, with the real server (SQLite storage) on
//! 127.0.0.1:0 and counters on real files:
//!
//! - `push_100k`: a counter holding 100,000 customers (about as many ops)
//!   pushes them all. Target, with `pull_100k`: under 10 s together.
//! - `pull_100k` (bootstrap): a new, empty counter joins the branch and
//!   pulls and folds all of them, search rows included. Target: under 15 s.
//!
//! Each sample starts from a fresh server and a copy of a seeded counter
//! file, built once per run. `CAREDESK_BENCH_OPS` changes the size.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use caredesk_server::Storage;
use caredesk_server::storage::sqlite::SqliteStorage;
use caredesk_store::{InitSettings, SeedOptions, Store};
use caredesk_sync::Http;
use criterion::{Criterion, criterion_group, criterion_main};

fn customers() -> usize {
    std::env::var("CAREDESK_BENCH_OPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The seeded counter, made once per run.
fn seeded(dir: &Path) -> PathBuf {
    let path = dir.join("seeded.db");
    let mut store = Store::init(&path, InitSettings::default()).expect("init");
    let ctx = store.context(None).expect("owner");
    store
        .seed(
            &ctx,
            SeedOptions {
                customers: customers(),
                seed: 7,
            },
        )
        .expect("seed");
    path
}

struct Round {
    _dir: tempfile::TempDir,
    server: caredesk_server::RunningServer,
    storage: Arc<SqliteStorage>,
    branch: String,
    counter: PathBuf,
}

fn round(seeded: &Path) -> Round {
    let dir = tempfile::tempdir().expect("dir");
    let storage = Arc::new(SqliteStorage::open(&dir.path().join("server")).expect("storage"));
    let server = caredesk_server::start(storage.clone(), "127.0.0.1:0".parse().expect("addr"))
        .expect("server");
    let now = jiff::Timestamp::now().as_millisecond();
    let tenant = storage.add_tenant("Spa", now).expect("tenant");
    let branch = storage.add_branch(&tenant, "Q1", now).expect("branch");
    let counter = dir.path().join("a.db");
    std::fs::copy(seeded, &counter).expect("copy");
    let mut round = Round {
        _dir: dir,
        server,
        storage,
        branch,
        counter: counter.clone(),
    };
    let mut store = Store::open(&counter).expect("open");
    round.pair(&mut store);
    round
}

impl Round {
    fn pair(&mut self, store: &mut Store) {
        let code = caredesk_server::secret::pairing_code();
        let now = jiff::Timestamp::now().as_millisecond();
        self.storage
            .add_device(
                &self.branch,
                "Quầy",
                &caredesk_server::secret::code_hash(&code),
                now,
            )
            .expect("slot");
        let url = self.server.url();
        caredesk_sync::pair(store, &mut Http::new(&url), &url, &code).expect("pair");
    }
}

fn push_and_pull(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("data dir");
    let seeded = seeded(data.path());
    let ops = Store::open(&seeded)
        .expect("open")
        .log_size()
        .expect("size");
    eprintln!("seeded counter: {ops} ops");
    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("push_100k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let r = round(&seeded);
                let mut store = Store::open(&r.counter).expect("open");
                let mut http = Http::new(&r.server.url());
                let start = Instant::now();
                let report = caredesk_sync::sync(&mut store, &mut http).expect("push");
                total += start.elapsed();
                assert_eq!(report.pushed, ops);
            }
            total
        })
    });
    group.bench_function("pull_100k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut r = round(&seeded);
                let mut store = Store::open(&r.counter).expect("open");
                caredesk_sync::sync(&mut store, &mut Http::new(&r.server.url())).expect("push");
                let joined = r.counter.with_file_name("b.db");
                let mut fresh = Store::join(&joined, None).expect("join");
                r.pair(&mut fresh);
                let mut http = Http::new(&r.server.url());
                let start = Instant::now();
                let report = caredesk_sync::sync(&mut fresh, &mut http).expect("pull");
                total += start.elapsed();
                assert_eq!(report.pulled, ops);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, push_and_pull);
criterion_main!(benches);
