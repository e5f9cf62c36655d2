//! Merging two files of one person on a real database file: everything the
//! newer file held moves to the older one, money to the đồng and credit
//! with its expiry; the newer file leaves search; refusals write nothing.

mod common;

use caredesk_domain::wallet::Source;
use caredesk_store::{NewTicket, WalletMove};
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
        .deposit_wallet(&owner, &newer, cash(300_000))
        .expect("deposit");
    store
        .issue_credit(&owner, &newer, 50_000, Some(10), "khai trương")
        .expect("credit");
    store
        .deposit_wallet(&owner, &older, cash(20_000))
        .expect("deposit");
    store
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
        .tag_customer(&owner, newer.parse().expect("id"), "vip", true)
        .expect("tag");
    store
        .add_customer_note(&owner, newer.parse().expect("id"), "Dị ứng tinh dầu sả")
        .expect("note");
    let ticket = store
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
        let real = |id: &str| store.wallet(id.parse().expect("id"), &owner).expect("w");
        let (a, b) = (real(&older), real(&newer));
        a.balance + a.virtual_ + b.balance + b.virtual_
    };

    let store = &mut spa.db.store;
    let merged = store
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
    let view = store.customer_360(kept, &owner).expect("360");
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
        .wallet(newer.parse().expect("id"), &owner)
        .expect("old wallet");
    assert_eq!(old.balance, 0);
    assert_eq!(old.virtual_, 0);
    assert!(credit.expires_at.starts_with("2026-12-01"), "{credit:?}");

    // The newer file leaves search; its id and phone lead to the kept file.
    let hits = store.find_customers("0977 000 111", 10).expect("find");
    assert!(hits.is_empty(), "{hits:?}");
    let hits = store.find_customers("nguyen van an", 10).expect("find");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        store.resolve_customer(&newer).expect("old id").to_string(),
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
            .merge_customers(&owner, std::slice::from_ref(&an))
    });
    spa.refused("nothing_to_merge", |s| {
        s.db.store
            .merge_customers(&owner, &[an.clone(), an.clone()])
    });
    spa.refused("not_found", |s| {
        s.db.store
            .merge_customers(&owner, &[an.clone(), "0999 999 999".into()])
    });
    let desk = spa.db.store.context_as("Lan", None).expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store
            .merge_customers(&desk, &[an.clone(), bich.clone()])
    });
    // Merged once, the same merge again finds nothing to do.
    spa.db
        .store
        .merge_customers(&owner, &[an.clone(), bich.clone()])
        .expect("merged");
    common::refused(&mut spa.db.store, &path, "nothing_to_merge", |store| {
        store.merge_customers(&owner, &[bich.clone(), an.clone()])
    });
}
