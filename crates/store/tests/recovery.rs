//! The database side of sync's recovery, without a server: a restored
//! paired counter takes no new work until it has its own ops back; ops a
//! counter made on a file copied back by hand move past the server's
//! numbers when its own ops come back; a re-key re-issues the unsent ops
//! under a new device id and folds every projection again. Refusals write
//! nothing.

mod common;

use std::collections::BTreeSet;

use caredesk_domain::id::OpId;
use caredesk_domain::op::Op;
use caredesk_store::{OpFilter, Store, SyncLink, WallClock};
use common::{TestDb, refused, snapshot, vietnam};
use jiff::{SignedDuration, Timestamp};

fn link(token: &str) -> SyncLink {
    SyncLink {
        server: "http://127.0.0.1:9".to_owned(),
        token: token.to_owned(),
        device: "slot-1".to_owned(),
        tenant: "tenant".to_owned(),
        branch: "branch".to_owned(),
    }
}

fn paired() -> TestDb {
    let mut db = vietnam();
    let code = db.store.register_code().to_owned();
    db.store
        .record_pairing(&link("cdt_old"), &code, Timestamp::now())
        .expect("paired");
    db
}

fn log(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("log")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

fn own(store: &Store) -> Vec<Op> {
    let device = store.device_id();
    let mut ops: Vec<Op> = log(store)
        .into_iter()
        .filter(|op| op.device_id == device)
        .collect();
    ops.sort_by_key(|op| op.device_seq);
    ops
}

#[test]
fn a_restored_paired_counter_takes_no_work_until_it_has_its_own_ops_back() {
    let mut db = paired();
    db.add("Nguyễn Văn An", "0912345678");
    let backup = db
        .store
        .backup_to(&db.dir.path().join("old.db"))
        .expect("backup");
    // What the counter pushed after the backup: the server's copies.
    db.add("Đặng Thị Ánh", "0983111222");
    let chi = db.add("Lê Chi", "0905111222");
    let pushed = own(&db.store);
    db.store
        .acknowledge(pushed.last().expect("ops").device_seq)
        .expect("pushed");
    let dump_then = db.store.dump().expect("dump");

    Store::restore(&db.path, &backup).expect("restore");
    db.store = Store::open(&db.path).expect("open");
    assert!(db.store.recovering().expect("marked"));
    let path = db.path.clone();
    let ctx = db.ctx();
    refused(&mut db.store, &path, "restore_unsynced", |store| {
        store.customers_mut().add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: "Phạm Dung".to_owned(),
                phone: "0906111222".to_owned(),
                ..Default::default()
            },
        )
    });

    let (acked, _) = db.store.positions().expect("positions");
    let theirs: Vec<Op> = pushed
        .iter()
        .filter(|op| op.device_seq > acked)
        .cloned()
        .collect();
    let through = pushed.last().expect("ops").device_seq;
    let recovered = db.store.recover_own(&theirs, through).expect("recovered");
    assert_eq!((recovered.fetched, recovered.renumbered), (2, 0));
    assert!(!db.store.recovering().expect("cleared"));
    assert_eq!(db.store.dump().expect("dump"), dump_then);
    assert_eq!(own(&db.store), pushed);
    db.assert_folds_hold();
    let customer = db.add("Phạm Dung", "0906111222");
    assert_ne!(
        customer.code, chi.code,
        "the code Lê Chi took is not handed out again"
    );
}

#[test]
fn an_unpaired_restore_is_not_marked() {
    let mut db = vietnam();
    db.add("Nguyễn Văn An", "0912345678");
    let backup = db
        .store
        .backup_to(&db.dir.path().join("old.db"))
        .expect("backup");
    Store::restore(&db.path, &backup).expect("restore");
    db.store = Store::open(&db.path).expect("open");
    assert!(!db.store.recovering().expect("not marked"));
    db.add("Đặng Thị Ánh", "0983111222");
}

#[test]
fn ops_made_on_a_copied_back_file_move_past_the_servers_numbers() {
    let mut db = paired();
    db.add("Nguyễn Văn An", "0912345678");
    let copy = db.dir.path().join("copy.db");
    db.store.backup_to(&copy).expect("copy");
    db.add("Đặng Thị Ánh", "0983111222");
    db.add("Lê Chi", "0905111222");
    let theirs = own(&db.store);
    let through = theirs.last().expect("ops").device_seq;

    // The copy, same device id, works before it learns what the server has.
    let mut copied = Store::open(&copy).expect("open the copy");
    let ctx = copied.context(None).expect("owner");
    for (name, phone) in [("Phạm Dung", "0906111222"), ("Võ Em", "0907111222")] {
        copied
            .customers_mut()
            .add_customer(
                &ctx,
                caredesk_store::NewCustomer {
                    name: name.to_owned(),
                    phone: phone.to_owned(),
                    ..Default::default()
                },
            )
            .expect("work on the copy");
    }
    let early: BTreeSet<OpId> = own(&copied)
        .iter()
        .filter(|op| op.device_seq > through - 2)
        .map(|op| op.id)
        .collect();
    let before: Vec<Op> = own(&copied);

    let (acked, _) = copied.positions().expect("positions");
    let sent: Vec<Op> = theirs
        .iter()
        .filter(|op| op.device_seq > acked)
        .cloned()
        .collect();
    let recovered = copied.recover_own(&sent, through).expect("recovered");
    assert_eq!(recovered.renumbered, 2);
    let after = own(&copied);
    assert_eq!(
        after.iter().map(|op| op.device_seq).collect::<Vec<_>>(),
        (1..=through + 2).collect::<Vec<_>>(),
        "gapless: the server's, then the two made on the copy"
    );
    for op in after.iter().filter(|op| early.contains(&op.id)) {
        let was = before.iter().find(|b| b.id == op.id).expect("was there");
        assert!(op.device_seq > through);
        assert_eq!(
            (op.hlc, &op.body, op.actor),
            (was.hlc, &was.body, was.actor)
        );
    }
    assert_eq!(copied.unpushed(10).expect("unpushed").len(), 2);
    assert_eq!(copied.dump().expect("dump").customers.len(), 5);
    let mismatches = copied.verify_projections().expect("verify");
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn a_rekey_reissues_the_unsent_ops_and_folds_everything_again() {
    let mut db = paired();
    let an = db.add("Nguyễn Văn An", "0912345678");
    let owner = db.ctx();
    db.store
        .add_staff(
            &owner,
            caredesk_store::NewStaff {
                name: "Lan".to_owned(),
                role: caredesk_domain::Role::Receptionist,
                pin: Some("1111".to_owned()),
            },
        )
        .expect("Lan");
    let acked = own(&db.store).last().expect("ops").device_seq;
    db.store.acknowledge(acked).expect("pushed");
    let path = db.path.clone();

    // Nothing unsent: nothing to re-key, and nothing written.
    refused(&mut db.store, &path, "nothing_stuck", |store| {
        store.begin_rekey(&owner, "cdt_new")
    });

    let ahead = Timestamp::now() + SignedDuration::from_hours(240);
    db.store.set_wall_clock(WallClock::At(ahead));
    db.add("Đặng Thị Ánh", "0983111222");
    let edit = caredesk_store::CustomerEdit {
        name: Some("Nguyễn Văn Anh".to_owned()),
        ..Default::default()
    };
    db.store
        .customers_mut()
        .edit_customer(&owner, an.id, edit)
        .expect("an edit stamped ahead");
    let stuck: Vec<Op> = db.store.unpushed(10).expect("unpushed");
    assert_eq!(stuck.len(), 2);
    let dump_before = db.store.dump().expect("dump");

    // A receptionist alone may not.
    let lan = db.store.context_as("Lan", None).expect("Lan");
    refused(&mut db.store, &path, "permission_denied", |store| {
        store.begin_rekey(&lan, "cdt_new")
    });

    // Asked, then refused by the server: forgotten, nothing left behind.
    db.store.set_wall_clock(WallClock::System);
    let untouched = snapshot(&path);
    let pending = db.store.begin_rekey(&owner, "cdt_new").expect("pending");
    let again = db
        .store
        .begin_rekey(&owner, "cdt_other")
        .expect("the same one");
    // The same re-key, read at a later moment (`clock` is the counter's
    // clock as it is asked).
    assert_eq!(
        caredesk_store::PendingRekey {
            clock: pending.clock,
            ..again
        },
        pending,
        "a pending re-key is asked again, never a second one"
    );
    assert!(pending.ahead >= u64::try_from(ahead.as_millisecond()).expect("ms"));
    db.store.abandon_rekey(&pending).expect("abandon");
    assert_eq!(snapshot(&path), untouched);

    let old_device = db.store.device_id();
    let pending = db.store.begin_rekey(&owner, "cdt_new").expect("pending");
    let mut new_link = link("cdt_new");
    new_link.device = "slot-2".to_owned();
    let done = db
        .store
        .finish_rekey(&pending, &new_link, acked)
        .expect("re-keyed");
    assert_eq!((done.through, done.reissued), (acked, 2));
    assert_eq!(db.store.device_id(), pending.new_device);
    assert_ne!(pending.new_device, old_device);
    assert_eq!(db.store.sync_link().expect("link"), Some(new_link));
    assert_eq!(db.store.pending_rekey().expect("pending"), None);

    let reissued = own(&db.store);
    assert_eq!(reissued.len(), 2);
    let now = u64::try_from(Timestamp::now().as_millisecond()).expect("ms");
    for (op, was) in reissued.iter().zip(&stuck) {
        assert_eq!((op.id, &op.kind, &op.body), (was.id, &was.kind, &was.body));
        assert!(op.hlc.physical_ms() <= now, "stamped by the right clock");
    }
    assert_eq!(
        reissued.iter().map(|op| op.device_seq).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(db.store.unpushed(10).expect("unpushed"), reissued);
    assert_eq!(db.store.dump().expect("dump"), dump_before);
    db.assert_folds_hold();
    // The log stays immutable afterwards.
    let conn = rusqlite::Connection::open(&path).expect("open");
    assert!(conn.execute("DELETE FROM ops", []).is_err());
    assert!(conn.execute("UPDATE ops SET hlc = 0", []).is_err());
    // Work goes on under the new id.
    db.add("Lê Chi", "0905111222");
    assert_eq!(own(&db.store).last().expect("op").device_seq, 3);
}
