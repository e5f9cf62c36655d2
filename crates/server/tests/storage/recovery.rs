//! Protocol 2's recovery, through the `Storage` trait: a counter fetches its
//! own ops back (`own`, and `through` on pull pages), and a counter stuck on
//! `clock_ahead` is re-keyed: its slot retired, a new one bound to its new
//! device id, asked again with the same answer. Every refusal writes
//! nothing.

use caredesk_domain::id::DeviceId;
use caredesk_protocol::{MAX_CLOCK_AHEAD_MS, codes, new_device_token};
use caredesk_server::secret;
use caredesk_server::storage::Rekey;
use caredesk_server::{DeviceRow, Storage};

use crate::support::{Backend, NOW, counter, ops, pairing, pull_all, refused, slot, tenant};

pub fn own_ops_come_back_in_order(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let (a, b) = (counter(storage, &branch), counter(storage, &branch));
    let a_ops = ops(a.op_device(), 1, 5);
    let b_ops = ops(b.op_device(), 1, 3);
    storage.push(&a.device, &a_ops[..2]).expect("a 1-2");
    storage.push(&b.device, &b_ops).expect("b 1-3");
    storage.push(&a.device, &a_ops[2..]).expect("a 3-5");

    let page = storage.own(&a.device, 0, 2).expect("a's first page");
    assert_eq!(
        (page.ops.as_slice(), page.through, page.more),
        (&a_ops[..2], 5, true)
    );
    let page = storage.own(&a.device, 2, 10).expect("the rest");
    assert_eq!((page.ops.as_slice(), page.more), (&a_ops[2..], false));
    let page = storage.own(&a.device, 5, 10).expect("nothing after 5");
    assert_eq!((page.ops.len(), page.through, page.more), (0, 5, false));
    let page = storage.own(&b.device, 1, 10).expect("b's own, not a's");
    assert_eq!((page.ops.as_slice(), page.through), (&b_ops[1..], 3));

    // A pull page says how far the server holds the puller's own ops.
    let pulled = storage.pull(&a.device, 0, 3).expect("a pulls");
    assert_eq!(pulled.through, 5);
    let fresh = counter(storage, &branch);
    assert_eq!(storage.pull(&fresh.device, 0, 3).expect("pull").through, 0);
    assert_eq!(pull_all(storage, &fresh.device, 2).len(), 8);
}

fn rekey(op_device: DeviceId, token: &str, clock: i64, ahead: i64) -> Rekey {
    Rekey {
        op_device,
        token_hash: secret::hash(token),
        clock: clock as u64,
        ahead: ahead as u64,
    }
}

/// Everything a refused re-key could have touched.
fn state(storage: &dyn Storage) -> (Vec<DeviceRow>, (u64, u64)) {
    (
        storage.devices(None).expect("devices"),
        storage.op_count().expect("ops"),
    )
}

pub fn a_rekey_retires_the_slot_once(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let old = counter(storage, &branch);
    let other = counter(storage, &branch);
    storage
        .push(&old.device, &ops(old.op_device(), 1, 3))
        .expect("what the counter pushed before its clock ran ahead");
    storage
        .push(&other.device, &ops(other.op_device(), 1, 1))
        .expect("another counter's op");

    let new_device = DeviceId::new();
    let token = new_device_token();
    let day = MAX_CLOCK_AHEAD_MS as i64;
    let stuck = NOW + 3 * day;
    let before = state(storage);

    // Refusals, each writing nothing: the clock still ahead, nothing
    // stamped ahead, a device id the server knows, an unknown token.
    refused(
        storage.rekey(
            &old.token_hash,
            &rekey(new_device, &token, NOW + 2 * day, stuck),
            NOW,
        ),
        422,
        codes::CLOCK_AHEAD,
    );
    refused(
        storage.rekey(
            &old.token_hash,
            &rekey(new_device, &token, NOW, NOW + day),
            NOW,
        ),
        409,
        codes::NOTHING_STUCK,
    );
    refused(
        storage.rekey(
            &old.token_hash,
            &rekey(other.op_device(), &token, NOW, stuck),
            NOW,
        ),
        409,
        codes::DEVICE_TAKEN,
    );
    refused(
        storage.rekey(
            &secret::hash("cdt_nobody"),
            &rekey(new_device, &token, NOW, stuck),
            NOW,
        ),
        401,
        codes::UNAUTHORIZED,
    );
    assert_eq!(state(storage), before, "a refused re-key writes nothing");

    let rekeyed = storage
        .rekey(
            &old.token_hash,
            &rekey(new_device, &token, NOW, stuck),
            NOW + 1,
        )
        .expect("re-keyed");
    assert_eq!(rekeyed.retired, old.device.id);
    assert_ne!(rekeyed.device, old.device.id);
    assert_eq!(
        (rekeyed.branch.as_str(), rekeyed.through),
        (branch.as_str(), 3),
        "the server held the old id through 3: the ops after it are re-issued"
    );
    assert_eq!(rekeyed.register_code, old.paired.register_code);

    // Asked again (the answer was lost): the same answer, nothing more.
    let after = state(storage);
    let again = storage
        .rekey(
            &old.token_hash,
            &rekey(new_device, &token, NOW, stuck),
            NOW + 2,
        )
        .expect("the same re-key again");
    assert_eq!(again, rekeyed);
    assert_eq!(state(storage), after);
    // Another re-key with the retired token is not the same one.
    refused(
        storage.rekey(
            &old.token_hash,
            &rekey(DeviceId::new(), &new_device_token(), NOW, stuck),
            NOW,
        ),
        401,
        codes::REVOKED,
    );

    // The old token is worthless; the new one is the new device id's.
    refused(
        storage.authenticate(&old.token_hash, NOW),
        401,
        codes::REVOKED,
    );
    let device = storage
        .authenticate(&secret::hash(&token), NOW)
        .expect("the new token");
    assert_eq!(
        (device.id.as_str(), device.op_device, device.branch.as_str()),
        (rekeyed.device.as_str(), new_device, branch.as_str())
    );
    storage
        .push(&device, &ops(new_device, 1, 2))
        .expect("the re-issued ops, from 1");
    let listed = storage.devices(Some(&branch)).expect("devices");
    let retired = listed.iter().find(|d| d.id == old.device.id).expect("old");
    assert!(retired.revoked);
    assert_eq!(
        retired.replaced_by.as_deref(),
        Some(rekeyed.device.as_str())
    );
    let new_row = listed.iter().find(|d| d.id == rekeyed.device).expect("new");
    assert!(new_row.paired && !new_row.revoked && new_row.replaced_by.is_none());
    assert_eq!(new_row.name, retired.name);
    assert_eq!(new_row.register_code, retired.register_code);

    // A copy of the counter from before the re-key cannot pair its old id
    // back in, even on a fresh slot of its branch.
    let (_, code) = slot(storage, &branch, NOW);
    refused(
        storage.pair(
            &pairing(&code, old.op_device(), &old.paired.register_code, 5),
            NOW,
        ),
        409,
        codes::DEVICE_TAKEN,
    );
}
