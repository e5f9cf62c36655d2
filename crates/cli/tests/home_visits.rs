//! Home-visit packages through the real binary: sold with the first visit
//! booked, the address and therapist on the booking and the day sheet, the
//! lock, a manager's swap, unbooked sessions lapsing, and retiring a
//! package. The business is in Asia/Ho_Chi_Minh; 2030-03-15 is a Friday.

mod common;

use common::{Counter, s};
use serde_json::Value;

/// The day of the sale.
const EVE: &str = "2030-03-14T10:00";
const AN: &str = "0912345678";
const AN_HOME: &str = "12 Lý Tự Trọng, Quận 1";

/// `common::massage_spa` plus "Massage tại nhà" done by Mai and Thu (both
/// 08:00-17:00), Lan at the desk, An's address, and the home-visit package
/// "Tại nhà 4 buổi" (60 days).
fn spa() -> Counter {
    let (counter, _, mai) = common::massage_spa();
    let home = counter.ok(&[
        "service",
        "add",
        "--name",
        "Massage tại nhà",
        "--minutes",
        "60",
        "--price",
        "500000",
    ]);
    let home = s(&home["id"]).to_owned();
    counter.ok(&["staff", "services", &mai, "--service", &home]);
    counter.ok(&[
        "staff",
        "add",
        "--name",
        "Thu",
        "--role",
        "therapist",
        "--service",
        &home,
    ]);
    counter.ok(&[
        "staff", "hours", "Thu", "--day", "all", "--from", "08:00", "--to", "17:00",
    ]);
    counter.hire("Lan", "receptionist", "1111");
    counter.ok(&["customer", "edit", AN, "--address", AN_HOME]);
    let package = counter.ok(&[
        "package",
        "add",
        "--name",
        "Tại nhà 4 buổi",
        "--sessions",
        "4",
        "--valid-days",
        "60",
        "--price",
        "1800000",
        "--service",
        "massage tai nha",
        "--home-visit",
    ]);
    assert_eq!(package["home_visit"], true);
    counter
}

/// `treatment sell` on `EVE` of a home visit with Mai, first at `start`.
fn sale_args<'a>(customer: &'a str, package: &'a str, start: &'a str) -> Vec<&'a str> {
    vec![
        "--now",
        EVE,
        "treatment",
        "sell",
        "--customer",
        customer,
        "--package",
        package,
        "--staff",
        "Mai",
        "--start",
        start,
    ]
}

fn sell(counter: &Counter, start: &str) -> Value {
    counter.ok(&sale_args(AN, "tai nha 4 buoi", start))
}

fn changes(treatment: &Value) -> Vec<String> {
    treatment["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|entry| s(&entry["change"]).to_owned())
        .collect()
}

#[test]
fn a_home_visit_is_sold_with_its_first_visit_and_stays_with_its_therapist() {
    let counter = spa();
    let sold = sell(&counter, "2030-03-15T09:30");
    for key in ["id", "total", "used", "remaining", "expires_on", "status"] {
        assert!(sold.get(key).is_some(), "{key}");
    }
    assert_eq!(sold["reserved"], 1);
    assert_eq!(sold["home"]["staff_name"], "Mai");
    assert_eq!(sold["home"]["address"], AN_HOME);
    assert_eq!(sold["home"]["schedule_by"], "2030-04-12");
    let booking = s(&sold["booking"]["id"]).to_owned();
    assert_eq!(sold["booking"]["items"][0]["address"], AN_HOME);
    let id = s(&sold["id"]).to_owned();

    let day = counter.ok(&["day", "--date", "2030-03-15"]);
    let mai = day["staff"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["name"] == "Mai")
        .expect("Mai's column")
        .clone();
    assert_eq!(mai["bookings"][0]["address"], AN_HOME);
    // The plain output says where to go too.
    let plain = counter.run(&["booking", "show", &booking]);
    assert!(String::from_utf8_lossy(&plain.stdout).contains(AN_HOME));

    let with = |staff: &'static str, start: &'static str| {
        vec![
            "--now",
            EVE,
            "booking",
            "add",
            "--customer",
            AN,
            "--service",
            "massage tai nha",
            "--staff",
            staff,
            "--start",
            start,
            "--treatment",
        ]
    };
    let mut thu = with("Thu", "2030-03-18T09:30");
    thu.push(&id);
    assert_eq!(counter.refused(&thu), "treatment_other_staff");
    let mut mai_again = with("Mai", "2030-03-18T09:30");
    mai_again.push(&id);
    let second = counter.ok(&mai_again);
    let second = s(&second["id"]).to_owned();

    // The swap is a manager's; it moves the visits still to come.
    let swap = [
        "--now",
        "2030-03-16T10:00",
        "treatment",
        "swap-staff",
        &id,
        "--staff",
        "Thu",
        "--note",
        "Mai nghỉ phép",
    ];
    assert_eq!(
        counter.refused(&[&["--as", "Lan"], &swap[..]].concat()),
        "permission_denied"
    );
    let swapped = counter.ok(&swap);
    assert_eq!(swapped["moved"], serde_json::json!([second]));
    assert_eq!(swapped["home"]["staff_name"], "Thu");
    assert_eq!(
        changes(&swapped).last().map(String::as_str),
        Some("staff_swapped")
    );
    let moved = counter.ok(&["booking", "show", &second]);
    assert_eq!(moved["items"][0]["staff_name"], "Thu");
    assert_eq!(counter.refused(&swap), "nothing_to_change");

    // Thirty days after the sale the two sessions nobody booked lapse.
    let unbooked = counter.ok(&["--now", "2030-04-13T00:05", "treatment", "show", &id]);
    assert_eq!(unbooked["available"], 0);
    let job = counter.ok(&["--now", "2030-04-13T00:05", "treatment", "expire"]);
    assert_eq!(job["expired"], serde_json::json!([id]));
    let lapsed = counter.ok(&["--now", "2030-04-13T00:05", "treatment", "show", &id]);
    assert_eq!(lapsed["lapsed"], 2);
    assert!(changes(&lapsed).contains(&"lapsed".to_owned()));
}

#[test]
fn home_sales_and_retired_packages_are_refused_with_nothing_written() {
    let counter = spa();
    let plain = [
        "--now",
        EVE,
        "treatment",
        "sell",
        "--customer",
        AN,
        "--package",
        "tai nha 4 buoi",
    ];
    assert_eq!(counter.refused(&plain), "first_visit_required");
    // --start without --staff is a usage error, refused before anything.
    let half = counter.run(&[
        "treatment",
        "sell",
        "--customer",
        AN,
        "--package",
        "tai nha 4 buoi",
        "--start",
        "2030-03-15T09:30",
    ]);
    assert!(!half.status.success());
    // Bích has no address on file.
    let bich = sale_args("0983111222", "tai nha 4 buoi", "2030-03-15T09:30");
    assert_eq!(counter.refused(&bich), "address_missing");
    let evening = sale_args(AN, "tai nha 4 buoi", "2030-03-15T16:30");
    assert_eq!(counter.refused(&evening), "outside_hours");
    let no_service = [
        "package",
        "add",
        "--name",
        "Tại nhà",
        "--sessions",
        "4",
        "--valid-days",
        "60",
        "--price",
        "1",
        "--home-visit",
    ];
    assert_eq!(counter.refused(&no_service), "invalid_value");

    let retired = counter.ok(&["package", "retire", "tai nha 4 buoi"]);
    assert_eq!(retired["active"], false);
    assert_eq!(
        counter.refused(&["package", "retire", "tai nha 4 buoi"]),
        "nothing_to_change"
    );
    let sale = sale_args(AN, "tai nha 4 buoi", "2030-03-15T09:30");
    assert_eq!(counter.refused(&sale), "package_inactive");
    assert_eq!(
        counter.refused(&["--as", "Lan", "package", "offer", "tai nha 4 buoi"]),
        "permission_denied"
    );
    counter.ok(&["package", "offer", "tai nha 4 buoi"]);
    for (args, code) in [
        (
            vec!["package", "edit", "tai nha 4 buoi"],
            "nothing_to_change",
        ),
        (
            vec!["package", "edit", "tai nha 4 buoi", "--price", "-1"],
            "invalid_value",
        ),
        (
            vec!["package", "edit", "tai nha 4 buoi", "--name", " "],
            "empty_field",
        ),
        (
            vec!["package", "edit", "no such package", "--price", "1"],
            "not_found",
        ),
    ] {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
    let renamed = counter.ok(&[
        "package",
        "edit",
        "tai nha 4 buoi",
        "--name",
        "Massage tại nhà 4 buổi",
        "--price",
        "2000000",
    ]);
    assert_eq!(renamed["name"], "Massage tại nhà 4 buổi");
    let renamed_sale = sale_args(AN, "massage tai nha 4 buoi", "2030-03-15T09:30");
    let sold = counter.ok(&renamed_sale);
    assert_eq!(sold["name"], "Massage tại nhà 4 buổi");
}
