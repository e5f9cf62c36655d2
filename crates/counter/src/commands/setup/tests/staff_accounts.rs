//! Staff accounts and their weeks.

use super::*;

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
        None,
    )
    .expect("added");
    assert!(thao.has_pin && thao.active);
    assert!(thao.hours.iter().all(|day| day.spans.is_empty()));

    let hours = week(&[
        ("mon", "09:00", "12:00"),
        ("mon", "13:00", "18:00"),
        ("sat", "08:00", "24:00"),
    ]);
    let scheduled = staff::set_staff_week(s, &thao.id, &hours, None).expect("hours");
    assert_eq!(scheduled.hours, hours, "read back as the editor sent it");

    let service = catalog::add_service(s, massage(), None).expect("service");
    let performing =
        staff::set_staff_services(s, &thao.id, std::slice::from_ref(&service.id), None)
            .expect("services");
    assert_eq!(performing.services, vec![service.id.clone()]);

    let receptionist = staff::set_staff_role(s, &thao.id, Role::Receptionist, None).expect("role");
    assert_eq!(receptionist.role, Role::Receptionist);
    staff::reset_staff_pin(s, &thao.id, "8765", None).expect("new PIN");
    let mut other = caredesk_store::Store::open(s.store().path()).expect("second handle");
    other
        .check_pin("Thảo", "8765", Timestamp::now())
        .expect("the new PIN works");
    let gone = staff::set_staff_active(s, &thao.id, false, None).expect("deactivated");
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
            None,
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
            None,
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
            None,
        ),
        "cannot_appoint",
        Some("role"),
    );
    assert_refused(
        staff::reset_staff_pin(s, &minh, "12", None),
        "invalid_pin",
        Some("pin"),
    );
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("tue", "17:00", "09:00")]), None),
        "invalid_hours",
        Some("hours.tue"),
    );
    assert_refused(
        staff::set_staff_week(
            s,
            &minh,
            &week(&[("wed", "09:00", "13:00"), ("wed", "12:00", "18:00")]),
            None,
        ),
        "invalid_hours",
        Some("hours.wed"),
    );
    assert_refused(
        staff::set_staff_week(s, &minh, &week(&[("fri", "9h", "17:00")]), None),
        "invalid_hours",
        Some("hours.fri"),
    );
    assert_eq!(s.store().log_size().expect("ops"), before);
}
