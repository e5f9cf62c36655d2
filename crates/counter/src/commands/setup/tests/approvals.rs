//! Lan (a receptionist) changes settings with a manager beside her: each
//! write is refused alone, refused with a wrong PIN or a therapist's, and
//! accepted with Tuấn's PIN, the op naming her as actor and him as approver.

use super::*;

#[test]
fn a_receptionist_edits_a_service_with_a_manager_s_pin_and_the_op_names_both() {
    let mut counter = manager();
    let service = catalog::add_service(&mut counter.session, massage(), None).expect("added");
    counter.step_up("Lan");
    let before = counter.ops();
    let repriced = || ServiceEditInput {
        price: Some(500_000),
        ..ServiceEditInput::default()
    };

    let alone = catalog::edit_service(&mut counter.session, &service.id, repriced(), None)
        .expect_err("Lan alone");
    assert_eq!(alone.code, "permission_denied");
    assert_eq!(alone.details.get("action"), Some(&"edit_settings".into()));
    assert_eq!(alone.details.get("name"), Some(&"Lan".into()));

    let wrong = counter.approval("Tuấn", "0000");
    let refused =
        catalog::edit_service(&mut counter.session, &service.id, repriced(), Some(&wrong))
            .expect_err("wrong PIN");
    assert_eq!(refused.code, "wrong_pin");
    assert_eq!(refused.details.get("attempts_left"), Some(&4.into()));

    let minh = counter.approval("Minh", "2222");
    assert_refused(
        catalog::edit_service(&mut counter.session, &service.id, repriced(), Some(&minh)),
        "cannot_approve",
        None,
    );
    assert_eq!(counter.ops(), before, "nothing written");

    let tuan = counter.approval("Tuấn", "3333");
    let edited = catalog::edit_service(&mut counter.session, &service.id, repriced(), Some(&tuan))
        .expect("approved");
    assert_eq!(edited.price.amount, 500_000);
    assert_eq!(counter.ops(), before + 1);
    assert_eq!(
        counter.last_op_by(),
        ("Lan".to_owned(), Some("Tuấn".to_owned()))
    );
    assert_eq!(
        counter
            .session
            .current(Timestamp::now())
            .expect("asked")
            .map(|m| m.name),
        Some("Lan".to_owned()),
        "the approval does not sign Tuấn in"
    );
    assert_refused(
        catalog::edit_service(
            &mut counter.session,
            &service.id,
            ServiceEditInput {
                price: Some(550_000),
                ..ServiceEditInput::default()
            },
            None,
        ),
        "permission_denied",
        None,
    );
}

/// Every write of the Settings tab, as Lan with `approval`, in an order in
/// which each has what it needs.
fn every_write(counter: &mut Counter, approval: Option<&Approval>) -> Vec<Result<(), IpcError>> {
    let file = counter.dir.path().join("counter-settings.json");
    let minh = staff_id(&counter.session, "Minh").to_string();
    let s = &mut counter.session;
    let mut results = Vec::new();
    let mut done = |result: Result<(), IpcError>| results.push(result);

    let service = catalog::add_service(s, massage(), approval);
    let service_id = service.as_ref().map(|v| v.id.clone()).unwrap_or_default();
    done(service.map(drop));
    let retire = ServiceEditInput {
        active: Some(false),
        ..ServiceEditInput::default()
    };
    done(catalog::edit_service(s, &service_id, retire, approval).map(drop));
    let room = RoomInput {
        name: "Phòng VIP".into(),
        capacity: 1,
    };
    let room = catalog::add_room(s, room, approval);
    let room_id = room.as_ref().map(|v| v.id.clone()).unwrap_or_default();
    done(room.map(drop));
    let bigger = RoomEditInput {
        capacity: Some(2),
        ..RoomEditInput::default()
    };
    done(catalog::edit_room(s, &room_id, bigger, approval).map(drop));
    let card = PackageInput {
        name: "10 buổi massage".into(),
        service: None,
        sessions: 10,
        valid_days: 180,
        price: 4_000_000,
        home_visit: None,
    };
    let package = catalog::add_package(s, card, approval);
    let package_id = package
        .as_ref()
        .map(|p| p.id.to_string())
        .unwrap_or_default();
    done(package.map(drop));
    let cheaper = PackageEditInput {
        price: Some(3_600_000),
        ..PackageEditInput::default()
    };
    done(catalog::edit_package(s, &package_id, cheaper, approval).map(drop));

    let newcomer = StaffInput {
        name: "Thảo".into(),
        role: Role::Therapist,
        pin: Some("4321".into()),
    };
    done(staff::add_staff(s, newcomer, approval).map(drop));
    done(staff::set_staff_role(s, &minh, Role::Receptionist, approval).map(drop));
    done(staff::reset_staff_pin(s, &minh, "8765", approval).map(drop));
    done(staff::set_staff_services(s, &minh, &[], approval).map(drop));
    let monday = week(&[("mon", "09:00", "17:00")]);
    done(staff::set_staff_week(s, &minh, &monday, approval).map(drop));
    done(staff::set_staff_active(s, &minh, false, approval).map(drop));

    let business = BusinessInput {
        name: "Spa Hoa Sen".into(),
        timezone: "Asia/Ho_Chi_Minh".into(),
        customer_code_prefix: "KH".into(),
        address: None,
        tax_code: Some("0101234567".into()),
        bank_bin: None,
        bank_account: None,
        bank_holder: None,
        qris: None,
    };
    done(business::set_business(s, business, approval).map(drop));
    let read = business::booking_policies(s).expect("read");
    let later_cutoff = BookingPolicies {
        cancel_cutoff_minutes: 180,
        ..read
    };
    done(business::set_booking_policies(s, later_cutoff, approval).map(drop));
    let sale = SalePolicies {
        tax_rate: 800,
        prices_include_tax: true,
        discount_limit: 1_000,
    };
    done(business::set_sale_policies(s, sale, approval).map(drop));
    let printing = PrinterSettings {
        sheet_printer: Some("Quay_EPSON".into()),
        ..PrinterSettings::default()
    };
    done(printers::set_printers(s, &file, printing, approval).map(drop));
    // Nothing listens on the discard port: with the right to pair, the
    // counter gets as far as the server.
    done(pairing::pair(s, "http://127.0.0.1:9", "ABCD-EFGH", approval).map(drop));
    results
}

#[test]
fn every_settings_write_takes_a_manager_s_approval() {
    let mut counter = receptionist();
    let before = counter.ops();
    let alone = every_write(&mut counter, None);
    for (n, result) in alone.iter().enumerate() {
        let code = result.as_ref().map_err(|e| e.code.as_str()).err();
        // The edits of what was never added are refused on their id.
        assert!(
            matches!(code, Some("permission_denied" | "invalid_id")),
            "write {n}: {result:?}"
        );
    }
    assert_eq!(counter.ops(), before, "nothing written alone");
    assert!(!counter.dir.path().join("counter-settings.json").exists());

    let tuan = counter.approval("Tuấn", "3333");
    let approved = every_write(&mut counter, Some(&tuan));
    let (paired, writes) = approved.split_last().expect("pairing last");
    for (n, result) in writes.iter().enumerate() {
        assert!(result.is_ok(), "write {n}: {result:?}");
    }
    assert_eq!(
        paired.as_ref().map_err(|e| e.code.as_str()).err(),
        Some("server_unreachable")
    );
    let ops = counter
        .session
        .store()
        .ops(&caredesk_store::OpFilter::default())
        .expect("ops");
    let written: Vec<_> = ops.iter().skip(before as usize).collect();
    assert!(written.len() >= writes.len() - 1, "{}", written.len());
    let (lan, tuan) = (
        staff_id(&counter.session, "Lan"),
        staff_id(&counter.session, "Tuấn"),
    );
    assert!(
        written
            .iter()
            .all(|logged| logged.op.actor == lan && logged.op.approver == Some(tuan)),
        "every op names Lan and Tuấn"
    );
    let saved = std::fs::read_to_string(counter.dir.path().join("counter-settings.json"))
        .expect("the printer was saved");
    assert!(saved.contains("Quay_EPSON"), "{saved}");
}

#[test]
fn an_approval_gives_no_more_than_the_approver_may() {
    let mut counter = receptionist();
    let owner = StaffInput {
        name: "Vy".into(),
        role: Role::Owner,
        pin: None,
    };
    let tuan = counter.approval("Tuấn", "3333");
    assert_refused(
        staff::add_staff(&mut counter.session, owner.clone(), Some(&tuan)),
        "cannot_appoint",
        Some("role"),
    );
    let hoa = counter.approval("Hoa", "1234");
    let vy = staff::add_staff(&mut counter.session, owner, Some(&hoa)).expect("the owner may");
    assert_eq!(vy.role, Role::Owner);
    assert_eq!(counter.last_approver().as_deref(), Some("Hoa"));
}
