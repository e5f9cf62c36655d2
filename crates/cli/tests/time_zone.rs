//! `caredesk settings business --timezone`: the day's report and the
//! drawers of a day follow the new zone at once, and a closed day stays the
//! date it was closed as.

mod common;

use common::Counter;
use serde_json::Value;

const DAY: &str = "2030-03-14";
const NEXT: &str = "2030-03-15";

fn ok_at(counter: &Counter, now: &str, args: &[&str]) -> Value {
    counter.ok(&[&["--now", now], args].concat())
}

fn report(counter: &Counter, day: &str) -> (i64, i64, bool) {
    let report = ok_at(
        counter,
        &format!("{NEXT}T12:00"),
        &["report", "day", "--date", day],
    );
    (
        report["revenue"].as_i64().expect("revenue"),
        report["sales"].as_i64().expect("sales"),
        report["closed"].as_bool().expect("closed"),
    )
}

fn drawers(counter: &Counter, day: &str) -> usize {
    ok_at(
        counter,
        &format!("{NEXT}T12:00"),
        &["drawer", "show", "--date", day],
    )["drawers"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn a_new_time_zone_moves_the_days_of_sales_and_drawers() {
    // Bali, set up with Indonesia's default zone (Jakarta, UTC+7).
    let counter = Counter::init(&["--country", "ID", "--owner", "Wayan", "--owner-pin", "1234"]);
    let at = |time: &str, args: &[&str]| ok_at(&counter, &format!("{DAY}T{time}"), args);
    at("09:00", &["drawer", "open", "500000"]);
    at(
        "10:00",
        &[
            "sale",
            "add",
            "--item",
            "Lulur:150000",
            "--pay",
            "cash:150000",
        ],
    );
    at("23:00", &["drawer", "close", "--count", "cash:650000"]);
    at("23:20", &["drawer", "open", "100000"]);
    at(
        "23:30",
        &[
            "sale",
            "add",
            "--item",
            "Minyak:50000",
            "--pay",
            "cash:50000",
        ],
    );
    at("23:40", &["drawer", "close", "--count", "cash:150000"]);
    assert_eq!(at("23:45", &["report", "close"])["closed"], true);
    assert_eq!(report(&counter, DAY), (200_000, 2, true));
    assert_eq!(drawers(&counter, DAY), 2);

    let changed = counter.ok(&["settings", "business", "--timezone", "Asia/Makassar"]);
    assert_eq!(changed["timezone"], "Asia/Makassar");
    // 23:20 and 23:30 in Jakarta are 00:20 and 00:30 on the 15th in
    // Makassar (UTC+8): that drawer and that sale are the 15th's now.
    assert_eq!(report(&counter, DAY), (150_000, 1, true));
    assert_eq!(report(&counter, NEXT), (50_000, 1, false));
    assert_eq!((drawers(&counter, DAY), drawers(&counter, NEXT)), (1, 1));

    // The 14th stays closed on Makassar's clock too; the 15th is open.
    assert_eq!(
        counter.refused(&[
            "--now",
            &format!("{DAY}T23:55"),
            "sale",
            "add",
            "--item",
            "Nến:1000",
            "--pay",
            "cash:1000"
        ]),
        "day_closed"
    );
    ok_at(
        &counter,
        &format!("{NEXT}T09:00"),
        &["drawer", "open", "100000"],
    );
}
