//! Wallets through the real binary: the keys CLI.md names, the split of a
//! spend, refusals that write nothing, a manager's adjustment and approval,
//! and the daily credit-expiry job. The business is in Asia/Ho_Chi_Minh.

mod common;

use common::Counter;

const AN: &str = "0912345678";
const NOW: &str = "2030-03-14T10:00";

/// `args` run by Lan at the desk at `NOW`.
fn lan<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--as", "Lan", "--now", NOW], args].concat()
}

/// Hoa (owner, PIN 1234), Lan at the desk, and An.
fn counter() -> Counter {
    let counter = Counter::init(&["--owner", "Hoa", "--owner-pin", "1234"]);
    counter.hire("Lan", "receptionist", "1111");
    counter.ok(&["customer", "add", "--name", "Nguyễn Văn An", "--phone", AN]);
    counter
}

#[test]
fn deposits_credit_and_a_spend_that_uses_the_credit_first() {
    let counter = counter();
    let empty = counter.ok(&["wallet", "show", AN]);
    for key in ["balance", "virtual", "credits"] {
        assert!(empty.get(key).is_some(), "{key}");
    }
    assert_eq!(
        (empty["balance"].as_i64(), empty["virtual"].as_i64()),
        (Some(0), Some(0))
    );

    counter.ok(&lan(&[
        "wallet",
        "deposit",
        AN,
        "500000",
        "--method",
        "transfer",
        "--reference",
        "VCB-123",
    ]));
    // Credit from the desk, with the owner there to approve it.
    let credited = counter.ok(&lan(&[
        "--approve",
        "Hoa:1234",
        "wallet",
        "credit",
        AN,
        "100000",
        "--note",
        "khai trương",
    ]));
    let credit = &credited["credits"][0];
    assert_eq!(credit["amount"], 100_000);
    assert_eq!(credit["remaining"], 100_000);
    assert_eq!(credit["expires_at"], "2030-03-29T00:00:00+07:00");

    let spent = counter.ok(&lan(&[
        "wallet",
        "spend",
        AN,
        "150000",
        "--note",
        "gội đầu",
    ]));
    assert_eq!(spent["from_virtual"], 100_000);
    assert_eq!(spent["from_real"], 50_000);
    assert_eq!(spent["balance"], 450_000);
    assert_eq!(spent["virtual"], 0);

    // The customer's file carries the wallet.
    let file = counter.ok(&["--now", NOW, "customer", "show", AN]);
    assert_eq!(file["wallet"]["balance"], 450_000);
    // The readable form names the split.
    let plain = counter.run(&lan(&["wallet", "spend", AN, "1000"]));
    let text = String::from_utf8_lossy(&plain.stdout).into_owned();
    assert!(text.contains("1.000 ₫ real money"), "{text}");
}

#[test]
fn refusals_and_a_managers_adjustment() {
    let counter = counter();
    counter.ok(&["--now", NOW, "wallet", "deposit", AN, "100000"]);
    for (args, code) in [
        (vec!["wallet", "spend", AN, "100001"], "insufficient_funds"),
        (vec!["wallet", "spend", AN, "0"], "invalid_amount"),
        (vec!["wallet", "deposit", AN, "-5"], "invalid_amount"),
        (
            vec!["wallet", "deposit", AN, "100", "--method", "gold"],
            "invalid_value",
        ),
        (
            vec!["wallet", "deposit", AN, "99999999999999"],
            "invalid_amount",
        ),
        (
            vec!["wallet", "credit", AN, "1000", "--note", ""],
            "empty_field",
        ),
        (
            vec!["wallet", "adjust", AN, "-1000", "--note", " "],
            "empty_field",
        ),
        (
            vec!["wallet", "adjust", AN, "-100001", "--note", "kiểm kê"],
            "insufficient_funds",
        ),
        (
            vec![
                "--as", "Lan", "wallet", "adjust", AN, "5000", "--note", "quà",
            ],
            "permission_denied",
        ),
        (
            vec!["--as", "Lan", "wallet", "refund", AN, "5000"],
            "permission_denied",
        ),
        (
            vec![
                "--as", "Lan", "wallet", "credit", AN, "5000000", "--days", "30", "--note", "quà",
            ],
            "permission_denied",
        ),
        (vec!["wallet", "show", "0999999999"], "not_found"),
    ] {
        let args = [&["--now", NOW], &args[..]].concat();
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
    let approved = counter.ok(&[
        "--now",
        NOW,
        "--as",
        "Lan",
        "--approve",
        "Hoa:1234",
        "wallet",
        "adjust",
        AN,
        "-20000",
        "--note",
        "thu nhầm",
    ]);
    assert_eq!(approved["balance"], 80_000);
    let refunded = counter.ok(&["--now", NOW, "wallet", "refund", AN, "80000"]);
    assert_eq!(refunded["balance"], 0);
}

#[test]
fn credit_expires_by_date_and_the_job_records_it_once() {
    let counter = counter();
    counter.ok(&[
        "--now", NOW, "wallet", "credit", AN, "50000", "--days", "1", "--note", "thử",
    ]);
    let next_day = "2030-03-15T00:00";
    let gone = counter.ok(&["--now", next_day, "wallet", "show", AN]);
    assert_eq!(gone["virtual"], 0);
    let job = counter.ok(&["--now", next_day, "wallet", "expire"]);
    assert_eq!(job["expired"].as_array().map(Vec::len), Some(1));
    let again = counter.ok(&["--now", next_day, "wallet", "expire"]);
    assert_eq!(again["expired"], serde_json::json!([]));
}
