//! The long sync soak: `cargo run --release -p caredesk-sync-tests --bin
//! sync-soak -- [SEEDS] [DEVICES] [STEPS]` runs that many random scenarios
//! (default 200 seeds, 4 counters, 400 steps each) against SQLite, and
//! against PostgreSQL when CAREDESK_TEST_POSTGRES is set.

use caredesk_sync_tests::{Backend, scenario};

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let seeds = args.first().copied().unwrap_or(200);
    let devices = args.get(1).copied().unwrap_or(4) as usize;
    let steps = args.get(2).copied().unwrap_or(400) as usize;
    let mut backends = vec![Backend::Sqlite];
    backends.extend(Backend::postgres_from_env());
    for backend in &backends {
        for seed in 0..seeds {
            let outcome = scenario(backend, 1_000 + seed, devices, steps);
            println!("{backend:?} seed {seed}: {outcome:?}");
        }
    }
    println!("soak passed: {seeds} seeds x {} backends", backends.len());
}
