//! What the store's benches share: the bare durable insert they are measured
//! against, the side-by-side write comparison, and tail-latency lines.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;

/// Where a bench keeps the data file it built, by name.
pub fn cache_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/bench-data")
        .join(name)
}

/// A fresh copy of the cached data file `name`, in a temp dir that lives as
/// long as the returned guard. When missing, `build` makes it on a scratch
/// path (so an interrupted build never passes for a finished one), and the
/// WAL is folded in before it is kept.
pub fn cached_copy(name: &str, build: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let cache = cache_path(name);
    if !cache.exists() {
        std::fs::create_dir_all(cache.parent().expect("parent")).expect("bench-data dir");
        let building = cache.with_extension("building");
        for stale in ["building", "building-wal", "building-shm"] {
            let _ = std::fs::remove_file(cache.with_extension(stale));
        }
        let started = Instant::now();
        build(&building);
        checkpoint(&building);
        std::fs::rename(&building, &cache).expect("cache");
        eprintln!("built {name} in {:.1?}", started.elapsed());
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    std::fs::copy(&cache, &path).expect("copy");
    (dir, path)
}

/// Folds the WAL into the main file so a plain file copy is complete.
pub fn checkpoint(path: &Path) {
    let conn = Connection::open(path).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

/// A second connection to the store's file, with the store's pragmas, for
/// the baseline.
pub fn bare_connection(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("second connection");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    )
    .expect("bare table");
    conn
}

/// The baseline: one row into a one-column table, committed durably.
pub fn bare_commit(conn: &Connection) {
    let tx = conn.unchecked_transaction().expect("begin");
    tx.execute(
        "INSERT INTO bench_bare (body) VALUES (?1)",
        ["Nguyễn Văn An"],
    )
    .expect("insert");
    tx.commit().expect("commit");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

pub fn latencies(label: &str, mut samples: Vec<Duration>) -> String {
    samples.sort();
    format!(
        "{label:<28} n={:<5} p50={:>8.3?} p95={:>8.3?} p99={:>8.3?} max={:>8.3?}",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.95),
        percentile(&samples, 0.99),
        samples[samples.len() - 1],
    )
}

/// Runs `pairs` interleaved pairs of a bare insert and `command(n)` (so disk
/// hiccups fall on both alike), then the WAL bytes each commits, and prints
/// the latencies, the ratio of medians and the pages per commit. `command`
/// is called `pairs + 20` times with n = 0, 1, ...
pub fn compare_writes(path: &Path, label: &str, pairs: usize, mut command: impl FnMut(usize)) {
    let bare = bare_connection(path);
    let mut bare_times = Vec::with_capacity(pairs);
    let mut command_times = Vec::with_capacity(pairs);
    for n in 0..pairs {
        let started = Instant::now();
        bare_commit(&bare);
        bare_times.push(started.elapsed());

        let started = Instant::now();
        command(n);
        command_times.push(started.elapsed());
    }
    // Pages written per commit, measured without timing noise: with
    // automatic checkpoints off, the WAL grows by exactly the frames a
    // commit writes (4,096-byte pages plus a 24-byte frame header).
    let wal = path.with_extension("db-wal");
    let wal_size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    bare.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    // 20 commits of a few tens of pages stay below the store connection's
    // own automatic checkpoint (1,000 pages), so nothing resets the WAL.
    let rounds = 20;
    let before = wal_size();
    for _ in 0..rounds {
        bare_commit(&bare);
    }
    let bare_bytes = (wal_size() - before) / rounds;
    let before = wal_size();
    for n in pairs..pairs + rounds as usize {
        command(n);
    }
    let command_bytes = (wal_size() - before) / rounds;

    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let ratio =
        median(command_times.clone()).as_secs_f64() / median(bare_times.clone()).as_secs_f64();
    println!("{}", latencies("bare durable insert", bare_times));
    println!("{}", latencies(label, command_times));
    println!("{label} / bare insert (medians): {ratio:.2}x");
    println!(
        "WAL bytes per commit: bare insert {bare_bytes}, {label} {command_bytes} ({:.1} pages of 4 KiB)",
        command_bytes as f64 / 4120.0
    );
}
