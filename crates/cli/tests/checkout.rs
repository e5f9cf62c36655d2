//! Checkout through the real binary: the keys CLI.md names for `sale add`,
//! `sale refund` and `report day`; split payments with change; a refund
//! that needs a manager; the drawer's blind count; a closed day; and
//! refusals that write nothing.

mod common;

use common::{massage_spa, s};

const AN: &str = "0912345678";
const DAY: &str = "2030-03-14";

fn at(time: &str) -> String {
    format!("{DAY}T{time}")
}

/// `args` run at `time` on `DAY`, by the owner unless `--as` is given.
fn when<'a>(time: &'a str, args: &[&'a str]) -> Vec<String> {
    let mut all = vec!["--now".to_owned(), at(time)];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    all
}

fn refs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_day_at_the_till_from_the_float_to_the_closed_day() {
    let (counter, massage, _mai) = massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    let ok = |time: &str, args: &[&str]| counter.ok(&refs(&when(time, args)));
    let refused = |time: &str, args: &[&str]| counter.refused(&refs(&when(time, args)));

    ok("08:00", &["drawer", "open", "500000"]);
    let start = at("09:00");
    let booking = ok(
        "07:30",
        &[
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
        ],
    );
    let id = s(&booking["id"]).to_owned();
    ok("09:00", &["booking", "check-in", &id]);
    ok("10:00", &["booking", "complete", &id]);

    // 350 000 massage + 2 × 120 000 oil = 590 000; card 300 000 and
    // 300 000 cash: 10 000 change.
    let sale = ok(
        "10:05",
        &[
            "--as",
            "Lan",
            "sale",
            "add",
            "--booking",
            &id,
            "--item",
            "Dầu dừa: loại 1:120000:2",
            "--pay",
            "card:300000:POS-881",
            "--pay",
            "cash:300000",
        ],
    );
    for key in ["id", "number", "total", "paid", "change"] {
        assert!(sale.get(key).is_some(), "{key}");
    }
    assert_eq!(sale["total"], 590_000);
    assert_eq!(sale["paid"], 600_000);
    assert_eq!(sale["change"], 10_000);
    assert_eq!(sale["lines"][1]["name"], "Dầu dừa: loại 1");
    assert_eq!(
        sale["customer"],
        counter.ok(&["customer", "show", AN])["customer"]["id"]
    );
    let number = s(&sale["number"]).to_owned();
    assert_eq!(counter.ok(&["sale", "show", &number])["id"], sale["id"]);

    // The same booking again: already paid. A receptionist's refund needs
    // a manager.
    let again = [
        "--as",
        "Lan",
        "sale",
        "add",
        "--booking",
        &id,
        "--pay",
        "cash:350000",
    ];
    assert_eq!(refused("10:10", &again), "already_paid");
    let refund = [
        "--as", "Lan", "sale", "refund", &number, "--amount", "100000",
    ];
    assert_eq!(refused("10:15", &refund), "permission_denied");
    assert_eq!(
        refused("10:15", &["sale", "refund", &number, "--amount", "600000"]),
        "refund_too_large"
    );
    let approved = [&refund[..], &["--to", "wallet"]].concat();
    let approved = [&["--approve", "Hoa:1234"], &approved[..]].concat();
    let back = ok("10:15", &approved);
    for key in ["id", "refunded"] {
        assert!(back.get(key).is_some(), "{key}");
    }
    assert_eq!(back["refunded"], 100_000);
    assert_eq!(counter.ok(&["wallet", "show", AN])["balance"], 100_000);

    // 10 % off is above a 5 % limit: Lan needs Hoa.
    ok("10:20", &["settings", "checkout", "--discount-limit", "5"]);
    let discounted = [
        "--as",
        "Lan",
        "sale",
        "add",
        "--item",
        "Nến:100000",
        "--discount",
        "10%",
        "--pay",
        "cash:90000",
    ];
    assert_eq!(refused("10:30", &discounted), "permission_denied");
    let with_hoa = [&["--approve", "Hoa:1234"], &discounted[..]].concat();
    assert_eq!(ok("10:30", &with_hoa)["total"], 90_000);

    ok(
        "11:00",
        &["drawer", "move", "-50000", "--reason", "mua nước"],
    );
    // 500 000 float + 290 000 + 90 000 cash − 50 000 = 830 000 expected.
    let closed = ok(
        "18:00",
        &[
            "drawer",
            "close",
            "--count",
            "cash:830000",
            "--count",
            "card:300000",
        ],
    );
    assert_eq!(closed["expected"]["cash"], 830_000);
    assert_eq!(closed["difference"]["cash"], 0);

    let report = ok("18:05", &["report", "day", "--date", DAY]);
    for key in ["date", "revenue", "by_method", "sessions", "new_customers"] {
        assert!(report.get(key).is_some(), "{key}");
    }
    // 590 000 + 90 000 sold, 100 000 refunded.
    assert_eq!(report["revenue"], 580_000);
    assert_eq!(report["by_method"]["cash"], 380_000);
    assert_eq!(report["by_method"]["card"], 300_000);
    assert_eq!(report["by_method"]["wallet"], -100_000);
    assert_eq!(report["sessions"], 1);

    assert_eq!(ok("18:10", &["report", "close"])["closed"], true);
    assert_eq!(
        refused(
            "18:15",
            &["sale", "add", "--item", "Nến:1000", "--pay", "cash:1000"]
        ),
        "day_closed"
    );
    let text = counter.run(&refs(&when("18:20", &["report", "day"])));
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("CLOSED") && text.contains("580.000 ₫"),
        "{text}"
    );
}

#[test]
fn malformed_sales_are_refused_before_anything_is_written() {
    let (counter, _massage, _mai) = massage_spa();
    let cases: [(&[&str], &str); 6] = [
        (
            &["sale", "add", "--item", "Nến", "--pay", "cash:1"],
            "invalid_value",
        ),
        (
            &["sale", "add", "--item", "Nến:1000", "--pay", "gold:1000"],
            "invalid_value",
        ),
        (
            &["sale", "add", "--item", "Nến:1000", "--pay", "cash"],
            "invalid_value",
        ),
        (
            &[
                "sale",
                "add",
                "--item",
                "Nến:1000",
                "--discount",
                "abc",
                "--pay",
                "cash:1000",
            ],
            "invalid_value",
        ),
        (
            &["sale", "add", "--item", "Nến:1000", "--pay", "cash:999"],
            "underpaid",
        ),
        (
            &["sale", "add", "--top-up", "100000", "--pay", "cash:100000"],
            "customer_required",
        ),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(args), code, "{args:?}");
    }
    assert_eq!(
        counter.refused(&["sale", "show", "ZZZ-000001"]),
        "not_found"
    );
    assert_eq!(
        counter.refused(&["sale", "refund", "ZZZ-000001", "--to", "pocket"]),
        "invalid_value"
    );
    assert_eq!(counter.refused(&["drawer", "close"]), "drawer_closed");
    assert_eq!(
        counter.refused(&["settings", "checkout", "--tax-rate", "101"]),
        "invalid_settings"
    );
}
