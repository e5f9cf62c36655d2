//! The `caredesk` command's contract (../shared/CLI.md): names, JSON keys,
//! the error contract, `--now` and `--as`. Runs the real binary on real
//! database files.

mod common;

use std::path::Path;

use common::{Counter, caredesk};
use serde_json::Value;

fn counter() -> Counter {
    Counter::init(&["--register", "A1"])
}

#[test]
fn init_then_customer_add_find_show_with_the_documented_keys() {
    let counter = counter();
    let added = counter.ok(&[
        "customer",
        "add",
        "--name",
        "Đặng Thị Ánh",
        "--phone",
        "0912-345-678",
        "--email",
        "anh@spa.vn",
    ]);
    for key in ["id", "name", "phone"] {
        assert!(added.get(key).is_some(), "{key}");
    }
    assert_eq!(added["phone"], "+84912345678");
    assert_eq!(added["code"], "KH-A1-00001");

    let found = counter.ok(&["customer", "find", "dang"]);
    assert_eq!(found[0]["id"], added["id"]);
    for key in ["id", "name", "phone"] {
        assert!(found[0].get(key).is_some(), "{key}");
    }

    let id = added["id"].as_str().expect("id");
    let by_id = counter.ok(&["customer", "show", id]);
    let by_phone = counter.ok(&["customer", "show", "+84 912 345 678"]);
    assert_eq!(by_id, by_phone);
    for key in ["customer", "wallet", "treatments", "bookings", "tickets"] {
        assert!(by_id.get(key).is_some(), "{key}");
    }
}

#[test]
fn init_json_and_its_refusals() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("id.db");
    let output = caredesk(
        &db,
        &[
            "--json",
            "init",
            "--country",
            "ID",
            "--timezone",
            "Asia/Makassar",
        ],
    );
    assert!(output.status.success());
    let value: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(value["ok"], true);
    assert_eq!(value["currency"], "IDR");
    assert_eq!(value["timezone"], "Asia/Makassar");

    let again = caredesk(&db, &["--json", "init"]);
    assert!(!again.status.success());
    let error: Value = serde_json::from_slice(&again.stderr).expect("json");
    assert_eq!(error["error"]["code"], "already_initialized");

    for args in [
        &["--json", "init", "--country", "FR"][..],
        &["--json", "init", "--currency", "USD"][..],
        &["--json", "init", "--timezone", "Asia/Atlantis"][..],
    ] {
        let db = dir.path().join("never.db");
        let output = caredesk(&db, args);
        assert!(!output.status.success(), "{args:?}");
        let error: Value = serde_json::from_slice(&output.stderr).expect("json");
        assert_eq!(error["error"]["code"], "invalid_settings", "{args:?}");
        assert!(!db.exists(), "{args:?} created a file");
    }
}

#[test]
fn every_refusal_follows_the_error_contract_and_writes_nothing() {
    let counter = counter();
    counter.ok(&[
        "customer",
        "add",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0912345678",
    ]);
    let long = "x".repeat(101);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["customer", "add", "--name", "Bích", "--phone", "12"],
            "invalid_phone",
        ),
        (
            vec!["customer", "add", "--name", " ", "--phone", "0983111222"],
            "empty_field",
        ),
        (
            vec!["customer", "add", "--name", &long, "--phone", "0983111222"],
            "too_long",
        ),
        (
            vec![
                "customer",
                "add",
                "--name",
                "Bích",
                "--phone",
                "+84 912 345 678",
            ],
            "duplicate_phone",
        ),
        (
            vec![
                "customer",
                "add",
                "--name",
                "Bích",
                "--phone",
                "0983111222",
                "--email",
                "x@",
            ],
            "invalid_email",
        ),
        (vec!["customer", "add", "--name", "Bích"], "usage"),
        (vec!["customer", "edit", "0912345678"], "nothing_to_change"),
        (
            vec!["customer", "edit", "0999999999", "--name", "X"],
            "not_found",
        ),
        (
            vec!["customer", "edit", "0912345678", "--phone", "abc"],
            "invalid_phone",
        ),
        (
            vec!["customer", "show", "01a1fca9-8e6b-734f-92c8-86461feda9e1"],
            "not_found",
        ),
        (vec!["customer", "show", "not-an-id"], "not_found"),
        (vec!["customer", "note", "0912345678", " "], "empty_field"),
        (
            vec![
                "--now",
                "tomorrow",
                "customer",
                "add",
                "--name",
                "B",
                "--phone",
                "0983111222",
            ],
            "invalid_time",
        ),
        (
            vec![
                "--as",
                "Nobody",
                "customer",
                "add",
                "--name",
                "B",
                "--phone",
                "0983111222",
            ],
            "not_found",
        ),
        (vec!["ops", "list", "--entity", "xyz"], "invalid_id"),
        (vec!["seed"], "usage"),
        (vec!["frobnicate"], "usage"),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
}

#[test]
fn errors_without_json_are_one_readable_line() {
    let counter = counter();
    let output = counter.run(&["customer", "add", "--name", "An", "--phone", "0912 ABC"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.contains("0912 ABC"), "names the bad input: {stderr}");
    let missing = caredesk(
        Path::new("/nonexistent/dir/x.db"),
        &["customer", "find", "an"],
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("caredesk init"));
}

#[test]
fn now_sets_the_business_clock_and_as_sets_the_actor() {
    let counter = counter();
    let added = counter.ok(&[
        "--now",
        "2026-03-01T08:30",
        "customer",
        "add",
        "--name",
        "Lê Hoa",
        "--phone",
        "0983111999",
    ]);
    assert_eq!(added["created_at"], "2026-03-01T08:30:00+07:00");
    assert_eq!(added["created_by_name"], "Owner");
    let edited = counter.ok(&[
        "--as",
        "owner",
        "customer",
        "edit",
        "0983111999",
        "--email",
        "hoa@spa.vn",
    ]);
    assert_eq!(edited["email"], "hoa@spa.vn");
    let ops = counter.ok(&["ops", "list", "--kind", "customer."]);
    let ops = ops.as_array().expect("array");
    assert_eq!(ops.len(), 2);
    for key in [
        "id",
        "device_id",
        "device_seq",
        "hlc",
        "actor",
        "kind",
        "schema",
        "entity",
        "body",
    ] {
        assert!(ops[0].get(key).is_some(), "op key {key}");
    }
    assert_eq!(ops[0]["actor"], added["created_by"]);
}

#[test]
fn seed_is_deterministic_and_dump_is_canonical() {
    let a = counter();
    let b = counter();
    assert_eq!(
        a.ok(&["seed", "--customers", "50", "--seed", "9"]),
        serde_json::json!({"customers": 50})
    );
    b.ok(&["seed", "--customers", "50", "--seed", "9"]);
    let names = |c: &Counter| {
        let dump = c.ok(&["dump"]);
        let mut people: Vec<(String, String)> = dump["customers"]
            .as_array()
            .expect("customers")
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or_default().to_owned(),
                    c["phone"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        people.sort();
        people
    };
    assert_eq!(names(&a), names(&b));
    // The same database dumps to the same bytes every time.
    assert_eq!(
        a.run(&["--json", "dump"]).stdout,
        a.run(&["--json", "dump"]).stdout
    );
}

#[test]
fn tags_and_notes_from_the_command_line() {
    let counter = counter();
    counter.ok(&[
        "customer",
        "add",
        "--name",
        "Võ Thị Sáu",
        "--phone",
        "0366234567",
    ]);
    counter.ok(&["customer", "note", "0366234567", "Dị ứng tinh dầu sả."]);
    let tagged = counter.ok(&["customer", "tag", "01666234567", "VIP"]);
    assert_eq!(tagged["tags"], serde_json::json!(["vip"]));
    assert_eq!(tagged["notes"][0]["text"], "Dị ứng tinh dầu sả.");
    let untagged = counter.ok(&["customer", "tag", "0366234567", "vip", "--remove"]);
    assert_eq!(untagged["tags"], serde_json::json!([]));
}
