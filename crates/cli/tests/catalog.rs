//! Editing and retiring services and rooms through the real binary: the
//! JSON is the service or room as `add` prints it, and a retired service
//! (or one whose rooms are all retired) cannot be booked. The business is in
//! Asia/Ho_Chi_Minh; bookings are on 2030-03-15, the clock the day before.

mod common;

use common::Counter;
use serde_json::{Value, json};

const EVE: &str = "2030-03-14T10:00";

fn s(value: &Value) -> &str {
    value.as_str().expect("a string")
}

/// Hoa (owner), Lan (receptionist), Mai (therapist, 08:00-17:00 every day)
/// who performs `services`, and customer An.
fn counter_with(services: &[&str]) -> Counter {
    let counter = Counter::init(&["--owner", "Hoa", "--owner-pin", "1234"]);
    for service in services {
        counter.ok(&[
            "service",
            "add",
            "--name",
            service,
            "--minutes",
            "60",
            "--price",
            "350000",
        ]);
    }
    counter.ok(&["staff", "add", "--name", "Lan", "--role", "receptionist"]);
    let mut mai = vec!["staff", "add", "--name", "Mai", "--role", "therapist"];
    for service in services {
        mai.extend(["--service", service]);
    }
    counter.ok(&mai);
    counter.ok(&[
        "staff", "hours", "Mai", "--day", "all", "--from", "08:00", "--to", "17:00",
    ]);
    counter.ok(&[
        "customer",
        "add",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0912345678",
    ]);
    counter
}

fn booking(service: &str, time: &str) -> Vec<String> {
    [
        "--now",
        EVE,
        "booking",
        "add",
        "--customer",
        "0912345678",
        "--service",
        service,
        "--staff",
        "Mai",
        "--start",
        &format!("2030-03-15T{time}"),
    ]
    .iter()
    .map(|a| (*a).to_owned())
    .collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_retired_service_cannot_be_booked_until_it_is_offered_again() {
    let counter = counter_with(&["Massage đá nóng"]);
    let massage = counter.ok(&["service", "list"])[0].clone();
    let id = s(&massage["id"]).to_owned();

    let retired = counter.ok(&["service", "retire", "massage da nong"]);
    for key in ["id", "name", "minutes", "buffer_minutes", "price"] {
        assert!(retired.get(key).is_some(), "{key}");
    }
    assert_eq!(retired["id"], id.as_str());
    assert_eq!(retired["active"], false);
    assert_eq!(retired["price"], massage["price"]);

    let code = counter.refused(&strs(&booking("massage da nong", "09:30")));
    assert_eq!(code, "service_inactive");
    let mut by_id = vec!["--json".to_owned()];
    by_id.extend(booking(&id, "09:30"));
    let output = counter.run(&strs(&by_id));
    let error: Value = serde_json::from_slice(&output.stderr).expect("error JSON");
    assert_eq!(error["error"]["code"], "service_inactive");
    assert!(
        s(&error["error"]["message"]).contains("Massage đá nóng"),
        "{error}"
    );
    assert_eq!(
        counter.refused(&[
            "--now",
            EVE,
            "slots",
            "--service",
            &id,
            "--date",
            "2030-03-15"
        ]),
        "service_inactive"
    );
    // Retiring it again changes nothing.
    assert_eq!(
        counter.refused(&["service", "retire", &id]),
        "nothing_to_change"
    );
    assert_eq!(counter.ok(&["service", "list"])[0]["active"], false);

    let offered = counter.ok(&["service", "offer", &id]);
    assert_eq!(offered["active"], true);
    let booked = counter.ok(&strs(&booking(&id, "09:30")));
    assert_eq!(booked["status"], "CONFIRMED");
}

#[test]
fn service_edit_changes_the_fields_given_and_refuses_bad_ones() {
    let counter = counter_with(&["Massage đá nóng"]);
    let edited = counter.ok(&[
        "service",
        "edit",
        "Massage đá nóng",
        "--price",
        "400000",
        "--buffer",
        "15",
        "--category",
        "Body",
    ]);
    assert_eq!(edited["name"], "Massage đá nóng");
    assert_eq!(edited["price"]["amount"], 400_000);
    assert_eq!(edited["buffer_minutes"], 15);
    assert_eq!(edited["minutes"], 60);
    assert_eq!(edited["category"], "Body");
    let id = s(&edited["id"]).to_owned();
    let retired = counter.ok(&["service", "edit", &id, "--active", "false"]);
    assert_eq!(retired["active"], false);

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["service", "edit", &id], "nothing_to_change"),
        (
            vec!["service", "edit", &id, "--price", "400000"],
            "nothing_to_change",
        ),
        (
            vec!["service", "edit", &id, "--minutes", "0"],
            "invalid_value",
        ),
        (
            vec!["service", "edit", &id, "--price", "-1"],
            "invalid_value",
        ),
        (vec!["service", "edit", &id, "--name", " "], "empty_field"),
        (
            vec!["service", "edit", &id, "--room", "Phòng 9"],
            "not_found",
        ),
        (
            vec!["service", "edit", "Facial", "--minutes", "30"],
            "not_found",
        ),
        (vec!["service", "edit", &id, "--active", "maybe"], "usage"),
        (
            vec!["--as", "Lan", "service", "offer", &id],
            "permission_denied",
        ),
        (
            vec!["--as", "Lan", "room", "add", "--name", "X"],
            "permission_denied",
        ),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
    let approved = counter.ok(&[
        "--as",
        "Lan",
        "--approve",
        "Hoa:1234",
        "service",
        "offer",
        &id,
    ]);
    assert_eq!(approved["active"], true);
}

#[test]
fn room_edit_changes_the_capacity_and_a_service_without_a_room_is_not_booked() {
    let counter = counter_with(&[]);
    let room = counter.ok(&["room", "add", "--name", "Phòng VIP"]);
    assert_eq!(room["capacity"], 1);
    let id = s(&room["id"]).to_owned();

    let edited = counter.ok(&["room", "edit", "phong vip", "--capacity", "3"]);
    assert_eq!(
        edited,
        json!({"id": id, "name": "Phòng VIP", "capacity": 3, "active": true})
    );
    assert_eq!(counter.ok(&["room", "list"])[0]["capacity"], 3);
    for (args, code) in [
        (vec!["room", "edit", &id], "nothing_to_change"),
        (
            vec!["room", "edit", &id, "--capacity", "3"],
            "nothing_to_change",
        ),
        (
            vec!["room", "edit", &id, "--capacity", "0"],
            "invalid_value",
        ),
        (
            vec!["room", "edit", "Phòng 9", "--capacity", "2"],
            "not_found",
        ),
        (
            vec!["--as", "Lan", "room", "retire", &id],
            "permission_denied",
        ),
    ] {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }

    // A facial that only this room can host, performed by Mai.
    let facial = counter.ok(&[
        "service",
        "add",
        "--name",
        "Facial",
        "--minutes",
        "60",
        "--price",
        "300000",
        "--room",
        &id,
    ]);
    assert_eq!(facial["rooms"], json!([id]));
    counter.ok(&["staff", "services", "Mai", "--service", "Facial"]);
    let retired = counter.ok(&["room", "retire", &id]);
    assert_eq!(retired["active"], false);
    assert_eq!(
        counter.refused(&strs(&booking("Facial", "09:30"))),
        "room_full"
    );
    let offered = counter.ok(&["room", "offer", &id]);
    assert_eq!(offered["active"], true);
    let booked = counter.ok(&strs(&booking("Facial", "09:30")));
    assert_eq!(booked["status"], "CONFIRMED");
}
