//! Customers through the store, on real database files.

mod common;

use caredesk_store::{CustomerEdit, MatchKind, NewCustomer, OpFilter, StoreError};
use common::{snapshot, vietnam};

fn new(name: &str, phone: &str) -> NewCustomer {
    NewCustomer {
        name: name.to_owned(),
        phone: phone.to_owned(),
        ..NewCustomer::default()
    }
}

#[test]
fn adding_a_customer_stores_e164_a_register_code_and_one_op() {
    let mut db = vietnam();
    let ctx = db.ctx();
    let customer = db
        .store
        .customers_mut()
        .add_customer(
            &ctx,
            NewCustomer {
                name: "  Nguyễn   Văn An ".to_owned(),
                phone: "0912 345 678".to_owned(),
                email: Some("an@spa.vn".to_owned()),
                address: Some("12 Lý Thường Kiệt, Hà Nội".to_owned()),
                code: None,
            },
        )
        .expect("added");
    assert_eq!(customer.name, "Nguyễn Văn An");
    assert_eq!(customer.phone, "+84912345678");
    let register = db.store.register_code().to_owned();
    assert_eq!(customer.code, format!("KH-{register}-00001"));
    assert_eq!(customer.created_by, ctx.actor);
    assert_eq!(customer.created_by_name.as_deref(), Some("Owner"));

    let ops = db
        .store
        .ops(&OpFilter {
            entity: Some(customer.id.into()),
            ..OpFilter::default()
        })
        .expect("ops");
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].op.kind, "customer.registered");
    assert_eq!(ops[0].op.actor, ctx.actor);
    assert_eq!(ops[0].op.device_id, db.store.device_id());

    let second = db.add("Trần Thị Bích", "0983 111 222");
    assert_eq!(second.code, format!("KH-{register}-00002"));
}

#[test]
fn device_seq_is_gapless_and_the_clock_only_moves_forwards() {
    let mut db = vietnam();
    for i in 0..20 {
        db.add(&format!("Khách {i}"), &format!("0912 345 {i:03}"));
    }
    let ops = db.store.ops(&OpFilter::default()).expect("ops");
    let seqs: Vec<u64> = ops.iter().map(|o| o.op.device_seq).collect();
    assert_eq!(seqs, (1..=ops.len() as u64).collect::<Vec<_>>());
    assert!(ops.windows(2).all(|w| w[0].op.hlc < w[1].op.hlc));
}

#[test]
fn the_store_reopens_with_the_same_device_and_continues_its_sequence() {
    let mut db = vietnam();
    db.add("Lê Thu Hà", "0356 789 012");
    let device = db.store.device_id();
    let path = db.path.clone();
    drop(db.store);
    let mut store = caredesk_store::Store::open(&path).expect("reopens");
    assert_eq!(store.device_id(), device);
    let ctx = store.context(None).expect("ctx");
    store
        .customers_mut()
        .add_customer(&ctx, new("Phạm Minh Quân", "0707 123 456"))
        .expect("added");
    let seqs: Vec<u64> = store
        .ops(&OpFilter::default())
        .expect("ops")
        .iter()
        .map(|o| o.op.device_seq)
        .collect();
    assert_eq!(seqs, vec![1, 2, 3, 4]);
}

#[test]
fn every_rejection_leaves_the_database_unchanged() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "0912345678");
    let ctx = db.ctx();
    let before = snapshot(&db.path);

    let long = "x".repeat(101);
    let cases: Vec<(&str, NewCustomer)> = vec![
        ("invalid_phone", new("Trần Thị Bích", "0912 ABC")),
        ("invalid_phone", new("Trần Thị Bích", "12345")),
        ("empty_field", new("Trần Thị Bích", "")),
        ("empty_field", new("   ", "0983111222")),
        ("too_long", new(&long, "0983111222")),
        ("control_character", new("Bích\u{0}", "0983111222")),
        ("duplicate_phone", new("Trần Thị Bích", "+84 912 345 678")),
        // The old number of the same phone is the same phone.
        (
            "invalid_email",
            NewCustomer {
                email: Some("bich@".to_owned()),
                ..new("Trần Thị Bích", "0983111222")
            },
        ),
        (
            "too_long",
            NewCustomer {
                address: Some("đường ".repeat(60)),
                ..new("Trần Thị Bích", "0983111222")
            },
        ),
        (
            "invalid_code",
            NewCustomer {
                code: Some("KH 01".to_owned()),
                ..new("Trần Thị Bích", "0983111222")
            },
        ),
        (
            "duplicate_code",
            NewCustomer {
                code: Some(an.code.to_lowercase()),
                ..new("Trần Thị Bích", "0983111222")
            },
        ),
    ];
    for (code, input) in cases {
        let error = db
            .store
            .customers_mut()
            .add_customer(&ctx, input.clone())
            .expect_err("refused");
        assert_eq!(error.code(), code, "{input:?}: {error}");
        assert_eq!(snapshot(&db.path), before, "{input:?} wrote something");
    }

    let unknown = caredesk_domain::CustomerId::new();
    let edits: Vec<(&str, caredesk_domain::CustomerId, CustomerEdit)> = vec![
        (
            "not_found",
            unknown,
            CustomerEdit {
                name: Some("X".into()),
                ..CustomerEdit::default()
            },
        ),
        ("nothing_to_change", an.id, CustomerEdit::default()),
        (
            "empty_field",
            an.id,
            CustomerEdit {
                name: Some(" ".into()),
                ..CustomerEdit::default()
            },
        ),
        (
            "invalid_phone",
            an.id,
            CustomerEdit {
                phone: Some("999".into()),
                ..CustomerEdit::default()
            },
        ),
        (
            "too_long",
            an.id,
            CustomerEdit {
                name: Some(long.clone()),
                ..CustomerEdit::default()
            },
        ),
        // A valid name with an invalid email: nothing of the edit lands.
        (
            "invalid_email",
            an.id,
            CustomerEdit {
                name: Some("Nguyễn Văn Anh".into()),
                email: Some("no-at-sign".into()),
                ..CustomerEdit::default()
            },
        ),
    ];
    for (code, id, edit) in edits {
        let error = db
            .store
            .customers_mut()
            .edit_customer(&ctx, id, edit.clone())
            .expect_err("refused");
        assert_eq!(error.code(), code, "{edit:?}: {error}");
        assert_eq!(snapshot(&db.path), before, "{edit:?} wrote something");
    }
    for (code, result) in [
        (
            "empty_field",
            db.store
                .customers_mut()
                .add_customer_note(&ctx, an.id, "  "),
        ),
        (
            "not_found",
            db.store
                .customers_mut()
                .add_customer_note(&ctx, unknown, "hello"),
        ),
        (
            "empty_field",
            db.store.customers_mut().tag_customer(&ctx, an.id, "", true),
        ),
        (
            "not_found",
            db.store
                .customers_mut()
                .tag_customer(&ctx, unknown, "vip", true),
        ),
    ] {
        assert_eq!(result.expect_err("refused").code(), code);
        assert_eq!(snapshot(&db.path), before);
    }
}

#[test]
fn a_duplicate_phone_error_names_the_existing_customer() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "01662345678");
    let ctx = db.ctx();
    let error = db
        .store
        .customers_mut()
        .add_customer(&ctx, new("Someone Else", "036 234 5678"))
        .expect_err("same phone, new prefix");
    match &error {
        StoreError::DuplicatePhone { id, name, .. } => {
            assert_eq!(id, &an.id.to_string());
            assert_eq!(name, "Nguyễn Văn An");
        }
        other => panic!("expected a duplicate phone, got {other:?}"),
    }
    assert!(error.to_string().contains("Nguyễn Văn An"));
}

#[test]
fn a_command_that_fails_after_appending_its_op_writes_nothing() {
    let mut db = vietnam();
    db.add("Nguyễn Văn An", "0912345678");
    // Make the projection step fail for one name, after the op row and the
    // register's series number have already been written in the transaction.
    rusqlite::Connection::open(&db.path)
        .expect("second connection")
        .execute_batch(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON customers WHEN NEW.name = 'Boom'
             BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .expect("trigger");
    let before = snapshot(&db.path);
    let ctx = db.ctx();
    let error = db
        .store
        .customers_mut()
        .add_customer(&ctx, new("Boom", "0983111222"))
        .expect_err("projection fails");
    assert_eq!(error.code(), "storage");
    assert_eq!(snapshot(&db.path), before);
    // And the next command takes the next sequence number, not one after a gap.
    let next = db.add("Trần Thị Bích", "0983111222");
    let last = db.store.ops(&OpFilter::default()).expect("ops");
    assert_eq!(last.last().map(|o| o.op.device_seq), Some(4));
    assert!(next.code.ends_with("-00002"), "{}", next.code);
}

#[test]
fn edits_are_per_field_and_only_what_changed_is_written() {
    let mut db = vietnam();
    let an = db.add("Nguyen Van An", "0912345678");
    let ctx = db.ctx();
    let edited = db
        .store
        .customers_mut()
        .edit_customer(
            &ctx,
            an.id,
            CustomerEdit {
                name: Some("Nguyễn Văn An".into()),
                phone: Some("+84912345678".into()), // same number, other form
                email: Some("an@spa.vn".into()),
                address: None,
            },
        )
        .expect("edited");
    assert_eq!(edited.name, "Nguyễn Văn An");
    assert_eq!(edited.email.as_deref(), Some("an@spa.vn"));
    let ops = db
        .store
        .ops(&OpFilter {
            kind: Some("customer.edited".into()),
            ..OpFilter::default()
        })
        .expect("ops");
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0].op.body,
        serde_json::json!({"name": "Nguyễn Văn An", "email": "an@spa.vn"})
    );

    // Saving the same values again writes nothing.
    let before = snapshot(&db.path);
    db.store
        .customers_mut()
        .edit_customer(
            &ctx,
            an.id,
            CustomerEdit {
                name: Some("Nguyễn Văn An".into()),
                ..CustomerEdit::default()
            },
        )
        .expect("no-op edit");
    assert_eq!(snapshot(&db.path), before);

    // An empty email clears it.
    let cleared = db
        .store
        .customers_mut()
        .edit_customer(
            &ctx,
            an.id,
            CustomerEdit {
                email: Some(String::new()),
                ..CustomerEdit::default()
            },
        )
        .expect("cleared");
    assert_eq!(cleared.email, None);

    // Moving to another customer's phone is refused.
    let bich = db.add("Trần Thị Bích", "0983111222");
    let error = db
        .store
        .customers_mut()
        .edit_customer(
            &ctx,
            an.id,
            CustomerEdit {
                phone: Some("0983 111 222".into()),
                ..CustomerEdit::default()
            },
        )
        .expect_err("taken");
    assert!(
        matches!(error, StoreError::DuplicatePhone { ref id, .. } if id == &bich.id.to_string())
    );
}

#[test]
fn notes_and_tags() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "0912345678");
    let ctx = db.ctx();
    db.store
        .customers_mut()
        .add_customer_note(&ctx, an.id, "Dị ứng tinh dầu sả.")
        .expect("note");
    db.store
        .customers_mut()
        .tag_customer(&ctx, an.id, "VIP", true)
        .expect("tag");
    db.store
        .customers_mut()
        .tag_customer(&ctx, an.id, "vip", true)
        .expect("tag again");
    db.store
        .customers_mut()
        .tag_customer(&ctx, an.id, "allergy", true)
        .expect("tag");
    let shown = db
        .store
        .customers_mut()
        .tag_customer(&ctx, an.id, "allergy", false)
        .expect("untag");
    assert_eq!(shown.tags, vec!["vip".to_owned()]);
    assert_eq!(shown.notes.len(), 1);
    assert_eq!(shown.notes[0].text, "Dị ứng tinh dầu sả.");
    assert_eq!(shown.notes[0].by_name.as_deref(), Some("Owner"));
    let tag_ops = db
        .store
        .ops(&OpFilter {
            kind: Some("customer.".into()),
            ..OpFilter::default()
        })
        .expect("ops")
        .len();
    // registered, note, tagged vip, tagged allergy, untagged allergy
    assert_eq!(tag_ops, 5);
    db.assert_folds_hold();
}

#[test]
fn the_360_view_has_every_section() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "0912345678");
    let view = db
        .store
        .customers()
        .customer_360(an.id, &db.ctx())
        .expect("360");
    let json = serde_json::to_value(&view).expect("json");
    for key in ["customer", "wallet", "treatments", "bookings", "tickets"] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
    assert_eq!(json["customer"]["phone"], "+84912345678");
    assert!(
        json["customer"]["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with("+07:00")),
        "{}",
        json["customer"]["created_at"]
    );
    let unknown = caredesk_domain::CustomerId::new();
    assert_eq!(
        db.store
            .customers()
            .customer_360(unknown, &db.ctx())
            .expect_err("unknown")
            .code(),
        "not_found"
    );
}

#[test]
fn a_customer_is_found_by_id_or_by_phone_in_any_form() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "0366 234 567");
    for typed in [
        an.id.to_string(),
        "0366234567".into(),
        "+84 366 234 567".into(),
        "0166 623 4567".into(),
    ] {
        assert_eq!(
            db.store
                .customers()
                .resolve_customer(&typed)
                .expect("resolves"),
            an.id,
            "{typed}"
        );
    }
    for typed in [
        "0912345678",
        "nobody",
        &caredesk_domain::CustomerId::new().to_string(),
    ] {
        assert_eq!(
            db.store
                .customers()
                .resolve_customer(typed)
                .expect_err("unknown")
                .code(),
            "not_found"
        );
    }
}

#[test]
fn search_hits_say_what_matched() {
    let mut db = vietnam();
    let an = db.add("Nguyễn Văn An", "0912345678");
    let by_code = db
        .store
        .customers()
        .find_customers(&an.code.to_lowercase(), 5)
        .expect("search");
    assert_eq!(by_code[0].id, an.id);
    assert_eq!(by_code[0].matched, MatchKind::Code);
    let by_phone = db
        .store
        .customers()
        .find_customers("345 678", 5)
        .expect("search");
    assert_eq!(by_phone[0].matched, MatchKind::Phone);
    let by_name = db
        .store
        .customers()
        .find_customers("an", 5)
        .expect("search");
    assert_eq!(by_name[0].matched, MatchKind::Name);
}
