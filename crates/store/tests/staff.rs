//! Staff accounts, the permission matrix, approvals and PIN lockout, on real
//! database files.

mod common;

use caredesk_domain::{Action, Role};
use caredesk_store::{InitSettings, MAX_PIN_FAILURES, NewStaff, OpFilter, PIN_LOCKOUT};
use common::snapshot;

fn counter() -> common::TestDb {
    common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    })
}

fn staff(db: &mut common::TestDb, name: &str, role: Role, pin: &str) {
    let ctx = db.ctx();
    db.store
        .add_staff(
            &ctx,
            NewStaff {
                name: name.into(),
                role,
                pin: Some(pin.into()),
            },
        )
        .expect("staff added");
}

#[test]
fn each_role_against_the_permission_matrix_through_the_store() {
    let mut db = counter();
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    staff(&mut db, "Minh", Role::Therapist, "2222");
    staff(&mut db, "Tuấn", Role::Manager, "3333");
    for (who, allowed) in [
        ("Lan", false),
        ("Minh", false),
        ("Tuấn", true),
        ("Hoa", true),
    ] {
        let ctx = db.store.context_as(who, None).expect("ctx");
        for action in Action::ALL {
            let result = db.store.authorize(&ctx, action);
            assert_eq!(result.is_ok(), allowed, "{who} {action}");
            if !allowed {
                assert_eq!(result.expect_err("refused").code(), "permission_denied");
            }
        }
    }
}

#[test]
fn a_manager_approves_on_the_spot_and_the_op_records_both_people() {
    let mut db = counter();
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    staff(&mut db, "Tuấn", Role::Manager, "3333");
    let lan = db.store.context_as("Lan", None).expect("ctx");

    // Alone, Lan may not add staff.
    let before = snapshot(&db.path);
    let alone = db.store.add_staff(
        &lan,
        NewStaff {
            name: "Mai".into(),
            role: Role::Therapist,
            pin: None,
        },
    );
    assert_eq!(alone.expect_err("refused").code(), "permission_denied");
    assert_eq!(snapshot(&db.path), before);

    // With Tuấn's PIN she may, and the op names both.
    let approved = db.store.approve(lan, "tuan", "3333").expect("approved");
    let mai = db
        .store
        .add_staff(
            &approved,
            NewStaff {
                name: "Mai".into(),
                role: Role::Therapist,
                pin: None,
            },
        )
        .expect("added with approval");
    let ops = db
        .store
        .ops(&OpFilter {
            entity: Some(mai.id.into()),
            ..OpFilter::default()
        })
        .expect("ops");
    assert_eq!(ops[0].op.actor, lan.actor);
    assert_eq!(ops[0].op.approver, approved.approver);
    assert!(approved.approver.is_some());

    // A wrong approver PIN is no approval.
    let wrong = db.store.approve(lan, "Tuấn", "0000");
    assert_eq!(wrong.expect_err("wrong").code(), "wrong_pin");
    // A receptionist's approval does not count.
    staff(&mut db, "Vy", Role::Receptionist, "4444");
    let by_vy = db.store.approve(lan, "Vy", "4444").expect("PIN is right");
    let refused = db.store.add_staff(
        &by_vy,
        NewStaff {
            name: "Nam".into(),
            role: Role::Therapist,
            pin: None,
        },
    );
    assert_eq!(refused.expect_err("refused").code(), "cannot_approve");
}

#[test]
fn nobody_appoints_above_themselves_and_the_last_owner_stays() {
    let mut db = counter();
    staff(&mut db, "Tuấn", Role::Manager, "3333");
    let tuan = db.store.context_as("Tuấn", None).expect("ctx");
    let owner = db.store.add_staff(
        &tuan,
        NewStaff {
            name: "Bà Chủ 2".into(),
            role: Role::Owner,
            pin: None,
        },
    );
    assert_eq!(owner.expect_err("refused").code(), "cannot_appoint");
    let demote = db.store.set_staff_role(&tuan, "Hoa", Role::Receptionist);
    assert_eq!(demote.expect_err("refused").code(), "cannot_appoint");

    let hoa = db.ctx();
    let last = db.store.set_staff_active(&hoa, "Hoa", false);
    assert_eq!(last.expect_err("refused").code(), "last_owner");
    let last = db.store.set_staff_role(&hoa, "Hoa", Role::Manager);
    assert_eq!(last.expect_err("refused").code(), "last_owner");

    let dup = db.store.add_staff(
        &hoa,
        NewStaff {
            name: "tuan".into(),
            role: Role::Therapist,
            pin: None,
        },
    );
    assert_eq!(dup.expect_err("dup").code(), "duplicate_staff");
}

#[test]
fn deactivated_staff_can_neither_act_nor_sign_in() {
    let mut db = counter();
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    let hoa = db.ctx();
    let lan = db
        .store
        .set_staff_active(&hoa, "Lan", false)
        .expect("deactivated");
    assert!(!lan.active);
    assert_eq!(
        db.store
            .context_as("Lan", None)
            .expect_err("inactive")
            .code(),
        "staff_inactive"
    );
    let now = jiff::Timestamp::now();
    assert_eq!(
        db.store
            .sign_in("Lan", "1111", now)
            .expect_err("inactive")
            .code(),
        "staff_inactive"
    );
    db.store.set_staff_active(&hoa, "Lan", true).expect("back");
    assert!(db.store.sign_in("Lan", "1111", now).is_ok());
}

#[test]
fn sign_in_makes_the_signed_in_person_the_actor() {
    let mut db = counter();
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    let now = jiff::Timestamp::now();
    let ctx = db.store.sign_in("lan", "1111", now).expect("signed in");
    let customer = db
        .store
        .customers_mut()
        .add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: "Nguyễn Văn An".into(),
                phone: "0912345678".into(),
                ..Default::default()
            },
        )
        .expect("added");
    assert_eq!(customer.created_by_name.as_deref(), Some("Lan"));
}

#[test]
fn repeated_wrong_pins_lock_the_account_for_a_while() {
    let mut db = counter();
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    let t0 = jiff::Timestamp::from_second(1_800_000_000).expect("time");
    for attempt in 1..MAX_PIN_FAILURES {
        let error = db.store.sign_in("Lan", "9999", t0).expect_err("wrong");
        assert_eq!(error.code(), "wrong_pin", "attempt {attempt}");
        assert!(
            error
                .to_string()
                .contains(&format!("{} attempts left", MAX_PIN_FAILURES - attempt))
        );
    }
    // The fifth wrong PIN locks; then even the right one is refused.
    assert_eq!(
        db.store
            .sign_in("Lan", "9999", t0)
            .expect_err("locked")
            .code(),
        "account_locked"
    );
    assert_eq!(
        db.store
            .sign_in("Lan", "1111", t0)
            .expect_err("locked")
            .code(),
        "account_locked"
    );
    let almost = t0 + PIN_LOCKOUT - jiff::SignedDuration::from_secs(1);
    assert_eq!(
        db.store
            .sign_in("Lan", "1111", almost)
            .expect_err("still locked")
            .code(),
        "account_locked"
    );
    // After the lockout the right PIN works and the count starts again.
    let later = t0 + PIN_LOCKOUT;
    assert!(db.store.sign_in("Lan", "1111", later).is_ok());
    assert_eq!(
        db.store
            .sign_in("Lan", "9999", later)
            .expect_err("wrong")
            .code(),
        "wrong_pin"
    );
    // Other staff are not affected by Lan's lock.
    assert!(db.store.sign_in("Hoa", "1234", t0).is_ok());
}

#[test]
fn pins_are_hashed_and_checked() {
    let mut db = counter();
    let hoa = db.ctx();
    for bad in ["12", "abcd", "123456789"] {
        let error = db.store.add_staff(
            &hoa,
            NewStaff {
                name: "X".into(),
                role: Role::Therapist,
                pin: Some(bad.into()),
            },
        );
        assert_eq!(error.expect_err("bad pin").code(), "invalid_pin", "{bad}");
    }
    staff(&mut db, "Lan", Role::Receptionist, "1111");
    let ops = db
        .store
        .ops(&OpFilter {
            kind: Some("staff.pin_set".into()),
            ..OpFilter::default()
        })
        .expect("ops");
    assert_eq!(ops.len(), 2, "the owner's and Lan's");
    for op in ops {
        let hash = op.op.body["pin_hash"].as_str().expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("1111") && !hash.contains("1234"));
    }
    // Lan changes her own PIN without anyone's approval.
    let lan = db.store.context_as("Lan", None).expect("ctx");
    db.store
        .set_staff_pin(&lan, "Lan", "5678")
        .expect("own pin");
    let now = jiff::Timestamp::now();
    assert_eq!(
        db.store
            .sign_in("Lan", "1111", now)
            .expect_err("old")
            .code(),
        "wrong_pin"
    );
    assert!(db.store.sign_in("Lan", "5678", now).is_ok());
    // But not Hoa's.
    assert_eq!(
        db.store
            .set_staff_pin(&lan, "Hoa", "0000")
            .expect_err("no")
            .code(),
        "permission_denied"
    );
}

#[test]
fn staff_without_a_pin_cannot_sign_in_or_approve_until_one_is_set() {
    let mut db = counter();
    let hoa = db.ctx();
    db.store
        .add_staff(
            &hoa,
            NewStaff {
                name: "Minh".into(),
                role: Role::Manager,
                pin: None,
            },
        )
        .expect("added without a PIN");
    let now = jiff::Timestamp::now();
    assert_eq!(
        db.store
            .sign_in("Minh", "1234", now)
            .expect_err("no PIN")
            .code(),
        "no_pin"
    );
    assert_eq!(
        db.store
            .approve(hoa, "Minh", "1234")
            .expect_err("no PIN")
            .code(),
        "no_pin"
    );
    db.store
        .set_staff_pin(&hoa, "Minh", "4321")
        .expect("PIN set by the owner");
    assert!(db.store.sign_in("Minh", "4321", now).is_ok());
}
