//! Counters that got stuck carry on by themselves, against a real server
//! on SQLite and on PostgreSQL storage:
//!
//! - a counter restored from a backup older than what it had pushed takes
//!   its own ops back at its next sync (it takes no new work before), and
//!   one whose file was copied back by hand, and that worked before it
//!   synced, has those ops moved past the server's numbers;
//! - a counter whose clock ran ahead, stuck on `clock_ahead`, is re-keyed
//!   by a manager once its clock is right: its stuck ops re-issued under a
//!   new device id, the old one retired.
//!
//! Each ends with every op on the server exactly once, and every counter
//! dumping the same bytes.

use std::collections::BTreeSet;

use caredesk_domain::id::OpId;
use caredesk_domain::op::Op;
use caredesk_store::{OpFilter, Store, StoreError, WallClock, WalletMove};
use caredesk_sync::SyncError;
use caredesk_sync::protocol::MAX_CLOCK_AHEAD_MS;
use caredesk_sync_tests::{Backend, Cluster, Counter, Fault, spa};
use jiff::{SignedDuration, Timestamp};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// `n` random actions on `counter` (refusals write nothing and count for
/// nothing).
fn work(counter: &mut Counter, rng: &mut ChaCha8Rng, n: usize) {
    for _ in 0..n {
        let _ = spa::random_action(&mut counter.store, rng);
    }
}

fn log(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("log")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

fn own_ids(store: &Store) -> BTreeSet<OpId> {
    let device = store.device_id();
    log(store)
        .into_iter()
        .filter(|op| op.device_id == device)
        .map(|op| op.id)
        .collect()
}

fn ids(store: &Store) -> BTreeSet<OpId> {
    log(store).into_iter().map(|op| op.id).collect()
}

/// A write every counter can make: it must be refused while recovering.
fn deposit(store: &mut Store) -> Result<(), StoreError> {
    let ctx = spa::ctx(store)?;
    let customer = store.customers().find_customers("khach", 1)?[0]
        .id
        .to_string();
    store.wallets_mut().deposit_wallet(
        &ctx,
        &customer,
        WalletMove {
            amount: 100_000,
            source: caredesk_domain::wallet::Source::Transfer,
            reference: String::new(),
            note: String::new(),
        },
    )?;
    Ok(())
}

/// This counter's ops carry `device_seq` 1, 2, ... without a hole.
fn check_gapless(store: &Store) {
    let device = store.device_id();
    let seqs: Vec<u64> = log(store)
        .into_iter()
        .filter(|op| op.device_id == device)
        .map(|op| op.device_seq)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
}

fn restored_from_an_old_backup(backend: &Backend) {
    let mut cluster = Cluster::new(backend);
    cluster.join();
    cluster.join();
    let mut rng = ChaCha8Rng::seed_from_u64(24);
    let backups = tempfile::tempdir().expect("backups");
    let counter = &mut cluster.counters[1];
    work(counter, &mut rng, 10);
    counter.sync_clean();
    let backup = counter
        .store
        .backup_to(&backups.path().join("quay-1.db"))
        .expect("backup");
    // After the backup, the counter goes on working and pushing.
    work(counter, &mut rng, 15);
    counter.sync_clean();
    work(counter, &mut rng, 10);
    counter.sync_clean();
    let made = own_ids(&counter.store);
    let seqs = counter.store.own_last_seq().expect("seq");

    // Its disk is replaced; the backup goes back on.
    Store::restore(&counter.path, &backup).expect("restore");
    counter.store = Store::open(&counter.path).expect("open");
    assert!(counter.store.recovering().expect("recovering"));
    assert!(counter.store.own_last_seq().expect("seq") < seqs);
    let log_before = log(&counter.store);
    let dump_before = counter.store.dump().expect("dump");
    assert!(matches!(
        deposit(&mut counter.store),
        Err(StoreError::RestoreUnsynced)
    ));
    assert_eq!(log(&counter.store), log_before, "a refusal writes nothing");
    assert_eq!(counter.store.dump().expect("dump"), dump_before);

    // One sync: its own ops come back, and it carries on where it was.
    counter.sync_clean();
    assert!(!counter.store.recovering().expect("recovering"));
    assert_eq!(own_ids(&counter.store), made, "nothing lost, nothing more");
    deposit(&mut counter.store).expect("new work is taken again");
    assert_eq!(counter.store.own_last_seq().expect("seq"), seqs + 1);
    work(counter, &mut rng, 10);
    let mine = own_ids(&counter.store);

    cluster.settle();
    cluster.check_converged();
    check_gapless(&cluster.counters[1].store);
    assert!(mine.is_subset(&ids(&cluster.counters[0].store)));
}

fn copied_back_by_hand_and_worked_on(backend: &Backend) {
    let mut cluster = Cluster::new(backend);
    cluster.join();
    let mut rng = ChaCha8Rng::seed_from_u64(25);
    let backups = tempfile::tempdir().expect("backups");
    let counter = &mut cluster.counters[1];
    work(counter, &mut rng, 8);
    counter.sync_clean();
    let backup = counter
        .store
        .backup_to(&backups.path().join("quay-1.db"))
        .expect("backup");
    work(counter, &mut rng, 15);
    counter.sync_clean();
    let made = own_ids(&counter.store);
    let held = counter.store.own_last_seq().expect("seq");

    // Someone copies the backup over the file (no `restore`, so no mark),
    // and the counter takes work before its next sync: its new ops take
    // numbers the server holds other ops under.
    let path = counter.path.clone();
    counter.store = Store::join(&backups.path().join("scratch.db"), None).expect("stand-in");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::copy(&backup, &path).expect("copy back");
    counter.store = Store::open(&path).expect("open");
    assert!(!counter.store.recovering().expect("not marked"));
    let before_work = own_ids(&counter.store);
    for _ in 0..4 {
        deposit(&mut counter.store).expect("a counter nobody marked works");
    }
    let early: BTreeSet<OpId> = own_ids(&counter.store)
        .difference(&before_work)
        .copied()
        .collect();
    assert_eq!(early.len(), 4);

    counter.sync_clean();
    let after = log(&counter.store);
    for op in after.iter().filter(|op| early.contains(&op.id)) {
        assert!(
            op.device_seq > held,
            "moved past the server's numbers: {} at {}",
            op.id,
            op.device_seq
        );
    }
    let mine = own_ids(&counter.store);
    assert!(made.is_subset(&mine) && early.is_subset(&mine));
    assert_eq!(mine.len(), made.len() + early.len());

    cluster.settle();
    cluster.check_converged();
    check_gapless(&cluster.counters[1].store);
    assert!(mine.is_subset(&ids(&cluster.counters[0].store)));
}

/// Everything a refused re-key could have written, on the counter and on
/// the server.
fn snapshot(cluster: &Cluster, i: usize) -> String {
    let store = &cluster.counters[i].store;
    let storage = cluster.server.storage();
    format!(
        "{:?}",
        (
            log(store),
            serde_json::to_string(&store.dump().expect("dump")).expect("JSON"),
            store.sync_link().expect("link"),
            store.positions().expect("positions"),
            // Without `clock`, which is the moment it is read.
            store.pending_rekey().expect("pending").map(|p| (
                p.old_device,
                p.new_device,
                p.token,
                p.ahead
            )),
            store.device_id(),
            storage.devices(None).expect("devices"),
            storage.op_count().expect("ops"),
        )
    )
}

fn refusal(result: Result<impl std::fmt::Debug, SyncError>) -> String {
    result.expect_err("refused").code().to_owned()
}

fn clock_ran_ahead(backend: &Backend) {
    let mut cluster = Cluster::new(backend);
    cluster.join();
    cluster.join();
    let mut rng = ChaCha8Rng::seed_from_u64(26);
    work(&mut cluster.counters[2], &mut rng, 6);
    cluster.counters[2].sync_clean();

    // Nothing stuck: a re-key is refused before the server is asked.
    let owner = spa::ctx(&cluster.counters[2].store).expect("owner");
    let before = snapshot(&cluster, 2);
    let Counter { store, wire, .. } = &mut cluster.counters[2];
    assert_eq!(
        refusal(caredesk_sync::rekey(store, wire, &owner)),
        "nothing_stuck"
    );
    assert_eq!(snapshot(&cluster, 2), before);

    // Its clock runs ten days ahead, and it works on.
    let ahead = Timestamp::now() + SignedDuration::from_hours(240);
    let counter = &mut cluster.counters[2];
    counter.store.set_wall_clock(WallClock::At(ahead));
    work(counter, &mut rng, 12);
    deposit(&mut counter.store).expect("a deposit, stamped ahead");
    let stuck = counter.store.unpushed(1000).expect("unpushed");
    assert!(!stuck.is_empty());
    assert_eq!(
        counter.sync().expect_err("refused").code(),
        "clock_ahead",
        "the server refuses ops stamped ten days ahead"
    );

    // A therapist alone may not re-key; nor may anyone while the clock is
    // still wrong. Neither writes anything, here or on the server.
    let before = snapshot(&cluster, 2);
    let Counter { store, wire, .. } = &mut cluster.counters[2];
    let therapist = store
        .context_as("Mai", Some(store.local_time(spa::NOW).expect("now")))
        .expect("Mai");
    assert_eq!(
        refusal(caredesk_sync::rekey(store, wire, &therapist)),
        "permission_denied"
    );
    assert_eq!(
        refusal(caredesk_sync::rekey(store, wire, &owner)),
        "clock_ahead"
    );
    assert_eq!(snapshot(&cluster, 2), before);

    // The clock set right. What it makes now is stamped after the stuck
    // ops (its clock never goes back), so it is stuck with them.
    let Counter { store, wire, .. } = &mut cluster.counters[2];
    store.set_wall_clock(WallClock::System);
    deposit(store).expect("a deposit after the clock was fixed");
    let stuck: Vec<Op> = store.unpushed(1000).expect("unpushed");
    let old_device = store.device_id();
    // The server's answer is lost on the way back: the re-key stays
    // pending, and the next sync asks again and finds it done.
    wire.plan_on(0, Fault::DropResponse);
    assert_eq!(
        refusal(caredesk_sync::rekey(store, wire, &owner)),
        "offline"
    );
    assert!(store.pending_rekey().expect("pending").is_some());
    assert_eq!(store.device_id(), old_device, "not re-keyed here yet");
    cluster.counters[2].sync_clean();
    let store = &cluster.counters[2].store;
    assert!(store.pending_rekey().expect("pending").is_none());
    let new_device = store.device_id();
    assert_ne!(new_device, old_device);

    // Work under the new id is not ahead: another re-key is refused, by
    // the server this time, and writes nothing.
    deposit(&mut cluster.counters[2].store).expect("work under the new id");
    let before = snapshot(&cluster, 2);
    let Counter { store, wire, .. } = &mut cluster.counters[2];
    assert_eq!(
        refusal(caredesk_sync::rekey(store, wire, &owner)),
        "nothing_stuck"
    );
    assert_eq!(snapshot(&cluster, 2), before);

    cluster.settle();
    cluster.check_converged();
    check_gapless(&cluster.counters[2].store);

    // Every stuck op is on every counter once, under the new id, stamped
    // within what the server accepts; the old device is retired.
    let limit = u64::try_from(Timestamp::now().as_millisecond()).expect("ms") + MAX_CLOCK_AHEAD_MS;
    let on_first: Vec<Op> = log(&cluster.counters[0].store);
    for op in &stuck {
        let there: Vec<&Op> = on_first.iter().filter(|o| o.id == op.id).collect();
        assert_eq!(there.len(), 1, "{} is on counter-0 once", op.id);
        let there = there[0];
        assert_eq!(there.device_id, new_device);
        assert_eq!((&there.kind, &there.body), (&op.kind, &op.body));
        assert!(there.hlc.physical_ms() <= limit);
    }
    let devices = cluster.server.storage().devices(None).expect("devices");
    let retired: Vec<_> = devices.iter().filter(|d| d.replaced_by.is_some()).collect();
    assert_eq!(retired.len(), 1);
    assert!(retired[0].revoked);
}

#[test]
fn a_counter_restored_from_an_old_backup_on_sqlite_storage() {
    restored_from_an_old_backup(&Backend::Sqlite);
}

#[test]
fn a_counter_restored_from_an_old_backup_on_postgres_storage() {
    if let Some(backend) = Backend::postgres_from_env() {
        restored_from_an_old_backup(&backend);
    }
}

#[test]
fn a_counter_copied_back_by_hand_on_sqlite_storage() {
    copied_back_by_hand_and_worked_on(&Backend::Sqlite);
}

#[test]
fn a_counter_copied_back_by_hand_on_postgres_storage() {
    if let Some(backend) = Backend::postgres_from_env() {
        copied_back_by_hand_and_worked_on(&backend);
    }
}

#[test]
fn a_counter_whose_clock_ran_ahead_on_sqlite_storage() {
    clock_ran_ahead(&Backend::Sqlite);
}

#[test]
fn a_counter_whose_clock_ran_ahead_on_postgres_storage() {
    if let Some(backend) = Backend::postgres_from_env() {
        clock_ran_ahead(&backend);
    }
}
