//! The rules of a push: all or nothing, each op once, in order, from its
//! own device, on its own tenant's entities.

use std::sync::Arc;

use caredesk_domain::id::BUSINESS_ENTITY;
use caredesk_protocol::{MAX_PUSH_OPS, Pushed, codes};
use caredesk_server::ServerError;

use crate::support::{Backend, counter, new_entity, op, ops, pull_all, race, refused, tenant};

/// The `server_seq` of every op on the branch, read one page at a time.
fn server_seqs(backend: &Backend, observer: &caredesk_server::Device) -> Vec<u64> {
    let mut seqs = Vec::new();
    let mut after = 0;
    loop {
        let page = backend
            .storage()
            .pull(observer, after, 1)
            .expect("pull one");
        if page.next == after {
            assert!(!page.more);
            return seqs;
        }
        assert_eq!(page.ops.len(), 1);
        seqs.push(page.next);
        after = page.next;
    }
}

pub fn ops_get_consecutive_server_seqs(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let (a, b, observer) = (
        counter(storage, &branch),
        counter(storage, &branch),
        counter(storage, &branch),
    );

    let pushed = storage
        .push(&a.device, &ops(a.op_device(), 1, 3))
        .expect("push a");
    assert_eq!(
        pushed,
        Pushed {
            stored: 3,
            known: 0,
            through: 3
        }
    );
    let pushed = storage
        .push(&b.device, &ops(b.op_device(), 1, 2))
        .expect("push b");
    assert_eq!(
        pushed,
        Pushed {
            stored: 2,
            known: 0,
            through: 2
        }
    );
    let pushed = storage
        .push(&a.device, &ops(a.op_device(), 4, 4))
        .expect("push a again");
    assert_eq!(
        pushed,
        Pushed {
            stored: 1,
            known: 0,
            through: 4
        }
    );
    assert_eq!(storage.op_count().expect("count"), (6, 6));
    assert_eq!(
        server_seqs(backend, &observer.device),
        vec![1, 2, 3, 4, 5, 6]
    );

    // An empty push is an acknowledgement query.
    let pushed = storage.push(&a.device, &[]).expect("empty push");
    assert_eq!(
        pushed,
        Pushed {
            stored: 0,
            known: 0,
            through: 4
        }
    );

    // Each branch counts from 1.
    let (_, other) = tenant(storage, "Spa Süd");
    let (c, watcher) = (counter(storage, &other), counter(storage, &other));
    storage
        .push(&c.device, &ops(c.op_device(), 1, 2))
        .expect("push c");
    assert_eq!(server_seqs(backend, &watcher.device), vec![1, 2]);
    assert_eq!(
        pull_all(storage, &observer.device, 100).len(),
        6,
        "no op crosses branches"
    );
}

pub fn a_retried_batch_is_known(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let a = counter(storage, &branch);
    let batch = ops(a.op_device(), 1, 3);
    storage.push(&a.device, &batch).expect("first push");

    let again = storage
        .push(&a.device, &batch)
        .expect("the same batch again");
    assert_eq!(
        again,
        Pushed {
            stored: 0,
            known: 3,
            through: 3
        }
    );
    assert_eq!(storage.op_count().expect("count"), (3, 3), "nothing added");

    // Held ops may lead a batch of new ones.
    let mut overlap = batch[1..].to_vec();
    overlap.extend(ops(a.op_device(), 4, 5));
    let pushed = storage.push(&a.device, &overlap).expect("held then new");
    assert_eq!(
        pushed,
        Pushed {
            stored: 2,
            known: 2,
            through: 5
        }
    );
    assert_eq!(storage.op_count().expect("count"), (5, 5));
}

/// A retried push racing its original (the acknowledgement was lost, the
/// counter sent again, maybe to another server): stored once, no error.
pub fn a_retry_racing_its_original(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let a = counter(storage, &branch);
    let instances = [Arc::clone(&backend.storage), backend.another_instance()];
    for round in 0..5_u64 {
        let batch = ops(a.op_device(), round * 20 + 1, round * 20 + 20);
        let results: Vec<Pushed> = race(2, |i| {
            instances[i]
                .push(&a.device, &batch)
                .expect("both pushes succeed")
        });
        let stored: u64 = results.iter().map(|p| p.stored).sum();
        let known: u64 = results.iter().map(|p| p.known).sum();
        assert_eq!((stored, known), (20, 20), "round {round}: {results:?}");
        assert!(results.iter().all(|p| p.through == round * 20 + 20));
    }
    assert_eq!(storage.op_count().expect("count"), (100, 100));
}

pub fn a_gap_is_refused(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let a = counter(storage, &branch);

    let error = refused(
        storage.push(&a.device, &ops(a.op_device(), 2, 3)),
        409,
        codes::GAP,
    );
    assert_expected(&error, 1);
    storage
        .push(&a.device, &ops(a.op_device(), 1, 2))
        .expect("from 1");
    let error = refused(
        storage.push(&a.device, &ops(a.op_device(), 4, 6)),
        409,
        codes::GAP,
    );
    assert_expected(&error, 3);
    assert_eq!(
        error.body().error.expected,
        Some(3),
        "the body carries it too"
    );
    assert_eq!(
        storage.op_count().expect("count"),
        (2, 2),
        "nothing of a refused batch"
    );
    storage
        .push(&a.device, &ops(a.op_device(), 3, 6))
        .expect("the expected seq");
}

fn assert_expected(error: &ServerError, want: u64) {
    match error {
        ServerError::Refused { expected, .. } => assert_eq!(*expected, Some(want), "{error}"),
        other => panic!("a refusal, not {other:?}"),
    }
}

pub fn out_of_order_and_foreign_devices_are_refused(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let (a, b) = (counter(storage, &branch), counter(storage, &branch));
    let me = a.op_device();

    let skips = vec![op(me, 1, new_entity()), op(me, 3, new_entity())];
    refused(storage.push(&a.device, &skips), 400, codes::OUT_OF_ORDER);
    let backwards = vec![op(me, 2, new_entity()), op(me, 1, new_entity())];
    refused(
        storage.push(&a.device, &backwards),
        400,
        codes::OUT_OF_ORDER,
    );
    let twice = vec![op(me, 1, new_entity()), op(me, 1, new_entity())];
    refused(storage.push(&a.device, &twice), 400, codes::OUT_OF_ORDER);
    let from_zero = vec![op(me, 0, new_entity()), op(me, 1, new_entity())];
    refused(storage.push(&a.device, &from_zero), 400, codes::MALFORMED);

    // Another counter's op, even in the middle of a good batch.
    let mut mixed = ops(me, 1, 3);
    mixed[1] = op(b.op_device(), 2, new_entity());
    refused(storage.push(&a.device, &mixed), 403, codes::FOREIGN_DEVICE);
    refused(
        storage.push(&a.device, &ops(b.op_device(), 1, 1)),
        403,
        codes::FOREIGN_DEVICE,
    );
    assert_eq!(storage.op_count().expect("count"), (0, 0));
}

pub fn foreign_entities_are_refused_whole(backend: &Backend) {
    let storage = backend.storage();
    let (_, north) = tenant(storage, "Spa Nord");
    let (_, south) = tenant(storage, "Spa Süd");
    let (a, b) = (counter(storage, &north), counter(storage, &south));
    let theirs = new_entity();
    storage
        .push(&a.device, &[op(a.op_device(), 1, theirs)])
        .expect("north writes it first");

    // South's batch: two ops on new entities, then one on north's.
    let fresh = new_entity();
    let batch = vec![
        op(b.op_device(), 1, fresh),
        op(b.op_device(), 2, new_entity()),
        op(b.op_device(), 3, theirs),
    ];
    refused(storage.push(&b.device, &batch), 403, codes::FOREIGN_ENTITY);
    assert_eq!(
        storage.op_count().expect("count"),
        (1, 1),
        "nothing of the batch"
    );
    // Nor the claims on the batch's new entities: north may still take them.
    storage
        .push(&a.device, &[op(a.op_device(), 2, fresh)])
        .expect("unclaimed");
    refused(
        storage.push(&b.device, &batch[..1]),
        403,
        codes::FOREIGN_ENTITY,
    );
    // South still starts at device_seq 1.
    let pushed = storage
        .push(&b.device, &[op(b.op_device(), 1, new_entity())])
        .expect("own");
    assert_eq!(pushed.through, 1);

    // A tenant's second branch writes its entities.
    let north_too = counter(storage, &{
        let tenant_id = a.device.tenant.clone();
        storage
            .add_branch(&tenant_id, "Harbour", crate::support::NOW)
            .expect("branch")
    });
    storage
        .push(&north_too.device, &[op(north_too.op_device(), 1, theirs)])
        .expect("same tenant, other branch");
}

pub fn the_business_entity_is_everyones(backend: &Backend) {
    let storage = backend.storage();
    let (_, north) = tenant(storage, "Spa Nord");
    let (_, south) = tenant(storage, "Spa Süd");
    let (a, b) = (counter(storage, &north), counter(storage, &south));
    storage
        .push(&a.device, &[op(a.op_device(), 1, BUSINESS_ENTITY)])
        .expect("north's business settings");
    storage
        .push(&b.device, &[op(b.op_device(), 1, BUSINESS_ENTITY)])
        .expect("south's business settings");
    storage
        .push(&a.device, &[op(a.op_device(), 2, BUSINESS_ENTITY)])
        .expect("north again");
    assert_eq!(storage.op_count().expect("count"), (3, 3));
}

pub fn a_different_op_at_a_held_seq_is_refused(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let a = counter(storage, &branch);
    let batch = ops(a.op_device(), 1, 2);
    storage.push(&a.device, &batch).expect("push");

    let mut changed = batch.clone();
    changed[1].body = serde_json::json!({ "x": 1 });
    refused(storage.push(&a.device, &changed), 409, codes::OP_MISMATCH);
    // Another op (another id) at a held sequence number.
    let other = vec![op(a.op_device(), 2, new_entity())];
    refused(storage.push(&a.device, &other), 409, codes::OP_MISMATCH);
    // A held op's id again under a new sequence number.
    let mut reused = op(a.op_device(), 3, new_entity());
    reused.id = batch[0].id;
    refused(storage.push(&a.device, &[reused]), 409, codes::OP_MISMATCH);
    // Held ops with new ones after a mismatch: nothing of it.
    let mut tail = changed;
    tail.extend(ops(a.op_device(), 3, 4));
    refused(storage.push(&a.device, &tail), 409, codes::OP_MISMATCH);
    assert_eq!(storage.op_count().expect("count"), (2, 2));
    let pulled = pull_all(storage, &counter(storage, &branch).device, 10);
    assert_eq!(pulled, batch, "the server keeps the first version");
}

pub fn a_batch_too_large_is_refused(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    let a = counter(storage, &branch);
    let too_many = ops(a.op_device(), 1, MAX_PUSH_OPS as u64 + 1);
    refused(
        storage.push(&a.device, &too_many),
        413,
        codes::BATCH_TOO_LARGE,
    );
    assert_eq!(storage.op_count().expect("count"), (0, 0));
    let pushed = storage
        .push(&a.device, &too_many[..MAX_PUSH_OPS])
        .expect("the most a push takes");
    assert_eq!(pushed.stored, MAX_PUSH_OPS as u64);
}

/// Two branches pushing ops on the same new entities at once, listed in
/// opposite orders (on two servers): each claim waits for the other push's
/// uncommitted claim. Same tenant: both stored; two tenants: one stored,
/// the other refused as foreign. Never a storage failure (a deadlock).
pub fn entity_claims_cannot_deadlock(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, north) = tenant(storage, "Spa Nord");
    let harbour = storage
        .add_branch(&tenant_id, "Harbour", crate::support::NOW)
        .expect("branch");
    let (_, south) = tenant(storage, "Spa Süd");
    let a = counter(storage, &north);
    let instances = [Arc::clone(&backend.storage), backend.another_instance()];
    let mut next = [1_u64, 1_u64];
    for (other_branch, same_tenant) in [(harbour, true), (south, false)] {
        let b = counter(storage, &other_branch);
        next[1] = 1;
        for round in 0..8 {
            let entities: Vec<_> = (0..6).map(|_| new_entity()).collect();
            // b lists them backwards.
            let pushers = [&a, &b];
            let batches: Vec<Vec<_>> = pushers
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut order = entities.clone();
                    if i == 1 {
                        order.reverse();
                    }
                    let first = next[i];
                    order
                        .into_iter()
                        .enumerate()
                        .map(|(n, e)| op(c.op_device(), first + n as u64, e))
                        .collect()
                })
                .collect();
            let results = race(2, |i| instances[i].push(&pushers[i].device, &batches[i]));
            let ok = results.iter().filter(|r| r.is_ok()).count();
            let context = format!("round {round}, same tenant {same_tenant}: {results:?}");
            assert_eq!(ok, if same_tenant { 2 } else { 1 }, "{context}");
            for (i, result) in results.into_iter().enumerate() {
                match result {
                    Ok(_) => next[i] += 6,
                    Err(e) => assert_eq!(
                        (e.status(), e.code()),
                        (403, codes::FOREIGN_ENTITY),
                        "{context}"
                    ),
                }
            }
        }
    }
}
