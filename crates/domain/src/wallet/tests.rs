use proptest::prelude::*;

use super::*;
use crate::clock::Hlc;
use crate::id::OpId;

const VND: Currency = Currency::Vnd;

fn stamp(ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc::new(ms, 0),
        op: OpId::new(),
    }
}

/// 2026-11-21 00:00 UTC plus `hours`.
fn hour(hours: i64) -> Timestamp {
    let start: Timestamp = "2026-11-21T00:00:00Z".parse().expect("valid in the test");
    start
        .checked_add(jiff::SignedDuration::from_hours(hours))
        .expect("in range")
}

fn deposit(amount: i64, at: Timestamp) -> WalletEvent {
    WalletEvent::Deposited(Deposited {
        amount: Money::new(amount, VND),
        source: Source::Cash,
        at,
        reference: String::new(),
        note: String::new(),
    })
}

fn spend(amount: i64, at: Timestamp) -> WalletEvent {
    WalletEvent::Spent(Spent {
        amount: Money::new(amount, VND),
        at,
        reference: String::new(),
        note: String::new(),
    })
}

fn credit(id: CreditId, amount: i64, at: Timestamp, expires_at: Timestamp) -> WalletEvent {
    WalletEvent::CreditIssued(CreditIssued {
        credit: id,
        amount: Money::new(amount, VND),
        at,
        expires_at,
        reference: String::new(),
        note: "xin lỗi khách".to_owned(),
    })
}

fn fold(events: &[WalletEvent]) -> WalletState {
    WalletState::fold(
        events
            .iter()
            .enumerate()
            .map(|(i, e)| (stamp(i as u64 + 1), e)),
    )
    .expect("a wallet")
}

#[test]
fn spending_takes_the_credit_that_expires_soonest_then_real_money() {
    let (late, soon) = (CreditId::new(), CreditId::new());
    let wallet = fold(&[
        deposit(200_000, hour(0)),
        credit(late, 100_000, hour(1), hour(24 * 10)),
        credit(soon, 50_000, hour(2), hour(24 * 7)),
        spend(120_000, hour(3)),
        spend(60_000, hour(4)),
    ]);
    let splits: Vec<_> = wallet
        .entries
        .iter()
        .filter_map(|e| match &e.change {
            WalletChange::Spent {
                from_virtual,
                from_real,
                credits,
                ..
            } => Some((*from_virtual, *from_real, credits.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        splits,
        vec![
            (120_000, 0, vec![(soon, 50_000), (late, 70_000)]),
            (30_000, 30_000, vec![(late, 30_000)]),
        ]
    );
    assert_eq!((wallet.real, wallet.virtual_at(hour(5))), (170_000, 0));
    let last = wallet.entries.last().expect("entries");
    assert_eq!(
        (
            last.real_before,
            last.real_after,
            last.virtual_before,
            last.virtual_after
        ),
        (200_000, 170_000, 30_000, 0)
    );
}

#[test]
fn a_credit_is_gone_at_its_expiry_before_and_after_the_job_records_it() {
    let c = CreditId::new();
    let mut wallet = fold(&[
        deposit(10_000, hour(0)),
        credit(c, 50_000, hour(0), hour(24)),
        spend(20_000, hour(1)),
    ]);
    assert_eq!(wallet.virtual_at(hour(23)), 30_000);
    // At the expiry, before any job: nothing virtual to spend.
    assert_eq!(wallet.virtual_at(hour(24)), 0);
    assert_eq!(
        wallet.check_spend(20_000, hour(25)),
        Err(WalletRefusal::Insufficient {
            needed: Money::new(20_000, VND),
            available: Money::new(10_000, VND),
            real: Money::new(10_000, VND),
            virtual_: Money::new(0, VND),
        })
    );
    // A spend after the expiry takes nothing from it.
    wallet.apply(stamp(10), &spend(5_000, hour(25)));
    assert_eq!(wallet.real, 5_000);
    // The job takes exactly what was left; a second record takes nothing.
    let expire = WalletEvent::CreditExpired(CreditExpired { credit: c });
    wallet.apply(stamp(11), &expire);
    wallet.apply(stamp(12), &expire);
    let credit = &wallet.credits[0];
    assert_eq!(
        (credit.used, credit.expired, credit.remaining()),
        (20_000, 30_000, 0)
    );
    assert!(matches!(
        wallet.entries.last().map(|e| &e.change),
        Some(WalletChange::Refused { .. })
    ));
    let recorded = &wallet.entries[wallet.entries.len() - 2];
    assert_eq!(recorded.at, hour(24), "dated at the expiry itself");
}

#[test]
fn amounts_are_positive_bounded_and_in_the_wallets_currency() {
    assert_eq!(check_amount(0), Err(WalletRefusal::NotPositive(0)));
    assert_eq!(check_amount(-5), Err(WalletRefusal::NotPositive(-5)));
    assert_eq!(
        check_amount(MAX_ENTRY + 1),
        Err(WalletRefusal::TooLarge(MAX_ENTRY + 1))
    );
    assert_eq!(check_amount(MAX_ENTRY), Ok(MAX_ENTRY));
    assert_eq!(check_credit_days(0), Err(WalletRefusal::CreditDays(0)));
    let mut wallet = fold(&[deposit(MAX_BALANCE, hour(0))]);
    assert_eq!(wallet.check_credit(1), Err(WalletRefusal::Overflow));
    wallet.apply(
        stamp(5),
        &WalletEvent::Deposited(Deposited {
            amount: Money::new(1, Currency::Idr),
            source: Source::Cash,
            at: hour(1),
            reference: String::new(),
            note: String::new(),
        }),
    );
    assert!(matches!(
        wallet.entries.last().map(|e| &e.change),
        Some(WalletChange::Refused { .. })
    ));
    assert_eq!(wallet.real, MAX_BALANCE);
}

#[derive(Debug, Clone)]
enum Step {
    Deposit(i64),
    Spend(i64),
    Refund(i64),
    Adjust(i64),
    Credit {
        amount: i64,
        hours: i64,
    },
    Wait(i64),
    /// The daily job: records every credit past its expiry.
    Job,
}

fn step() -> impl Strategy<Value = Step> {
    let amount = prop_oneof![1..1_000i64, 1..1_000_000i64];
    prop_oneof![
        3 => amount.clone().prop_map(Step::Deposit),
        4 => amount.clone().prop_map(Step::Spend),
        1 => amount.clone().prop_map(Step::Refund),
        1 => (-500_000..500_000i64).prop_map(Step::Adjust),
        3 => (amount, 1..400i64).prop_map(|(amount, hours)| Step::Credit { amount, hours }),
        2 => (1..100i64).prop_map(Step::Wait),
        1 => Just(Step::Job),
    ]
}

proptest! {
    /// What the counter's commands would write for random requests (each
    /// checked first as the store checks it), folded: the ledger sums to
    /// the balance, real money never goes below zero, no credit gives more
    /// than it was issued with, and an expiry takes exactly what was left.
    #[test]
    fn the_wallet_ledger_holds(steps in proptest::collection::vec(step(), 1..80)) {
        let mut wallet = WalletState::empty(VND, stamp(0));
        let mut now = hour(0);
        for (i, s) in steps.iter().enumerate() {
            let at = stamp(i as u64 + 1);
            let event = match *s {
                Step::Deposit(amount) => {
                    if wallet.check_credit(amount).is_err() { continue; }
                    deposit(amount, now)
                }
                Step::Spend(amount) => {
                    if wallet.check_spend(amount, now).is_err() { continue; }
                    spend(amount, now)
                }
                Step::Refund(amount) => {
                    if wallet.check_real_debit(amount).is_err() { continue; }
                    WalletEvent::Refunded(Refunded {
                        amount: Money::new(amount, VND),
                        source: Source::Transfer,
                        at: now,
                        reference: String::new(),
                        note: String::new(),
                    })
                }
                Step::Adjust(amount) => {
                    if amount == 0
                        || (amount < 0 && wallet.check_real_debit(-amount).is_err())
                        || (amount > 0 && wallet.check_credit(amount).is_err())
                    {
                        continue;
                    }
                    WalletEvent::Adjusted(Adjusted {
                        amount: Money::new(amount, VND),
                        at: now,
                        note: "kiểm kê".to_owned(),
                    })
                }
                Step::Credit { amount, hours } => {
                    let expires = now.checked_add(jiff::SignedDuration::from_hours(hours)).expect("time");
                    credit(CreditId::new(), amount, now, expires)
                }
                Step::Wait(hours) => {
                    now = now.checked_add(jiff::SignedDuration::from_hours(hours)).expect("time");
                    continue;
                }
                Step::Job => {
                    let due: Vec<CreditId> = wallet
                        .credits
                        .iter()
                        .filter(|c| c.expires_at <= now && !c.expiry_recorded && c.remaining() > 0)
                        .map(|c| c.id)
                        .collect();
                    for (j, credit) in due.into_iter().enumerate() {
                        let before = wallet.credits.iter().find(|c| c.id == credit).map(Credit::remaining);
                        wallet.apply(
                            stamp(10_000 + (i * 100 + j) as u64),
                            &WalletEvent::CreditExpired(CreditExpired { credit }),
                        );
                        let after = wallet.credits.iter().find(|c| c.id == credit).expect("credit");
                        prop_assert_eq!(Some(after.expired), before, "took exactly what was left");
                        prop_assert_eq!(after.remaining(), 0);
                    }
                    continue;
                }
            };
            wallet.apply(at, &event);

            // The balance is the sum of the ledger, entry by entry...
            let mut real = 0i64;
            for entry in &wallet.entries {
                prop_assert_eq!(entry.real_before, real);
                real += match &entry.change {
                    WalletChange::Deposited { amount, .. } => *amount,
                    WalletChange::Spent { from_real, .. } => -from_real,
                    WalletChange::Refunded { amount, .. } => -amount,
                    WalletChange::Adjusted { amount, .. } => *amount,
                    _ => 0,
                };
                prop_assert_eq!(entry.real_after, real);
                if let WalletChange::Spent { amount, from_virtual, from_real, credits, .. } = &entry.change {
                    prop_assert_eq!(from_virtual + from_real, *amount);
                    prop_assert_eq!(credits.iter().map(|(_, a)| a).sum::<i64>(), *from_virtual);
                    for (id, _) in credits {
                        let c = wallet.credits.iter().find(|c| c.id == *id).expect("credit");
                        prop_assert!(c.expires_at > entry.at, "an expired credit paid");
                    }
                }
                let refused = matches!(entry.change, WalletChange::Refused { .. });
                prop_assert!(!refused, "a checked command was refused by the fold");
            }
            prop_assert_eq!(wallet.real, real);
            // ...real money never below zero, and no credit over-spent.
            prop_assert!(wallet.real >= 0);
            for c in &wallet.credits {
                prop_assert!(c.used >= 0 && c.expired >= 0);
                prop_assert!(c.used + c.expired <= c.amount, "virtual spent beyond issued");
            }
        }
    }
}

fn moved(credit: CreditId, amount: i64, expires_at: Timestamp) -> MovedCredit {
    MovedCredit {
        credit,
        amount,
        expires_at,
    }
}

#[test]
fn a_move_out_and_in_carries_real_money_and_credits_with_their_expiry() {
    let (old, new) = (CreditId::new(), CreditId::new());
    let (from, to) = (CustomerId::new(), CustomerId::new());
    let mut leaving = fold(&[
        deposit(300_000, hour(0)),
        credit(old, 50_000, hour(0), hour(240)),
        spend(10_000, hour(1)),
    ]);
    assert_eq!(
        (leaving.real, leaving.virtual_at(hour(2))),
        (300_000, 40_000)
    );
    let out = WalletEvent::MovedOut(MovedOut {
        to,
        at: hour(2),
        real: Money::new(300_000, VND),
        credits: vec![moved(old, 40_000, hour(240))],
    });
    leaving.apply(stamp(10), &out);
    assert_eq!((leaving.real, leaving.virtual_at(hour(3))), (0, 0));
    let arriving = WalletEvent::MovedIn(MovedIn {
        from,
        at: hour(2),
        real: Money::new(300_000, VND),
        credits: vec![moved(new, 40_000, hour(240))],
    });
    let mut kept = fold(&[deposit(20_000, hour(0))]);
    kept.apply(stamp(11), &arriving);
    assert_eq!((kept.real, kept.virtual_at(hour(3))), (320_000, 40_000));
    assert_eq!(
        kept.virtual_at(hour(240)),
        0,
        "the credit dies when it was due to"
    );
}

#[test]
fn a_credit_spent_elsewhere_before_the_move_is_made_up_from_real_money() {
    let old = CreditId::new();
    // The merging counter saw 50.000 of credit; another counter had spent
    // 30.000 of it offline, which sorts in before the move.
    let mut leaving = fold(&[
        deposit(100_000, hour(0)),
        credit(old, 50_000, hour(0), hour(240)),
        spend(30_000, hour(1)),
    ]);
    let out = WalletEvent::MovedOut(MovedOut {
        to: CustomerId::new(),
        at: hour(2),
        real: Money::new(100_000, VND),
        credits: vec![moved(old, 50_000, hour(240))],
    });
    leaving.apply(stamp(10), &out);
    // 150.000 left this wallet in all, as the other wallet received: the
    // 30.000 the credit no longer had came from real money, which is now
    // below zero (sync lists the overdrawn wallet).
    assert_eq!(leaving.real, -30_000);
    assert_eq!(leaving.virtual_at(hour(3)), 0);
    let Some(WalletChange::MovedOut {
        amount, from_real, ..
    }) = leaving.entries.last().map(|e| &e.change)
    else {
        panic!("the move is on the ledger");
    };
    assert_eq!((*amount, *from_real), (150_000, 130_000));
}

fn reversed(resolution: OpId, amount: i64, credit: Option<CreditId>, at: Timestamp) -> WalletEvent {
    WalletEvent::CompensationReversed(CompensationReversed {
        resolution,
        amount: Money::new(amount, VND),
        credit,
        at,
        reference: "TV-2026-A7K-00001".to_owned(),
        note: String::new(),
    })
}

#[test]
fn a_reversed_credit_goes_with_what_is_left_and_what_was_spent_is_owed_once() {
    let (kept, late) = (CreditId::new(), CreditId::new());
    let resolution = OpId::new();
    let wallet = fold(&[
        credit(kept, 100_000, hour(0), hour(24 * 15)),
        credit(late, 100_000, hour(0), hour(24 * 15)),
        // The first credit whole, and 50.000 of the late one.
        spend(150_000, hour(1)),
        reversed(resolution, 100_000, Some(late), hour(2)),
        // A second manager, offline, reversed the same resolution.
        reversed(resolution, 100_000, Some(late), hour(3)),
    ]);
    let changes: Vec<&WalletChange> = wallet.entries.iter().map(|e| &e.change).collect();
    assert!(matches!(
        changes[3],
        WalletChange::CompensationReversed {
            revoked: 50_000,
            from_real: 50_000,
            ..
        }
    ));
    assert!(matches!(changes[4], WalletChange::Refused { .. }));
    assert_eq!(wallet.real, -50_000, "what was spent of it is owed, once");
    assert_eq!(wallet.virtual_at(hour(4)), 0);
    let late_credit = wallet.credits.iter().find(|c| c.id == late).expect("late");
    assert_eq!(
        (
            late_credit.used,
            late_credit.revoked,
            late_credit.remaining()
        ),
        (50_000, 50_000, 0)
    );
}

#[test]
fn a_reversed_refund_comes_out_of_real_money_and_a_credit_gone_elsewhere_is_owed_whole() {
    let wallet = fold(&[
        deposit(80_000, hour(0)),
        deposit(80_000, hour(0)),
        reversed(OpId::new(), 80_000, None, hour(1)),
        // A credit this wallet never held (it moved with a merged file).
        reversed(OpId::new(), 30_000, Some(CreditId::new()), hour(2)),
        // Expired unspent: nothing is owed for it.
    ]);
    assert_eq!(wallet.real, 50_000);
    let expired = CreditId::new();
    let wallet = fold(&[
        credit(expired, 100_000, hour(0), hour(24)),
        reversed(OpId::new(), 100_000, Some(expired), hour(48)),
    ]);
    assert_eq!(wallet.real, 0);
    assert!(matches!(
        wallet.entries[1].change,
        WalletChange::CompensationReversed {
            revoked: 100_000,
            from_real: 0,
            ..
        }
    ));
}
