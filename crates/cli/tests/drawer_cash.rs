//! Cash and the drawer through the real binary: a cash sale needs the
//! register's drawer open, a cash refund or payout needs it to hold the
//! cash and takes it out; card, transfer and wallet money never needs it.
//! Credit from the desk needs a manager above the business's limit. Every
//! refusal writes nothing (`Counter::refused` compares dump and ops).

mod common;

use common::{Counter, massage_spa, s};
use serde_json::{Value, json};

const AN: &str = "0912345678";
const DAY: &str = "2030-03-14";

/// `args` run at `time` on `DAY`.
fn at<'a>(time: &'a str, args: &[&'a str]) -> Vec<String> {
    let mut all = vec!["--now".to_owned(), format!("{DAY}T{time}")];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    all
}

fn ok(counter: &Counter, time: &str, args: &[&str]) -> Value {
    counter.ok(&at(time, args)
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>())
}

fn refused(counter: &Counter, time: &str, args: &[&str]) -> String {
    counter.refused(
        &at(time, args)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
}

fn refs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn drawer_cash(counter: &Counter, time: &str) -> Value {
    let drawers = ok(counter, time, &["drawer", "show"]);
    drawers["drawers"]
        .as_array()
        .expect("drawers")
        .last()
        .expect("a drawer")["expected"]["cash"]
        .clone()
}

#[test]
fn a_cash_payout_is_a_drawer_move_and_a_transfer_is_not() {
    let (counter, massage, _mai) = massage_spa();
    counter.ok(&[
        "--now",
        "2030-03-01T08:00",
        "staff",
        "rate",
        "Mai",
        "--rate",
        "40%",
    ]);
    common::massage_given(
        &counter,
        &massage,
        &format!("{DAY}T07:30"),
        &format!("{DAY}T09:00"),
    );
    // Mai is owed 140 000.
    let payout = |amount: &str, method: &str| {
        vec![
            "staff",
            "payout",
            "Mai",
            "--amount",
            amount,
            "--note",
            "tuần 11",
            "--method",
            method,
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };

    assert_eq!(
        refused(&counter, "18:00", &refs(&payout("50000", "cash"))),
        "drawer_closed"
    );
    // Without --method it is cash.
    assert_eq!(
        refused(
            &counter,
            "18:00",
            &[
                "staff",
                "payout",
                "Mai",
                "--amount",
                "50000",
                "--note",
                "tuần 11"
            ]
        ),
        "drawer_closed"
    );
    assert_eq!(
        refused(&counter, "18:00", &refs(&payout("50000", "cheque"))),
        "invalid_value"
    );
    let paid = ok(&counter, "18:00", &refs(&payout("40000", "transfer")));
    assert_eq!(paid["balance"], 100_000);

    ok(&counter, "18:05", &["drawer", "open", "60000"]);
    assert_eq!(
        refused(&counter, "18:10", &refs(&payout("60001", "cash"))),
        "drawer_short"
    );
    let paid = ok(&counter, "18:10", &refs(&payout("60000", "cash")));
    assert_eq!(paid["balance"], 40_000);
    assert_eq!(drawer_cash(&counter, "18:15"), 0);
    let drawers = ok(&counter, "18:15", &["drawer", "show"]);
    let moves = &drawers["drawers"][0]["moves"];
    assert_eq!(moves[0]["amount"], -60_000);
    assert_eq!(moves[0]["payout"], "Mai");

    let income = ok(
        &counter,
        "18:20",
        &["staff", "income", "Mai", "--month", "2030-03"],
    );
    let methods: Vec<&Value> = income["payouts"]
        .as_array()
        .expect("payouts")
        .iter()
        .map(|p| &p["method"])
        .collect();
    assert_eq!(methods, [&json!("transfer"), &json!("cash")]);
}

#[test]
fn cash_in_and_back_out_needs_an_open_drawer_that_holds_it() {
    let (counter, _massage, _mai) = massage_spa();
    let candle = [
        "sale",
        "add",
        "--item",
        "Nến:100000",
        "--pay",
        "cash:100000",
    ];
    assert_eq!(refused(&counter, "09:00", &candle), "drawer_closed");
    assert_eq!(
        refused(
            &counter,
            "09:00",
            &[
                "sale",
                "add",
                "--item",
                "Nến:100000",
                "--pay",
                "card:60000",
                "--pay",
                "cash:40000"
            ]
        ),
        "drawer_closed"
    );
    let by_card = ok(
        &counter,
        "09:00",
        &["sale", "add", "--item", "Dầu:80000", "--pay", "card:80000"],
    );
    ok(
        &counter,
        "09:00",
        &[
            "sale",
            "add",
            "--item",
            "Dầu:80000",
            "--pay",
            "transfer:80000",
        ],
    );

    ok(&counter, "09:30", &["drawer", "open", "0"]);
    let sale = ok(&counter, "10:00", &candle);
    let number = s(&sale["number"]).to_owned();
    ok(
        &counter,
        "10:10",
        &["drawer", "move", "-50000", "--reason", "nộp ngân hàng"],
    );
    assert_eq!(
        refused(&counter, "10:20", &["sale", "refund", &number]),
        "drawer_short"
    );
    assert_eq!(
        refused(&counter, "10:20", &["sale", "void", &number]),
        "drawer_short"
    );
    let back = ok(
        &counter,
        "10:20",
        &["sale", "refund", &number, "--amount", "50000"],
    );
    assert_eq!(back["refunded"], 50_000);
    assert_eq!(drawer_cash(&counter, "10:30"), 0);

    ok(&counter, "18:00", &["drawer", "close", "--count", "cash:0"]);
    assert_eq!(
        refused(&counter, "18:10", &["sale", "refund", &number]),
        "drawer_closed"
    );
    // A card void needs no drawer.
    ok(&counter, "18:10", &["sale", "void", s(&by_card["number"])]);
}

#[test]
fn credit_from_the_desk_needs_a_manager_above_the_limit() {
    let (counter, _massage, _mai) = massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    let credit = |amount: &'static str| {
        [
            "--as",
            "Lan",
            "wallet",
            "credit",
            AN,
            amount,
            "--days",
            "30",
            "--note",
            "khai trương",
        ]
    };
    assert_eq!(
        refused(&counter, "10:00", &credit("5000000")),
        "permission_denied"
    );
    let approved = ok(
        &counter,
        "10:00",
        &[&["--approve", "Hoa:1234"], &credit("5000000")[..]].concat(),
    );
    assert_eq!(approved["virtual"], 5_000_000);

    let settings = ok(
        &counter,
        "10:05",
        &["settings", "checkout", "--credit-limit", "100000"],
    );
    assert_eq!(settings["credit_limit"], 100_000);
    assert_eq!(
        refused(
            &counter,
            "10:05",
            &["--as", "Lan", "settings", "checkout", "--credit-limit", "0"]
        ),
        "permission_denied"
    );
    let alone = ok(&counter, "10:10", &credit("100000"));
    assert_eq!(alone["virtual"], 5_100_000);
    assert_eq!(
        refused(&counter, "10:10", &credit("100001")),
        "permission_denied"
    );
    let audit = ok(&counter, "10:20", &["audit", "--staff", "Lan"]);
    let approvers: Vec<&Value> = audit
        .as_array()
        .expect("audit")
        .iter()
        .map(|a| &a["approved_by"])
        .collect();
    assert!(approvers.contains(&&json!("Hoa")), "{audit}");
}
