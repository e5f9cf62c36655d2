//! Services, rooms and packages; what a receptionist may not change.

use super::*;

#[test]
fn a_manager_adds_edits_and_retires_a_service() {
    let mut counter = manager();
    let added = catalog::add_service(&mut counter.session, massage(), None).expect("added");
    assert_eq!(
        (added.name.as_str(), added.price.amount),
        ("Massage đá nóng", 450_000)
    );
    assert!(added.active);
    let listed = catalog::services(&mut counter.session).expect("listed");
    assert_eq!(listed, vec![added.clone()]);

    let repriced = catalog::edit_service(
        &mut counter.session,
        &added.id,
        ServiceEditInput {
            price: Some(500_000),
            ..ServiceEditInput::default()
        },
        None,
    )
    .expect("repriced");
    assert_eq!(repriced.price.amount, 500_000);
    let retired = catalog::edit_service(
        &mut counter.session,
        &added.id,
        ServiceEditInput {
            active: Some(false),
            ..ServiceEditInput::default()
        },
        None,
    )
    .expect("retired");
    assert!(!retired.active);
    assert_eq!(
        catalog::services(&mut counter.session).expect("listed")[0],
        retired,
        "a retired service stays listed, to be offered again"
    );
}

#[test]
fn bad_services_are_refused_on_their_field_and_write_nothing() {
    let mut counter = manager();
    let before = counter.ops();
    let empty = ServiceInput {
        name: "  ".into(),
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, empty, None),
        "empty_field",
        Some("name"),
    );
    let negative = ServiceInput {
        price: -1,
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, negative, None),
        "invalid_value",
        Some("price"),
    );
    let short = ServiceInput {
        minutes: 2,
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, short, None),
        "invalid_value",
        Some("minutes"),
    );
    assert_refused(
        catalog::edit_service(
            &mut counter.session,
            "Massage",
            ServiceEditInput::default(),
            None,
        ),
        "invalid_id",
        None,
    );
    assert_eq!(counter.ops(), before);
}

#[test]
fn a_receptionist_is_refused_every_write_and_can_still_read() {
    let mut counter = manager();
    let service = catalog::add_service(&mut counter.session, massage(), None).expect("added");
    counter.step_up("Lan");
    let before = counter.ops();
    let s = &mut counter.session;
    assert_refused(
        catalog::add_service(s, massage(), None),
        "permission_denied",
        None,
    );
    assert_refused(
        catalog::edit_service(
            s,
            &service.id,
            ServiceEditInput {
                active: Some(false),
                ..ServiceEditInput::default()
            },
            None,
        ),
        "permission_denied",
        None,
    );
    let room = RoomInput {
        name: "Phòng 1".into(),
        capacity: 1,
    };
    assert_refused(catalog::add_room(s, room, None), "permission_denied", None);
    let package = PackageInput {
        name: "10 buổi massage".into(),
        service: Some(service.id.clone()),
        sessions: 10,
        valid_days: 180,
        price: 4_000_000,
        home_visit: None,
    };
    assert_refused(
        catalog::add_package(s, package, None),
        "permission_denied",
        None,
    );
    let newcomer = StaffInput {
        name: "Thảo".into(),
        role: Role::Therapist,
        pin: None,
    };
    assert_refused(
        staff::add_staff(s, newcomer, None),
        "permission_denied",
        None,
    );
    let minh = s.store().staff_member("Minh").expect("Minh").id.to_string();
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("mon", "09:00", "17:00")]), None),
        "permission_denied",
        None,
    );
    let policies = SalePolicies {
        tax_rate: 800,
        prices_include_tax: true,
        discount_limit: 5_000,
    };
    assert_refused(
        business::set_sale_policies(s, policies, None),
        "permission_denied",
        None,
    );
    let printing = PrinterSettings::default();
    let file = counter.dir.path().join("counter-settings.json");
    assert_refused(
        printers::set_printers(s, &file, printing, None),
        "permission_denied",
        None,
    );
    assert!(!file.exists(), "nothing saved");
    assert_eq!(counter.ops(), before, "nothing written");

    assert_eq!(
        catalog::services(&mut counter.session).expect("read").len(),
        1
    );
    assert_eq!(staff::staff(&mut counter.session).expect("read").len(), 4);
}

#[test]
fn nothing_is_read_while_signed_out() {
    let mut counter = manager();
    counter.session.sign_out();
    assert_refused(catalog::services(&mut counter.session), "signed_out", None);
    assert_refused(business::business(&mut counter.session), "signed_out", None);
}

#[test]
fn rooms_and_packages_are_added_edited_and_retired() {
    let mut counter = manager();
    let s = &mut counter.session;
    let room = catalog::add_room(
        s,
        RoomInput {
            name: "Phòng VIP".into(),
            capacity: 2,
        },
        None,
    )
    .expect("room");
    let edited = catalog::edit_room(
        s,
        &room.id,
        RoomEditInput {
            capacity: Some(3),
            active: Some(false),
            ..RoomEditInput::default()
        },
        None,
    )
    .expect("edited");
    assert_eq!((edited.capacity, edited.active), (3, false));
    assert_refused(
        catalog::add_room(
            s,
            RoomInput {
                name: "Phòng 2".into(),
                capacity: 0,
            },
            None,
        ),
        "invalid_value",
        Some("capacity"),
    );

    let service = catalog::add_service(s, massage(), None).expect("service");
    let card = PackageInput {
        name: "10 buổi massage".into(),
        service: Some(service.id.clone()),
        sessions: 10,
        valid_days: 180,
        price: 4_000_000,
        home_visit: None,
    };
    let package = catalog::add_package(s, card.clone(), None).expect("package");
    assert_eq!(package.package.sessions, 10);
    let retired = catalog::edit_package(
        s,
        &package.id.to_string(),
        PackageEditInput {
            price: Some(3_600_000),
            active: Some(false),
            ..PackageEditInput::default()
        },
        None,
    )
    .expect("retired");
    assert_eq!(
        (retired.package.price.amount, retired.package.active),
        (3_600_000, false)
    );
    assert_eq!(catalog::packages(s).expect("listed"), vec![retired]);

    let before = s.store().log_size().expect("ops");
    for (bad, field) in [
        (
            PackageInput {
                sessions: 0,
                ..card.clone()
            },
            "sessions",
        ),
        (
            PackageInput {
                valid_days: 0,
                ..card.clone()
            },
            "valid_days",
        ),
        (
            PackageInput {
                price: -5,
                ..card.clone()
            },
            "price",
        ),
        (
            PackageInput {
                name: String::new(),
                ..card.clone()
            },
            "name",
        ),
    ] {
        let error = catalog::add_package(s, bad, None).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some(field), "{}", error.message);
    }
    assert_eq!(s.store().log_size().expect("ops"), before);
}
