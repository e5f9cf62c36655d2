//! Group classes on real database files: seats, the waiting list that
//! promotes by itself, the list of who may join, the teacher and the room
//! the class takes, refusals that write nothing, and many counters' worth of
//! threads enrolling at once.

mod common;

use std::sync::{Arc, Barrier};

use caredesk_domain::Role;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::class::{ClassChange, PlaceStatus, Standing};
use caredesk_domain::hours::Span;
use caredesk_store::{
    AuditFilter, ClassView, Ctx, InitSettings, Lang, NewBooking, NewClass, NewItem, NewService,
    NewStaff, StandingFields, Store, WEEK, parse_date,
};
use jiff::Timestamp;

/// The day before the class, so nothing is too soon.
const NOW: &str = "2026-11-20T10:00";
/// The class: Saturday 09:00-10:00 in the studio.
const START: &str = "2026-11-21T09:00";

/// A Saigon studio: "Yoga" (60 min, 15 buffer, 200.000 ₫) held in "Studio"
/// (one room), teacher Linh 08:00-20:00 every day, Lan at the desk, and six
/// customers.
struct Studio {
    db: common::TestDb,
    yoga: String,
    teacher: String,
    room: String,
    customers: Vec<String>,
}

fn studio() -> Studio {
    let mut db = common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let customers = [
        ("Nguyễn Văn An", "0912 345 601"),
        ("Trần Thị Bích", "0912 345 602"),
        ("Lê Văn Cường", "0912 345 603"),
        ("Phạm Thị Dung", "0912 345 604"),
        ("Hoàng Văn Em", "0912 345 605"),
        ("Đỗ Thị Giang", "0912 345 606"),
    ]
    .iter()
    .map(|(name, phone)| db.add(name, phone).id.to_string())
    .collect();
    let ctx = db.ctx();
    let room = db
        .store
        .catalog_mut()
        .add_room(&ctx, "Studio", 1)
        .expect("room")
        .id
        .to_string();
    let yoga = db
        .store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: "Yoga".into(),
                category: "Lớp".into(),
                minutes: 60,
                buffer_minutes: 15,
                price: 200_000,
                rooms: vec![room.clone()],
            },
        )
        .expect("service")
        .id
        .to_string();
    let mut staff = |name: &str, role: Role, pin: &str| {
        db.store
            .add_staff(
                &ctx,
                NewStaff {
                    name: name.into(),
                    role,
                    pin: Some(pin.into()),
                },
            )
            .expect("staff")
            .id
            .to_string()
    };
    let teacher = staff("Linh", Role::Therapist, "2222");
    staff("Lan", Role::Receptionist, "1111");
    db.store
        .schedule_mut()
        .set_staff_services(&ctx, &teacher, std::slice::from_ref(&yoga))
        .expect("services");
    for day in WEEK {
        db.store
            .schedule_mut()
            .set_staff_hours(
                &ctx,
                &teacher,
                day,
                vec![Span::parse("08:00", "20:00").expect("span")],
            )
            .expect("hours");
    }
    Studio {
        db,
        yoga,
        teacher,
        room,
        customers,
    }
}

impl Studio {
    fn at(&self, local: &str) -> Timestamp {
        self.db.at(local)
    }

    fn ctx_at(&self, local: &str) -> Ctx {
        self.db.ctx_at(local)
    }

    fn new_class(&self, seats: u16) -> NewClass {
        NewClass {
            service: self.yoga.clone(),
            staff: self.teacher.clone(),
            room: None,
            start: self.at(START),
            end: None,
            seats,
            allowed: None,
            notes: String::new(),
        }
    }

    fn schedule(&mut self, seats: u16) -> ClassView {
        let ctx = self.ctx_at(NOW);
        let input = self.new_class(seats);
        self.db
            .store
            .classes_mut()
            .schedule_class(&ctx, input)
            .expect("class")
    }

    fn enrol(&mut self, class: &ClassView, who: usize) -> caredesk_store::Result<ClassView> {
        let ctx = self.ctx_at(NOW);
        let customer = self.customers[who].clone();
        self.db
            .store
            .classes_mut()
            .enrol(&ctx, class.id, &customer, None)
    }

    fn standing(&self, class: &ClassView, who: usize) -> Option<Standing> {
        let view = self.db.store.classes().class(class.id).expect("class");
        let id = self.customers[who].parse().expect("customer id");
        view.places
            .iter()
            .rev()
            .find(|p| p.customer == id)
            .and_then(|p| p.standing)
    }

    /// Refused with `code`, and not one row of the database changed.
    fn refused<T: std::fmt::Debug>(
        &mut self,
        code: &str,
        attempt: impl FnOnce(&mut Studio) -> caredesk_store::Result<T>,
    ) {
        let path = self.db.path.clone();
        common::refused(self, &path, code, attempt);
    }
}

#[test]
fn seats_fill_in_order_and_a_freed_seat_goes_to_the_next_in_line() {
    let mut s = studio();
    let class = s.schedule(2);
    assert_eq!((class.seats, class.seated, class.waiting), (2, 0, 0));
    assert_eq!(class.room_name.as_deref(), Some("Studio"));
    assert_eq!(class.room.map(|r| r.to_string()), Some(s.room.clone()));
    for who in 0..4 {
        s.enrol(&class, who).expect("enrolled");
    }
    assert_eq!(s.standing(&class, 1), Some(Standing::Seated));
    assert_eq!(s.standing(&class, 2), Some(Standing::Waiting(1)));
    assert_eq!(s.standing(&class, 3), Some(Standing::Waiting(2)));

    let ctx = s.ctx_at(NOW);
    let first = s.customers[0].clone();
    let view =
        s.db.store
            .classes_mut()
            .leave_class(&ctx, class.id, &first)
            .expect("left");
    assert_eq!((view.seated, view.waiting), (2, 1));
    assert_eq!(s.standing(&class, 2), Some(Standing::Seated));
    assert_eq!(s.standing(&class, 3), Some(Standing::Waiting(1)));
    let promoted = s.customers[2].parse().expect("id");
    assert!(
        view.history
            .iter()
            .any(|h| h.change == ClassChange::Promoted { customer: promoted }),
        "the history says who was promoted"
    );

    // More seats seat the rest of the line at once.
    let view =
        s.db.store
            .classes_mut()
            .change_seats(&ctx, class.id, 3)
            .expect("seats");
    assert_eq!((view.seated, view.waiting), (3, 0));

    // The customer's file shows the class and where they stand.
    let file =
        s.db.store
            .customers()
            .customer_360(promoted, &s.db.ctx())
            .expect("customer 360");
    assert_eq!(file.classes.len(), 1);
    assert_eq!(
        file.classes[0].standing,
        StandingFields::from(Some(Standing::Seated))
    );
    assert_eq!(file.classes[0].service_name, "Yoga");
    let left =
        s.db.store
            .customers()
            .customer_360(first.parse().expect("id"), &s.db.ctx())
            .expect("customer 360");
    assert_eq!(left.classes[0].status, PlaceStatus::Left);
    assert_eq!(left.classes[0].standing, StandingFields::default());
    s.db.assert_folds_hold();
}

#[test]
fn leaving_a_seat_after_the_cut_off_forfeits_it_but_leaving_the_line_does_not() {
    let mut s = studio();
    let class = s.schedule(1);
    s.enrol(&class, 0).expect("seated");
    s.enrol(&class, 1).expect("waiting");
    // 30 minutes before the start: after the 60-minute cut-off.
    let late = s.ctx_at("2026-11-21T08:30");
    let (seated, waiting) = (s.customers[0].clone(), s.customers[1].clone());
    s.db.store
        .classes_mut()
        .leave_class(&late, class.id, &waiting)
        .expect("left the line");
    let view =
        s.db.store
            .classes_mut()
            .leave_class(&late, class.id, &seated)
            .expect("left the seat");
    let status = |i: usize| view.places[i].status;
    assert_eq!(status(1), PlaceStatus::Left);
    assert_eq!(status(0), PlaceStatus::Forfeited);
    // 61 minutes before: free.
    let class = {
        let ctx = s.ctx_at(NOW);
        let mut input = s.new_class(1);
        input.start = s.at("2026-11-21T15:00");
        s.db.store
            .classes_mut()
            .schedule_class(&ctx, input)
            .expect("class")
    };
    s.enrol(&class, 2).expect("seated");
    let in_time = s.ctx_at("2026-11-21T13:59");
    let who = s.customers[2].clone();
    let view =
        s.db.store
            .classes_mut()
            .leave_class(&in_time, class.id, &who)
            .expect("left");
    assert_eq!(view.places[0].status, PlaceStatus::Left);
}

#[test]
fn only_customers_on_the_list_may_join_and_the_list_can_grow() {
    let mut s = studio();
    let ctx = s.ctx_at(NOW);
    let mut input = s.new_class(5);
    input.allowed = Some(vec![s.customers[0].clone(), "0912 345 602".to_owned()]);
    let class =
        s.db.store
            .classes_mut()
            .schedule_class(&ctx, input)
            .expect("class");
    assert_eq!(class.allowed.as_ref().map(Vec::len), Some(2));
    s.enrol(&class, 1).expect("on the list by phone");
    s.refused("not_on_class_list", |s| s.enrol(&class, 2));
    let third = s.customers[2].clone();
    s.db.store
        .classes_mut()
        .allow_in_class(&ctx, class.id, &[third])
        .expect("allowed");
    s.enrol(&class, 2).expect("now on the list");

    let open = {
        let mut input = s.new_class(5);
        input.start = s.at("2026-11-21T15:00");
        s.db.store
            .classes_mut()
            .schedule_class(&ctx, input)
            .expect("open class")
    };
    let someone = s.customers[0].clone();
    s.refused("class_open", |s| {
        s.db.store
            .classes_mut()
            .allow_in_class(&ctx, open.id, &[someone])
    });
    s.refused("nothing_to_change", |s| {
        s.db.store.classes_mut().allow_in_class(&ctx, open.id, &[])
    });
}

#[test]
fn a_class_takes_its_teacher_and_its_whole_room() {
    let mut s = studio();
    let ctx = s.ctx_at(NOW);
    // A one-to-one session with the teacher during the class: refused.
    let private = NewBooking {
        customer: s.customers[0].clone(),
        items: vec![NewItem {
            service: s.yoga.clone(),
            staff: s.teacher.clone(),
            start: s.at("2026-11-21T09:30"),
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    let class = s.schedule(10);
    s.refused("double_booking", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, private.clone())
    });
    // The teacher is not offered during the class (nor its buffer).
    let slots =
        s.db.store
            .schedule()
            .slots(
                ctx.now,
                &s.yoga,
                parse_date("2026-11-21").expect("date"),
                parse_date("2026-11-21").expect("date"),
                Some(&s.teacher),
            )
            .expect("slots");
    let taken = (s.at(START), s.at("2026-11-21T10:15"));
    assert!(!slots.is_empty());
    assert!(
        slots.iter().all(|slot| {
            let start = s.at(&slot.start[..16]);
            start >= taken.1 || s.at(&slot.end[..16]) <= taken.0
        }),
        "{slots:?}"
    );
    // Another teacher cannot use the studio meanwhile, even though a
    // booking takes one place and the studio has one: the class takes it all.
    let other =
        s.db.store
            .add_staff(
                &ctx,
                NewStaff {
                    name: "Vy".into(),
                    role: Role::Therapist,
                    pin: None,
                },
            )
            .expect("staff")
            .id
            .to_string();
    let yoga = s.yoga.clone();
    s.db.store
        .schedule_mut()
        .set_staff_services(&ctx, &other, &[yoga])
        .expect("services");
    s.db.store
        .schedule_mut()
        .set_staff_hours(
            &ctx,
            &other,
            jiff::civil::Weekday::Saturday,
            vec![Span::parse("08:00", "20:00").expect("span")],
        )
        .expect("hours");
    let mut with_other = private.clone();
    with_other.items[0].staff = other.clone();
    s.refused("room_full", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, with_other)
    });
    // A second class in the same room at the same time: refused too.
    let mut second = s.new_class(4);
    second.staff = other.clone();
    s.refused("room_full", |s| {
        s.db.store.classes_mut().schedule_class(&ctx, second)
    });
    // Once the class is called off, the teacher and the room are free.
    let view =
        s.db.store
            .classes_mut()
            .cancel_class(&ctx, class.id, "Linh is ill")
            .expect("cancelled");
    assert_eq!(view.status, "CANCELLED");
    s.db.store
        .bookings_mut()
        .add_booking(&ctx, private)
        .expect("the teacher is free again");
    s.refused("class_cancelled", |s| s.enrol(&class, 1));
}

#[test]
fn bad_input_and_moves_out_of_turn_are_refused_and_write_nothing() {
    let mut s = studio();
    let ctx = s.ctx_at(NOW);
    let past = s.ctx_at("2026-11-22T10:00");
    let bad = |s: &Studio, change: &dyn Fn(&mut NewClass)| {
        let mut input = s.new_class(3);
        change(&mut input);
        input
    };
    for (code, input) in [
        ("invalid_value", bad(&s, &|i| i.seats = 0)),
        ("invalid_value", bad(&s, &|i| i.seats = 501)),
        ("not_found", bad(&s, &|i| i.service = "Pilates".into())),
        ("not_found", bad(&s, &|i| i.staff = "Nobody".into())),
        (
            "not_found",
            bad(&s, &|i| i.allowed = Some(vec!["0999 999 999".into()])),
        ),
        (
            "outside_hours",
            bad(&s, &|i| i.start = s.at("2026-11-21T19:30")),
        ),
    ] {
        s.refused(code, |s| {
            s.db.store.classes_mut().schedule_class(&ctx, input)
        });
    }
    s.refused("in_the_past", |s| {
        let input = s.new_class(3);
        s.db.store.classes_mut().schedule_class(&past, input)
    });
    s.refused("staff_does_not_perform", |s| {
        let mut input = s.new_class(3);
        input.staff = "Hoa".into();
        s.db.store.classes_mut().schedule_class(&ctx, input)
    });
    let desk =
        s.db.store
            .context_as("Lan", Some(s.at(NOW)))
            .expect("receptionist");
    s.refused("permission_denied", |s| {
        let input = s.new_class(3);
        s.db.store.classes_mut().schedule_class(&desk, input)
    });

    let class = s.schedule(2);
    s.enrol(&class, 0).expect("seated");
    s.enrol(&class, 3).expect("seated");
    s.enrol(&class, 1).expect("waiting");
    s.refused("already_enrolled", |s| s.enrol(&class, 0));
    s.refused("not_found", |s| {
        s.db.store
            .classes_mut()
            .enrol(&ctx, class.id, "0999 999 999", None)
    });
    s.refused("not_found", |s| {
        let who = s.customers[0].clone();
        s.db.store
            .classes_mut()
            .enrol(&ctx, caredesk_domain::ClassId::new(), &who, None)
    });
    let (seated, waiting, stranger) = (
        s.customers[0].clone(),
        s.customers[1].clone(),
        s.customers[2].clone(),
    );
    s.refused("not_enrolled", |s| {
        s.db.store
            .classes_mut()
            .leave_class(&ctx, class.id, &stranger)
    });
    s.refused("too_early", |s| {
        s.db.store
            .classes_mut()
            .mark_attendance(&ctx, class.id, &seated, false)
    });
    let during = s.ctx_at("2026-11-21T09:10");
    s.refused("not_seated", |s| {
        s.db.store
            .classes_mut()
            .mark_attendance(&during, class.id, &waiting, true)
    });
    s.refused("seats_taken", |s| {
        s.db.store.classes_mut().change_seats(&ctx, class.id, 1)
    });
    s.refused("invalid_value", |s| {
        s.db.store.classes_mut().change_seats(&ctx, class.id, 0)
    });
    s.refused("class_started", |s| {
        s.db.store
            .classes_mut()
            .enrol(&during, class.id, &stranger, None)
    });
    s.refused("class_started", |s| {
        s.db.store
            .classes_mut()
            .leave_class(&during, class.id, &seated)
    });
    s.refused("class_started", |s| {
        s.db.store.classes_mut().cancel_class(&during, class.id, "")
    });
    s.refused("permission_denied", |s| {
        s.db.store.classes_mut().change_seats(&desk, class.id, 4)
    });

    let view =
        s.db.store
            .classes_mut()
            .mark_attendance(&during, class.id, &seated, true)
            .expect("attended");
    assert_eq!(view.places[0].status, PlaceStatus::Attended);
    s.refused("already_marked", |s| {
        s.db.store
            .classes_mut()
            .mark_attendance(&during, class.id, &seated, false)
    });
    s.db.assert_folds_hold();
}

#[test]
fn the_day_sheet_ics_dump_and_activity_log_show_classes() {
    let mut s = studio();
    let class = s.schedule(8);
    s.enrol(&class, 0).expect("enrolled");
    let sheet =
        s.db.store
            .bookings()
            .day_sheet(parse_date("2026-11-21").expect("date"))
            .expect("day sheet");
    let column = sheet
        .staff
        .iter()
        .find(|c| c.name == "Linh")
        .expect("the teacher has a column");
    assert_eq!(column.classes.len(), 1);
    assert_eq!((column.classes[0].seats, column.classes[0].seated), (8, 1));
    let ics =
        s.db.store
            .bookings()
            .staff_ics(
                "Linh",
                parse_date("2026-11-21").expect("date"),
                parse_date("2026-11-21").expect("date"),
                s.at(NOW),
            )
            .expect("ics");
    assert!(ics.contains("SUMMARY:Yoga (1/8)"), "{ics}");
    let dump = s.db.store.dump().expect("dump");
    assert_eq!(dump.classes.len(), 1);

    let customer = s.customers[0].parse().expect("id");
    let log =
        s.db.store
            .audit(
                &AuditFilter {
                    customer: Some(customer),
                    ..AuditFilter::default()
                },
                Lang::Vi,
            )
            .expect("audit");
    let texts: Vec<&str> = log.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.contains(&"Hoa đã ghi danh Nguyễn Văn An vào lớp Yoga lúc 21/11/2026 09:00"),
        "{texts:?}"
    );
    let everything =
        s.db.store
            .audit(&AuditFilter::default(), Lang::En)
            .expect("audit");
    assert!(
        everything.iter().any(|e| e.text
            == "Hoa scheduled a Yoga class at 21/11/2026 09:00 with Linh (8 seats)"),
        "{everything:?}"
    );
}

#[test]
fn ten_receptionists_enrolling_at_once_fill_the_seats_and_queue_the_rest_in_order() {
    let mut s = studio();
    let class = s.schedule(3);
    let mut customers = Vec::new();
    for i in 0..10 {
        let phone = format!("0913 000 {i:03}");
        customers.push(s.db.add(&format!("Khách {i}"), &phone).id.to_string());
    }
    let path = s.db.path.clone();
    let now = s.at(NOW);
    let barrier = Arc::new(Barrier::new(customers.len()));
    let threads: Vec<_> = customers
        .into_iter()
        .map(|customer| {
            let (path, barrier) = (path.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("own connection");
                let ctx = store.context(Some(now)).expect("context");
                barrier.wait();
                store
                    .classes_mut()
                    .enrol(&ctx, class.id, &customer, None)
                    .map(|_| ())
            })
        })
        .collect();
    for thread in threads {
        thread
            .join()
            .expect("thread")
            .expect("every enrolment succeeds");
    }
    let view = s.db.store.classes().class(class.id).expect("class");
    assert_eq!((view.seated, view.waiting), (3, 7));
    let positions: Vec<u16> = view
        .places
        .iter()
        .filter_map(|p| match p.standing {
            Some(Standing::Waiting(n)) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(positions, (1..=7).collect::<Vec<u16>>());
    s.db.assert_folds_hold();
}
