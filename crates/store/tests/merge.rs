//! Merging two files of one person on a real database file: everything the
//! newer file held moves to the older one, money to the đồng and credit
//! with its expiry; the newer file leaves search; refusals write nothing.

mod common;

use caredesk_domain::wallet::Source;
use caredesk_store::{MatchKind, NewCustomer, NewTicket, WalletMove};
use common::spa::{NOW, spa};

fn cash(amount: i64) -> WalletMove {
    WalletMove {
        amount,
        source: Source::Cash,
        reference: String::new(),
        note: String::new(),
    }
}

#[test]
fn the_older_file_takes_everything_the_newer_one_held() {
    let mut spa = spa();
    let owner = spa.ctx_at(NOW);
    // The same person, registered again under another phone (the counter
    // refuses the same phone; two offline counters would not).
    let newer = spa.db.add("Nguyễn Văn An", "0977 000 111").id.to_string();
    let older = spa.an.clone();
    let store = &mut spa.db.store;
    store
        .wallets_mut()
        .deposit_wallet(&owner, &newer, cash(300_000))
        .expect("deposit");
    store
        .wallets_mut()
        .issue_credit(&owner, &newer, 50_000, Some(10), "khai trương")
        .expect("credit");
    store
        .wallets_mut()
        .deposit_wallet(&owner, &older, cash(20_000))
        .expect("deposit");
    store
        .customers_mut()
        .edit_customer(
            &owner,
            newer.parse().expect("id"),
            caredesk_store::CustomerEdit {
                email: Some("an@example.vn".into()),
                ..Default::default()
            },
        )
        .expect("email on the newer file");
    store
        .customers_mut()
        .tag_customer(&owner, newer.parse().expect("id"), "vip", true)
        .expect("tag");
    store
        .customers_mut()
        .add_customer_note(&owner, newer.parse().expect("id"), "Dị ứng tinh dầu sả")
        .expect("note");
    let ticket = store
        .tickets_mut()
        .open_ticket(
            &owner,
            NewTicket {
                customer: newer.clone(),
                name: None,
                kind: "complaint".into(),
                subject: "Khăn chưa sạch".into(),
                details: String::new(),
                reference: String::new(),
                assignee: None,
                priority: None,
                deadline: None,
            },
        )
        .expect("ticket");
    let card = spa.sell(&newer, 10);
    let before_total = {
        let store = &spa.db.store;
        let real = |id: &str| {
            store
                .wallets()
                .wallet(id.parse().expect("id"), &owner)
                .expect("w")
        };
        let (a, b) = (real(&older), real(&newer));
        a.balance + a.virtual_ + b.balance + b.virtual_
    };

    let store = &mut spa.db.store;
    let merged = store
        .customers_mut()
        .merge_customers(&owner, &[newer.clone(), older.clone()])
        .expect("merged");
    assert_eq!(
        merged.id.to_string(),
        older,
        "the file registered first stays"
    );
    assert_eq!(merged.merged.len(), 1);
    assert_eq!((merged.treatments, merged.tickets), (1, 1));
    assert_eq!(
        (merged.wallet_real, merged.wallet_credit),
        (300_000, 50_000)
    );

    let kept = older.parse().expect("id");
    let view = store.customers().customer_360(kept, &owner).expect("360");
    assert_eq!(view.wallet.balance, 320_000);
    assert_eq!(view.wallet.virtual_, 50_000);
    assert_eq!(
        view.wallet.balance + view.wallet.virtual_,
        before_total,
        "not a đồng lost or made"
    );
    assert!(
        view.treatments.iter().any(|t| t.id == card.id),
        "the card moved"
    );
    assert!(
        view.tickets.iter().any(|t| t.id == ticket.id),
        "the ticket moved"
    );
    assert_eq!(view.customer.email.as_deref(), Some("an@example.vn"));
    assert!(view.customer.tags.contains(&"vip".to_owned()));
    assert!(
        view.customer
            .notes
            .iter()
            .any(|n| n.text == "Dị ứng tinh dầu sả"),
        "the merged file's notes show on the kept one"
    );
    assert_eq!(view.customer.merged.len(), 1);
    // The credit keeps its expiry: it is gone on the day it was due to go.
    let credit = view.wallet.credits.first().expect("the moved credit");
    let old = store
        .wallets()
        .wallet(newer.parse().expect("id"), &owner)
        .expect("old wallet");
    assert_eq!(old.balance, 0);
    assert_eq!(old.virtual_, 0);
    assert!(credit.expires_at.starts_with("2026-12-01"), "{credit:?}");

    // The newer file leaves search; its id and phone lead to the kept file.
    let hits = store
        .customers()
        .find_customers("0977 000 111", 10)
        .expect("find");
    let found: Vec<String> = hits.iter().map(|h| h.id.to_string()).collect();
    assert_eq!(found, std::slice::from_ref(&older), "{hits:?}");
    let hits = store
        .customers()
        .find_customers("nguyen van an", 10)
        .expect("find");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        store
            .customers()
            .resolve_customer(&newer)
            .expect("old id")
            .to_string(),
        older
    );
    assert!(store.conflicts().expect("conflicts").is_empty());
    spa.db.assert_folds_hold();
}

#[test]
fn refusals_write_nothing() {
    let mut spa = spa();
    let owner = spa.ctx_at(NOW);
    let path = spa.db.path.clone();
    let (an, bich) = (spa.an.clone(), spa.bich.clone());
    spa.refused("nothing_to_merge", |s| {
        s.db.store
            .customers_mut()
            .merge_customers(&owner, std::slice::from_ref(&an))
    });
    spa.refused("nothing_to_merge", |s| {
        s.db.store
            .customers_mut()
            .merge_customers(&owner, &[an.clone(), an.clone()])
    });
    spa.refused("not_found", |s| {
        s.db.store
            .customers_mut()
            .merge_customers(&owner, &[an.clone(), "0999 999 999".into()])
    });
    let desk = spa.db.store.context_as("Lan", None).expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store
            .customers_mut()
            .merge_customers(&desk, &[an.clone(), bich.clone()])
    });
    // Merged once, the same merge again finds nothing to do.
    spa.db
        .store
        .customers_mut()
        .merge_customers(&owner, &[an.clone(), bich.clone()])
        .expect("merged");
    common::refused(&mut spa.db.store, &path, "nothing_to_merge", |store| {
        store
            .customers_mut()
            .merge_customers(&owner, &[bich.clone(), an.clone()])
    });
}

#[test]
fn the_merged_files_code_and_phone_find_the_kept_file() {
    let mut spa = spa();
    let owner = spa.ctx_at(NOW);
    let older = spa.an.clone();
    let newer = spa.db.add("Nguyễn Văn An", "0977 000 111");
    spa.db
        .store
        .customers_mut()
        .merge_customers(&owner, &[older.clone(), newer.id.to_string()])
        .expect("merged");
    let store = &spa.db.store;
    let kept = |query: &str| -> Vec<(String, MatchKind)> {
        store
            .customers()
            .find_customers(query, 10)
            .expect("find")
            .into_iter()
            .map(|h| (h.id.to_string(), h.matched))
            .collect()
    };
    // The code on the card the customer still carries, in any case.
    assert_eq!(kept(&newer.code), [(older.clone(), MatchKind::Code)]);
    assert_eq!(
        kept(&newer.code.to_lowercase()),
        [(older.clone(), MatchKind::Code)]
    );
    // The phone they give, in any form, whole or as it is being typed.
    for phone in [
        "0977 000 111",
        "0977000111",
        "+84977000111",
        "+84 977 000 111",
        "0977 000",
    ] {
        assert_eq!(kept(phone), [(older.clone(), MatchKind::Phone)], "{phone}");
    }
    // The kept file's own phone and name find it once.
    assert_eq!(kept("0912 345 678"), [(older.clone(), MatchKind::Phone)]);
    assert_eq!(kept("nguyen van an"), [(older.clone(), MatchKind::Name)]);
    // Whatever is asked by phone (a booking, `customer show`) reaches it.
    assert_eq!(
        store
            .customers()
            .resolve_customer("0977 000 111")
            .expect("by phone")
            .to_string(),
        older
    );
    assert_eq!(
        store
            .customers()
            .resolve_customer("+84977000111")
            .expect("by phone")
            .to_string(),
        older
    );
    assert!(store.conflicts().expect("conflicts").is_empty());

    // The merged file's code stays taken: a card printed with it means
    // the kept file. The refusal names the kept file.
    let path = spa.db.path.clone();
    let taken = NewCustomer {
        name: "Lê Văn Cường".into(),
        phone: "0966 000 222".into(),
        code: Some(newer.code.clone()),
        ..NewCustomer::default()
    };
    common::refused(&mut spa.db.store, &path, "duplicate_code", |store| {
        store.customers_mut().add_customer(&owner, taken.clone())
    });
    match spa.db.store.customers_mut().add_customer(&owner, taken) {
        Err(caredesk_store::StoreError::DuplicateCode { id, .. }) => assert_eq!(id, older),
        other => panic!("expected duplicate_code, got {other:?}"),
    }
    // The phone, though, may go to someone else (numbers are reassigned):
    // the one who holds it now comes first and is the one it resolves to.
    let cuong = spa.db.add("Lê Văn Cường", "0977 000 111").id.to_string();
    let store = &spa.db.store;
    let hits: Vec<String> = store
        .customers()
        .find_customers("0977 000 111", 10)
        .expect("find")
        .into_iter()
        .map(|h| h.id.to_string())
        .collect();
    assert_eq!(hits, [cuong.clone(), older.clone()]);
    assert_eq!(
        store
            .customers()
            .resolve_customer("0977 000 111")
            .expect("by phone")
            .to_string(),
        cuong
    );
    spa.db.assert_folds_hold();
}
