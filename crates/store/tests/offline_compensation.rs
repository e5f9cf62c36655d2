//! Compensation paid twice by two counters offline, on two real database
//! files that take in each other's ops (what sync carries): a ticket
//! resolved on both, each giving its credit, refund or free sessions, and a
//! therapist paid on both beyond what she earned. Each is a derived
//! conflict, listed the same on both counters, until a manager's ordinary
//! op takes back the late resolution's compensation or adjusts the pay;
//! the same reversal done on both counters offline takes back once.

mod common;

use caredesk_domain::op::Op;
use caredesk_domain::payroll::PayoutMethod;
use caredesk_domain::ticket::TicketChange;
use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{
    Conflict, ConflictKind, Ctx, Month, NewTicket, OpFilter, Resolution, Store, WalletMove,
};
use common::spa::{NOW, Spa, spa};

/// The second counter of the spa: joined empty, then given everything the
/// first one holds.
struct Other {
    _dir: tempfile::TempDir,
    store: Store,
}

fn join(spa: &Spa) -> Other {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("b.db");
    let mut store = Store::join(&path, Some("B2M".to_owned())).expect("joined");
    store
        .receive(&all(&spa.db.store))
        .expect("B takes the business");
    let store = Store::open(&path).expect("reopened with the business");
    Other { _dir: dir, store }
}

fn all(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

/// Both counters take in each other's ops.
fn exchange(spa: &mut Spa, b: &mut Other) {
    let (from_a, from_b) = (all(&spa.db.store), all(&b.store));
    spa.db.store.receive(&from_b).expect("A takes B's ops");
    b.store.receive(&from_a).expect("B takes A's ops");
    let dump = |store: &Store| serde_json::to_string(&store.dump().expect("dump")).expect("JSON");
    assert_eq!(dump(&spa.db.store), dump(&b.store), "the same bytes");
    assert_eq!(
        spa.db.store.conflicts().expect("conflicts"),
        b.store.conflicts().expect("conflicts"),
        "the same conflicts under the same ids"
    );
    spa.db.assert_folds_hold();
    assert!(b.store.verify_projections().expect("verify").is_empty());
}

fn kinds(store: &Store) -> Vec<(ConflictKind, Vec<String>)> {
    store
        .conflicts()
        .expect("conflicts")
        .into_iter()
        .map(|c: Conflict| (c.kind, c.about))
        .collect()
}

fn b_ctx(b: &Other, local: &str) -> Ctx {
    let now = b.store.local_time(local).expect("time");
    b.store.context(Some(now)).expect("owner on B")
}

fn open_ticket(store: &mut Store, ctx: &Ctx, customer: &str) -> String {
    store
        .tickets_mut()
        .open_ticket(
            ctx,
            NewTicket {
                customer: customer.to_owned(),
                kind: "complaint".to_owned(),
                subject: "Khăn chưa sạch".to_owned(),
                ..NewTicket::default()
            },
        )
        .expect("opened")
        .code
}

/// The ops of `kind`, in canonical order (hlc, then op id).
fn ops_of(store: &Store, kind: &str) -> Vec<Op> {
    let mut ops: Vec<Op> = all(store)
        .into_iter()
        .filter(|op| op.kind == kind)
        .collect();
    ops.sort_by_key(|op| (op.hlc, op.id));
    ops
}

#[test]
fn a_credit_given_twice_offline_is_listed_and_the_later_one_revoked_once() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    let an = spa.an.clone();
    let code = open_ticket(&mut spa.db.store, &ctx, &an);
    let mut b = join(&spa);

    // Offline, each counter settles the complaint with 100.000 of credit.
    let credit = || Resolution {
        credit: Some(100_000),
        ..Resolution::default()
    };
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&ctx, &code, credit())
        .expect("A resolves");
    let ctx_b = b_ctx(&b, NOW);
    b.store
        .tickets_mut()
        .resolve_ticket(&ctx_b, &code, credit())
        .expect("B resolves");
    assert!(kinds(&spa.db.store).is_empty(), "alone, each is fine");
    exchange(&mut spa, &mut b);

    let ticket = spa
        .db
        .store
        .tickets()
        .ticket(&code, &ctx)
        .expect("ticket")
        .id
        .to_string();
    let resolutions = ops_of(&spa.db.store, "ticket.resolved");
    assert_eq!(resolutions.len(), 2);
    let later = resolutions[1].id.to_string();
    assert_eq!(
        kinds(&spa.db.store),
        [(
            ConflictKind::TicketResolvedTwice,
            vec![ticket.clone(), later.clone()]
        )],
        "the later resolution by canonical order is the one listed"
    );
    let at = spa.ctx_at("2026-11-22T10:00");
    let wallet = spa
        .db
        .store
        .wallets()
        .wallet(an.parse().expect("id"), &at)
        .expect("wallet");
    assert_eq!((wallet.balance, wallet.virtual_), (0, 200_000));

    // An spends 150.000 before anyone reverses: the first credit whole and
    // half the late one.
    spa.db
        .store
        .wallets_mut()
        .spend_wallet(&at, &an, 150_000, "", "")
        .expect("spent");

    // A receptionist may not take compensation back alone; a ticket with
    // nothing to reverse is refused; neither writes anything.
    let lan = spa.db.store.context_as("Lan", Some(at.now)).expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store
            .tickets_mut()
            .reverse_ticket(&lan, &code, "trùng")
    });
    let other = open_ticket(&mut spa.db.store, &at, &an);
    spa.refused("nothing_to_reverse", |s| {
        s.db.store.tickets_mut().reverse_ticket(&at, &other, "")
    });

    // Both counters reverse it offline: two managers who saw the same list.
    let reversed = spa
        .db
        .store
        .tickets_mut()
        .reverse_ticket(&at, &code, "giải quyết trùng")
        .expect("A reverses");
    assert!(reversed.history.iter().any(
        |step| matches!(&step.change, TicketChange::Reversed { resolution, .. }
                if resolution.to_string() == later)
    ));
    let ctx_b = b_ctx(&b, "2026-11-22T10:00");
    b.store
        .tickets_mut()
        .reverse_ticket(&ctx_b, &code, "")
        .expect("B reverses too");
    exchange(&mut spa, &mut b);

    // What was left of the late credit (50.000) is revoked; what An spent
    // of it (50.000) is owed in real money, once, and the wallet's own
    // conflict says so.
    let wallet = spa
        .db
        .store
        .wallets()
        .wallet(an.parse().expect("id"), &at)
        .expect("wallet");
    assert_eq!((wallet.balance, wallet.virtual_), (-50_000, 0));
    let takes: Vec<(i64, i64)> = wallet
        .entries
        .iter()
        .filter_map(|e| match &e.change {
            WalletChange::CompensationReversed {
                revoked, from_real, ..
            } => Some((*revoked, *from_real)),
            _ => None,
        })
        .collect();
    assert_eq!(takes, [(50_000, 50_000)], "taken back once");
    assert!(
        wallet.entries.iter().any(|e| matches!(&e.change,
            WalletChange::Refused { kind, .. } if kind == "wallet.compensation_reversed")),
        "the second reversal is kept, refused"
    );
    assert_eq!(
        kinds(&spa.db.store),
        [(ConflictKind::WalletOverdrawn, vec![an.clone()])],
        "the double resolution is gone on both counters"
    );
    spa.db
        .store
        .wallets_mut()
        .deposit_wallet(
            &at,
            &an,
            WalletMove {
                amount: 50_000,
                source: Source::Cash,
                reference: String::new(),
                note: String::new(),
            },
        )
        .expect("An pays what she spent of it");
    exchange(&mut spa, &mut b);
    assert!(kinds(&b.store).is_empty());
}

#[test]
fn a_refund_and_free_sessions_given_twice_are_taken_back() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    let an = spa.an.clone();
    let card = spa.sell(&an, 2).id;
    let refund = open_ticket(&mut spa.db.store, &ctx, &an);
    let session = open_ticket(&mut spa.db.store, &ctx, &an);
    let mut b = join(&spa);
    let ctx_b = b_ctx(&b, NOW);
    let give_refund = || Resolution {
        refund: Some(80_000),
        ..Resolution::default()
    };
    let give_sessions = || Resolution {
        session: Some(Some(card.to_string())),
        sessions: Some(2),
        ..Resolution::default()
    };
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&ctx, &refund, give_refund())
        .expect("A refunds");
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&ctx, &session, give_sessions())
        .expect("A grants");
    b.store
        .tickets_mut()
        .resolve_ticket(&ctx_b, &refund, give_refund())
        .expect("B refunds");
    b.store
        .tickets_mut()
        .resolve_ticket(&ctx_b, &session, give_sessions())
        .expect("B grants");
    exchange(&mut spa, &mut b);

    let listed = kinds(&b.store);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed
            .iter()
            .all(|(kind, _)| *kind == ConflictKind::TicketResolvedTwice)
    );
    assert_eq!(spa.card(card, NOW).total, 6, "two sessions granted twice");

    // B reverses both; A learns of it.
    b.store
        .tickets_mut()
        .reverse_ticket(&ctx_b, &refund, "")
        .expect("refund back");
    b.store
        .tickets_mut()
        .reverse_ticket(&ctx_b, &session, "")
        .expect("sessions back");
    exchange(&mut spa, &mut b);
    assert!(kinds(&spa.db.store).is_empty());
    let wallet = spa
        .db
        .store
        .wallets()
        .wallet(an.parse().expect("id"), &ctx)
        .expect("wallet");
    assert_eq!(wallet.balance, 80_000, "one refund stands");
    let shown = spa.card(card, NOW);
    assert_eq!((shown.total, shown.granted), (4, 2), "one grant stands");
}

#[test]
fn two_offline_payouts_beyond_what_was_earned_are_listed_until_an_adjustment() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .payroll_mut()
        .set_share_rate(
            &ctx,
            "Mai",
            4_000,
            Some("2026-11-01".parse().expect("date")),
        )
        .expect("rate");
    let card = spa.sell(&spa.an.clone(), 1).id;
    let booking = spa.book(card, "2026-11-22T09:00").expect("booked").id;
    spa.serve(booking, "2026-11-22T09:00", "2026-11-22T10:00");
    let at = spa.ctx_at("2026-11-22T18:00");
    let mai = spa.db.store.payroll().staff_pay("Mai").expect("pay");
    assert_eq!(mai.balance, 160_000, "40% of a 400.000 package session");
    let mut b = join(&spa);

    // Each counter pays Mai 100.000 of her 160.000 (by transfer: no
    // drawer is open on either).
    spa.db
        .store
        .payroll_mut()
        .pay_staff(&at, "Mai", 100_000, "chuyển khoản", PayoutMethod::Transfer)
        .expect("A pays");
    let ctx_b = b_ctx(&b, "2026-11-22T18:00");
    b.store
        .payroll_mut()
        .pay_staff(
            &ctx_b,
            "Mai",
            100_000,
            "chuyển khoản",
            PayoutMethod::Transfer,
        )
        .expect("B pays");
    exchange(&mut spa, &mut b);
    let pay = spa.db.store.payroll().staff_pay("Mai").expect("pay");
    assert_eq!((pay.paid, pay.balance), (200_000, -40_000));
    assert_eq!(
        kinds(&spa.db.store),
        [(ConflictKind::PayoutOverOwed, vec![mai.staff.to_string()])]
    );

    // Refusals write nothing: no amount, no note, a deduction beyond what
    // is owed, a receptionist alone.
    spa.refused("invalid_amount", |s| {
        s.db.store
            .payroll_mut()
            .adjust_staff_pay(&at, "Mai", 0, "x")
    });
    spa.refused("empty_field", |s| {
        s.db.store
            .payroll_mut()
            .adjust_staff_pay(&at, "Mai", 40_000, " ")
    });
    spa.refused("payout_above_balance", |s| {
        s.db.store
            .payroll_mut()
            .adjust_staff_pay(&at, "Mai", -1, "phạt")
    });
    let lan = spa.db.store.context_as("Lan", Some(at.now)).expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store
            .payroll_mut()
            .adjust_staff_pay(&lan, "Mai", 40_000, "trả dư")
    });

    // The manager counts the 40.000 paid over as pay.
    let settled = spa
        .db
        .store
        .payroll_mut()
        .adjust_staff_pay(&at, "Mai", 40_000, "trả dư do hai quầy cùng trả")
        .expect("adjusted");
    assert_eq!((settled.adjusted, settled.balance), (40_000, 0));
    exchange(&mut spa, &mut b);
    assert!(kinds(&b.store).is_empty());
    let month = b
        .store
        .payroll()
        .staff_income(&ctx_b, "Mai", Month::parse("2026-11").expect("month"))
        .expect("income");
    assert_eq!(
        (month.earned, month.paid, month.adjusted, month.balance),
        (160_000, 200_000, 40_000, 0)
    );
}
