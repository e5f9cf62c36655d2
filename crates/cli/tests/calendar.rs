//! The calendar through the real binary: services, rooms, staff hours,
//! slots, bookings and their life cycle, the day sheet, `.ics` and the
//! calendar settings. The business is in Asia/Ho_Chi_Minh (+07:00);
//! 2030-03-15 is a Friday.

mod common;

use common::{Counter, s};
use serde_json::Value;

const DAY: &str = "2030-03-15";
/// The day before, so that nothing on `DAY` is too soon.
const EVE: &str = "2030-03-14T10:00";

/// Hoa (owner) with a 60-minute massage (+30 buffer), Mai who performs it
/// from 08:00 to 17:00 every day, and two customers.
struct Spa {
    counter: Counter,
    massage: String,
    mai: String,
}

fn spa() -> Spa {
    let (counter, massage, mai) = common::massage_spa();
    Spa {
        counter,
        massage,
        mai,
    }
}

fn starts(slots: &Value) -> Vec<String> {
    slots
        .as_array()
        .expect("array")
        .iter()
        .map(|slot| s(&slot["start"]).to_owned())
        .collect()
}

fn at(time: &str) -> String {
    format!("{DAY}T{time}:00+07:00")
}

impl Spa {
    fn slots(&self) -> Value {
        self.counter.ok(&[
            "--now",
            EVE,
            "slots",
            "--service",
            &self.massage,
            "--date",
            DAY,
        ])
    }

    fn book(&self, customer: &str, start: &str) -> Value {
        let start = format!("{DAY}T{start}");
        self.counter.ok(&[
            "--now",
            EVE,
            "booking",
            "add",
            "--customer",
            customer,
            "--service",
            "massage da nong",
            "--staff",
            "Mai",
            "--start",
            &start,
        ])
    }
}

#[test]
fn slots_booking_and_its_life_cycle() {
    let spa = spa();
    let counter = &spa.counter;
    let slots = spa.slots();
    // 90-minute grid from 08:00; 15:30 + 60 + 30 ends at 17:00 exactly.
    let grid: Vec<String> = ["08:00", "09:30", "11:00", "12:30", "14:00", "15:30"]
        .iter()
        .map(|t| at(t))
        .collect();
    assert_eq!(starts(&slots), grid);
    for key in ["start", "end", "staff"] {
        assert!(slots[0].get(key).is_some(), "{key}");
    }
    assert_eq!(slots[0]["end"], at("09:00"));
    assert_eq!(slots[0]["staff"], spa.mai.as_str());
    let only_mai = counter.ok(&[
        "--now",
        EVE,
        "slots",
        "--service",
        &spa.massage,
        "--date",
        DAY,
        "--staff",
        "mai",
    ]);
    assert_eq!(only_mai, slots);

    let booking = spa.book("0912 345 678", "09:30");
    for key in ["id", "status", "start", "end"] {
        assert!(booking.get(key).is_some(), "{key}");
    }
    assert_eq!(booking["status"], "CONFIRMED");
    assert_eq!(booking["start"], at("09:30"));
    assert_eq!(booking["end"], at("10:30"));
    let id = s(&booking["id"]).to_owned();
    assert!(!starts(&spa.slots()).contains(&at("09:30")));

    // The same slot again, for someone else: refused, nothing written.
    let start = format!("{DAY}T09:30");
    let again = [
        "--now",
        EVE,
        "booking",
        "add",
        "--customer",
        "0983111222",
        "--service",
        &spa.massage,
        "--staff",
        "Mai",
        "--start",
        &start,
    ];
    assert_eq!(counter.refused(&again), "double_booking");
    // Inside the first booking's buffer (10:30 to 11:00) too.
    let start = format!("{DAY}T10:45");
    let mut in_buffer = again;
    in_buffer[11] = &start;
    assert_eq!(counter.refused(&in_buffer), "double_booking");

    let checked_in = counter.ok(&["booking", "check-in", &id]);
    assert_eq!(checked_in["id"], id.as_str());
    assert_eq!(checked_in["status"], "CHECKED_IN");
    let done = counter.ok(&["booking", "complete", &id, "--note", "all good"]);
    assert_eq!(done["status"], "COMPLETED");
    assert_eq!(
        counter.refused(&["booking", "check-in", &id]),
        "invalid_transition"
    );
    // A completed booking keeps its place in the day.
    assert!(!starts(&spa.slots()).contains(&at("09:30")));

    let shown = counter.ok(&["booking", "show", &id]);
    assert_eq!(shown["status"], "COMPLETED");
    assert!(shown["history"].as_array().expect("history").len() >= 3);
    let listed = counter.ok(&["booking", "list", "--customer", "+84912345678"]);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(
        counter.ok(&["booking", "list", "--customer", "0983111222"]),
        serde_json::json!([])
    );
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let spa = spa();
    let counter = &spa.counter;
    let booking = |customer: &str, service: &str, start: &str, now: &str| -> Vec<String> {
        [
            "--now",
            now,
            "booking",
            "add",
            "--customer",
            customer,
            "--service",
            service,
            "--staff",
            "Mai",
            "--start",
            start,
        ]
        .iter()
        .map(|a| (*a).to_owned())
        .collect()
    };
    let refused = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        counter.refused(&args)
    };
    let nine_thirty = format!("{DAY}T09:30");
    let cases = [
        (
            booking("0912345678", "Facial", &nine_thirty, EVE),
            "not_found",
        ),
        (
            booking("0999999999", "massage da nong", &nine_thirty, EVE),
            "not_found",
        ),
        (
            booking(
                "0912345678",
                "massage da nong",
                &nine_thirty,
                "2030-03-15T10:00",
            ),
            "in_the_past",
        ),
        (
            booking(
                "0912345678",
                "massage da nong",
                &nine_thirty,
                "2030-03-15T09:00",
            ),
            "too_soon",
        ),
        (
            booking(
                "0912345678",
                "massage da nong",
                &format!("{DAY}T16:30"),
                EVE,
            ),
            "outside_hours",
        ),
        (
            booking(
                "0912345678",
                "massage da nong",
                &format!("{DAY}T07:00"),
                EVE,
            ),
            "outside_hours",
        ),
        (
            booking("0912345678", "massage da nong", "2030-03-15 09:30", EVE),
            "invalid_time",
        ),
        (
            booking("0912345678", "massage da nong", "9:30", EVE),
            "invalid_time",
        ),
    ];
    for (args, code) in cases {
        assert_eq!(refused(args.clone()), code, "{args:?}");
    }
    let mut walk_in = booking("0912345678", "massage da nong", &nine_thirty, EVE);
    walk_in.extend(["--source".to_owned(), "by pigeon".to_owned()]);
    assert_eq!(refused(walk_in), "invalid_source");

    // Someone who does not perform the service.
    counter.ok(&["staff", "add", "--name", "Lan", "--role", "receptionist"]);
    let mut lan = booking("0912345678", "massage da nong", &nine_thirty, EVE);
    lan[9] = "Lan".to_owned();
    assert_eq!(refused(lan), "staff_does_not_perform");

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "staff", "hours", "Mai", "--day", "someday", "--from", "08:00", "--to", "17:00",
            ],
            "invalid_hours",
        ),
        (
            vec![
                "staff", "hours", "Mai", "--day", "mon", "--from", "8am", "--to", "17:00",
            ],
            "invalid_hours",
        ),
        (
            vec![
                "staff", "hours", "Mai", "--day", "mon", "--from", "17:00", "--to", "08:00",
            ],
            "invalid_hours",
        ),
        (
            vec![
                "staff", "hours", "Nobody", "--day", "all", "--from", "08:00", "--to", "17:00",
            ],
            "not_found",
        ),
        (vec!["staff", "hours", "Mai", "--day", "mon"], "usage"),
        (
            vec![
                "staff", "hours", "Mai", "--day", "mon", "--off", "--from", "08:00",
            ],
            "usage",
        ),
        (
            vec![
                "--as", "Lan", "staff", "hours", "Mai", "--day", "mon", "--off",
            ],
            "permission_denied",
        ),
        (vec!["staff", "extra", "Mai", "--date", DAY], "usage"),
        (
            vec!["staff", "leave", "Mai", "--date", "15/03/2030"],
            "invalid_date",
        ),
        (
            vec!["staff", "exception-remove", "Mai", "not-an-id"],
            "invalid_id",
        ),
        (
            vec![
                "staff",
                "exception-remove",
                "Mai",
                "01a1fca9-8e6b-734f-92c8-86461feda9e1",
            ],
            "not_found",
        ),
        (
            vec![
                "slots",
                "--service",
                "massage da nong",
                "--date",
                "2030-3-15",
            ],
            "invalid_date",
        ),
        (
            vec![
                "slots",
                "--service",
                "massage da nong",
                "--date",
                DAY,
                "--to",
                "2030-03-14",
            ],
            "end_before_start",
        ),
        (
            vec!["slots", "--service", "Facial", "--date", DAY],
            "not_found",
        ),
        (vec!["booking", "show", "12345"], "invalid_id"),
        (
            vec!["booking", "cancel", "01a1fca9-8e6b-734f-92c8-86461feda9e1"],
            "not_found",
        ),
        (
            vec![
                "service",
                "add",
                "--name",
                "X",
                "--minutes",
                "0",
                "--price",
                "1",
            ],
            "invalid_value",
        ),
        (
            vec![
                "service",
                "add",
                "--name",
                "X",
                "--minutes",
                "60",
                "--price",
                "1",
                "--room",
                "Nowhere",
            ],
            "not_found",
        ),
        (
            vec!["room", "add", "--name", "Phòng 1", "--capacity", "0"],
            "invalid_value",
        ),
        (vec!["day", "--date", "tomorrow"], "invalid_date"),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
}

#[test]
fn staff_add_with_an_unknown_service_adds_nobody() {
    let spa = spa();
    let counter = &spa.counter;
    let before = counter.ok(&["staff", "list"]);
    assert_eq!(
        counter.refused(&[
            "staff",
            "add",
            "--name",
            "Tú",
            "--role",
            "therapist",
            "--service",
            &spa.massage,
            "--service",
            "Facial",
        ]),
        "not_found"
    );
    assert_eq!(counter.ok(&["staff", "list"]), before);
    // Without the bad one it works, and the name is free.
    let tu = counter.ok(&[
        "staff",
        "add",
        "--name",
        "Tú",
        "--role",
        "therapist",
        "--service",
        "MASSAGE DA NONG",
    ]);
    assert_eq!(tu["services"], serde_json::json!([spa.massage]));
}

#[test]
fn cancelling_before_and_after_the_cut_off() {
    let spa = spa();
    let counter = &spa.counter;
    let early = s(&spa.book("0912345678", "11:00")["id"]).to_owned();
    let late = s(&spa.book("0983111222", "14:00")["id"]).to_owned();
    // The cut-off is 60 minutes: 61 before is free, 59 before is not.
    let free = counter.ok(&["--now", "2030-03-15T09:59", "booking", "cancel", &early]);
    assert_eq!(free["status"], "CANCELLED");
    let forfeited = counter.ok(&["--now", "2030-03-15T13:01", "booking", "cancel", &late]);
    assert_eq!(forfeited["status"], "FORFEITED");
    // Both slots are free again.
    let open = starts(&spa.slots());
    assert!(open.contains(&at("11:00")) && open.contains(&at("14:00")));
    assert_eq!(
        counter.refused(&["booking", "complete", &early]),
        "invalid_transition"
    );

    let third = s(&spa.book("0912345678", "15:30")["id"]).to_owned();
    assert_eq!(
        counter.refused(&["--now", "2030-03-15T15:00", "booking", "no-show", &third]),
        "too_early"
    );
    let missed = counter.ok(&["--now", "2030-03-15T16:00", "booking", "no-show", &third]);
    assert_eq!(missed["status"], "NO_SHOW");
}

#[test]
fn reschedule_leave_and_extra_shifts() {
    let spa = spa();
    let counter = &spa.counter;
    let id = s(&spa.book("0912345678", "09:30")["id"]).to_owned();
    spa.book("0983111222", "12:30");
    let eleven = format!("{DAY}T11:00");
    let moved = counter.ok(&[
        "--now",
        EVE,
        "booking",
        "reschedule",
        &id,
        "--start",
        &eleven,
        "--note",
        "asked",
    ]);
    for key in ["id", "status", "start", "end"] {
        assert!(moved.get(key).is_some(), "{key}");
    }
    assert_eq!(moved["start"], at("11:00"));
    assert_eq!(moved["end"], at("12:00"));
    let open = starts(&spa.slots());
    assert!(open.contains(&at("09:30")) && !open.contains(&at("11:00")));
    let onto_bich = format!("{DAY}T12:30");
    assert_eq!(
        counter.refused(&[
            "--now",
            EVE,
            "booking",
            "reschedule",
            &id,
            "--start",
            &onto_bich
        ]),
        "double_booking"
    );

    // Leave in the afternoon takes those slots away; taking it back
    // returns them.
    let leave = counter.ok(&[
        "staff", "leave", "Mai", "--date", DAY, "--from", "13:00", "--to", "17:00", "--note",
        "dentist",
    ]);
    assert_eq!(leave["change"], "leave");
    assert_eq!(
        starts(&spa.slots()),
        vec![at("08:00"), at("09:30")],
        "the 11:00 and 12:30 bookings, then leave"
    );
    let schedule = counter.ok(&["staff", "schedule", "Mai"]);
    assert_eq!(schedule["exceptions"][0]["id"], leave["id"]);
    let restored = counter.ok(&["staff", "exception-remove", "Mai", s(&leave["id"])]);
    assert_eq!(restored["exceptions"], serde_json::json!([]));
    assert!(starts(&spa.slots()).contains(&at("14:00")));

    // A day off, then an extra shift on it.
    counter.ok(&["staff", "hours", "Mai", "--day", "sat", "--off"]);
    let saturday = "2030-03-16";
    let slots_on = |date: &str| {
        counter.ok(&[
            "--now",
            EVE,
            "slots",
            "--service",
            &spa.massage,
            "--date",
            date,
        ])
    };
    assert_eq!(slots_on(saturday), serde_json::json!([]));
    counter.ok(&[
        "staff", "extra", "Mai", "--date", saturday, "--from", "09:00", "--to", "12:00",
    ]);
    assert_eq!(
        starts(&slots_on(saturday)),
        vec!["2030-03-16T09:00:00+07:00", "2030-03-16T10:30:00+07:00"]
    );
    // Two days at once.
    let both = counter.ok(&[
        "--now",
        EVE,
        "slots",
        "--service",
        &spa.massage,
        "--date",
        DAY,
        "--to",
        saturday,
    ]);
    assert_eq!(both.as_array().expect("array").len(), 6 - 2 + 2);
}

#[test]
fn day_sheet_and_ics() {
    let spa = spa();
    let counter = &spa.counter;
    let id = s(&spa.book("0912345678", "09:30")["id"]).to_owned();
    let sheet = counter.ok(&["day", "--date", DAY]);
    assert_eq!(sheet["date"], DAY);
    let mai = sheet["staff"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["name"] == "Mai")
        .expect("Mai's column");
    assert_eq!(mai["hours"], serde_json::json!(["08:00-17:00"]));
    assert_eq!(mai["bookings"][0]["booking"], id.as_str());
    // The default date is today by --now.
    assert_eq!(
        counter.ok(&["--now", &format!("{DAY}T07:00"), "day"]),
        sheet
    );
    let plain = counter.run(&["day", "--date", DAY]);
    assert!(plain.status.success());
    let plain = String::from_utf8(plain.stdout).expect("utf-8");
    assert!(
        plain.contains("Mai") && plain.contains("09:30-10:30"),
        "{plain}"
    );
    assert!(plain.contains("Nguyễn Văn An"), "{plain}");

    let file = counter.path("mai.ics");
    let file_text = file.to_str().expect("utf-8 path");
    let written = counter.ok(&[
        "--now", EVE, "booking", "ics", "--staff", "Mai", "--from", DAY, "--to", DAY, "--out",
        file_text,
    ]);
    assert_eq!(written["file"], file_text);
    let ics = std::fs::read_to_string(&file).expect("written");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains(&format!("UID:{id}-0@caredesk")), "{ics}");
    assert!(ics.contains("DTSTART:20300315T023000Z"), "{ics}");
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    // Without --out: the calendar itself on stdout (in JSON with --json).
    let stdout = counter.run(&[
        "--now", EVE, "booking", "ics", "--staff", "Mai", "--from", DAY, "--to", DAY,
    ]);
    assert!(stdout.status.success());
    assert_eq!(String::from_utf8(stdout.stdout).expect("utf-8"), ics);
    let json = counter.ok(&[
        "booking", "ics", "--staff", "Mai", "--from", DAY, "--to", DAY,
    ]);
    assert!(s(&json["ics"]).starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn rooms_limit_services() {
    let spa = spa();
    let counter = &spa.counter;
    let room = counter.ok(&["room", "add", "--name", "Phòng đá"]);
    assert_eq!(room["capacity"], 1);
    let stone = counter.ok(&[
        "service",
        "add",
        "--name",
        "Đá muối",
        "--minutes",
        "60",
        "--price",
        "200000",
        "--room",
        "phong da",
    ]);
    assert_eq!(stone["rooms"], serde_json::json!([room["id"]]));
    assert_eq!(counter.ok(&["room", "list"])[0]["id"], room["id"]);
    let names: Vec<String> = counter
        .ok(&["service", "list"])
        .as_array()
        .expect("array")
        .iter()
        .map(|svc| s(&svc["name"]).to_owned())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Đá muối".to_owned()), "{names:?}");

    counter.ok(&[
        "staff",
        "add",
        "--name",
        "Tú",
        "--role",
        "therapist",
        "--service",
        "Đá muối",
    ]);
    counter.ok(&[
        "staff", "hours", "Tú", "--day", "all", "--from", "08:00", "--to", "17:00",
    ]);
    counter.ok(&[
        "staff",
        "services",
        "Mai",
        "--service",
        "Đá muối",
        "--service",
        &spa.massage,
    ]);
    let eleven = format!("{DAY}T11:00");
    let book = |customer: &str, staff: &str| {
        vec![
            "--now".to_owned(),
            EVE.to_owned(),
            "booking".to_owned(),
            "add".to_owned(),
            "--customer".to_owned(),
            customer.to_owned(),
            "--service".to_owned(),
            "Đá muối".to_owned(),
            "--staff".to_owned(),
            staff.to_owned(),
            "--start".to_owned(),
            eleven.clone(),
        ]
    };
    let first = book("0912345678", "Mai");
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let made = counter.ok(&first);
    assert_eq!(made["items"][0]["room"], room["id"]);
    // Tú is free, but the one room is not.
    let second = book("0983111222", "Tú");
    let second: Vec<&str> = second.iter().map(String::as_str).collect();
    assert_eq!(counter.refused(&second), "room_full");
}

#[test]
fn calendar_settings_and_opening_hours() {
    let spa = spa();
    let counter = &spa.counter;
    let shown = counter.ok(&["settings", "calendar"]);
    assert_eq!(shown["slot_minutes"], 90);
    assert_eq!(shown["cancel_cutoff_minutes"], 60);

    let changed = counter.ok(&[
        "settings",
        "calendar",
        "--slot-minutes",
        "120",
        "--cutoff-minutes",
        "1440",
    ]);
    assert_eq!(changed["slot_minutes"], 120);
    assert_eq!(changed["align_minutes"], 30);
    assert_eq!(counter.ok(&["settings", "calendar"]), changed);
    assert_eq!(
        starts(&spa.slots()),
        vec![at("08:00"), at("10:00"), at("12:00"), at("14:00")]
    );

    // Opening hours cut staff hours.
    counter.ok(&[
        "settings", "hours", "--day", "fri", "--from", "10:00", "--to", "14:00",
    ]);
    assert_eq!(starts(&spa.slots()), vec![at("10:00"), at("12:00")]);
    let closed = counter.ok(&["settings", "hours", "--day", "fri", "--closed"]);
    assert_eq!(closed["opening"]["fri"], serde_json::json!([]));
    assert_eq!(closed["opening"]["thu"], serde_json::json!(["08:00-20:00"]));
    assert_eq!(spa.slots(), serde_json::json!([]));
    counter.ok(&[
        "settings", "hours", "--day", "all", "--from", "07:00", "--to", "21:00",
    ]);
    assert_eq!(starts(&spa.slots())[0], at("08:00"));

    // A required email keeps An (who has none) from booking.
    let required = counter.ok(&["settings", "calendar", "--require", "email"]);
    assert_eq!(required["required_profile"], serde_json::json!(["email"]));
    let start = format!("{DAY}T10:00");
    assert_eq!(
        counter.refused(&[
            "--now",
            EVE,
            "booking",
            "add",
            "--customer",
            "0912345678",
            "--service",
            &spa.massage,
            "--staff",
            "Mai",
            "--start",
            &start,
        ]),
        "profile_incomplete"
    );
    let cleared = counter.ok(&["settings", "calendar", "--no-requirements"]);
    assert_eq!(cleared["required_profile"], serde_json::json!([]));

    counter.ok(&["staff", "add", "--name", "Lan", "--role", "receptionist"]);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["settings", "calendar", "--align-minutes", "7"],
            "invalid_settings",
        ),
        (
            vec!["settings", "calendar", "--slot-minutes", "0"],
            "invalid_settings",
        ),
        (
            vec!["settings", "calendar", "--require", "fax"],
            "invalid_settings",
        ),
        (
            vec![
                "settings",
                "calendar",
                "--require",
                "email",
                "--no-requirements",
            ],
            "usage",
        ),
        (
            vec!["settings", "hours", "--day", "funday", "--closed"],
            "invalid_hours",
        ),
        (
            vec![
                "settings", "hours", "--day", "mon", "--from", "09:00", "--to", "25:00",
            ],
            "invalid_hours",
        ),
        (
            vec![
                "--as",
                "Lan",
                "settings",
                "calendar",
                "--slot-minutes",
                "60",
            ],
            "permission_denied",
        ),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
    // A receptionist may read them.
    assert_eq!(
        counter.ok(&["--as", "Lan", "settings", "calendar"]),
        cleared
    );
}

#[test]
fn a_class_fills_its_seats_queues_the_rest_and_moves_the_line_up() {
    let spa = spa();
    let counter = &spa.counter;
    let class = counter.ok(&[
        "--now",
        EVE,
        "class",
        "add",
        "--service",
        "Massage đá nóng",
        "--staff",
        "Mai",
        "--start",
        &format!("{DAY}T10:00"),
        "--seats",
        "1",
    ]);
    for key in [
        "id", "status", "start", "end", "seats", "seated", "waiting", "places",
    ] {
        assert!(class.get(key).is_some(), "{key}");
    }
    assert_eq!(class["status"], "SCHEDULED");
    let id = s(&class["id"]).to_owned();
    let enrol =
        |phone: &str| counter.ok(&["--now", EVE, "class", "enrol", &id, "--customer", phone]);
    enrol("0912345678");
    let full = enrol("0983111222");
    assert_eq!(
        (full["seated"].as_u64(), full["waiting"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(full["places"][1]["standing"], "waiting");
    assert_eq!(full["places"][1]["position"], 1);
    // Mai teaches: a booking with her during the class is refused.
    let code = counter.refused(&[
        "--now",
        EVE,
        "booking",
        "add",
        "--customer",
        "0912345678",
        "--service",
        "Massage đá nóng",
        "--staff",
        "Mai",
        "--start",
        &format!("{DAY}T10:30"),
    ]);
    assert_eq!(code, "double_booking");
    assert_eq!(
        counter.refused(&[
            "--now",
            EVE,
            "class",
            "enrol",
            &id,
            "--customer",
            "0912345678"
        ]),
        "already_enrolled"
    );
    // The seated customer leaves in time: the next in line is seated.
    let moved = counter.ok(&[
        "--now",
        EVE,
        "class",
        "leave",
        &id,
        "--customer",
        "0912345678",
    ]);
    assert_eq!(moved["places"][0]["status"], "LEFT");
    assert_eq!(moved["places"][1]["standing"], "seated");
    assert!(
        moved["history"]
            .as_array()
            .expect("history")
            .iter()
            .any(|h| h["change"] == "promoted")
    );
    let day = counter.ok(&["day", "--date", DAY]);
    assert_eq!(day["staff"][0]["classes"][0]["seated"], 1);
    let listed = counter.ok(&["class", "list", "--date", DAY]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let file = counter.ok(&["customer", "show", "0983111222"]);
    assert_eq!(file["classes"][0]["standing"], "seated");
    assert_eq!(
        counter.refused(&["--as", "Mai", "--now", EVE, "class", "seats", &id, "5"]),
        "permission_denied"
    );
    assert_eq!(
        counter.refused(&["class", "show", "not-an-id"]),
        "invalid_id"
    );
}
