//! The timed jobs (credit and cards expiring, tickets nearing their
//! deadline) act as the system, whoever runs them: the clock decided, not
//! the person at the counter. The system is no one who can sign in, the
//! activity log names it in the three languages, logs from before (jobs
//! acting as the owner) read as they did, and two counters that ran the
//! same jobs offline converge.

mod common;

use caredesk_domain::clock::Hlc;
use caredesk_domain::event::Event;
use caredesk_domain::id::{CreditId, DeviceId, OpId, StaffId};
use caredesk_domain::op::Op;
use caredesk_domain::staff::{Role, StaffEvent, StaffJoined};
use caredesk_domain::wallet::{CreditExpired, WalletChange, WalletEvent};
use caredesk_store::{AuditFilter, Lang, NewTicket, OpFilter, Store};
use common::spa::{NOW, Spa, spa};

/// Past every deadline below: the credit (two days), the 30-day card and
/// the ticket (due two days after NOW).
const LATER: &str = "2027-01-05T08:00";

/// What An holds that time will act on: credit for two days, a 30-day card
/// and a ticket due in two days.
fn due(spa: &mut Spa) {
    let owner = spa.ctx_at(NOW);
    let an = spa.an.clone();
    spa.db
        .store
        .wallets_mut()
        .issue_credit(&owner, &an, 50_000, Some(2), "khai trương")
        .expect("credit");
    spa.sell(&an, 10);
    let deadline = spa.db.at("2026-11-23T18:00");
    spa.db
        .store
        .tickets_mut()
        .open_ticket(
            &owner,
            NewTicket {
                customer: an,
                kind: "complaint".into(),
                subject: "Khăn chưa sạch".into(),
                deadline: Some(deadline),
                ..NewTicket::default()
            },
        )
        .expect("ticket");
}

const JOB_KINDS: [&str; 3] = [
    "wallet.credit_expired",
    "treatment.expired",
    "ticket.escalated",
];

fn job_ops(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .filter(|op| JOB_KINDS.contains(&op.kind.as_str()))
        .collect()
}

fn dump(store: &Store) -> String {
    serde_json::to_string(&store.dump().expect("dump")).expect("JSON")
}

#[test]
fn jobs_act_as_the_system_whoever_runs_them() {
    let mut spa = spa();
    due(&mut spa);
    // The receptionist's counter runs them: the ops are still the system's.
    let desk = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at(LATER)))
        .expect("Lan");
    let run = spa.db.store.run_jobs(&desk).expect("jobs");
    assert_eq!(
        (
            run.credits_expired.len(),
            run.treatments_expired.len(),
            run.tickets_escalated.len()
        ),
        (1, 1, 1)
    );
    let ops = job_ops(&spa.db.store);
    assert_eq!(ops.len(), 3, "{ops:?}");
    for op in &ops {
        assert_eq!(op.actor, StaffId::SYSTEM, "{}", op.kind);
        assert_eq!(op.approver, None, "{}", op.kind);
    }
    // Each job on its own, as `caredesk wallet expire` and the others run
    // them, acts as the system too.
    let mut other = spa_with_due();
    let owner = other.ctx_at(LATER);
    other
        .db
        .store
        .wallets_mut()
        .record_credit_expiries(&owner)
        .expect("credit");
    other
        .db
        .store
        .treatments_mut()
        .record_expiries(&owner)
        .expect("cards");
    other
        .db
        .store
        .tickets_mut()
        .escalate_tickets(&owner)
        .expect("tickets");
    let ops = job_ops(&other.db.store);
    assert_eq!(ops.len(), 3, "{ops:?}");
    assert!(ops.iter().all(|op| op.actor == StaffId::SYSTEM), "{ops:?}");
    spa.db.assert_folds_hold();
}

fn spa_with_due() -> Spa {
    let mut spa = spa();
    due(&mut spa);
    spa
}

#[test]
fn the_activity_log_names_the_system_in_three_languages() {
    let mut spa = spa_with_due();
    let later = spa.ctx_at(LATER);
    spa.db.store.run_jobs(&later).expect("jobs");
    let system = AuditFilter {
        staff: Some(StaffId::SYSTEM),
        ..AuditFilter::default()
    };
    for (lang, name, credit) in [
        (
            Lang::Vi,
            "Hệ thống",
            "Hệ thống đã ghi nhận tiền ảo trong ví của Nguyễn Văn An hết hạn",
        ),
        (
            Lang::En,
            "System",
            "System recorded that credit in Nguyễn Văn An's wallet expired",
        ),
        (
            Lang::Id,
            "Sistem",
            "Sistem mencatat kredit di dompet Nguyễn Văn An kedaluwarsa",
        ),
    ] {
        let entries = spa.db.store.audit(&system, lang).expect("audit");
        let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds.len(), 3, "only the jobs' ops: {kinds:?}");
        assert!(JOB_KINDS.iter().all(|k| kinds.contains(k)), "{kinds:?}");
        assert!(entries.iter().all(|e| e.staff == name), "{entries:?}");
        assert!(entries.iter().any(|e| e.text == credit), "{entries:?}");
    }
    // The owner's own activity does not hold what the clock did.
    let owner = spa.db.store.context(None).expect("owner").actor;
    let by_owner = AuditFilter {
        staff: Some(owner),
        ..AuditFilter::default()
    };
    let entries = spa.db.store.audit(&by_owner, Lang::Vi).expect("audit");
    assert!(
        entries
            .iter()
            .all(|e| !JOB_KINDS.contains(&e.kind.as_str())),
        "{entries:?}"
    );
    // The statements say who too: the system, in the business's language.
    let an = spa.an.parse().expect("id");
    let wallet = spa.db.store.wallets().wallet(an, &later).expect("wallet");
    let expired = wallet
        .entries
        .iter()
        .find(|e| matches!(e.change, WalletChange::CreditExpired { .. }))
        .expect("expiry on the statement");
    assert_eq!(
        (expired.by, expired.by_name.as_str()),
        (StaffId::SYSTEM, "Hệ thống")
    );
}

#[test]
fn no_one_signs_in_or_acts_as_the_system() {
    let mut spa = spa();
    let system = StaffId::SYSTEM.to_string();
    let now = spa.db.at(NOW);
    for who in [system.as_str(), "Hệ thống", "System", "Sistem"] {
        spa.refused("not_found", |s| s.db.store.context_as(who, Some(now)));
        spa.refused("not_found", |s| s.db.store.sign_in(who, "1234", now));
        let owner = spa.ctx_at(NOW);
        spa.refused("not_found", |s| s.db.store.approve(owner, who, "1234"));
    }
    // Not even when an op names it as a staff member (a forged or broken
    // log): the system stays no one.
    let joined = Event::from(StaffEvent::from(StaffJoined {
        name: "Hệ thống".into(),
        role: Role::Owner,
    }));
    let forged = op_from_elsewhere(StaffId::SYSTEM, StaffId::SYSTEM.into(), joined, &spa);
    spa.db.store.receive(&[forged]).expect("received");
    for who in [system.as_str(), "Hệ thống"] {
        spa.refused("not_found", |s| s.db.store.context_as(who, Some(now)));
        spa.refused("not_found", |s| s.db.store.sign_in(who, "1234", now));
    }
    assert!(
        spa.db
            .store
            .staff()
            .expect("staff")
            .iter()
            .all(|m| m.id != StaffId::SYSTEM),
        "the system is listed as staff"
    );
}

/// An op as another counter (or an older build) wrote it, after every op
/// the counter holds.
fn op_from_elsewhere(
    actor: StaffId,
    entity: caredesk_domain::id::EntityId,
    event: Event,
    spa: &Spa,
) -> Op {
    let latest = spa
        .db
        .store
        .ops(&OpFilter::default())
        .expect("ops")
        .iter()
        .map(|logged| logged.op.hlc.to_u64())
        .max()
        .unwrap_or(0);
    Op {
        id: OpId::new(),
        device_id: DeviceId::new(),
        device_seq: 1,
        hlc: Hlc::from_u64(latest + (1 << 16)),
        actor,
        approver: None,
        kind: event.kind().to_owned(),
        schema: event.schema(),
        entity,
        body: event.body(),
    }
}

#[test]
fn logs_from_before_keep_the_owner_as_the_one_who_recorded_the_expiry() {
    let mut spa = spa();
    let owner = spa.ctx_at(NOW);
    let an = spa.an.clone();
    let wallet = spa
        .db
        .store
        .wallets_mut()
        .issue_credit(&owner, &an, 50_000, Some(2), "khai trương")
        .expect("credit");
    let credit: CreditId = wallet.credits[0].id;
    let customer: caredesk_domain::id::CustomerId = an.parse().expect("id");
    // Before jobs acted as the system, the expiry job wrote as the owner.
    let old = op_from_elsewhere(
        owner.actor,
        customer.into(),
        Event::from(WalletEvent::from(CreditExpired { credit })),
        &spa,
    );
    spa.db.store.receive(&[old]).expect("received");
    let later = spa.ctx_at(LATER);
    assert!(
        spa.db
            .store
            .wallets_mut()
            .record_credit_expiries(&later)
            .expect("job")
            .is_empty(),
        "recorded already, by the old job"
    );
    let about_an = AuditFilter {
        customer: Some(customer),
        ..AuditFilter::default()
    };
    let entries = spa.db.store.audit(&about_an, Lang::Vi).expect("audit");
    let expired = entries
        .iter()
        .find(|e| e.kind == "wallet.credit_expired")
        .expect("the old expiry");
    assert_eq!(expired.staff, "Hương");
    assert_eq!(
        expired.text,
        "Hương đã ghi nhận tiền ảo trong ví của Nguyễn Văn An hết hạn"
    );
    let wallet = spa
        .db
        .store
        .wallets()
        .wallet(customer, &later)
        .expect("wallet");
    let entry = wallet
        .entries
        .iter()
        .find(|e| matches!(e.change, WalletChange::CreditExpired { .. }))
        .expect("on the statement");
    assert_eq!((entry.by, entry.by_name.as_str()), (owner.actor, "Hương"));
    spa.db.assert_folds_hold();
}

#[test]
fn two_counters_that_ran_the_same_jobs_offline_converge() {
    let mut a = spa_with_due();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut b = Store::join(&dir.path().join("b.db"), Some("B2M".into())).expect("joined");
    let everything: Vec<Op> =
        a.db.store
            .ops(&OpFilter::default())
            .expect("ops")
            .into_iter()
            .map(|logged| logged.op)
            .collect();
    b.receive(&everything).expect("B holds A's day");
    assert_eq!(dump(&b), dump(&a.db.store));

    // Both counters run the jobs offline, each as whoever is signed in.
    let at_a = a.ctx_at(LATER);
    let at_b = b
        .context_as("Lan", Some(a.db.at("2027-01-05T08:07")))
        .expect("Lan on B");
    a.db.store.run_jobs(&at_a).expect("jobs on A");
    b.run_jobs(&at_b).expect("jobs on B");
    let (from_a, from_b) = (job_ops(&a.db.store), job_ops(&b));
    assert_eq!((from_a.len(), from_b.len()), (3, 3));

    a.db.store.receive(&from_b).expect("A takes B's");
    b.receive(&from_a).expect("B takes A's");
    assert_eq!(dump(&b), dump(&a.db.store), "the same state on both");
    assert!(b.verify_projections().expect("verify").is_empty());
    a.db.assert_folds_hold();
    // The card expired once and the credit once, whoever wrote it down.
    let an = a.an.parse().expect("id");
    let wallet = a.db.store.wallets().wallet(an, &at_a).expect("wallet");
    assert_eq!((wallet.virtual_, wallet.credits[0].status), (0, "EXPIRED"));
    let twice: Vec<_> = job_ops(&a.db.store)
        .into_iter()
        .map(|op| op.actor)
        .collect();
    assert_eq!(twice, vec![StaffId::SYSTEM; 6]);
}
