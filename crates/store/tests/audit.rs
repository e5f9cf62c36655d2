//! The audit trail's wording and filters.

mod common;

use caredesk_domain::Role;
use caredesk_store::{AuditFilter, CustomerEdit, InitSettings, Lang, NewCustomer, NewStaff};

fn counter() -> common::TestDb {
    let mut db = common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let ctx = db.ctx();
    for (name, role, pin) in [
        ("Lan", Role::Receptionist, "1111"),
        ("Tuấn", Role::Manager, "3333"),
    ] {
        db.store
            .add_staff(
                &ctx,
                NewStaff {
                    name: name.into(),
                    role,
                    pin: Some(pin.into()),
                },
            )
            .expect("staff");
    }
    db
}

fn texts(db: &common::TestDb, filter: &AuditFilter, lang: Lang) -> Vec<String> {
    db.store
        .audit(filter, lang)
        .expect("audit")
        .into_iter()
        .map(|e| e.text)
        .collect()
}

#[test]
fn sentences_a_manager_understands_in_three_languages() {
    let mut db = counter();
    let lan = db.store.context_as("Lan", None).expect("lan");
    let an = db
        .store
        .customers_mut()
        .add_customer(
            &lan,
            NewCustomer {
                name: "Nguyễn Văn An".into(),
                phone: "0912345678".into(),
                ..Default::default()
            },
        )
        .expect("added");
    db.store
        .customers_mut()
        .edit_customer(
            &lan,
            an.id,
            CustomerEdit {
                name: Some("Nguyễn Văn Ân".into()),
                email: Some("an@spa.vn".into()),
                ..Default::default()
            },
        )
        .expect("edited");
    db.store
        .customers_mut()
        .add_customer_note(&lan, an.id, "Dị ứng tinh dầu sả.")
        .expect("note");
    let approved = db.store.approve(lan, "Tuấn", "3333").expect("approval");
    db.store
        .add_staff(
            &approved,
            NewStaff {
                name: "Mai".into(),
                role: Role::Therapist,
                pin: None,
            },
        )
        .expect("added with approval");

    let about_an = AuditFilter {
        customer: Some(an.id),
        ..AuditFilter::default()
    };
    assert_eq!(
        texts(&db, &about_an, Lang::Vi),
        vec![
            "Lan đã thêm khách hàng Nguyễn Văn An (0912 345 678)",
            "Lan đã sửa tên và email của Nguyễn Văn Ân",
            "Lan đã ghi chú cho Nguyễn Văn Ân: “Dị ứng tinh dầu sả.”",
        ]
    );
    assert_eq!(
        texts(&db, &about_an, Lang::En)[1],
        "Lan changed the name and email of Nguyễn Văn Ân"
    );
    assert_eq!(
        texts(&db, &about_an, Lang::Id)[0],
        "Lan menambahkan pelanggan Nguyễn Văn An (0912 345 678)"
    );

    let all = db
        .store
        .audit(&AuditFilter::default(), Lang::En)
        .expect("audit");
    let last = all.last().expect("entries");
    assert_eq!(last.text, "Lan added therapist Mai, approved by Tuấn");
    assert_eq!(last.staff, "Lan");
    assert_eq!(last.approved_by.as_deref(), Some("Tuấn"));
    assert_eq!(all[0].text, "Hoa updated the business settings");
    assert!(all.iter().any(|e| e.text == "Hoa set Hoa's PIN"));
    assert!(last.at.ends_with("+07:00"), "{}", last.at);
}

/// English counts one apart from the rest; Vietnamese and Indonesian never
/// inflect the noun (the catalogue's `.one` / `.other` forms).
#[test]
fn a_count_of_one_reads_in_the_singular_in_english_only() {
    let mut db = counter();
    let ctx = db.ctx();
    let mut room = |name: &str, capacity| {
        let id = db
            .store
            .catalog_mut()
            .add_room(&ctx, name, capacity)
            .expect("room")
            .id;
        AuditFilter {
            entity: Some(id.to_string().parse().expect("entity id")),
            ..AuditFilter::default()
        }
    };
    let (single, double) = (room("Phòng VIP", 1), room("Phòng đôi", 2));
    assert_eq!(
        texts(&db, &single, Lang::En),
        ["Hoa added room Phòng VIP (1 place)"]
    );
    assert_eq!(
        texts(&db, &double, Lang::En),
        ["Hoa added room Phòng đôi (2 places)"]
    );
    let vi = |f| texts(&db, f, Lang::Vi).remove(0);
    assert_eq!(
        vi(&single).replace("Phòng VIP", "X").replace('1', "n"),
        vi(&double).replace("Phòng đôi", "X").replace('2', "n"),
    );
}

#[test]
fn filters_by_staff_including_what_they_approved_and_by_date() {
    let mut db = counter();
    let lan = db.store.context_as("Lan", None).expect("lan");
    db.store
        .customers_mut()
        .add_customer(
            &lan,
            NewCustomer {
                name: "Trần Thị Bích".into(),
                phone: "0983111222".into(),
                ..Default::default()
            },
        )
        .expect("added");
    let approved = db.store.approve(lan, "Tuấn", "3333").expect("approval");
    db.store
        .set_staff_role(&approved, "Lan", Role::Manager)
        .expect("promoted with approval");

    let tuan = db
        .store
        .staff()
        .expect("staff")
        .into_iter()
        .find(|m| m.name == "Tuấn")
        .expect("tuan");
    let by_tuan = texts(
        &db,
        &AuditFilter {
            staff: Some(tuan.id),
            ..AuditFilter::default()
        },
        Lang::En,
    );
    assert_eq!(by_tuan, vec!["Lan made Lan manager, approved by Tuấn"]);

    let everything = db
        .store
        .audit(&AuditFilter::default(), Lang::En)
        .expect("audit");
    // The day the first op was recorded (not "today", which may have moved
    // on if the test runs across midnight).
    let today: jiff::civil::Date = everything[0].at[..10].parse().expect("date");
    let on_today = db
        .store
        .audit(
            &AuditFilter {
                date: Some(today),
                ..AuditFilter::default()
            },
            Lang::En,
        )
        .expect("audit");
    assert_eq!(on_today.len(), everything.len());
    let yesterday = today.yesterday().expect("date");
    assert!(
        db.store
            .audit(
                &AuditFilter {
                    date: Some(yesterday),
                    ..AuditFilter::default()
                },
                Lang::En
            )
            .expect("audit")
            .is_empty()
    );
}

#[test]
fn wallet_and_home_visit_entries_read_as_sentences() {
    let mut spa = common::spa::spa();
    spa.package("Massage tại nhà 4 buổi", 4, 60, true);
    let ctx = spa.ctx_at(common::spa::NOW);
    let an = spa.an.clone();
    let wallet_move = |amount| caredesk_store::WalletMove {
        amount,
        source: caredesk_domain::wallet::Source::Transfer,
        reference: String::new(),
        note: String::new(),
    };
    let store = &mut spa.db.store;
    store
        .wallets_mut()
        .deposit_wallet(&ctx, &an, wallet_move(500_000))
        .expect("deposit");
    store
        .wallets_mut()
        .issue_credit(&ctx, &an, 50_000, Some(15), "xin lỗi")
        .expect("credit");
    store
        .wallets_mut()
        .spend_wallet(&ctx, &an, 20_000, "", "")
        .expect("spend");
    store
        .wallets_mut()
        .adjust_wallet(&ctx, &an, -10_000, "thu nhầm")
        .expect("debit");
    let home = caredesk_store::HomeSale {
        customer: an.clone(),
        package: "massage tai nha 4 buoi".to_owned(),
        staff: "Mai".to_owned(),
        start: spa.db.at("2026-11-23T09:30"),
        address: None,
        notes: String::new(),
    };
    let sold = spa
        .db
        .store
        .treatments_mut()
        .sell_home_visit(&ctx, home)
        .expect("home visit");
    spa.db
        .store
        .schedule_mut()
        .set_staff_services(&ctx, "Hoa", &[spa.home.clone()])
        .expect("Hoa does home visits");
    spa.db
        .store
        .treatments_mut()
        .swap_home_staff(&ctx, sold.treatment.id, "Hoa", "")
        .expect("swap");
    let about_an = AuditFilter {
        customer: Some(an.parse().expect("id")),
        ..AuditFilter::default()
    };
    let vi = texts(&spa.db, &about_an, Lang::Vi).join("\n");
    for expected in [
        "Hương đã nạp 500.000 ₫ vào ví của Nguyễn Văn An (chuyển khoản)",
        "Hương đã tặng Nguyễn Văn An 50.000 ₫ tiền ảo, hạn đến",
        "Hương đã trừ 20.000 ₫ từ ví của Nguyễn Văn An",
        "Hương đã trừ điều chỉnh 10.000 ₫ khỏi ví của Nguyễn Văn An: thu nhầm",
        "Hương đã bán gói tại nhà Massage tại nhà 4 buổi cho Nguyễn Văn An",
        "Mai đến 12 Lý Tự Trọng, Quận 1",
        "đã chuyển các buổi tại nhà của Nguyễn Văn An (Massage tại nhà 4 buổi) từ Mai sang Hoa",
    ] {
        assert!(vi.contains(expected), "{expected:?} not in:\n{vi}");
    }
    let en = texts(&spa.db, &about_an, Lang::En).join("\n");
    assert!(
        en.contains("Hương took 10.000 ₫ off Nguyễn Văn An's wallet: thu nhầm"),
        "{en}"
    );
}
