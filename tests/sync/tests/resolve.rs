//! Every conflict two offline counters can make is resolved by an ordinary
//! op on one counter, and after everyone syncs it is gone from every
//! counter's list: the booking cancelled, the wallet topped up, the extra
//! sessions charged, the customer files merged, the second resolution of a
//! ticket reversed, the overpaid therapist's pay adjusted. A merged file
//! that another counter kept writing to is listed again, and merging again
//! clears it.

use caredesk_domain::sale::Tender;
use caredesk_domain::wallet::Source;
use caredesk_store::{
    BookingMove, ConflictKind, LineRef, NewLine, NewPayment, NewSale, Store, WalletMove,
};
use caredesk_sync_tests::{Backend, Cluster, spa};

fn conflicts(store: &Store) -> Vec<(ConflictKind, Vec<String>)> {
    store
        .conflicts()
        .expect("conflicts")
        .into_iter()
        .map(|c| (c.kind, c.about))
        .collect()
}

fn settle(cluster: &mut Cluster) {
    let last = cluster.counters.len() - 1;
    for i in (0..=last).chain(0..last) {
        cluster.counters[i].sync_clean();
    }
}

fn cash(amount: i64) -> NewPayment {
    NewPayment {
        tender: Tender::Cash,
        amount,
        reference: String::new(),
    }
}

fn deposit(amount: i64) -> WalletMove {
    WalletMove {
        amount,
        source: Source::Cash,
        reference: String::new(),
        note: String::new(),
    }
}

fn run(backend: &Backend) {
    let mut cluster = Cluster::new(backend);
    cluster.join();
    let expected = spa::offline_conflicts(&mut cluster);
    for counter in &cluster.counters {
        assert_eq!(
            conflicts(&counter.store).len(),
            expected.len(),
            "{}: one conflict of each kind",
            counter.name
        );
    }
    let about = |kind: ConflictKind| {
        expected
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, about)| about.clone())
            .expect("the conflict was made")
    };

    // Counter 0 resolves each one with the op a manager would choose.
    let store = &mut cluster.counters[0].store;
    let ctx = spa::ctx(store).expect("owner");
    let double = about(ConflictKind::StaffDoubleBooked);
    let later = double[2].parse().expect("booking id");
    store
        .bookings_mut()
        .move_booking(&ctx, later, BookingMove::Cancel, "trùng lịch")
        .expect("cancel one of the two");

    let em = about(ConflictKind::WalletOverdrawn)[0].clone();
    let owed = -store
        .wallets()
        .wallet(em.parse().expect("id"), &ctx)
        .expect("wallet")
        .balance;
    assert!(owed > 0, "Em's wallet is below zero");
    store
        .wallets_mut()
        .deposit_wallet(&ctx, &em, deposit(owed))
        .expect("Em pays what two counters spent");

    let treatment = about(ConflictKind::TreatmentOverused)[0].clone();
    let sale = store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(em.clone()),
                lines: vec![NewLine {
                    what: LineRef::Sessions {
                        treatment: treatment.clone(),
                        sessions: None,
                    },
                    discount: None,
                }],
                discount: None,
                payments: vec![cash(800_000)],
                note: String::new(),
            },
        )
        .expect("the two extra sessions charged");
    assert_eq!(sale.total, 800_000, "two sessions at 400.000 each");

    // Em's complaint was settled with credit twice: the later credit is
    // revoked whole (Em had spent only real money before it).
    let twice = about(ConflictKind::TicketResolvedTwice);
    let credit_before = store
        .wallets()
        .wallet(em.parse().expect("id"), &ctx)
        .expect("wallet")
        .virtual_;
    store
        .tickets_mut()
        .reverse_ticket(&ctx, &twice[0], "hai quầy cùng giải quyết")
        .expect("the later resolution reversed");
    let wallet = store
        .wallets()
        .wallet(em.parse().expect("id"), &ctx)
        .expect("wallet");
    assert_eq!(
        (wallet.virtual_, wallet.balance),
        (credit_before - 100_000, 0),
        "one credit of 100.000 revoked, nothing owed"
    );

    // Lan Anh was paid 200.000 of the 180.000 she earned.
    let lan_anh = about(ConflictKind::PayoutOverOwed)[0].clone();
    let pay = store.payroll().staff_pay(&lan_anh).expect("pay");
    assert_eq!(
        (pay.earned, pay.paid, pay.balance),
        (180_000, 200_000, -20_000)
    );
    store
        .payroll_mut()
        .adjust_staff_pay(&ctx, &lan_anh, 20_000, "trả dư, tính vào lương")
        .expect("the overpayment counted as pay");

    let dung = about(ConflictKind::DuplicatePhone);
    let merged = store
        .customers_mut()
        .merge_customers(&ctx, &dung)
        .expect("merge");
    assert_eq!(merged.id.to_string(), dung[0], "the first file stays");

    // Counter 1 has not heard of the merge: it tops up the file that goes.
    let other = &mut cluster.counters[1].store;
    let ctx1 = spa::ctx(other).expect("owner");
    other
        .wallets_mut()
        .deposit_wallet(&ctx1, &dung[1], deposit(50_000))
        .expect("deposit on the old file");

    settle(&mut cluster);
    cluster.check_converged();
    for counter in &cluster.counters {
        let list = conflicts(&counter.store);
        assert_eq!(
            list,
            vec![(
                ConflictKind::MergedFileActive,
                vec![dung[1].clone(), dung[0].clone()]
            )],
            "{}: only the merged file that was written to afterwards",
            counter.name
        );
        spa::check_ledgers(&counter.store);
    }

    // Either counter may merge again; here the one that wrote to it.
    let other = &mut cluster.counters[1].store;
    let again = other
        .customers_mut()
        .merge_customers(&ctx1, std::slice::from_ref(&dung[1]))
        .expect("merge the leftovers");
    assert_eq!(again.wallet_real, 50_000);
    settle(&mut cluster);
    cluster.check_converged();
    for counter in &cluster.counters {
        assert_eq!(conflicts(&counter.store), vec![], "{}", counter.name);
        let store = &counter.store;
        let ctx = spa::ctx(store).expect("owner");
        let kept = store
            .customers()
            .resolve_customer(&dung[1])
            .expect("old id");
        assert_eq!(
            kept.to_string(),
            dung[0],
            "the old id leads to the kept file"
        );
        let wallet = store.wallets().wallet(kept, &ctx).expect("wallet");
        assert_eq!(
            wallet.balance, 50_000,
            "the late deposit reached the kept file"
        );
        spa::check_ledgers(store);
    }
}

#[test]
fn conflicts_resolve_on_sqlite_storage() {
    run(&Backend::Sqlite);
}

#[test]
fn conflicts_resolve_on_postgres_storage() {
    if let Some(backend) = Backend::postgres_from_env() {
        run(&backend);
    }
}
