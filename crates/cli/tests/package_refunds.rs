//! Refunds and voids of package and sessions lines through the real
//! binary, as a new user would try them: "Massage 10 buổi" sold for
//! 3.000.000 ₫ in cash and refunded in full leaves no session to book or
//! punch; a void, a sessions line, a partial refund by amount or by
//! sessions, and goodwill a manager gives above the unused share. Every
//! refusal writes nothing. All at a pinned clock (`--now`).

mod common;

use common::{Counter, s};
use serde_json::Value;

const AN: &str = "0912345678";
/// The day of every sale; the bookings are after it.
const EVE: &str = "2030-03-14T10:00";
const LATER: &str = "2030-03-14T16:00";

struct Spa {
    counter: Counter,
    massage: String,
}

/// Hoa (owner) with the massage, Mai, Lan at the desk, "Massage 10 buổi"
/// for 3 000 000, and the register's drawer open.
fn spa() -> Spa {
    let (counter, massage, _) = common::massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    counter.ok(&[
        "package",
        "add",
        "--name",
        "Massage 10 buổi",
        "--sessions",
        "10",
        "--valid-days",
        "90",
        "--price",
        "3000000",
        "--service",
        &massage,
    ]);
    counter.ok(&["--now", EVE, "drawer", "open", "5000000"]);
    Spa { counter, massage }
}

impl Spa {
    /// Sells An the package for cash; returns the receipt number and the
    /// card's treatment id.
    fn sell(&self) -> (String, String) {
        let sale = self.counter.ok(&[
            "--now",
            EVE,
            "sale",
            "add",
            "--customer",
            AN,
            "--package",
            "Massage 10 buổi",
            "--pay",
            "cash:3000000",
        ]);
        assert_eq!(sale["lines"][0]["kind"], "package");
        (
            s(&sale["number"]).to_owned(),
            s(&sale["lines"][0]["treatment"]).to_owned(),
        )
    }

    fn booking<'a>(&'a self, treatment: &'a str, start: &'a str) -> Vec<&'a str> {
        vec![
            "--now",
            EVE,
            "booking",
            "add",
            "--customer",
            AN,
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

    /// A session of `treatment` booked and given on the day of the sale.
    fn give(&self, treatment: &str) {
        let booked = self
            .counter
            .ok(&self.booking(treatment, "2030-03-14T13:00"));
        let id = s(&booked["id"]);
        for (now, verb) in [
            ("2030-03-14T13:00", "check-in"),
            ("2030-03-14T13:00", "start"),
            ("2030-03-14T14:00", "complete"),
        ] {
            self.counter.ok(&["--now", now, "booking", verb, id]);
        }
    }

    fn card(&self, treatment: &str) -> Value {
        self.counter
            .ok(&["--now", LATER, "treatment", "show", treatment])
    }
}

#[test]
fn a_package_refunded_in_full_keeps_no_session() {
    let spa = spa();
    let counter = &spa.counter;
    let (number, card) = spa.sell();
    assert_eq!(spa.card(&card)["available"], 10);

    let refund = counter.ok(&["--now", LATER, "sale", "refund", &number]);
    assert_eq!(refund["refunded"], 3_000_000);
    assert!(refund.get("id").is_some());
    assert_eq!(refund["cards"][0]["sessions"], 10);
    assert_eq!(refund["parts"][0]["tender"], "cash");

    let shown = spa.card(&card);
    assert_eq!(shown["available"], 0);
    assert_eq!(shown["remaining"], 0);
    assert_eq!(shown["refunded"], 10);
    assert_eq!(shown["status"], "REFUNDED");
    let last = shown["history"]
        .as_array()
        .expect("history")
        .last()
        .cloned()
        .expect("an entry");
    assert_eq!(last["change"], "refunded");
    assert_eq!(last["sessions"], 10);
    let file = counter.ok(&["--now", LATER, "customer", "show", AN]);
    assert_eq!(file["treatments"][0]["status"], "REFUNDED");

    // Not bookable, and so not punchable.
    assert_eq!(
        counter.refused(&spa.booking(&card, "2030-03-15T09:00")),
        "treatment_refunded"
    );
    let plain = counter.run(&["--now", LATER, "treatment", "show", &card]);
    let text = String::from_utf8(plain.stdout).expect("utf-8");
    assert!(text.contains("REFUNDED"), "{text}");
    assert!(
        text.contains("10 sessions taken back, 3.000.000 ₫ given back"),
        "{text}"
    );
}

#[test]
fn a_voided_package_and_a_refunded_sessions_line_keep_no_session() {
    let spa = spa();
    let counter = &spa.counter;
    let (number, card) = spa.sell();
    let void = counter.ok(&["--now", LATER, "sale", "void", &number]);
    assert_eq!(void["cards"][0]["sessions"], 10);
    assert_eq!(spa.card(&card)["status"], "REFUNDED");
    assert_eq!(
        counter.refused(&spa.booking(&card, "2030-03-15T09:00")),
        "treatment_refunded"
    );

    let (_, other) = spa.sell();
    let sessions = format!("{other}:2");
    let more = counter.ok(&[
        "--now",
        EVE,
        "sale",
        "add",
        "--customer",
        AN,
        "--sessions",
        &sessions,
        "--pay",
        "cash:600000",
    ]);
    assert_eq!(spa.card(&other)["available"], 12);
    let refund = counter.ok(&["--now", LATER, "sale", "refund", s(&more["number"])]);
    assert_eq!(refund["refunded"], 600_000);
    assert_eq!(refund["cards"][0]["sessions"], 2);
    let shown = spa.card(&other);
    assert_eq!(shown["available"], 10);
    assert_eq!(shown["refunded"], 2);
}

#[test]
fn a_partial_refund_takes_sessions_and_goodwill_is_recorded() {
    let spa = spa();
    let counter = &spa.counter;
    let (number, card) = spa.sell();
    spa.give(&card);

    // The manager names the sessions: 3 of the 9 left, at 300 000 each.
    let three = counter.ok(&["--now", LATER, "sale", "refund", &number, "--sessions", "3"]);
    assert_eq!(three["refunded"], 900_000);
    assert_eq!(spa.card(&card)["available"], 6);
    // An amount takes back what it pays for, rounded up: 400 000 is 1.33
    // sessions' worth, so 2 go back.
    let some = counter.ok(&[
        "--now", LATER, "sale", "refund", &number, "--amount", "400000",
    ]);
    assert_eq!(some["cards"][0]["sessions"], 2);
    assert_eq!(spa.card(&card)["available"], 4);

    // Used sessions are not refundable, nor more sessions than are left.
    for args in [
        vec!["--amount", "1800000"],
        vec!["--sessions", "5"],
        // 2 more sessions' share is 800 000 (7 of 10 less what went back).
        vec!["--sessions", "2", "--amount", "900000"],
    ] {
        let mut all = vec!["--now", LATER, "sale", "refund", number.as_str()];
        all.extend(args);
        assert_eq!(counter.refused(&all), "refund_too_large", "{all:?}");
    }
    // A receptionist refunds nothing without a manager.
    assert_eq!(
        counter.refused(&[
            "--as",
            "Lan",
            "--now",
            LATER,
            "sale",
            "refund",
            &number,
            "--goodwill",
        ]),
        "permission_denied"
    );
    // The rest of the price, goodwill included, by the owner's decision:
    // the 4 sessions' share is 1 400 000.
    let goodwill = counter.ok(&[
        "--now",
        LATER,
        "sale",
        "refund",
        &number,
        "--amount",
        "1700000",
        "--goodwill",
        "--note",
        "khách chuyển nhà",
    ]);
    assert_eq!(goodwill["cards"][0]["sessions"], 4);
    assert_eq!(goodwill["cards"][0]["goodwill"], 300_000);
    assert_eq!(spa.card(&card)["status"], "REFUNDED");

    let audit = counter.ok(&["audit", "--lang", "en"]);
    let said: Vec<&str> = audit
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| s(&e["text"]))
        .collect();
    assert!(
        said.iter()
            .any(|t| t.contains("took back 4 sessions") && t.contains("300.000 ₫ goodwill")),
        "{said:#?}"
    );
    let report = counter.ok(&["--now", LATER, "report", "day"]);
    assert_eq!(report["goodwill"], 300_000);
    assert_eq!(report["refunds"], 3_000_000);
    let receipt = counter.run(&["--now", LATER, "sale", "show", &number]);
    let text = String::from_utf8(receipt.stdout).expect("utf-8");
    assert!(
        text.contains(
            "Massage 10 buổi: 4 sessions taken back, 1.700.000 ₫ refunded (300.000 ₫ goodwill)"
        ),
        "{text}"
    );
}
