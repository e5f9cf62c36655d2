//! Wallets on real database files: deposits, virtual credit spent first
//! (soonest expiry first), spending, refunds and adjustments by role, the
//! daily credit-expiry job, every refusal writing nothing, and two
//! receptionists spending the last of a balance at once.

mod common;

use std::sync::{Arc, Barrier};

use caredesk_domain::Role;
use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{InitSettings, NewStaff, Store, WalletMove};

const NOW: &str = "2026-11-21T10:00";

/// A spa whose owner is Hương (PIN 1234), with Lan at the desk and one
/// customer, An.
fn spa() -> (common::TestDb, String) {
    let mut db = common::with(InitSettings {
        owner_name: "Hương".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let ctx = db.ctx();
    db.store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Lan".into(),
                role: Role::Receptionist,
                pin: Some("1111".into()),
            },
        )
        .expect("receptionist");
    let an = db.add("Nguyễn Văn An", "0912 345 678").id.to_string();
    (db, an)
}

fn cash(amount: i64) -> WalletMove {
    WalletMove {
        amount,
        source: Source::Cash,
        reference: String::new(),
        note: String::new(),
    }
}

#[test]
fn credit_from_the_desk_needs_a_manager_above_the_business_s_limit() {
    let (mut db, an) = spa();
    let path = db.path.clone();
    let desk = db
        .store
        .context_as("Lan", Some(db.at(NOW)))
        .expect("receptionist");
    // By default no credit at all is the desk's to give.
    for amount in [1, 5_000_000] {
        common::refused(&mut db, &path, "permission_denied", |db| {
            db.store
                .wallets_mut()
                .issue_credit(&desk, &an, amount, Some(30), "khai trương")
        });
    }
    let approved = db.store.approve(desk, "Hương", "1234").expect("PIN");
    let wallet = db
        .store
        .wallets_mut()
        .issue_credit(&approved, &an, 5_000_000, Some(30), "khai trương")
        .expect("approved on the spot");
    assert_eq!(wallet.virtual_, 5_000_000);

    // The owner lets the desk give up to 100 000 alone.
    let owner = db.ctx_at(NOW);
    let checkout = db.store.sales().checkout().expect("settings");
    let checkout = db
        .store
        .sales_mut()
        .set_checkout(
            &owner,
            caredesk_domain::sale::CheckoutSettings {
                credit_limit: 100_000,
                ..checkout
            },
        )
        .expect("limit set");
    assert_eq!(checkout.credit_limit, 100_000);
    let wallet = db
        .store
        .wallets_mut()
        .issue_credit(&desk, &an, 100_000, Some(7), "sinh nhật")
        .expect("at the limit");
    assert_eq!(wallet.virtual_, 5_100_000);
    common::refused(&mut db, &path, "permission_denied", |db| {
        db.store
            .wallets_mut()
            .issue_credit(&desk, &an, 100_001, Some(7), "sinh nhật")
    });
    // The owner gives any amount alone.
    db.store
        .wallets_mut()
        .issue_credit(&owner, &an, 100_001, Some(7), "sinh nhật")
        .expect("owner");
    common::refused(&mut db, &path, "invalid_settings", |db| {
        db.store.sales_mut().set_checkout(
            &owner,
            caredesk_domain::sale::CheckoutSettings {
                credit_limit: -1,
                ..checkout
            },
        )
    });
    db.assert_folds_hold();
}

#[test]
fn credit_is_spent_first_soonest_expiry_first_then_real_money() {
    let (mut db, an) = spa();
    let desk = db
        .store
        .context_as("Lan", Some(db.at(NOW)))
        .expect("receptionist");
    db.store
        .wallets_mut()
        .deposit_wallet(&desk, &an, cash(500_000))
        .expect("deposit");
    // Credit from the desk is given with the manager there.
    let approved = db.store.approve(desk, "Hương", "1234").expect("PIN");
    db.store
        .wallets_mut()
        .issue_credit(&approved, &an, 100_000, Some(30), "khai trương")
        .expect("long credit");
    let wallet = db
        .store
        .wallets_mut()
        .issue_credit(&approved, &an, 50_000, None, "xin lỗi vì chờ lâu")
        .expect("15-day credit");
    assert_eq!(
        (wallet.balance, wallet.virtual_, wallet.available),
        (500_000, 150_000, 650_000)
    );
    // Valid 15 days counting today: gone from 2026-12-06 00:00 in Saigon.
    assert_eq!(wallet.credits[0].expires_at, "2026-12-06T00:00:00+07:00");

    let spend = db
        .store
        .wallets_mut()
        .spend_wallet(&desk, "0912345678", 180_000, "HD-0001", "")
        .expect("spent");
    assert_eq!((spend.from_virtual, spend.from_real), (150_000, 30_000));
    assert_eq!((spend.wallet.balance, spend.wallet.virtual_), (470_000, 0));
    let WalletChange::Spent { credits, .. } = &spend.wallet.entries.last().expect("entry").change
    else {
        panic!("the last entry is the spend");
    };
    let amounts: Vec<i64> = credits.iter().map(|(_, a)| *a).collect();
    assert_eq!(amounts, [50_000, 100_000], "the 15-day credit first");
    let last = spend.wallet.entries.last().expect("entry");
    assert_eq!(last.by_name, "Lan");
    assert_eq!(
        (
            last.real_before,
            last.real_after,
            last.virtual_before,
            last.virtual_after
        ),
        (500_000, 470_000, 150_000, 0)
    );

    // The customer's file shows the wallet.
    let file = db
        .store
        .customers()
        .customer_360(an.parse().expect("id"), &desk)
        .expect("360");
    assert_eq!(file.wallet.balance, 470_000);
    db.assert_folds_hold();
}

#[test]
fn refusals_name_what_is_available_and_write_nothing() {
    let (mut db, an) = spa();
    let owner = db.ctx_at(NOW);
    db.store
        .wallets_mut()
        .deposit_wallet(&owner, &an, cash(100_000))
        .expect("deposit");
    db.store
        .wallets_mut()
        .issue_credit(&owner, &an, 20_000, Some(5), "sinh nhật")
        .expect("credit");
    let path = db.path.clone();
    let mut message = String::new();
    common::refused(&mut db, &path, "insufficient_funds", |db| {
        let result = db
            .store
            .wallets_mut()
            .spend_wallet(&owner, &an, 120_001, "", "");
        if let Err(error) = &result {
            message = error.to_string();
        }
        result
    });
    assert!(
        message.contains(
            "120.001 ₫ is more than the 120.000 ₫ available (100.000 ₫ real, 20.000 ₫ virtual)"
        ),
        "{message}"
    );
    for amount in [0, -5, i64::MAX] {
        common::refused(&mut db, &path, "invalid_amount", |db| {
            db.store
                .wallets_mut()
                .deposit_wallet(&owner, &an, cash(amount))
        });
        common::refused(&mut db, &path, "invalid_amount", |db| {
            db.store
                .wallets_mut()
                .spend_wallet(&owner, &an, amount, "", "")
        });
    }
    common::refused(&mut db, &path, "invalid_amount", |db| {
        db.store
            .wallets_mut()
            .adjust_wallet(&owner, &an, i64::MIN, "sửa")
    });
    // A debit needs a note; a receptionist may neither adjust nor refund.
    common::refused(&mut db, &path, "empty_field", |db| {
        db.store
            .wallets_mut()
            .adjust_wallet(&owner, &an, -10_000, "  ")
    });
    let desk = db
        .store
        .context_as("Lan", Some(db.at(NOW)))
        .expect("receptionist");
    common::refused(&mut db, &path, "permission_denied", |db| {
        db.store
            .wallets_mut()
            .adjust_wallet(&desk, &an, 10_000, "quà")
    });
    common::refused(&mut db, &path, "permission_denied", |db| {
        db.store
            .wallets_mut()
            .refund_wallet(&desk, &an, cash(10_000))
    });
    // Refunds pay back real money only, never the credit.
    common::refused(&mut db, &path, "insufficient_funds", |db| {
        db.store
            .wallets_mut()
            .refund_wallet(&owner, &an, cash(100_001))
    });
    let mut as_ticket = cash(1_000);
    as_ticket.source = Source::Ticket;
    common::refused(&mut db, &path, "invalid_value", |db| {
        db.store.wallets_mut().refund_wallet(&owner, &an, as_ticket)
    });
    common::refused(&mut db, &path, "insufficient_funds", |db| {
        db.store
            .wallets_mut()
            .adjust_wallet(&owner, &an, -100_001, "kiểm kê")
    });
    common::refused(&mut db, &path, "empty_field", |db| {
        db.store
            .wallets_mut()
            .issue_credit(&owner, &an, 10_000, None, "")
    });
    common::refused(&mut db, &path, "invalid_value", |db| {
        db.store
            .wallets_mut()
            .issue_credit(&owner, &an, 10_000, Some(0), "quà")
    });
    common::refused(&mut db, &path, "not_found", |db| {
        db.store
            .wallets_mut()
            .deposit_wallet(&owner, "0999999999", cash(1_000))
    });

    let debited = db
        .store
        .wallets_mut()
        .adjust_wallet(&owner, &an, -40_000, "thu nhầm")
        .expect("a debit with a note");
    assert_eq!(debited.balance, 60_000);
    let wallet = db
        .store
        .wallets_mut()
        .refund_wallet(&owner, &an, cash(60_000))
        .expect("the rest of the real money");
    assert_eq!((wallet.balance, wallet.virtual_), (0, 20_000));
}

#[test]
fn credit_left_at_expiry_is_gone_at_once_and_the_job_records_it_once() {
    let (mut db, an) = spa();
    let owner = db.ctx_at(NOW);
    db.store
        .wallets_mut()
        .issue_credit(&owner, &an, 50_000, Some(2), "thử dịch vụ")
        .expect("credit");
    db.store
        .wallets_mut()
        .spend_wallet(&owner, &an, 20_000, "", "")
        .expect("part of it");
    // Valid today and tomorrow; gone at 2026-11-23 00:00.
    let id: caredesk_domain::id::CustomerId = an.parse().expect("id");
    let before = db
        .store
        .wallets()
        .wallet(id, &db.ctx_at("2026-11-22T23:59"))
        .expect("wallet");
    assert_eq!(before.virtual_, 30_000);
    let after = db.ctx_at("2026-11-23T00:00");
    let wallet = db.store.wallets().wallet(id, &after).expect("wallet");
    assert_eq!((wallet.virtual_, wallet.credits[0].status), (0, "EXPIRED"));
    let path = db.path.clone();
    common::refused(&mut db, &path, "insufficient_funds", |db| {
        db.store.wallets_mut().spend_wallet(&after, &an, 1, "", "")
    });
    let recorded = db
        .store
        .wallets_mut()
        .record_credit_expiries(&after)
        .expect("job");
    assert_eq!(recorded.len(), 1);
    assert!(
        db.store
            .wallets_mut()
            .record_credit_expiries(&after)
            .expect("again")
            .is_empty()
    );
    let wallet = db.store.wallets().wallet(id, &after).expect("wallet");
    let expired = wallet
        .entries
        .iter()
        .find_map(|e| match e.change {
            WalletChange::CreditExpired { amount, .. } => Some((amount, e.at.clone())),
            _ => None,
        })
        .expect("recorded");
    assert_eq!(expired, (30_000, "2026-11-23T00:00:00+07:00".to_owned()));
    db.assert_folds_hold();
}

#[test]
fn two_receptionists_spending_the_last_of_a_balance_at_once_one_succeeds() {
    let (mut db, an) = spa();
    let owner = db.ctx_at(NOW);
    db.store
        .wallets_mut()
        .deposit_wallet(&owner, &an, cash(100_000))
        .expect("deposit");
    let now = db.at(NOW);
    let barrier = Arc::new(Barrier::new(2));
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (path, barrier, an) = (db.path.clone(), Arc::clone(&barrier), an.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("own connection");
                let ctx = store.context(Some(now)).expect("context");
                barrier.wait();
                store
                    .wallets_mut()
                    .spend_wallet(&ctx, &an, 80_000, "", "")
                    .map(|_| ())
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    let refused = results.iter().find_map(|r| r.as_ref().err()).expect("one");
    assert_eq!(refused.code(), "insufficient_funds");
    let wallet = db
        .store
        .wallets()
        .wallet(an.parse().expect("id"), &owner)
        .expect("wallet");
    assert_eq!(wallet.balance, 20_000);
}
