//! Packages and treatments (punch cards) through the real binary: selling,
//! sessions reserved by bookings and punched when they complete, the
//! refusals, expiry by date and the daily job, and extensions. The business
//! is in Asia/Ho_Chi_Minh (+07:00); 2030-03-15 is a Friday.

mod common;

use common::{Counter, s};
use serde_json::Value;

const DAY: &str = "2030-03-15";
/// The day before: the day of every sale, so that nothing on `DAY` is too
/// soon.
const EVE: &str = "2030-03-14T10:00";
/// What a 30-day card sold on `EVE` expires on: the day of sale counts.
const LAST_DAY: &str = "2030-04-12";

/// Hoa (owner, PIN 1234) with a 60-minute massage (+30 buffer), Mai who
/// performs it from 08:00 to 17:00 every day, Lan at the desk, two
/// customers, and two packages of massages valid for 30 days: ten sessions,
/// and a one-session trial.
struct Spa {
    counter: Counter,
    massage: String,
    ten: String,
    trial: String,
}

/// The customers `common::massage_spa` adds.
const AN: &str = "0912345678";
const BICH: &str = "0983111222";

fn spa() -> Spa {
    let (counter, massage, _) = common::massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    let ten = counter.ok(&[
        "package",
        "add",
        "--name",
        "Massage 10 buổi",
        "--sessions",
        "10",
        "--valid-days",
        "30",
        "--price",
        "3000000",
        "--service",
        "massage da nong",
    ]);
    let trial = counter.ok(&[
        "package",
        "add",
        "--name",
        "Thử 1 buổi",
        "--sessions",
        "1",
        "--valid-days",
        "30",
        "--price",
        "300000",
        "--service",
        &massage,
    ]);
    Spa {
        counter,
        massage,
        ten: s(&ten["id"]).to_owned(),
        trial: s(&trial["id"]).to_owned(),
    }
}

impl Spa {
    /// Sells `package` to `customer` on `EVE`; returns the treatment's id.
    fn sell(&self, customer: &str, package: &str) -> String {
        let sold = self.counter.ok(&[
            "--now",
            EVE,
            "treatment",
            "sell",
            "--customer",
            customer,
            "--package",
            package,
        ]);
        s(&sold["id"]).to_owned()
    }

    /// `booking add` on `DAY` at `start` with Mai, paid by `treatment`, as
    /// the command line takes it.
    fn booking_args<'a>(
        &'a self,
        customer: &'a str,
        start: &'a str,
        treatment: &'a str,
    ) -> Vec<&'a str> {
        vec![
            "--now",
            EVE,
            "booking",
            "add",
            "--customer",
            customer,
            "--service",
            &self.massage,
            "--staff",
            "Mai",
            "--start",
            start,
            "--treatment",
            treatment,
        ]
    }

    fn show(&self, treatment: &str, now: &str) -> Value {
        self.counter
            .ok(&["--now", now, "treatment", "show", treatment])
    }
}

fn changes(treatment: &Value) -> Vec<String> {
    treatment["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|entry| s(&entry["change"]).to_owned())
        .collect()
}

fn ids(expired: &Value) -> Vec<String> {
    expired["expired"]
        .as_array()
        .expect("expired")
        .iter()
        .map(|id| s(id).to_owned())
        .collect()
}

#[test]
fn packages_are_added_listed_and_sold() {
    let spa = spa();
    let counter = &spa.counter;
    let listed = counter.ok(&["package", "list"]);
    let listed: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .map(|p| s(&p["id"]))
        .collect();
    assert!(listed.contains(&spa.ten.as_str()));
    assert!(listed.contains(&spa.trial.as_str()));

    let sold = counter.ok(&[
        "--now",
        EVE,
        "treatment",
        "sell",
        "--customer",
        "+84 912 345 678",
        "--package",
        "massage 10 buoi",
    ]);
    for key in ["id", "total", "used", "remaining", "expires_on", "status"] {
        assert!(sold.get(key).is_some(), "{key}");
    }
    assert_eq!(sold["status"], "ACTIVE");
    assert_eq!(sold["total"], 10);
    assert_eq!(sold["used"], 0);
    assert_eq!(sold["remaining"], 10);
    assert_eq!(sold["expires_on"], LAST_DAY);
    let id = s(&sold["id"]).to_owned();

    let shown = spa.show(&id, EVE);
    for key in [
        "id",
        "total",
        "used",
        "remaining",
        "expires_on",
        "status",
        "history",
    ] {
        assert!(shown.get(key).is_some(), "{key}");
    }
    assert_eq!(changes(&shown), ["sold"]);
    let mine = counter.ok(&["--now", EVE, "treatment", "list", "--customer", AN]);
    assert_eq!(mine[0]["id"], id.as_str());
    let theirs = counter.ok(&["--now", EVE, "treatment", "list", "--customer", BICH]);
    assert_eq!(theirs, serde_json::json!([]));

    for (args, code) in [
        (
            vec![
                "package",
                "add",
                "--name",
                "Empty",
                "--sessions",
                "0",
                "--valid-days",
                "30",
                "--price",
                "1",
            ],
            "invalid_value",
        ),
        (
            vec![
                "--as",
                "Lan",
                "package",
                "add",
                "--name",
                "Lan's own",
                "--sessions",
                "5",
                "--valid-days",
                "30",
                "--price",
                "1",
            ],
            "permission_denied",
        ),
        (
            vec![
                "treatment",
                "sell",
                "--customer",
                AN,
                "--package",
                "no such package",
            ],
            "not_found",
        ),
        (vec!["treatment", "show", "not-an-id"], "invalid_id"),
    ] {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
}

#[test]
fn a_completed_booking_punches_the_card() {
    let spa = spa();
    let counter = &spa.counter;
    let treatment = spa.sell(AN, &spa.ten);
    let start = format!("{DAY}T09:00");
    let booking = counter.ok(&spa.booking_args(AN, &start, &treatment));
    let booking = s(&booking["id"]).to_owned();

    let booked = spa.show(&treatment, EVE);
    assert_eq!(booked["used"], 0);
    assert_eq!(booked["reserved"], 1);
    assert_eq!(booked["remaining"], 10);

    let now = format!("{DAY}T09:00");
    counter.ok(&["--now", &now, "booking", "check-in", &booking]);
    let now = format!("{DAY}T10:00");
    let done = counter.ok(&["--now", &now, "booking", "complete", &booking]);
    assert_eq!(done["status"], "COMPLETED");

    let punched = spa.show(&treatment, &now);
    assert_eq!(punched["used"], 1);
    assert_eq!(punched["reserved"], 0);
    assert_eq!(punched["remaining"], 9);
    assert_eq!(punched["status"], "ACTIVE");
    assert_eq!(changes(&punched), ["sold", "reserved", "punched"]);
    let punch = &punched["history"][2];
    assert_eq!(punch["session"]["booking"], booking.as_str());
    assert_eq!(punch["session"]["staff_name"], "Mai");
    assert_eq!(punch["session"]["service_name"], "Massage đá nóng");

    // Readable without --json too: the punch card and its statement.
    let plain = counter.run(&["--now", &now, "treatment", "show", &treatment]);
    assert!(plain.status.success());
    let plain = String::from_utf8(plain.stdout).expect("utf-8");
    assert!(plain.contains("1/10"), "{plain}");
    assert!(plain.contains("punched"), "{plain}");
}

#[test]
fn a_card_pays_only_for_its_customer_and_its_sessions() {
    let spa = spa();
    let counter = &spa.counter;
    let treatment = spa.sell(AN, &spa.trial);
    let nine = format!("{DAY}T09:00");
    assert_eq!(
        counter.refused(&spa.booking_args(BICH, &nine, &treatment)),
        "treatment_other_customer"
    );
    counter.ok(&spa.booking_args(AN, &nine, &treatment));
    let eleven = format!("{DAY}T11:00");
    assert_eq!(
        counter.refused(&spa.booking_args(AN, &eleven, &treatment)),
        "treatment_exhausted"
    );
    let card = spa.show(&treatment, EVE);
    assert_eq!(card["reserved"], 1);
    assert_eq!(card["remaining"], 1);
}

#[test]
fn a_card_expires_after_its_last_day_and_the_daily_job_records_it_once() {
    let spa = spa();
    let counter = &spa.counter;
    let treatment = spa.sell(AN, &spa.ten);

    // The last day counts, in the business's time zone.
    let last_evening = format!("{LAST_DAY}T23:30");
    assert_eq!(spa.show(&treatment, &last_evening)["status"], "ACTIVE");
    assert_eq!(
        ids(&counter.ok(&["--now", &last_evening, "treatment", "expire"])),
        Vec::<String>::new()
    );

    let after = "2030-04-13T00:30";
    let expired = spa.show(&treatment, after);
    assert_eq!(expired["status"], "EXPIRED");
    assert_eq!(expired["remaining"], 10);
    // Expired before the job ran: the date decides.
    assert!(!changes(&expired).contains(&"expired".to_owned()));
    let booking = [
        "--now",
        after,
        "booking",
        "add",
        "--customer",
        AN,
        "--service",
        &spa.massage,
        "--staff",
        "Mai",
        "--start",
        "2030-04-14T09:00",
        "--treatment",
        &treatment,
    ];
    assert_eq!(counter.refused(&booking), "treatment_expired");

    let first = counter.ok(&["--now", after, "treatment", "expire"]);
    assert_eq!(ids(&first), [treatment.as_str()]);
    let second = counter.ok(&["--now", "2030-04-14T08:00", "treatment", "expire"]);
    assert_eq!(ids(&second), Vec::<String>::new());
    let recorded = spa.show(&treatment, after);
    assert_eq!(recorded["status"], "EXPIRED");
    assert_eq!(
        changes(&recorded)
            .iter()
            .filter(|c| c.as_str() == "expired")
            .count(),
        1
    );
}

#[test]
fn a_used_up_card_is_completed_not_expired() {
    let spa = spa();
    let counter = &spa.counter;
    let treatment = spa.sell(AN, &spa.trial);
    let start = format!("{DAY}T09:00");
    let booking = counter.ok(&spa.booking_args(AN, &start, &treatment));
    let booking = s(&booking["id"]).to_owned();
    let now = format!("{DAY}T10:00");
    counter.ok(&["--now", &now, "booking", "check-in", &booking]);
    counter.ok(&["--now", &now, "booking", "complete", &booking]);
    assert_eq!(spa.show(&treatment, &now)["status"], "COMPLETED");

    let after = "2030-05-01T08:00";
    assert_eq!(spa.show(&treatment, after)["status"], "COMPLETED");
    assert_eq!(
        ids(&counter.ok(&["--now", after, "treatment", "expire"])),
        Vec::<String>::new()
    );
}

#[test]
fn extending_is_a_managers_action_and_only_later() {
    let spa = spa();
    let counter = &spa.counter;
    let treatment = spa.sell(AN, &spa.ten);
    let extend = |who: &'static str, to: &'static str| {
        let mut args = vec![
            "--now",
            EVE,
            "treatment",
            "extend",
            treatment.as_str(),
            "--to",
            to,
            "--reason",
            "ốm hai tuần",
        ];
        if !who.is_empty() {
            args.splice(0..0, ["--as", who]);
        }
        args
    };
    assert_eq!(
        counter.refused(&extend("Lan", "2030-04-30")),
        "permission_denied"
    );
    assert_eq!(counter.refused(&extend("", "2030-04-01")), "invalid_value");
    assert_eq!(counter.refused(&extend("", LAST_DAY)), "invalid_value");
    assert_eq!(counter.refused(&extend("", "2030-04-31")), "invalid_date");
    let mut no_reason = extend("", "2030-04-30");
    no_reason[8] = " ";
    assert_eq!(counter.refused(&no_reason), "empty_field");

    let extended = counter.ok(&extend("", "2030-04-30"));
    assert_eq!(extended["expires_on"], "2030-04-30");
    assert_eq!(extended["status"], "ACTIVE");
    assert_eq!(changes(&extended), ["sold", "extended"]);
    let entry = &extended["history"][1];
    assert_eq!(entry["from"], LAST_DAY);
    assert_eq!(entry["to"], "2030-04-30");
    assert_eq!(entry["reason"], "ốm hai tuần");
    assert_eq!(spa.show(&treatment, "2030-04-20T10:00")["status"], "ACTIVE");

    // A receptionist with a manager's approval may.
    let mut approved = extend("Lan", "2030-05-15");
    approved.splice(0..0, ["--approve", "Hoa:1234"]);
    let later = counter.ok(&approved);
    assert_eq!(later["expires_on"], "2030-05-15");
}
