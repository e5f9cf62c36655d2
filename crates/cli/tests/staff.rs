//! `caredesk staff`, `--as` and `--approve` through the real binary.

mod common;

use common::Counter;

fn counter() -> Counter {
    Counter::init(&["--owner", "Hoa", "--owner-pin", "1234"])
}

/// Hoa (owner, 1234) with Lan (receptionist, 1111) and Tuấn (manager, 3333).
fn counter_with_lan_and_tuan() -> Counter {
    let counter = counter();
    counter.hire("Lan", "receptionist", "1111");
    counter.hire("Tuấn", "manager", "3333");
    counter
}

#[test]
fn staff_add_list_and_roles() {
    let counter = counter();
    let lan = counter.hire("Lan", "receptionist", "1111");
    assert!(lan.get("id").is_some());
    assert_eq!(lan["role"], "receptionist");
    counter.hire("Tuấn", "manager", "3333");
    let list = counter.ok(&["staff", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(names, vec!["Hoa", "Lan", "Tuấn"]);

    assert_eq!(
        counter.refused(&["staff", "add", "--name", "X", "--role", "boss"]),
        "invalid_role"
    );
    assert_eq!(
        counter.refused(&[
            "staff",
            "add",
            "--name",
            "X",
            "--role",
            "therapist",
            "--pin",
            "12"
        ]),
        "invalid_pin"
    );
    assert_eq!(
        counter.refused(&[
            "--as",
            "Lan",
            "staff",
            "add",
            "--name",
            "X",
            "--role",
            "therapist"
        ]),
        "permission_denied"
    );
    assert_eq!(
        counter.refused(&["--as", "Tuấn", "staff", "role", "Hoa", "manager"]),
        "cannot_appoint"
    );
    assert_eq!(
        counter.refused(&["staff", "deactivate", "Hoa"]),
        "last_owner"
    );
}

#[test]
fn a_receptionist_with_a_managers_approval() {
    let counter = counter_with_lan_and_tuan();
    assert_eq!(
        counter.refused(&[
            "--as",
            "Lan",
            "--approve",
            "Tuấn:0000",
            "staff",
            "add",
            "--name",
            "Mai",
            "--role",
            "therapist"
        ]),
        "wrong_pin"
    );
    assert_eq!(
        counter.refused(&[
            "--as",
            "Lan",
            "--approve",
            "Tuấn",
            "staff",
            "add",
            "--name",
            "Mai",
            "--role",
            "therapist"
        ]),
        "usage"
    );
    let mai = counter.ok(&[
        "--as",
        "Lan",
        "--approve",
        "tuan:3333",
        "staff",
        "add",
        "--name",
        "Mai",
        "--role",
        "therapist",
    ]);
    let ops = counter.ok(&["ops", "list", "--entity", mai["id"].as_str().expect("id")]);
    let list = counter.ok(&["staff", "list"]);
    let id_of = |name: &str| {
        list.as_array()
            .expect("array")
            .iter()
            .find(|m| m["name"] == name)
            .map(|m| m["id"].clone())
            .expect("listed")
    };
    assert_eq!(ops[0]["actor"], id_of("Lan"));
    assert_eq!(ops[0]["approver"], id_of("Tuấn"));
}

#[test]
fn deactivated_staff_cannot_act() {
    let counter = counter();
    counter.ok(&["staff", "add", "--name", "Lan", "--role", "receptionist"]);
    counter.ok(&["staff", "deactivate", "Lan"]);
    assert_eq!(
        counter.refused(&[
            "--as",
            "Lan",
            "customer",
            "add",
            "--name",
            "An",
            "--phone",
            "0912345678"
        ]),
        "staff_inactive"
    );
    counter.ok(&["staff", "activate", "Lan"]);
    let an = counter.ok(&[
        "--as",
        "Lan",
        "customer",
        "add",
        "--name",
        "An",
        "--phone",
        "0912345678",
    ]);
    assert_eq!(an["created_by_name"], "Lan");
}

#[test]
fn audit_in_words_with_filters() {
    let counter = counter_with_lan_and_tuan();
    counter.ok(&[
        "--as",
        "Lan",
        "customer",
        "add",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0912345678",
    ]);
    counter.ok(&[
        "--as",
        "Lan",
        "--approve",
        "Tuấn:3333",
        "staff",
        "add",
        "--name",
        "Mai",
        "--role",
        "therapist",
    ]);

    let about_an = counter.ok(&["audit", "--customer", "0912 345 678"]);
    assert_eq!(
        about_an[0]["text"],
        "Lan đã thêm khách hàng Nguyễn Văn An (0912 345 678)"
    );
    for key in ["at", "staff", "approved_by", "text"] {
        assert!(about_an[0].get(key).is_some(), "{key}");
    }
    let by_tuan = counter.ok(&["audit", "--staff", "tuan", "--lang", "en"]);
    let texts: Vec<&str> = by_tuan
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    // What Tuấn did or approved, not what was done to his account.
    assert_eq!(texts, vec!["Lan added therapist Mai, approved by Tuấn"]);
    assert_eq!(by_tuan[0]["approved_by"], "Tuấn");
    assert_eq!(by_tuan[0]["staff"], "Lan");

    assert_eq!(
        counter.refused(&["audit", "--lang", "fr"]),
        "invalid_language"
    );
    assert_eq!(
        counter.refused(&["audit", "--date", "21/11/2026"]),
        "invalid_time"
    );
    assert_eq!(
        counter.refused(&["audit", "--staff", "Nobody"]),
        "not_found"
    );
    assert_eq!(
        counter.ok(&["audit", "--date", "2001-01-01"]),
        serde_json::json!([])
    );
}
