//! Tenants, branches, device slots, pairing and tokens.

use std::sync::Arc;

use caredesk_domain::id::DeviceId;
use caredesk_protocol::codes;
use caredesk_server::secret::CODE_LIFETIME_MS;

use crate::support::{Backend, NOW, counter, ops, pairing, race, refused, slot, tenant};

pub fn tenants_branches_and_slots(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let second = storage
        .add_branch(&tenant_id, "Harbour", NOW)
        .expect("a second branch");
    assert_ne!(branch, second);

    refused(
        storage.add_branch("no-such-tenant", "Nowhere", NOW),
        404,
        codes::NOT_FOUND,
    );
    refused(
        storage.add_device("no-such-branch", "Till", "hash", NOW),
        404,
        codes::NOT_FOUND,
    );
    refused(
        storage.revoke_device("no-such-device", NOW),
        404,
        codes::NOT_FOUND,
    );

    let (device, _) = slot(storage, &branch, NOW);
    let (other, _) = slot(storage, &second, NOW);
    let listed = storage.devices(Some(&branch)).expect("devices of a branch");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, device);
    assert_eq!(listed[0].name, "Front desk");
    assert_eq!(listed[0].branch, branch);
    assert!(!listed[0].paired && !listed[0].revoked);
    assert_eq!(listed[0].register_code, None);
    let all: Vec<String> = storage
        .devices(None)
        .expect("every device")
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(all.len(), 2);
    assert!(all.contains(&device) && all.contains(&other));
}

pub fn a_code_pairs_once(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let (device, code) = slot(storage, &branch, NOW);

    let op_device = DeviceId::new();
    let paired = storage
        .pair(&pairing(&code, op_device, "k7q", 0), NOW + 1)
        .expect("a fresh code pairs");
    assert_eq!(paired.device, device);
    assert_eq!(paired.tenant, tenant_id);
    assert_eq!(paired.branch, branch);
    assert_eq!(paired.register_code, "K7Q", "register codes are upper case");
    assert!(paired.token.starts_with("cdt_"));

    // The same code again, by another counter or the same one: spent.
    refused(
        storage.pair(&pairing(&code, DeviceId::new(), "K8Q", 0), NOW + 2),
        401,
        codes::INVALID_CODE,
    );
    refused(
        storage.pair(&pairing(&code, op_device, "K7Q", 0), NOW + 2),
        401,
        codes::INVALID_CODE,
    );
    // A code typed differently (case, dashes) is the same code.
    let (_, code2) = slot(storage, &branch, NOW);
    let typed = code2.to_lowercase().replace('-', " ");
    storage
        .pair(&pairing(&typed, DeviceId::new(), "B02", 0), NOW + 3)
        .expect("the code as a person types it");
    refused(
        storage.pair(&pairing("0000-0000-0000", DeviceId::new(), "C03", 0), NOW),
        401,
        codes::INVALID_CODE,
    );

    let listed = storage.devices(Some(&branch)).expect("devices");
    let row = listed
        .iter()
        .find(|d| d.id == device)
        .expect("the paired slot is listed");
    assert!(row.paired && !row.revoked);
    assert_eq!(row.register_code.as_deref(), Some("K7Q"));
    assert_eq!(row.last_seen, Some(NOW + 1));
}

pub fn expired_and_revoked_codes_are_refused(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    // Made a day and a minute ago: expired.
    let (_, old) = slot(storage, &branch, NOW - CODE_LIFETIME_MS - 60_000);
    refused(
        storage.pair(&pairing(&old, DeviceId::new(), "A01", 0), NOW),
        401,
        codes::INVALID_CODE,
    );
    // To the millisecond: a code lives CODE_LIFETIME_MS, not a moment more.
    let (_, edge) = slot(storage, &branch, NOW - CODE_LIFETIME_MS);
    refused(
        storage.pair(&pairing(&edge, DeviceId::new(), "A01", 0), NOW),
        401,
        codes::INVALID_CODE,
    );
    let (_, fresh) = slot(storage, &branch, NOW - CODE_LIFETIME_MS + 1);
    storage
        .pair(&pairing(&fresh, DeviceId::new(), "A01", 0), NOW)
        .expect("a code one millisecond from expiry still pairs");
    // A revoked slot's code is dead.
    let (revoked, code) = slot(storage, &branch, NOW);
    storage
        .revoke_device(&revoked, NOW)
        .expect("revoke an unpaired slot");
    refused(
        storage.pair(&pairing(&code, DeviceId::new(), "A02", 0), NOW),
        401,
        codes::INVALID_CODE,
    );
}

pub fn a_counter_has_one_live_slot(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let elsewhere = storage
        .add_branch(&tenant_id, "Harbour", NOW)
        .expect("branch");
    let op_device = DeviceId::new();
    let (first, code) = slot(storage, &branch, NOW);
    storage
        .pair(&pairing(&code, op_device, "A01", 0), NOW)
        .expect("pairs");

    let (_, again) = slot(storage, &branch, NOW);
    refused(
        storage.pair(&pairing(&again, op_device, "A01", 0), NOW),
        409,
        codes::DEVICE_TAKEN,
    );
    let (_, there) = slot(storage, &elsewhere, NOW);
    refused(
        storage.pair(&pairing(&there, op_device, "A01", 0), NOW),
        409,
        codes::DEVICE_TAKEN,
    );
    // Both codes are still good for other counters: a refusal spends nothing.
    let (_, spare) = slot(storage, &elsewhere, NOW);
    refused(
        storage.pair(&pairing(&spare, op_device, "A01", 0), NOW),
        409,
        codes::DEVICE_TAKEN,
    );
    storage
        .pair(&pairing(&spare, DeviceId::new(), "A01", 0), NOW)
        .expect("a refused pairing leaves the code usable");

    // Its token replaced: the old slot revoked, a new one on the same branch.
    storage.revoke_device(&first, NOW).expect("revoke");
    let returned = storage
        .pair(&pairing(&again, op_device, "A01", 3), NOW)
        .expect("a revoked counter pairs again on its branch");
    assert_eq!(returned.branch, branch);
    assert_eq!(returned.register_code, "A01", "it keeps its register code");
    // Never on another branch, even with its old slot revoked.
    refused(
        storage.pair(&pairing(&there, op_device, "A01", 0), NOW),
        409,
        codes::DEVICE_TAKEN,
    );
}

pub fn a_counter_with_ops_cannot_join_a_branch_with_data(backend: &Backend) {
    let storage = backend.storage();
    let (_, branch) = tenant(storage, "Spa Nord");
    // A counter with a log seeds the empty branch.
    let (_, code) = slot(storage, &branch, NOW);
    let seed = DeviceId::new();
    let seeded = storage
        .pair(&pairing(&code, seed, "A01", 2), NOW)
        .expect("seeds an empty branch");
    let device = storage
        .authenticate(&caredesk_server::secret::hash(&seeded.token), NOW)
        .expect("its token");
    storage.push(&device, &ops(seed, 1, 2)).expect("its log");

    let (_, code) = slot(storage, &branch, NOW);
    refused(
        storage.pair(&pairing(&code, DeviceId::new(), "B01", 5), NOW),
        409,
        codes::BRANCH_HAS_DATA,
    );
    let empty = storage
        .pair(&pairing(&code, DeviceId::new(), "B01", 0), NOW)
        .expect("an empty counter joins a branch with data");
    assert_eq!(empty.register_code, "B01");
}

pub fn register_codes_are_unique_in_a_branch(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let (_, code) = slot(storage, &branch, NOW);
    storage
        .pair(&pairing(&code, DeviceId::new(), "K01", 0), NOW)
        .expect("first");

    // An empty counter whose code is taken gets a free one.
    let (_, code) = slot(storage, &branch, NOW);
    let moved = storage
        .pair(&pairing(&code, DeviceId::new(), "k01", 0), NOW)
        .expect("an empty counter with a taken code");
    assert_ne!(moved.register_code, "K01");
    assert_eq!(moved.register_code.len(), 3);
    assert!(
        moved
            .register_code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    // A counter with ops has printed receipts under its code: refused.
    let (_, code) = slot(storage, &branch, NOW);
    refused(
        storage.pair(&pairing(&code, DeviceId::new(), "K01", 4), NOW),
        409,
        codes::DEVICE_TAKEN,
    );
    // Another branch has codes of its own.
    let harbour = storage
        .add_branch(&tenant_id, "Harbour", NOW)
        .expect("branch");
    let (_, code) = slot(storage, &harbour, NOW);
    let there = storage
        .pair(&pairing(&code, DeviceId::new(), "K01", 4), NOW)
        .expect("other branch");
    assert_eq!(there.register_code, "K01");
}

pub fn tokens_authenticate_until_revoked(backend: &Backend) {
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let counter = counter(storage, &branch);
    let device = storage
        .authenticate(&counter.token_hash, NOW + 120_000)
        .expect("the right token");
    assert_eq!(device.id, counter.paired.device);
    assert_eq!(device.tenant, tenant_id);
    assert_eq!(device.branch, branch);
    assert_eq!(device, counter.device);
    let row = storage.devices(Some(&branch)).expect("devices");
    assert_eq!(row[0].last_seen, Some(NOW + 120_000), "seen-times are kept");

    refused(
        storage.authenticate(&"0".repeat(64), NOW),
        401,
        codes::UNAUTHORIZED,
    );
    refused(
        storage.authenticate(&caredesk_server::secret::hash("cdt_guess"), NOW),
        401,
        codes::UNAUTHORIZED,
    );
    storage.revoke_device(&device.id, NOW).expect("revoke");
    storage
        .revoke_device(&device.id, NOW + 1)
        .expect("revoking twice is no error");
    refused(
        storage.authenticate(&counter.token_hash, NOW),
        401,
        codes::REVOKED,
    );
    let row = storage.devices(Some(&branch)).expect("devices");
    assert!(row[0].revoked);
}

/// Counters typing at once: one code pairs one counter, one counter gets
/// one live slot, however many servers and connections race.
pub fn concurrent_pairings(backend: &Backend) {
    const RACERS: usize = 6;
    let storage = backend.storage();
    let (tenant_id, branch) = tenant(storage, "Spa Nord");
    let instances = [Arc::clone(&backend.storage), backend.another_instance()];

    // One code, many counters.
    let (_, code) = slot(storage, &branch, NOW);
    let results = race(RACERS, |i| {
        instances[i % 2].pair(&pairing(&code, DeviceId::new(), "A01", 0), NOW)
    });
    let paired = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(paired, 1, "one code pairs one counter: {results:?}");
    for result in results.into_iter().filter(Result::is_err) {
        refused(result, 401, codes::INVALID_CODE);
    }

    // One counter, many codes on several branches.
    let op_device = DeviceId::new();
    let codes_ = (0..RACERS)
        .map(|i| {
            let branch = storage
                .add_branch(&tenant_id, &format!("B{i}"), NOW)
                .expect("branch");
            slot(storage, &branch, NOW).1
        })
        .collect::<Vec<_>>();
    let results = race(RACERS, |i| {
        instances[i % 2].pair(&pairing(&codes_[i], op_device, "A01", 0), NOW)
    });
    let paired = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(
        paired, 1,
        "a counter is paired with one live slot: {results:?}"
    );
    for result in results.into_iter().filter(Result::is_err) {
        refused(result, 409, codes::DEVICE_TAKEN);
    }

    // Many empty counters asking for one register code on one branch: each
    // ends with a code of its own.
    let (_, fresh) = tenant(storage, "Spa Süd");
    let codes_ = (0..RACERS)
        .map(|_| slot(storage, &fresh, NOW).1)
        .collect::<Vec<_>>();
    let results = race(RACERS, |i| {
        instances[i % 2].pair(&pairing(&codes_[i], DeviceId::new(), "R01", 0), NOW)
    });
    let mut register_codes: Vec<String> = results
        .into_iter()
        .map(|r| r.expect("empty counters all pair").register_code)
        .collect();
    register_codes.sort();
    register_codes.dedup();
    assert_eq!(
        register_codes.len(),
        RACERS,
        "register codes stay unique in a branch"
    );
}

/// Servers started together on empty data (a deploy of several instances,
/// or a restart): one creates the schema, the others find it, none fails;
/// and data opened again keeps what it holds.
pub fn instances_start_together_on_empty_data(backend: &Backend) {
    const SERVERS: usize = 4;
    for _ in 0..3 {
        let data = backend.fresh_data();
        let started = race(SERVERS, |_| data.open().map(|_| ()));
        for (i, result) in started.iter().enumerate() {
            assert!(
                result.is_ok(),
                "server {i} of {SERVERS} failed to start: {result:?}"
            );
        }
        let storage = data.open().expect("opens again");
        let (_, branch) = tenant(&*storage, "Spa Nord");
        let a = counter(&*storage, &branch);
        storage
            .push(&a.device, &ops(a.op_device(), 1, 2))
            .expect("push");
        drop(storage);
        let reopened = data.open().expect("reopens");
        assert_eq!(reopened.op_count().expect("count"), (2, 2));
        assert_eq!(reopened.devices(Some(&branch)).expect("devices").len(), 1);
    }
}
