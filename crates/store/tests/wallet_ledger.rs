//! The wallet ledger under random sequences of real commands on a real
//! database file, with the clock moving on: deposits, credit, spending,
//! refunds, adjustments either way, and the daily expiry job. Refused
//! commands must leave the op log as it was; after every step the wallet
//! must agree with itself and with its op log:
//!
//! - the real balance is the sum of the ledger, entry by entry;
//! - real money never goes below zero;
//! - no credit gives more than it was issued with;
//! - a recorded expiry took exactly what was left of its credit;
//! - every spend's split adds up to what the command asked for.

mod common;

use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{Ctx, InitSettings, WalletMove};
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use rusqlite::Connection;

#[derive(Debug, Clone)]
enum Step {
    Deposit(i64),
    Spend(i64),
    Refund(i64),
    Adjust(i64),
    Credit { amount: i64, days: u16 },
    Wait(i64),
    Job,
}

fn step() -> impl Strategy<Value = Step> {
    let amount = prop_oneof![
        4 => 1..1_000i64,
        4 => 1_000..2_000_000i64,
        1 => Just(0),
        1 => Just(-1),
    ];
    prop_oneof![
        3 => amount.clone().prop_map(Step::Deposit),
        4 => amount.clone().prop_map(Step::Spend),
        1 => amount.clone().prop_map(Step::Refund),
        1 => (-1_000_000..1_000_000i64).prop_map(Step::Adjust),
        3 => (amount, 0..20u16).prop_map(|(amount, days)| Step::Credit { amount, days }),
        2 => (1..120i64).prop_map(Step::Wait),
        1 => Just(Step::Job),
    ]
}

fn op_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM ops", [], |row| row.get(0))
        .expect("count")
}

fn cash(amount: i64) -> WalletMove {
    WalletMove {
        amount,
        source: Source::Cash,
        reference: String::new(),
        note: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_wallet_holds_under_any_sequence_of_commands(
        steps in proptest::collection::vec(step(), 1..50),
    ) {
        let mut db = common::with(InitSettings::default());
        let an = db.add("Nguyễn Văn An", "0912 345 678").id;
        let who = an.to_string();
        let conn = Connection::open(&db.path).expect("reader");
        let mut clock: Timestamp = db.at("2026-11-21T10:00");
        let ctx = |db: &common::TestDb, at: Timestamp| -> Ctx {
            db.store.context(Some(at)).expect("context")
        };
        for step in &steps {
            let before = op_count(&conn);
            let now = ctx(&db, clock);
            let store = &mut db.store;
            let result = match *step {
                Step::Deposit(amount) => store.wallets_mut().deposit_wallet(&now, &who, cash(amount)).map(|_| None),
                Step::Spend(amount) => store
                    .wallets_mut().spend_wallet(&now, &who, amount, "", "")
                    .map(|s| Some((amount, s.from_virtual, s.from_real))),
                Step::Refund(amount) => store.wallets_mut().refund_wallet(&now, &who, cash(amount)).map(|_| None),
                Step::Adjust(amount) => store.wallets_mut().adjust_wallet(&now, &who, amount, "kiểm kê").map(|_| None),
                Step::Credit { amount, days } => store
                    .wallets_mut().issue_credit(&now, &who, amount, Some(days), "khuyến mãi")
                    .map(|_| None),
                Step::Wait(hours) => {
                    clock = clock.checked_add(hours.hours()).expect("time");
                    continue;
                }
                Step::Job => store.wallets_mut().record_credit_expiries(&now).map(|_| None),
            };
            match result {
                Err(error) => prop_assert_eq!(op_count(&conn), before, "refused {:?} wrote: {}", step, error),
                Ok(Some((amount, from_virtual, from_real))) => {
                    prop_assert_eq!(from_virtual + from_real, amount);
                    prop_assert!(from_virtual >= 0 && from_real >= 0);
                }
                Ok(None) => {}
            }

            let wallet = db.store.wallets().wallet(an, &ctx(&db, clock)).expect("wallet");
            let mut real = 0i64;
            for entry in &wallet.entries {
                prop_assert_eq!(entry.real_before, real);
                real += match &entry.change {
                    WalletChange::Deposited { amount, .. } | WalletChange::Adjusted { amount, .. } => *amount,
                    WalletChange::Spent { from_real, .. } => -from_real,
                    WalletChange::Refunded { amount, .. } => -amount,
                    _ => 0,
                };
                prop_assert_eq!(entry.real_after, real);
                let refused = matches!(entry.change, WalletChange::Refused { .. });
                prop_assert!(!refused, "one counter's commands never refused by its fold");
            }
            prop_assert_eq!(wallet.balance, real);
            prop_assert!(wallet.balance >= 0, "overdrawn");
            prop_assert_eq!(wallet.available, wallet.balance + wallet.virtual_);
            for credit in &wallet.credits {
                prop_assert!(credit.used <= credit.amount, "credit over-spent");
                prop_assert!(credit.remaining <= credit.amount - credit.used);
            }
            for entry in &wallet.entries {
                if let WalletChange::CreditExpired { credit, amount } = &entry.change {
                    let c = wallet.credits.iter().find(|c| c.id == *credit).expect("credit");
                    prop_assert_eq!(*amount, c.amount - c.used, "expiry took exactly the rest");
                }
            }
        }
        prop_assert!(db.store.verify_projections().expect("verify").is_empty());
    }
}
