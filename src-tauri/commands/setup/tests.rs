//! The Settings commands on real database files: what a manager changes is
//! read back, what a receptionist tries is refused with `permission_denied`,
//! and bad input is refused on its field with nothing written.

use caredesk_domain::Role;
use jiff::Timestamp;

use super::types::{
    BookingPolicies, BusinessInput, DayInput, PackageEditInput, PackageInput, RoomEditInput,
    RoomInput, SalePolicies, ServiceEditInput, ServiceInput, SpanInput, StaffInput,
};
use super::{business, catalog, pairing, printers, staff};
use crate::counter_settings::{Paper, PrinterSettings};
use crate::database;
use crate::error::IpcError;
use crate::session::Session;

struct Counter {
    dir: tempfile::TempDir,
    session: Session,
}

/// The demo staff's database with `name` signed in.
fn counter(name: &str, pin: &str) -> Counter {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
    let mut session = Session::new(store, 5);
    let id = session.store().staff_member(name).expect(name).id;
    session
        .sign_in(id, pin, Timestamp::now())
        .expect("signed in");
    Counter { dir, session }
}

fn manager() -> Counter {
    counter("Tuấn", "3333")
}

fn receptionist() -> Counter {
    counter("Lan", "1111")
}

/// How many ops the file holds: a refusal must not change it.
fn ops(counter: &Counter) -> u64 {
    counter.session.store().log_size().expect("log size")
}

fn massage() -> ServiceInput {
    ServiceInput {
        name: "Massage đá nóng".into(),
        category: Some("Massage".into()),
        minutes: 60,
        buffer_minutes: Some(15),
        price: 450_000,
        rooms: None,
    }
}

fn assert_refused(result: Result<impl std::fmt::Debug, IpcError>, code: &str, field: Option<&str>) {
    let error = result.expect_err("refused");
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        (code, field),
        "{}",
        error.message
    );
}

fn week(day_spans: &[(&str, &str, &str)]) -> Vec<DayInput> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| DayInput {
            day: (*day).to_owned(),
            spans: day_spans
                .iter()
                .filter(|(d, _, _)| d == day)
                .map(|(_, from, to)| SpanInput {
                    from: (*from).to_owned(),
                    to: (*to).to_owned(),
                })
                .collect(),
        })
        .collect()
}

#[test]
fn a_manager_adds_edits_and_retires_a_service() {
    let mut counter = manager();
    let added = catalog::add_service(&mut counter.session, massage()).expect("added");
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
    let before = ops(&counter);
    let empty = ServiceInput {
        name: "  ".into(),
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, empty),
        "empty_field",
        Some("name"),
    );
    let negative = ServiceInput {
        price: -1,
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, negative),
        "invalid_value",
        Some("price"),
    );
    let short = ServiceInput {
        minutes: 2,
        ..massage()
    };
    assert_refused(
        catalog::add_service(&mut counter.session, short),
        "invalid_value",
        Some("minutes"),
    );
    assert_refused(
        catalog::edit_service(&mut counter.session, "Massage", ServiceEditInput::default()),
        "invalid_id",
        None,
    );
    assert_eq!(ops(&counter), before);
}

#[test]
fn a_receptionist_is_refused_every_write_and_can_still_read() {
    let mut owner = manager();
    let service = catalog::add_service(&mut owner.session, massage()).expect("added");
    drop(owner.session);
    let store = caredesk_store::Store::open(&owner.dir.path().join("caredesk.db")).expect("open");
    let mut session = Session::new(store, 5);
    let lan = session.store().staff_member("Lan").expect("Lan").id;
    session.sign_in(lan, "1111", Timestamp::now()).expect("Lan");
    let mut counter = Counter {
        dir: owner.dir,
        session,
    };
    let before = ops(&counter);
    let s = &mut counter.session;
    assert_refused(
        catalog::add_service(s, massage()),
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
        ),
        "permission_denied",
        None,
    );
    let room = RoomInput {
        name: "Phòng 1".into(),
        capacity: 1,
    };
    assert_refused(catalog::add_room(s, room), "permission_denied", None);
    let package = PackageInput {
        name: "10 buổi massage".into(),
        service: Some(service.id.clone()),
        sessions: 10,
        valid_days: 180,
        price: 4_000_000,
        home_visit: None,
    };
    assert_refused(catalog::add_package(s, package), "permission_denied", None);
    let newcomer = StaffInput {
        name: "Thảo".into(),
        role: Role::Therapist,
        pin: None,
    };
    assert_refused(staff::add_staff(s, newcomer), "permission_denied", None);
    let minh = s.store().staff_member("Minh").expect("Minh").id.to_string();
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("mon", "09:00", "17:00")])),
        "permission_denied",
        None,
    );
    let policies = SalePolicies {
        tax_rate: 800,
        prices_include_tax: true,
        discount_limit: 5_000,
    };
    assert_refused(
        business::set_sale_policies(s, policies),
        "permission_denied",
        None,
    );
    let printing = PrinterSettings::default();
    let file = counter.dir.path().join("counter-settings.json");
    assert_refused(
        printers::set_printers(s, &file, printing),
        "permission_denied",
        None,
    );
    assert!(!file.exists(), "nothing saved");
    assert_eq!(ops(&counter), before, "nothing written");

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
        ),
        "invalid_value",
        Some("capacity"),
    );

    let service = catalog::add_service(s, massage()).expect("service");
    let card = PackageInput {
        name: "10 buổi massage".into(),
        service: Some(service.id.clone()),
        sessions: 10,
        valid_days: 180,
        price: 4_000_000,
        home_visit: None,
    };
    let package = catalog::add_package(s, card.clone()).expect("package");
    assert_eq!(package.package.sessions, 10);
    let retired = catalog::edit_package(
        s,
        &package.id.to_string(),
        PackageEditInput {
            price: Some(3_600_000),
            active: Some(false),
            ..PackageEditInput::default()
        },
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
        let error = catalog::add_package(s, bad).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some(field), "{}", error.message);
    }
    assert_eq!(s.store().log_size().expect("ops"), before);
}

#[test]
fn a_manager_adds_staff_sets_their_week_role_pin_and_deactivates_them() {
    let mut counter = manager();
    let s = &mut counter.session;
    let thao = staff::add_staff(
        s,
        StaffInput {
            name: "Thảo".into(),
            role: Role::Therapist,
            pin: Some("4321".into()),
        },
    )
    .expect("added");
    assert!(thao.has_pin && thao.active);
    assert!(thao.hours.iter().all(|day| day.spans.is_empty()));

    let hours = week(&[
        ("mon", "09:00", "12:00"),
        ("mon", "13:00", "18:00"),
        ("sat", "08:00", "24:00"),
    ]);
    let scheduled = staff::set_staff_week(s, &thao.id, &hours).expect("hours");
    assert_eq!(scheduled.hours, hours, "read back as the editor sent it");

    let service = catalog::add_service(s, massage()).expect("service");
    let performing = staff::set_staff_services(s, &thao.id, std::slice::from_ref(&service.id))
        .expect("services");
    assert_eq!(performing.services, vec![service.id.clone()]);

    let receptionist = staff::set_staff_role(s, &thao.id, Role::Receptionist).expect("role");
    assert_eq!(receptionist.role, Role::Receptionist);
    staff::reset_staff_pin(s, &thao.id, "8765").expect("new PIN");
    let mut other = caredesk_store::Store::open(s.store().path()).expect("second handle");
    other
        .check_pin("Thảo", "8765", Timestamp::now())
        .expect("the new PIN works");
    let gone = staff::set_staff_active(s, &thao.id, false).expect("deactivated");
    assert!(!gone.active);
    assert!(
        staff::staff(s)
            .expect("listed")
            .iter()
            .any(|m| m.name == "Thảo" && !m.active),
        "a deactivated account is still listed"
    );
}

#[test]
fn bad_staff_input_is_refused_on_its_field_and_writes_nothing() {
    let mut counter = manager();
    let s = &mut counter.session;
    let before = s.store().log_size().expect("ops");
    let minh = s.store().staff_member("Minh").expect("Minh").id.to_string();
    assert_refused(
        staff::add_staff(
            s,
            StaffInput {
                name: "lan".into(),
                role: Role::Therapist,
                pin: None,
            },
        ),
        "duplicate_staff",
        Some("name"),
    );
    assert_refused(
        staff::add_staff(
            s,
            StaffInput {
                name: " ".into(),
                role: Role::Therapist,
                pin: None,
            },
        ),
        "empty_field",
        Some("name"),
    );
    assert_refused(
        staff::add_staff(
            s,
            StaffInput {
                name: "Vy".into(),
                role: Role::Owner,
                pin: None,
            },
        ),
        "cannot_appoint",
        Some("role"),
    );
    assert_refused(
        staff::reset_staff_pin(s, &minh, "12"),
        "invalid_pin",
        Some("pin"),
    );
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("tue", "17:00", "09:00")])),
        "invalid_hours",
        Some("hours.tue"),
    );
    assert_refused(
        staff::set_staff_week(
            s,
            &minh,
            &week(&[("wed", "09:00", "13:00"), ("wed", "12:00", "18:00")]),
        ),
        "invalid_hours",
        Some("hours.wed"),
    );
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("fri", "9h", "17:00")])),
        "invalid_hours",
        Some("hours.fri"),
    );
    assert_eq!(s.store().log_size().expect("ops"), before);
}

#[test]
fn the_business_and_its_policies_change_and_bad_values_are_refused() {
    let mut counter = manager();
    let s = &mut counter.session;
    let input = BusinessInput {
        name: "Spa Hoa Sen".into(),
        timezone: "Asia/Ho_Chi_Minh".into(),
        customer_code_prefix: "KH".into(),
        address: Some("12 Lý Tự Trọng, Quận 1".into()),
        tax_code: Some("0101234567".into()),
    };
    let saved = business::set_business(s, input.clone()).expect("saved");
    assert_eq!(
        (saved.name.as_str(), saved.tax_code.as_str()),
        ("Spa Hoa Sen", "0101234567")
    );
    assert_eq!(business::business(s).expect("read"), saved);
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                name: String::new(),
                ..input.clone()
            },
        ),
        "empty_field",
        Some("name"),
    );
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                tax_code: Some("01;02".into()),
                ..input
            },
        ),
        "invalid_settings",
        Some("tax_code"),
    );

    let mut booking = business::booking_policies(s).expect("read");
    booking.cancel_cutoff_minutes = 180;
    booking.opening = week(&[("mon", "09:00", "21:00")]);
    let saved = business::set_booking_policies(s, booking.clone()).expect("saved");
    assert_eq!(saved, booking);
    let bad = BookingPolicies {
        align_minutes: 7,
        ..booking.clone()
    };
    assert_refused(
        business::set_booking_policies(s, bad),
        "invalid_settings",
        Some("align_minutes"),
    );
    let backwards = BookingPolicies {
        opening: week(&[("sun", "20:00", "08:00")]),
        ..booking
    };
    assert_refused(
        business::set_booking_policies(s, backwards),
        "invalid_hours",
        Some("hours.sun"),
    );

    let sale = SalePolicies {
        tax_rate: 800,
        prices_include_tax: false,
        discount_limit: 1_000,
    };
    assert_eq!(business::set_sale_policies(s, sale).expect("saved"), sale);
    assert_eq!(business::sale_policies(s).expect("read"), sale);
    assert_refused(
        business::set_sale_policies(
            s,
            SalePolicies {
                tax_rate: 10_001,
                ..sale
            },
        ),
        "invalid_settings",
        Some("tax_rate"),
    );
}

#[test]
fn printers_are_listed_from_lpstat_and_chosen_per_counter() {
    let mut counter = manager();
    let file = counter.dir.path().join("counter-settings.json");
    let view = printers::printers(&mut counter.session, &file).expect("read");
    assert_eq!(view.settings, PrinterSettings::default());
    if view.found.is_empty() {
        assert!(view.problem.is_some() || which("lpstat"), "{view:?}");
    }
    let chosen = PrinterSettings {
        printer: Some("EPSON_TM_T82".into()),
        receipt_width_mm: 58,
        statement_paper: Paper::A4,
    };
    let saved = printers::set_printers(&mut counter.session, &file, chosen.clone()).expect("saved");
    assert_eq!(saved, chosen);
    assert_eq!(
        printers::printers(&mut counter.session, &file)
            .expect("read")
            .settings,
        chosen
    );

    // A stand-in for lpstat, to read its output without a CUPS here.
    let fake = counter.dir.path().join("lpstat");
    std::fs::write(
        &fake,
        "#!/bin/sh\nprintf 'Quay_EPSON\\nA4_Office\\n\\nQuay_EPSON\\n'\n",
    )
    .expect("script");
    make_executable(&fake);
    assert_eq!(
        printers::list_queues(fake.to_str().expect("utf-8 path")),
        Ok(vec!["A4_Office".to_owned(), "Quay_EPSON".to_owned()])
    );
    let failing = counter.dir.path().join("lpstat-down");
    std::fs::write(
        &failing,
        "#!/bin/sh\necho 'scheduler not running' >&2\nexit 1\n",
    )
    .expect("script");
    make_executable(&failing);
    assert_eq!(
        printers::list_queues(failing.to_str().expect("utf-8 path")),
        Err("lpstat_failed")
    );
    assert_eq!(printers::list_queues("/nonexistent/lpstat"), Err("no_cups"));
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn make_executable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn pairing_with_a_real_server_refuses_a_bad_url_or_code_and_then_pairs() {
    use std::sync::Arc;

    use caredesk_server::storage::sqlite::SqliteStorage;

    let mut counter = manager();
    let s = &mut counter.session;
    assert_refused(
        pairing::pair(s, "sync.example", "ABCD"),
        "invalid_server_url",
        Some("server"),
    );
    assert_refused(
        pairing::pair(s, "http://127.0.0.1:9", " "),
        "empty_field",
        Some("code"),
    );

    let storage =
        Arc::new(SqliteStorage::open(&counter.dir.path().join("server")).expect("storage"));
    let server = caredesk_server::start(storage.clone(), "127.0.0.1:0".parse().expect("addr"))
        .expect("server");
    let now = Timestamp::now().as_millisecond();
    let tenant = caredesk_server::Storage::add_tenant(&*storage, "Spa", now).expect("tenant");
    let branch =
        caredesk_server::Storage::add_branch(&*storage, &tenant, "Q1", now).expect("branch");
    let code = caredesk_server::secret::pairing_code();
    let hash = caredesk_server::secret::code_hash(&code);
    caredesk_server::Storage::add_device(&*storage, &branch, "Quầy", &hash, now).expect("slot");

    assert_refused(
        pairing::pair(s, &server.url(), "WRNG-CODE-0000"),
        "pairing_code_refused",
        Some("code"),
    );
    let status = s.store().sync_status().expect("status");
    assert!(!status.paired && status.server.is_none(), "still unpaired");

    let status = pairing::pair(s, &format!("{}/", server.url()), &code).expect("paired");
    assert!(status.paired);
    assert_eq!(status.server.as_deref(), Some(server.url().as_str()));
    assert!(status.device.is_some());
    assert_refused(
        pairing::pair(s, &server.url(), &code),
        "already_paired",
        None,
    );

    server.stop();
}

#[test]
fn a_receptionist_may_not_pair_and_an_unreachable_server_leaves_the_counter_unpaired() {
    let mut counter = receptionist();
    assert_refused(
        pairing::pair(&mut counter.session, "http://127.0.0.1:9", "ABCD-EFGH"),
        "permission_denied",
        None,
    );
    let mut counter = manager();
    // Nothing listens on the discard port.
    assert_refused(
        pairing::pair(&mut counter.session, "http://127.0.0.1:9", "ABCD-EFGH"),
        "server_unreachable",
        Some("server"),
    );
    assert!(
        !counter
            .session
            .store()
            .sync_status()
            .expect("status")
            .paired
    );
}
