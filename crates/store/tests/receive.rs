//! Two counters that worked offline take in each other's ops (what sync
//! will carry) and end up the same: the same dump byte for byte, every
//! projection the fold of its log, tickets with codes that never clash,
//! whatever order the ops arrive in and however often.

mod common;

use caredesk_domain::op::Op;
use caredesk_store::{InitSettings, NewTicket, OpFilter, Resolution, StatusFilter, TicketFilter};
use common::TestDb;

fn counter(register: &str) -> TestDb {
    common::with(InitSettings {
        register_code: Some(register.to_owned()),
        ..InitSettings::default()
    })
}

fn all_ops(db: &TestDb) -> Vec<Op> {
    db.store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

fn dump(db: &TestDb) -> String {
    serde_json::to_string(&db.store.dump().expect("dump")).expect("JSON")
}

/// A day of work on one counter: a customer, a ticket for them, and a
/// ticket for a customer the other counter also knows by phone.
fn work(db: &mut TestDb, name: &str, phone: &str) -> Vec<String> {
    let ctx = db.ctx_at("2026-11-21T10:00");
    let customer = db.add(name, phone).id.to_string();
    let mut codes = Vec::new();
    for (who, subject) in [
        (customer.as_str(), "Khăn không sạch"),
        ("0977000111", "Giao thiếu"),
    ] {
        let ticket = db
            .store
            .tickets_mut()
            .open_ticket(
                &ctx,
                NewTicket {
                    customer: who.to_owned(),
                    name: Some("Lê Thị Cúc".to_owned()),
                    kind: "complaint".to_owned(),
                    subject: subject.to_owned(),
                    ..NewTicket::default()
                },
            )
            .expect("opened");
        codes.push(ticket.code);
    }
    let resolution = Resolution {
        credit: Some(50_000),
        ..Resolution::default()
    };
    db.store
        .tickets_mut()
        .resolve_ticket(&ctx, &codes[0], resolution)
        .expect("resolved");
    codes
}

#[test]
fn two_counters_that_worked_offline_converge() {
    let mut a = counter("A7K");
    let mut b = counter("B2M");
    let codes_a = work(&mut a, "Nguyễn Văn An", "0912 345 678");
    let codes_b = work(&mut b, "Trần Thị Bích", "0983 111 222");
    assert!(codes_a.iter().all(|c| c.contains("-A7K-")));
    assert!(codes_b.iter().all(|c| c.contains("-B2M-")));

    let (from_a, from_b) = (all_ops(&a), all_ops(&b));
    // Arrival order does not matter: B's ops reach A newest first.
    let mut reversed = from_b.clone();
    reversed.reverse();
    let got = a.store.receive(&reversed).expect("A takes B's ops");
    assert_eq!((got.stored, got.known), (from_b.len(), 0));
    b.store.receive(&from_a).expect("B takes A's ops");

    assert_eq!(dump(&a), dump(&b), "the counters agree");
    a.assert_folds_hold();
    b.assert_folds_hold();

    // Four tickets, four codes, on both counters.
    let ctx = a.ctx_at("2026-11-21T12:00");
    let filter = TicketFilter {
        status: Some(StatusFilter::All),
        ..TicketFilter::default()
    };
    let mut codes: Vec<String> = a
        .store
        .tickets()
        .list(&filter, &ctx)
        .expect("list")
        .into_iter()
        .map(|t| t.code)
        .collect();
    codes.sort();
    let mut expected: Vec<String> = codes_a.iter().chain(&codes_b).cloned().collect();
    expected.sort();
    assert_eq!(codes, expected);

    // A retried pull changes nothing.
    let before = dump(&a);
    let again = a.store.receive(&from_b).expect("again");
    assert_eq!((again.stored, again.known), (0, from_b.len()));
    assert_eq!(dump(&a), before);
}

#[test]
fn an_op_id_that_comes_back_with_other_content_is_refused_whole() {
    let mut a = counter("A7K");
    let b = counter("B2M");
    let mut ops = all_ops(&b);
    let first = ops[0].clone();
    a.store
        .receive(std::slice::from_ref(&first))
        .expect("taken");
    let mut forged = first;
    forged.body = serde_json::json!({"name": "Someone else"});
    ops.push(forged);
    let before = common::snapshot(&a.path);
    let error = a.store.receive(&ops).expect_err("refused");
    assert_eq!(error.code(), "corrupt");
    assert_eq!(
        common::snapshot(&a.path),
        before,
        "nothing of the batch was kept"
    );
}
