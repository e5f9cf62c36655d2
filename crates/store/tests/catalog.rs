//! Editing and retiring services and rooms on real database files: only what
//! changes is written, a retired service or a service without a room in use
//! cannot be booked or offered, and every refusal writes nothing.

mod common;

use caredesk_domain::Role;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::Span;
use caredesk_store::{
    AuditFilter, Ctx, InitSettings, Lang, NewBooking, NewItem, NewService, NewStaff, OpFilter,
    RoomEdit, ServiceEdit, StoreError, WEEK, parse_date,
};
use common::snapshot;
use jiff::Timestamp;

/// The day before the bookings, so nothing is too soon.
const NOW: &str = "2026-11-20T10:00";
const DAY: &str = "2026-11-21";

/// A Saigon spa: "Massage body" (60 min + 30 buffer, 450.000 ₫) needing no
/// room, "Chăm sóc da mặt" (60 min) that only "Phòng VIP" can host, Mai
/// who performs both 08:00-20:00 every day, Lan at the desk, customer An.
struct Spa {
    db: common::TestDb,
    customer: String,
    massage: String,
    facial: String,
    room: String,
}

fn spa() -> Spa {
    let mut db = common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let customer = db.add("Nguyễn Văn An", "0912 345 678").id.to_string();
    let ctx = db.ctx();
    let service = |db: &mut common::TestDb, input: NewService| {
        db.store
            .catalog_mut()
            .add_service(&ctx, input)
            .expect("service added")
            .id
            .to_string()
    };
    let massage = service(
        &mut db,
        NewService {
            name: "Massage body".into(),
            category: "Massage".into(),
            minutes: 60,
            buffer_minutes: 30,
            price: 450_000,
            rooms: vec![],
        },
    );
    let room = db
        .store
        .catalog_mut()
        .add_room(&ctx, "Phòng VIP", 1)
        .expect("room added")
        .id
        .to_string();
    let facial = service(
        &mut db,
        NewService {
            name: "Chăm sóc da mặt".into(),
            minutes: 60,
            price: 300_000,
            rooms: vec![room.clone()],
            ..NewService::default()
        },
    );
    for (name, role, pin) in [
        ("Mai", Role::Therapist, "2222"),
        ("Lan", Role::Receptionist, "1111"),
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
            .expect("staff added");
    }
    db.store
        .schedule_mut()
        .set_staff_services(&ctx, "Mai", &[massage.clone(), facial.clone()])
        .expect("services");
    let every_day: Vec<_> = WEEK
        .iter()
        .map(|day| (*day, vec![Span::parse("08:00", "20:00").expect("span")]))
        .collect();
    db.store
        .schedule_mut()
        .set_staff_week(&ctx, "Mai", &every_day)
        .expect("hours");
    Spa {
        db,
        customer,
        massage,
        facial,
        room,
    }
}

impl Spa {
    fn at(&self, local: &str) -> Timestamp {
        self.db.store.local_time(local).expect("local time")
    }

    /// The owner, with the clock at `NOW`.
    fn ctx(&self) -> Ctx {
        self.db.store.context(Some(self.at(NOW))).expect("context")
    }

    fn book(&mut self, service: &str, time: &str) -> caredesk_store::Result<String> {
        let ctx = self.ctx();
        let request = NewBooking {
            customer: self.customer.clone(),
            items: vec![NewItem {
                service: service.to_owned(),
                staff: "Mai".into(),
                start: self.at(&format!("{DAY}T{time}")),
                end: None,
                room: None,
                treatment: None,
            }],
            source: BookingSource::Phone,
            notes: String::new(),
        };
        self.db
            .store
            .bookings_mut()
            .add_booking(&ctx, request)
            .map(|b| b.id.to_string())
    }

    fn slots(&self, service: &str) -> caredesk_store::Result<Vec<String>> {
        let day = parse_date(DAY).expect("date");
        let slots = self
            .db
            .store
            .schedule()
            .slots(self.at(NOW), service, day, day, None)?;
        Ok(slots
            .into_iter()
            .map(|s| s.start[11..16].to_owned())
            .collect())
    }

    fn edit_service(&mut self, service: &str, edit: ServiceEdit) -> caredesk_store::ServiceInfo {
        let ctx = self.ctx();
        self.db
            .store
            .catalog_mut()
            .edit_service(&ctx, service, edit)
            .expect("service edited")
    }

    fn edit_room(&mut self, room: &str, edit: RoomEdit) -> caredesk_store::RoomInfo {
        let ctx = self.ctx();
        self.db
            .store
            .catalog_mut()
            .edit_room(&ctx, room, edit)
            .expect("room edited")
    }

    /// Refused with `code`, and not one row of the database changed.
    fn refused<T: std::fmt::Debug>(
        &mut self,
        code: &str,
        attempt: impl FnOnce(&mut Spa) -> caredesk_store::Result<T>,
    ) -> StoreError {
        let before = snapshot(&self.db.path);
        let error = attempt(self).expect_err("refused");
        assert_eq!(error.code(), code, "{error}");
        assert_eq!(snapshot(&self.db.path), before, "a refusal wrote something");
        error
    }

    fn audit(&self, entity: &str, lang: Lang) -> Vec<String> {
        let filter = AuditFilter {
            entity: Some(entity.parse().expect("entity id")),
            ..AuditFilter::default()
        };
        self.db
            .store
            .audit(&filter, lang)
            .expect("audit")
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    fn edits_of(&self, entity: &str) -> Vec<serde_json::Value> {
        self.db
            .store
            .ops(&OpFilter {
                entity: Some(entity.parse().expect("entity id")),
                kind: Some("service.edited".into()),
                ..OpFilter::default()
            })
            .expect("ops")
            .into_iter()
            .map(|logged| logged.op.body)
            .collect()
    }
}

fn retire() -> ServiceEdit {
    ServiceEdit {
        active: Some(false),
        ..ServiceEdit::default()
    }
}

fn retire_room() -> RoomEdit {
    RoomEdit {
        active: Some(false),
        ..RoomEdit::default()
    }
}

#[test]
fn an_edit_writes_only_the_fields_that_change() {
    let mut spa = spa();
    let massage = spa.massage.clone();
    // By name, ignoring case and diacritics; the minutes are what they were.
    let edited = spa.edit_service(
        "massage BODY",
        ServiceEdit {
            name: Some("Massage toàn thân".into()),
            minutes: Some(60),
            price: Some(500_000),
            ..ServiceEdit::default()
        },
    );
    assert_eq!(edited.id.to_string(), massage);
    assert_eq!(edited.service.name, "Massage toàn thân");
    assert_eq!(edited.service.price.amount, 500_000);
    assert_eq!(edited.service.minutes, 60);
    assert_eq!(edited.service.buffer_minutes, 30);
    assert_eq!(edited.service.category, "Massage");
    assert!(edited.service.active);
    assert_eq!(
        spa.edits_of(&massage),
        [serde_json::json!({
            "name": "Massage toàn thân",
            "price": edited.service.price,
        })]
    );
    // An empty category clears it; the rooms list is replaced.
    let room = spa.room.clone();
    let edited = spa.edit_service(
        &massage,
        ServiceEdit {
            category: Some(String::new()),
            buffer_minutes: Some(15),
            rooms: Some(vec!["phong vip".into()]),
            ..ServiceEdit::default()
        },
    );
    assert_eq!(edited.service.category, "");
    assert_eq!(edited.service.buffer_minutes, 15);
    let room_id = room.parse().expect("room id");
    assert_eq!(edited.service.rooms, [room_id]);
    // New bookings take the new price.
    let booking = spa.book(&massage, "09:30").expect("booked");
    let booking = spa
        .db
        .store
        .bookings()
        .booking(booking.parse().expect("booking id"))
        .expect("shown");
    assert_eq!(booking.items[0].price.amount, 500_000);

    let room = spa.edit_room(
        &room,
        RoomEdit {
            name: Some("Phòng đôi".into()),
            capacity: Some(2),
            ..RoomEdit::default()
        },
    );
    assert_eq!(room.room.name, "Phòng đôi");
    assert_eq!(room.room.capacity, 2);
    assert!(room.room.active);
    assert_eq!(
        spa.audit(&massage, Lang::En).last().map(String::as_str),
        Some("Hoa changed service Massage toàn thân")
    );
    spa.db.assert_folds_hold();
}

#[test]
fn a_retired_service_is_neither_booked_nor_offered() {
    let mut spa = spa();
    let massage = spa.massage.clone();
    assert_eq!(spa.slots(&massage).expect("slots")[0], "08:00");
    let retired = spa.edit_service(&massage, retire());
    assert!(!retired.service.active);
    // Still in the catalog and its history, by id and by name.
    let listed = spa.db.store.catalog().services().expect("services");
    assert!(
        listed
            .iter()
            .any(|s| s.id == retired.id && !s.service.active)
    );

    let error = spa.refused("service_inactive", |s| s.book(&massage, "09:30"));
    assert!(matches!(error, StoreError::ServiceInactive(name) if name == "Massage body"));
    spa.refused("service_inactive", |s| s.book("Massage body", "11:00"));
    spa.refused("service_inactive", |s| s.slots(&massage));

    assert_eq!(
        spa.audit(&massage, Lang::Vi).last().map(String::as_str),
        Some("Hoa đã ngưng dịch vụ Massage body: không nhận đặt lịch nữa")
    );
    // Offered again, it can be booked again.
    let offered = spa.edit_service(
        "massage body",
        ServiceEdit {
            active: Some(true),
            ..ServiceEdit::default()
        },
    );
    assert!(offered.service.active);
    assert_eq!(
        spa.audit(&massage, Lang::En).last().map(String::as_str),
        Some("Hoa offered service Massage body again")
    );
    assert_eq!(spa.slots(&massage).expect("slots")[0], "08:00");
    spa.book(&massage, "09:30").expect("booked again");
}

#[test]
fn a_service_whose_rooms_are_all_retired_cannot_be_booked() {
    let mut spa = spa();
    let (facial, room) = (spa.facial.clone(), spa.room.clone());
    let retired = spa.edit_room("phòng vip", retire_room());
    assert!(!retired.room.active);
    assert!(
        spa.db
            .store
            .catalog()
            .rooms()
            .expect("rooms")
            .iter()
            .any(|r| r.id == retired.id && !r.room.active)
    );

    let error = spa.refused("room_full", |s| s.book(&facial, "09:00"));
    assert!(matches!(error, StoreError::NoRoom(name) if name == "Chăm sóc da mặt"));
    // No room-less slot is offered for it either.
    let error = spa.refused("room_full", |s| s.slots(&facial));
    assert!(matches!(error, StoreError::NoRoom(_)));
    // The massage needs no room and is not affected.
    let massage = spa.massage.clone();
    spa.book(&massage, "09:00").expect("massage booked");

    assert_eq!(
        spa.audit(&room, Lang::En).last().map(String::as_str),
        Some("Hoa retired room Phòng VIP")
    );
    spa.edit_room(
        &room,
        RoomEdit {
            active: Some(true),
            ..RoomEdit::default()
        },
    );
    assert!(!spa.slots(&facial).expect("slots").is_empty());
    spa.book(&facial, "11:00").expect("facial booked");
}

#[test]
fn a_receptionist_edits_the_catalog_only_with_a_managers_approval() {
    let mut spa = spa();
    let massage = spa.massage.clone();
    let room = spa.room.clone();
    let lan = spa.db.store.context_as("Lan", None).expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store
            .catalog_mut()
            .edit_service(&lan, &massage, retire())
    });
    spa.refused("permission_denied", |s| {
        s.db.store
            .catalog_mut()
            .edit_room(&lan, &room, retire_room())
    });
    let therapist = spa.db.store.context_as("Mai", None).expect("Mai");
    spa.refused("permission_denied", |s| {
        s.db.store
            .catalog_mut()
            .edit_service(&therapist, &massage, retire())
    });

    let approved = spa.db.store.approve(lan, "Hoa", "1234").expect("approved");
    let retired = spa
        .db
        .store
        .catalog_mut()
        .edit_service(&approved, &massage, retire())
        .expect("retired with approval");
    assert!(!retired.service.active);
    assert_eq!(
        spa.audit(&massage, Lang::En).last().map(String::as_str),
        Some("Lan retired service Massage body: it can no longer be booked, approved by Hoa")
    );
}

#[test]
fn an_edit_that_changes_nothing_is_refused() {
    let mut spa = spa();
    let (massage, room) = (spa.massage.clone(), spa.room.clone());
    let ctx = spa.ctx();
    spa.refused("nothing_to_change", |s| {
        s.db.store
            .catalog_mut()
            .edit_service(&ctx, &massage, ServiceEdit::default())
    });
    spa.refused("nothing_to_change", |s| {
        s.db.store
            .catalog_mut()
            .edit_room(&ctx, &room, RoomEdit::default())
    });
    // Values equal to the current ones change nothing either.
    spa.refused("nothing_to_change", |s| {
        let same = ServiceEdit {
            name: Some(" Massage body ".into()),
            category: Some("Massage".into()),
            minutes: Some(60),
            buffer_minutes: Some(30),
            price: Some(450_000),
            rooms: Some(vec![]),
            active: Some(true),
        };
        s.db.store.catalog_mut().edit_service(&ctx, &massage, same)
    });
    spa.refused("nothing_to_change", |s| {
        let same = RoomEdit {
            name: Some("Phòng VIP".into()),
            capacity: Some(1),
            active: Some(true),
        };
        s.db.store.catalog_mut().edit_room(&ctx, &room, same)
    });
    // Retiring twice: the second retires nothing.
    spa.edit_service(&massage, retire());
    spa.refused("nothing_to_change", |s| {
        s.db.store
            .catalog_mut()
            .edit_service(&ctx, &massage, retire())
    });
}

#[test]
fn bad_values_are_refused_and_write_nothing() {
    let mut spa = spa();
    let (massage, room) = (spa.massage.clone(), spa.room.clone());
    let ctx = spa.ctx();
    let cases = [
        (
            "invalid_value",
            Some("minutes"),
            ServiceEdit {
                minutes: Some(0),
                ..ServiceEdit::default()
            },
        ),
        (
            "invalid_value",
            Some("minutes"),
            ServiceEdit {
                minutes: Some(721),
                ..ServiceEdit::default()
            },
        ),
        (
            "invalid_value",
            Some("buffer_minutes"),
            ServiceEdit {
                buffer_minutes: Some(241),
                ..ServiceEdit::default()
            },
        ),
        (
            "invalid_value",
            Some("price"),
            ServiceEdit {
                price: Some(-1),
                ..ServiceEdit::default()
            },
        ),
        (
            "empty_field",
            Some("service name"),
            ServiceEdit {
                name: Some("  ".into()),
                ..ServiceEdit::default()
            },
        ),
        (
            "not_found",
            None,
            ServiceEdit {
                rooms: Some(vec!["Phòng xông hơi".into()]),
                ..ServiceEdit::default()
            },
        ),
        // A good field does not carry a bad one through.
        (
            "invalid_value",
            Some("price"),
            ServiceEdit {
                name: Some("Massage toàn thân".into()),
                price: Some(-450_000),
                ..ServiceEdit::default()
            },
        ),
    ];
    for (code, field, edit) in cases {
        let error = spa.refused(code, |s| {
            s.db.store.catalog_mut().edit_service(&ctx, &massage, edit)
        });
        assert_eq!(error.field(), field, "{error}");
    }
    let error = spa.refused("invalid_value", |s| {
        let edit = RoomEdit {
            capacity: Some(0),
            ..RoomEdit::default()
        };
        s.db.store.catalog_mut().edit_room(&ctx, &room, edit)
    });
    assert_eq!(error.field(), Some("capacity"));
    spa.refused("empty_field", |s| {
        let edit = RoomEdit {
            name: Some(String::new()),
            ..RoomEdit::default()
        };
        s.db.store.catalog_mut().edit_room(&ctx, &room, edit)
    });
    spa.refused("not_found", |s| {
        s.db.store
            .catalog_mut()
            .edit_service(&ctx, "Gội đầu dưỡng sinh", retire())
    });
    spa.refused("not_found", |s| {
        s.db.store
            .catalog_mut()
            .edit_room(&ctx, "Phòng xông hơi", retire_room())
    });
    let service = spa
        .db
        .store
        .catalog()
        .find_service(&massage)
        .expect("service")
        .service;
    assert_eq!(service.name, "Massage body");
    assert_eq!(service.price.amount, 450_000);
}
