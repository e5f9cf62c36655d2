//! Pulls: the branch's ops in `server_seq` order without the puller's own,
//! in pages; and pushes and pulls at once, on one server or two.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use caredesk_domain::id::{DeviceId, OpId};
use caredesk_domain::op::Op;
use caredesk_server::{Device, Storage};

use crate::support::{Backend, Counter, counter, ops, pull_all, tenant};

pub fn pulls_page_through_other_devices_ops(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let (a, b, c) = (
        counter(storage, &branch),
        counter(storage, &branch),
        counter(storage, &branch),
    );
    // server_seq: a1 a2 a3 | b1 b2 | a4 a5
    let a_ops = ops(a.op_device(), 1, 5);
    let b_ops = ops(b.op_device(), 1, 2);
    storage.push(&a.device, &a_ops[..3]).expect("a 1-3");
    storage.push(&b.device, &b_ops).expect("b 1-2");
    storage.push(&a.device, &a_ops[3..]).expect("a 4-5");

    let page = storage.pull(&c.device, 0, 2).expect("c's first page");
    assert_eq!(
        (page.ops.as_slice(), page.next, page.more),
        (&a_ops[..2], 2, true)
    );
    let page = storage.pull(&c.device, 2, 2).expect("c's second page");
    assert_eq!(page.ops, vec![a_ops[2].clone(), b_ops[0].clone()]);
    assert_eq!((page.next, page.more), (4, true));
    let page = storage.pull(&c.device, 4, 3).expect("c's last page");
    assert_eq!(
        page.ops,
        vec![b_ops[1].clone(), a_ops[3].clone(), a_ops[4].clone()]
    );
    assert_eq!(
        (page.next, page.more),
        (7, false),
        "a full last page: no more"
    );
    let page = storage.pull(&c.device, 7, 3).expect("nothing new");
    assert_eq!((page.ops.len(), page.next, page.more), (0, 7, false));
    let page = storage
        .pull(&c.device, 50, 3)
        .expect("a cursor past the end");
    assert_eq!((page.ops.len(), page.next, page.more), (0, 50, false));

    // a does not get its own ops back, but its cursor moves past them.
    let page = storage.pull(&a.device, 0, 3).expect("a's own ops only");
    assert_eq!((page.ops.len(), page.next, page.more), (0, 3, true));
    let page = storage.pull(&a.device, 3, 10).expect("b's ops");
    assert_eq!((page.ops, page.next, page.more), (b_ops.clone(), 7, false));
    let page = storage.pull(&b.device, 0, 4).expect("b's first page");
    assert_eq!(
        (page.ops.as_slice(), page.next, page.more),
        (&a_ops[..3], 4, true)
    );
    let page = storage.pull(&b.device, 4, 1).expect("b's own op only");
    assert_eq!((page.ops.len(), page.next, page.more), (0, 5, true));
    assert_eq!(pull_all(storage, &b.device, 1), a_ops);

    // Another branch of the same tenant sees none of it.
    let other = storage
        .add_branch(&a.device.tenant, "Harbour", crate::support::NOW)
        .expect("branch");
    let d = counter(storage, &other);
    let page = storage.pull(&d.device, 0, 10).expect("an empty branch");
    assert_eq!((page.ops.len(), page.next, page.more), (0, 0, false));
}

/// What one concurrent puller saw.
#[derive(Debug, Default)]
struct Seen {
    ops: Vec<Op>,
    pulls: usize,
}

/// Pushers and pullers at once on one branch, spread over two instances of
/// the storage (two servers on one database). Every puller must end with
/// every other device's ops, each once, in the same `server_seq` order a
/// puller starting afterwards reads: a cursor never passes an op that
/// commits later.
pub fn pushers_and_pullers_at_once(backend: &Backend) {
    const PUSHERS: usize = 4;
    const PULLERS: usize = 3;
    const OPS_EACH: u64 = 150;
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let instances: [Arc<dyn Storage>; 2] =
        [Arc::clone(&backend.storage), backend.another_instance()];
    let pushers: Vec<Counter> = (0..PUSHERS).map(|_| counter(storage, &branch)).collect();
    let pullers: Vec<Counter> = (0..PULLERS).map(|_| counter(storage, &branch)).collect();
    let pushing = AtomicUsize::new(PUSHERS);

    let (pulled, pushed_back) = std::thread::scope(|scope| {
        let pusher_threads: Vec<_> = pushers
            .iter()
            .enumerate()
            .map(|(i, pusher)| {
                let (storage, pushing) = (&instances[i % 2], &pushing);
                scope.spawn(move || {
                    let sent = push_in_batches(&**storage, &pusher.device, OPS_EACH, i as u64);
                    pushing.fetch_sub(1, Ordering::SeqCst);
                    // Then it pulls until everyone is done: all ops but its own.
                    let pulled = pull_while_pushing(&**storage, &pusher.device, pushing, i);
                    (sent, pulled.ops)
                })
            })
            .collect();
        let puller_threads: Vec<_> = pullers
            .iter()
            .enumerate()
            .map(|(i, puller)| {
                let (storage, pushing) = (&instances[(i + 1) % 2], &pushing);
                scope.spawn(move || pull_while_pushing(&**storage, &puller.device, pushing, i))
            })
            .collect();
        let pushed_back: Vec<(Vec<Op>, Vec<Op>)> = pusher_threads
            .into_iter()
            .map(|h| h.join().expect("a pusher panicked"))
            .collect();
        let pulled: Vec<Seen> = puller_threads
            .into_iter()
            .map(|h| h.join().expect("a puller panicked"))
            .collect();
        (pulled, pushed_back)
    });

    let total = PUSHERS as u64 * OPS_EACH;
    for instance in &instances {
        assert_eq!(
            instance.op_count().expect("count"),
            (total, total),
            "each op once"
        );
    }
    // The order a puller that starts now reads: the reference.
    let observer = counter(storage, &branch);
    let reference = pull_all(storage, &observer.device, 1000);
    assert_eq!(reference.len() as u64, total);
    check_device_order(&reference);
    let sent: HashSet<OpId> = pushed_back
        .iter()
        .flat_map(|(sent, _)| sent.iter().map(|op| op.id))
        .collect();
    assert_eq!(
        sent,
        reference.iter().map(|op| op.id).collect(),
        "what was sent is what is held"
    );

    for (i, seen) in pulled.iter().enumerate() {
        assert!(seen.pulls > 1, "puller {i} pulled while pushes went on");
        assert_same_order(
            &seen.ops,
            &reference,
            &format!("{} puller {i}", backend.name),
        );
    }
    for (i, (sent, pulled)) in pushed_back.iter().enumerate() {
        let own = sent[0].device_id;
        let others: Vec<Op> = reference
            .iter()
            .filter(|op| op.device_id != own)
            .cloned()
            .collect();
        assert_same_order(pulled, &others, &format!("{} pusher {i}", backend.name));
    }
}

/// Pushes `count` ops in batches of 1 to 25, now and then sending a batch
/// twice (a lost acknowledgement). Returns the ops sent.
fn push_in_batches(storage: &dyn Storage, device: &Device, count: u64, salt: u64) -> Vec<Op> {
    let all = ops(device.op_device, 1, count);
    let mut sent = 0_usize;
    let mut round = salt;
    while sent < all.len() {
        round = round
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let size = ((round >> 33) % 25 + 1) as usize;
        let batch = &all[sent..(sent + size).min(all.len())];
        let pushed = storage.push(device, batch).expect("a concurrent push");
        assert_eq!((pushed.stored, pushed.known), (batch.len() as u64, 0));
        if (round >> 40).is_multiple_of(5) {
            let again = storage.push(device, batch).expect("the same batch again");
            assert_eq!((again.stored, again.known), (0, batch.len() as u64));
        }
        sent += batch.len();
        assert_eq!(pushed.through, sent as u64);
    }
    all
}

/// Pulls in small pages from its cursor until the pushers are done and a
/// last pull after that finds nothing more.
fn pull_while_pushing(
    storage: &dyn Storage,
    device: &Device,
    pushing: &AtomicUsize,
    i: usize,
) -> Seen {
    let mut seen = Seen::default();
    let mut after = 0;
    loop {
        // Read before the pull: when nobody is pushing any more, this pull
        // sees everything.
        let done = pushing.load(Ordering::SeqCst) == 0;
        let limit = 1 + (seen.pulls * 7 + i * 3) % 40;
        let page = storage
            .pull(device, after, limit)
            .expect("a concurrent pull");
        seen.pulls += 1;
        assert!(page.next >= after, "the cursor never goes back");
        assert!(page.ops.len() <= limit);
        assert!(page.ops.iter().all(|op| op.device_id != device.op_device));
        seen.ops.extend(page.ops);
        after = page.next;
        if done && !page.more {
            return seen;
        }
        if !page.more {
            std::thread::yield_now();
        }
    }
}

/// Each device's ops come in its `device_seq` order, from 1, gapless.
fn check_device_order(ops: &[Op]) {
    let mut last: HashMap<DeviceId, u64> = HashMap::new();
    for op in ops {
        let seq = last.entry(op.device_id).or_insert(0);
        assert_eq!(op.device_seq, *seq + 1, "device order at op {}", op.id);
        *seq += 1;
    }
}

fn assert_same_order(got: &[Op], want: &[Op], who: &str) {
    let ids: HashSet<OpId> = got.iter().map(|op| op.id).collect();
    assert_eq!(ids.len(), got.len(), "{who} got an op twice");
    let missing = want.iter().filter(|op| !ids.contains(&op.id)).count();
    assert_eq!(missing, 0, "{who} skipped {missing} of {} ops", want.len());
    assert_eq!(got.len(), want.len(), "{who} got ops it should not have");
    for (n, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.id, w.id, "{who}: op {n} out of server_seq order");
        assert_eq!(g, w, "{who}: op {n} changed on the way");
    }
}
