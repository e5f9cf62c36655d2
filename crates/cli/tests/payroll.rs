//! Therapist pay through the real binary: `staff rate`, `staff income`
//! (one person's month, and the pay sheet), `staff payout`; the keys they
//! print, who may use them, and refusals that write nothing.

mod common;

use common::{massage_spa, s};
use serde_json::json;

const AN: &str = "0912345678";

#[test]
fn sessions_earn_shares_and_payouts_leave_the_balance_owed() {
    let (counter, massage, mai) = massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    counter.ok(&["staff", "pin", "Mai", "2222"]);

    let rate = counter.ok(&[
        "--now",
        "2030-03-01T08:00",
        "staff",
        "rate",
        "Mai",
        "--rate",
        "40%",
    ]);
    assert_eq!(rate["staff"], json!(mai));
    assert_eq!(rate["rates"], json!([{"from": "2030-03-01", "rate": 4000}]));
    assert_eq!(rate["balance"], 0);

    // Two massages given (350 000 each), one booked and not yet given.
    for (day, given) in [("14", true), ("15", true), ("16", false)] {
        let start = format!("2030-03-{day}T09:00");
        let booking = counter.ok(&[
            "--now",
            "2030-03-13T09:00",
            "booking",
            "add",
            "--customer",
            AN,
            "--service",
            &massage,
            "--staff",
            "Mai",
            "--start",
            &start,
        ]);
        if given {
            let id = s(&booking["id"]).to_owned();
            counter.ok(&["--now", &start, "booking", "check-in", &id]);
            counter.ok(&[
                "--now",
                &format!("2030-03-{day}T10:00"),
                "booking",
                "complete",
                &id,
            ]);
        }
    }

    let income = counter.ok(&[
        "--now",
        "2030-03-20T18:00",
        "staff",
        "income",
        "Mai",
        "--month",
        "2030-03",
    ]);
    for key in [
        "staff", "name", "month", "currency", "rates", "sessions", "earned", "unrated", "payouts",
        "paid", "balance",
    ] {
        assert!(income.get(key).is_some(), "{key}");
    }
    assert_eq!(income["month"], "2030-03");
    assert_eq!(income["earned"], 280_000);
    let sessions = income["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["kind"], "completed");
    assert_eq!(sessions[0]["price"], 350_000);
    assert_eq!(sessions[0]["rate"], 4000);
    assert_eq!(sessions[0]["share"], 140_000);
    assert_eq!(sessions[0]["customer_name"], "Nguyễn Văn An");
    assert_eq!(sessions[0]["date"], "2030-03-14");

    // Paid in cash from the drawer, opened for the evening.
    counter.ok(&["--now", "2030-03-20T17:55", "drawer", "open", "500000"]);
    // The desk cannot pay; a manager's approval on the spot can.
    let code = counter.refused(&[
        "--now",
        "2030-03-20T18:00",
        "--as",
        "Lan",
        "staff",
        "payout",
        "Mai",
        "--amount",
        "100000",
        "--note",
        "tiền mặt",
    ]);
    assert_eq!(code, "permission_denied");
    let paid = counter.ok(&[
        "--now",
        "2030-03-20T18:00",
        "--as",
        "Lan",
        "--approve",
        "Hoa:1234",
        "staff",
        "payout",
        "Mai",
        "--amount",
        "200000",
        "--note",
        "Nửa đầu tháng 3",
    ]);
    assert_eq!(
        (paid["earned"].clone(), paid["paid"].clone()),
        (json!(280_000), json!(200_000))
    );
    assert_eq!(paid["balance"], 80_000);

    for (code, args) in [
        (
            "payout_above_balance",
            vec!["--amount", "80001", "--note", "x"],
        ),
        ("empty_field", vec!["--amount", "1000", "--note", " "]),
        ("invalid_amount", vec!["--amount", "0", "--note", "x"]),
    ] {
        let mut all = vec!["--now", "2030-03-20T18:00", "staff", "payout", "Mai"];
        all.extend(args);
        assert_eq!(counter.refused(&all), code, "{all:?}");
    }
    assert_eq!(
        counter.refused(&["staff", "rate", "Mai", "--rate", "120%"]),
        "invalid_value"
    );
    assert_eq!(
        counter.refused(&["staff", "rate", "Mai", "--rate", "abc"]),
        "invalid_value"
    );
    assert_eq!(
        counter.refused(&["staff", "income", "Mai", "--month", "2030-13"]),
        "invalid_date"
    );

    // Mai reads her own month; the desk may not read hers, nor the sheet.
    let own = counter.ok(&[
        "--now",
        "2030-03-20T18:00",
        "--as",
        "Mai",
        "staff",
        "income",
        "Mai",
    ]);
    assert_eq!(own["paid"], 200_000);
    assert_eq!(own["payouts"][0]["note"], "Nửa đầu tháng 3");
    assert_eq!(own["payouts"][0]["method"], "cash");
    assert_eq!(
        counter.refused(&["--as", "Lan", "staff", "income", "Mai"]),
        "permission_denied"
    );
    assert_eq!(
        counter.refused(&["--as", "Mai", "staff", "income"]),
        "permission_denied"
    );

    let sheet = counter.ok(&["--now", "2030-03-20T18:00", "staff", "income"]);
    assert_eq!(sheet["month"], "2030-03");
    assert_eq!(
        sheet["staff"],
        json!([{
            "staff": mai, "name": "Mai", "sessions": 2, "earned": 280_000,
            "unrated": 0, "paid": 200_000, "balance": 80_000,
        }])
    );

    // The readable forms name what a manager looks for.
    let text = counter.run(&["--now", "2030-03-20T18:00", "staff", "income", "Mai"]);
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(text.contains("140.000 ₫"), "{text}");
    assert!(text.contains("80.000 ₫"), "{text}");
    let audit = counter.ok(&["audit", "--staff", "Hoa", "--lang", "en"]);
    let said: Vec<&str> = audit
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["text"].as_str().expect("text"))
        .collect();
    assert!(
        said.contains(&"Hoa set Mai's share to 40% from 2030-03-01"),
        "{said:?}"
    );
    assert!(
        said.contains(&"Lan paid Mai 200.000 ₫ in cash: Nửa đầu tháng 3, approved by Hoa"),
        "{said:?}"
    );
}
