//! What the desktop calendar reads on a real database file: the services
//! it can book with who performs each, and the day sheet's columns.

mod common;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::StaffId;
use caredesk_store::{NewBooking, NewItem, ServiceEdit, StaffMember};

fn member(spa: &common::spa::Spa, name: &str) -> StaffMember {
    spa.db.store.staff_member(name).expect(name)
}

#[test]
fn bookable_services_name_who_performs_them_and_leave_out_retired_ones() {
    let mut spa = common::spa::spa();
    let (mai, hoa) = (member(&spa, "Mai").id, member(&spa, "Hoa").id);
    let ctx = spa.ctx_at(common::spa::NOW);
    spa.db
        .store
        .catalog_mut()
        .edit_service(
            &ctx,
            &spa.hair.clone(),
            ServiceEdit {
                active: Some(false),
                ..ServiceEdit::default()
            },
        )
        .expect("retired");

    let services = spa.db.store.schedule().bookable_services().expect("read");
    let listed: Vec<(&str, Vec<StaffId>)> = services
        .iter()
        .map(|s| (s.name.as_str(), s.staff.clone()))
        .collect();
    let mut both = vec![mai, hoa];
    both.sort();
    let mut massage = listed
        .iter()
        .find(|(name, _)| *name == "Massage body")
        .expect("massage listed")
        .1
        .clone();
    massage.sort();
    assert_eq!(massage, both);
    assert_eq!(
        listed.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        ["Massage body", "Massage tại nhà"],
        "by name, without the retired Gội đầu"
    );
    let home = &services[1];
    assert_eq!(home.staff, vec![mai]);
    assert_eq!((home.minutes, home.buffer_minutes), (60, 30));
    assert_eq!(home.price.amount, 450_000);

    // A deactivated therapist no longer performs anything bookable.
    spa.db
        .store
        .set_staff_active(&ctx, "Hoa", false)
        .expect("deactivated");
    let services = spa.db.store.schedule().bookable_services().expect("read");
    assert_eq!(services[0].staff, vec![mai]);
}

#[test]
fn the_day_sheet_puts_each_booking_in_its_staff_member_s_column_with_hours() {
    let mut spa = common::spa::spa();
    let ctx = spa.ctx_at(common::spa::NOW);
    let request = NewBooking {
        customer: spa.bich.clone(),
        items: vec![NewItem {
            service: spa.massage.clone(),
            staff: "Hoa".into(),
            start: spa.db.at("2026-11-22T09:00"),
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    let booked = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("booked");

    let sheet = spa
        .db
        .store
        .bookings()
        .day_sheet(caredesk_store::parse_date("2026-11-22").expect("date"))
        .expect("sheet");
    let columns: Vec<(&str, &[String], usize)> = sheet
        .staff
        .iter()
        .map(|c| (c.name.as_str(), c.hours.as_slice(), c.bookings.len()))
        .collect();
    let day = ["08:00-20:00".to_owned()];
    assert_eq!(
        columns,
        [("Hoa", &day[..], 1), ("Mai", &day[..], 0)],
        "Lan at the desk performs nothing and has no column"
    );
    let entry = &sheet.staff[0].bookings[0];
    assert_eq!(entry.booking, booked.id);
    assert_eq!(entry.customer_name, "Trần Thị Bích");
    assert_eq!(entry.start, "2026-11-22T09:00:00+07:00");
    assert_eq!(entry.end, "2026-11-22T10:00:00+07:00");
}
