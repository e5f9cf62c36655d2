//! What the manager's screen reads: the day's figures by hour and the
//! sessions by service and staff member (what its charts draw), the
//! register's drawer today, and the bookings a double booking is about,
//! one of which the inbox cancels to resolve it.

mod common;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::drawer::Count;
use caredesk_domain::op::Op;
use caredesk_domain::sale::Tender;
use caredesk_store::{
    BookingMove, ConflictKind, HourFigures, NewBooking, NewItem, OpFilter, Store,
};
use common::sale::walk_in;
use common::spa::{Spa, spa};
use jiff::civil::date;

const DAY: &str = "2026-11-23";

fn at(time: &str) -> String {
    format!("{DAY}T{time}")
}

fn hour(hour: i8, sales: i64, revenue: i64) -> HourFigures {
    HourFigures {
        hour,
        sales,
        revenue,
    }
}

fn book(
    spa: &mut Spa,
    store_of: Option<&mut Store>,
    customer: &str,
    staff: &str,
    start: &str,
) -> String {
    let ctx = spa.ctx_at(&at("07:00"));
    let input = NewBooking {
        customer: customer.to_owned(),
        items: vec![NewItem {
            service: spa.massage.clone(),
            staff: staff.into(),
            start: spa.db.at(&at(start)),
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    let store = match store_of {
        Some(store) => store,
        None => &mut spa.db.store,
    };
    store
        .bookings_mut()
        .add_booking(&ctx, input)
        .expect("booked")
        .id
        .to_string()
}

#[test]
fn the_day_by_hour_adds_up_to_the_revenue_over_the_opening_hours() {
    let mut spa = spa();
    spa.open_drawer();
    let ring = |spa: &mut Spa, time: &str, sale| {
        let ctx = spa.ctx_at(&at(time));
        spa.db
            .store
            .sales_mut()
            .record_sale(&ctx, sale)
            .expect("sold")
            .number
    };
    ring(&mut spa, "09:10", walk_in("Dầu gội", 240_000));
    ring(&mut spa, "09:50", walk_in("Nến", 60_000));
    let oil = ring(&mut spa, "12:00", walk_in("Tinh dầu", 500_000));
    // Paid back in the next hour: that hour's revenue goes down.
    let ctx = spa.ctx_at(&at("13:15"));
    spa.db
        .store
        .sales_mut()
        .refund_sale(
            &ctx,
            &oil,
            caredesk_store::NewRefund {
                amount: Some(200_000),
                to: caredesk_domain::sale::RefundTo::Original,
                note: "vỡ".into(),
                ..caredesk_store::NewRefund::default()
            },
        )
        .expect("refund");
    // After closing time, still counted, in its own column.
    ring(&mut spa, "20:40", walk_in("Khăn", 30_000));

    let evening = spa.ctx_at(&at("23:00"));
    let report = spa
        .db
        .store
        .day_report(&evening, date(2026, 11, 23), false)
        .expect("report");
    let mut expected: Vec<HourFigures> = (8..20).map(|h| hour(h, 0, 0)).collect();
    expected[1] = hour(9, 2, 300_000);
    expected[4] = hour(12, 1, 500_000);
    expected[5] = hour(13, 0, -200_000);
    expected.push(hour(20, 1, 30_000));
    assert_eq!(report.by_hour, expected);
    let by_hour: i64 = report.by_hour.iter().map(|h| h.revenue).sum();
    assert_eq!(by_hour, report.revenue);
    assert_eq!(report.revenue, 630_000);
    assert_eq!(report.sales, 4);
}

#[test]
fn sessions_delivered_are_counted_by_service_and_by_staff_member() {
    let mut spa = spa();
    let (an, bich) = (spa.an.clone(), spa.bich.clone());
    let first = book(&mut spa, None, &an, "Mai", "09:00");
    let second = book(&mut spa, None, &bich, "Hoa", "09:00");
    let third = book(&mut spa, None, &an, "Mai", "11:00");
    let cancelled = book(&mut spa, None, &bich, "Hoa", "14:00");
    spa.serve(first.parse().expect("id"), &at("09:00"), &at("10:00"));
    spa.serve(second.parse().expect("id"), &at("09:00"), &at("10:00"));
    spa.serve(third.parse().expect("id"), &at("11:00"), &at("12:00"));
    spa.step(
        &at("08:00"),
        cancelled.parse().expect("id"),
        BookingMove::Cancel,
    );

    let ctx = spa.ctx_at(&at("20:00"));
    let report = spa
        .db
        .store
        .day_report(&ctx, date(2026, 11, 23), false)
        .expect("report");
    assert_eq!(report.sessions, 3);
    let by_staff: Vec<(&str, i64)> = report
        .sessions_by_staff
        .iter()
        .map(|s| (s.name.as_str(), s.sessions))
        .collect();
    assert_eq!(by_staff, [("Mai", 2), ("Hoa", 1)]);
    let by_service: Vec<(&str, i64)> = report
        .sessions_by_service
        .iter()
        .map(|s| (s.name.as_str(), s.sessions))
        .collect();
    assert_eq!(by_service, [("Massage body", 3)]);
    assert_eq!(report.sessions_by_service[0].id, spa.massage);
}

#[test]
fn the_register_drawer_shows_the_open_session_then_the_last_close() {
    let mut spa = spa();
    let morning = spa.ctx_at(&at("08:00"));
    let drawer = spa
        .db
        .store
        .drawers()
        .register_drawer(&morning)
        .expect("drawer");
    assert!(drawer.open.is_none() && drawer.last_closed.is_none());
    assert!(!drawer.day_closed);
    assert_eq!(drawer.date, date(2026, 11, 23));

    spa.db
        .store
        .drawers_mut()
        .open_drawer(&morning, 500_000)
        .expect("opened");
    let sale = walk_in("Dầu gội", 120_000);
    let ctx = spa.ctx_at(&at("09:00"));
    spa.db
        .store
        .sales_mut()
        .record_sale(&ctx, sale)
        .expect("sold");
    let ctx = spa.ctx_at(&at("10:00"));
    spa.db
        .store
        .drawers_mut()
        .move_cash(&ctx, 50_000, "tiền lẻ")
        .expect("in");
    let drawer = spa
        .db
        .store
        .drawers()
        .register_drawer(&ctx)
        .expect("drawer");
    let open = drawer.open.expect("open");
    assert_eq!(open.float, 500_000);
    assert_eq!(open.moves.len(), 1);
    assert_eq!(open.expected[&Tender::Cash], 670_000);

    let evening = spa.ctx_at(&at("19:00"));
    let counted = [Count {
        tender: Tender::Cash,
        amount: 680_000,
    }];
    spa.db
        .store
        .drawers_mut()
        .close_drawer(&evening, &counted, "")
        .expect("closed");
    let drawer = spa
        .db
        .store
        .drawers()
        .register_drawer(&evening)
        .expect("drawer");
    assert!(drawer.open.is_none());
    let closed = drawer.last_closed.expect("closed today");
    assert_eq!(closed.difference.expect("counted")[&Tender::Cash], 10_000);
    spa.db
        .store
        .drawers_mut()
        .close_day(&evening, None)
        .expect("day closed");
    assert!(
        spa.db
            .store
            .drawers()
            .register_drawer(&evening)
            .expect("drawer")
            .day_closed
    );
    // Tomorrow starts with nothing.
    let tomorrow = spa.ctx_at("2026-11-24T08:00");
    let next = spa
        .db
        .store
        .drawers()
        .register_drawer(&tomorrow)
        .expect("drawer");
    assert!(next.last_closed.is_none() && !next.day_closed);
}

fn all_ops(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

#[test]
fn a_double_booking_names_its_bookings_until_one_is_cancelled() {
    let mut spa = spa();
    let b_path = spa.db.dir.path().join("b.db");
    let mut b = Store::join(&b_path, Some("B2M".to_owned())).expect("joined");
    b.receive(&all_ops(&spa.db.store))
        .expect("B takes the business");
    let mut b = Store::open(&b_path).expect("reopened with the business");

    // Offline, each counter gives Mai's 10:00 to a different customer.
    let (an, bich) = (spa.an.clone(), spa.bich.clone());
    let on_a = book(&mut spa, None, &an, "Mai", "10:00");
    let on_b = book(&mut spa, Some(&mut b), &bich, "Mai", "10:00");
    spa.db.store.receive(&all_ops(&b)).expect("A takes B's ops");

    let conflicts = spa.db.store.conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].kind, ConflictKind::StaffDoubleBooked);
    let id = conflicts[0].id;
    let bookings = spa.db.store.conflict_bookings(id).expect("bookings");
    let mut ids: Vec<String> = bookings.iter().map(|b| b.id.to_string()).collect();
    ids.sort();
    let mut expected = vec![on_a.clone(), on_b];
    expected.sort();
    assert_eq!(ids, expected);
    let names: Vec<&str> = bookings.iter().map(|b| b.customer_name.as_str()).collect();
    assert!(names.contains(&"Nguyễn Văn An") && names.contains(&"Trần Thị Bích"));

    spa.step(&at("07:30"), on_a.parse().expect("id"), BookingMove::Cancel);
    assert!(spa.db.store.conflicts().expect("conflicts").is_empty());
    let gone = spa
        .db
        .store
        .conflict_bookings(id)
        .expect_err("resolved meanwhile");
    assert_eq!(gone.code(), "not_found");
    let unknown = spa
        .db
        .store
        .conflict_bookings(uuid::Uuid::nil())
        .expect_err("no such conflict");
    assert_eq!(unknown.code(), "not_found");
}
