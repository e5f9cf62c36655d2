//! The business's own settings after `init`: renamed, given an address and
//! a tax code, moved to another zone; the currency stays; every refusal
//! writes nothing, on a real database file.

mod common;

use caredesk_domain::{BusinessSettings, Country, Role};
use caredesk_store::{InitSettings, NewStaff, Store, StoreError};
use common::snapshot;

fn counter() -> common::TestDb {
    let mut db = common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        ..InitSettings::default()
    });
    let ctx = db.ctx();
    db.store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Lan".into(),
                role: Role::Receptionist,
                pin: None,
            },
        )
        .expect("Lan added");
    db
}

fn edit(db: &common::TestDb, change: impl FnOnce(&mut BusinessSettings)) -> BusinessSettings {
    let mut settings = db.store.settings().clone();
    change(&mut settings);
    settings
}

#[test]
fn a_manager_names_the_business_and_gives_its_address_and_tax_code() {
    let mut db = counter();
    let ctx = db.ctx();
    let wanted = edit(&db, |s| {
        s.name = "  Spa Hoa Sen ".into();
        s.address = "12 Lý Tự Trọng, Quận 1".into();
        s.tax_code = "0101234567-001".into();
        s.timezone = "Asia/Bangkok".into();
        s.customer_code_prefix = "hs".into();
    });
    let saved = db.store.set_business(&ctx, wanted).expect("saved");
    assert_eq!(saved.name, "Spa Hoa Sen", "trimmed");
    assert_eq!(saved.customer_code_prefix, "HS", "upper case");
    assert_eq!(saved.address, "12 Lý Tự Trọng, Quận 1");
    assert_eq!(saved.tax_code, "0101234567-001");
    assert_eq!(db.store.settings(), &saved);

    // Another handle on the file reads the same business from the fold.
    let reopened = Store::open(&db.path).expect("reopened");
    assert_eq!(reopened.settings(), &saved);
    db.assert_folds_hold();
}

#[test]
fn an_empty_address_and_tax_code_leave_the_settings_json_as_before() {
    let json =
        serde_json::to_value(BusinessSettings::for_country(Country::Vietnam)).expect("serialises");
    let object = json.as_object().expect("an object");
    assert!(!object.contains_key("address") && !object.contains_key("tax_code"));
    let old: BusinessSettings = serde_json::from_str(
        r#"{"name":"CareDesk","country":"VN","currency":"VND","timezone":"Asia/Ho_Chi_Minh","customer_code_prefix":"KH"}"#,
    )
    .expect("settings written before the fields existed");
    assert_eq!(old, BusinessSettings::for_country(Country::Vietnam));
}

#[test]
fn bad_settings_the_currency_and_a_receptionist_are_refused_and_write_nothing() {
    let mut db = counter();
    let owner = db.ctx();
    let before = snapshot(&db.path);
    let refusals: [(BusinessSettings, &str, &str); 6] = [
        (
            edit(&db, |s| s.name = "   ".into()),
            "empty_field",
            "business name",
        ),
        (
            edit(&db, |s| s.timezone = "Asia/Saigon_Typo".into()),
            "invalid_settings",
            "timezone",
        ),
        (
            edit(&db, |s| s.customer_code_prefix = "K1".into()),
            "invalid_settings",
            "customer_code_prefix",
        ),
        (
            edit(&db, |s| s.tax_code = "0101;DROP".into()),
            "invalid_settings",
            "tax_code",
        ),
        (
            edit(&db, |s| s.address = "x".repeat(301)),
            "too_long",
            "address",
        ),
        (
            edit(&db, |s| {
                s.country = Country::Indonesia;
                s.currency = caredesk_domain::money::Currency::Idr;
            }),
            "invalid_settings",
            "currency",
        ),
    ];
    for (settings, code, field) in refusals {
        let error = db
            .store
            .set_business(&owner, settings)
            .expect_err("refused");
        assert_eq!(
            (error.code(), error.field()),
            (code, Some(field)),
            "{error}"
        );
    }
    let unchanged = db.store.settings().clone();
    assert!(matches!(
        db.store.set_business(&owner, unchanged),
        Err(StoreError::NothingToChange)
    ));

    let lan = db.store.context_as("Lan", None).expect("Lan");
    let renamed = edit(&db, |s| s.name = "Spa Lan".into());
    let error = db
        .store
        .set_business(&lan, renamed)
        .expect_err("a receptionist may not");
    assert_eq!(error.code(), "permission_denied");
    assert_eq!(snapshot(&db.path), before, "nothing written");
}
