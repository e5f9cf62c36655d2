//! Where the counter's database lives, and what a first start puts in it.

use std::path::{Path, PathBuf};

use caredesk_store::{InitSettings, SeedOptions, Store, StoreError};

/// Overrides the database location; tests point it at a temporary file.
pub const DB_ENV: &str = "CAREDESK_DB";

/// Customers in the demo set a new install starts with, so a first look at
/// the counter shows a realistic search. The fixed seed makes every new
/// install (and every smoke test) show the same people.
const DEMO_CUSTOMERS: usize = 300;
const DEMO_SEED: u64 = 2026;

pub fn path() -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => caredesk_store::default_db_path(),
    }
}

/// Opens the database at `path`, creating and seeding it when there is no
/// file yet. The folder must exist.
pub fn open_or_create(path: &Path) -> Result<Store, StoreError> {
    if path.exists() {
        return Store::open(path);
    }
    let mut store = Store::init(path, InitSettings::default())?;
    let ctx = store.context(None)?;
    store.seed(
        &ctx,
        SeedOptions {
            customers: DEMO_CUSTOMERS,
            seed: DEMO_SEED,
        },
    )?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_creates_and_seeds_then_later_starts_only_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("caredesk.db");

        let store = open_or_create(&path).expect("first start");
        let found = store.find_customers("nguyen", 5).expect("search");
        assert!(!found.is_empty(), "the demo set has Nguyễn customers");
        drop(store);

        let reopened = open_or_create(&path).expect("second start");
        assert_eq!(
            reopened.find_customers("nguyen", 5).expect("search"),
            found,
            "a second start neither reseeds nor loses anything"
        );
    }
}
