//! Service tickets through the real binary: the keys `ticket add`,
//! `ticket status` and `ticket resolve` print (CLI.md), a new phone, the
//! workflow, compensation, the deadline job with `--now`, lists, statistics,
//! the 360, and refusals that write nothing.

mod common;

use common::{Counter, massage_spa, s};
use serde_json::{Value, json};

const AN: &str = "0912345678";
const NOW: &str = "2030-03-10T10:00";

fn at(counter: &Counter, now: &str, args: &[&str]) -> Value {
    counter.ok(&[&["--now", now], args].concat())
}

/// `ticket add` for An at `NOW`, of `kind`, about `subject`, with `extra`
/// flags.
fn open_for_an(counter: &Counter, kind: &str, subject: &str, extra: &[&str]) -> Value {
    let add = [
        "ticket",
        "add",
        "--customer",
        AN,
        "--type",
        kind,
        "--subject",
        subject,
    ];
    at(counter, NOW, &[&add[..], extra].concat())
}

#[test]
fn a_ticket_from_opening_to_resolution() {
    let (counter, _, _) = massage_spa();
    let opened = open_for_an(&counter, "complaint", "Khăn không sạch", &[]);
    for key in ["id", "code", "status"] {
        assert!(opened.get(key).is_some(), "{key}");
    }
    let code = s(&opened["code"]).to_owned();
    assert!(code.starts_with("TV-2030-"), "{code}");
    assert_eq!(opened["status"], "NEW");
    assert_eq!(opened["new_customer"], false);
    assert_eq!(opened["offers"], "credit");

    let moved = at(
        &counter,
        NOW,
        &[
            "ticket",
            "status",
            &code,
            "in_progress",
            "--note",
            "Đang xem",
        ],
    );
    assert_eq!(moved["code"], json!(code));
    assert_eq!(moved["status"], "IN_PROGRESS");
    let waiting = at(
        &counter,
        NOW,
        &["ticket", "status", &code, "waiting:customer"],
    );
    assert_eq!(waiting["status"], "WAITING");
    assert_eq!(waiting["waiting_on"], "customer");

    let resolved = at(
        &counter,
        "2030-03-10T12:00",
        &[
            "ticket",
            "resolve",
            &code,
            "--credit",
            "100000",
            "--note",
            "Xin lỗi chị",
        ],
    );
    assert_eq!(resolved["code"], json!(code));
    assert_eq!(resolved["status"], "COMPLETED");
    assert_eq!(resolved["resolution"]["kind"], "credit");
    assert_eq!(
        resolved["resolution"]["expires_at"],
        "2030-03-25T00:00:00+07:00"
    );
    let wallet = at(&counter, NOW, &["wallet", "show", AN]);
    assert_eq!(wallet["virtual"], 100_000);

    let shown = counter.ok(&["customer", "show", AN]);
    assert_eq!(shown["tickets"][0]["code"], json!(code));
    let timeline = shown["timeline"].as_array().expect("timeline");
    assert!(
        timeline
            .iter()
            .any(|e| e["kind"] == "ticket.resolved" && s(&e["text"]).contains(&code))
    );

    let stats = at(&counter, NOW, &["ticket", "stats"]);
    assert_eq!(stats["resolved"], 1);
    assert_eq!(stats["average_resolution_seconds"], 7200);
    assert_eq!(stats["open_by_type"]["complaint"], 0);
}

#[test]
fn a_new_phone_is_told_then_created() {
    let (counter, _, _) = massage_spa();
    let who = counter.ok(&["ticket", "who", "0977 000 111"]);
    assert_eq!(
        who,
        json!({"customer": "new", "phone": "+84977000111", "phone_display": "0977 000 111"})
    );
    let known = counter.ok(&["ticket", "who", AN]);
    assert_eq!(known["customer"], "existing");

    let opened = at(
        &counter,
        NOW,
        &[
            "ticket",
            "add",
            "--customer",
            "0977 000 111",
            "--name",
            "Lê Thị Cúc",
            "--type",
            "refused_delivery",
            "--subject",
            "Khách không nhận hàng",
            "--reference",
            "GHN-889911",
        ],
    );
    assert_eq!(opened["new_customer"], true);
    assert_eq!(opened["customer_name"], "Lê Thị Cúc");
    assert_eq!(opened["reference"], "GHN-889911");
    let found = counter.ok(&["customer", "find", "0977 000"]);
    assert_eq!(found[0]["name"], "Lê Thị Cúc");
}

#[test]
fn refusals_follow_the_contract_and_write_nothing() {
    let (counter, _, _) = massage_spa();
    let add = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = ["--now", NOW, "ticket", "add", "--customer", AN]
            .iter()
            .map(|a| a.to_string())
            .collect();
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    let refused = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        counter.refused(&args)
    };
    assert_eq!(
        refused(add(&["--type", "lost", "--subject", "X"])),
        "unknown_ticket_type"
    );
    assert_eq!(
        refused(add(&["--type", "other", "--subject", " "])),
        "empty_field"
    );
    assert_eq!(
        refused(add(&[
            "--type",
            "other",
            "--subject",
            "X",
            "--deadline",
            "2030-03-09"
        ])),
        "deadline_passed"
    );
    assert_eq!(
        refused(add(&[
            "--type",
            "other",
            "--subject",
            "X",
            "--priority",
            "asap"
        ])),
        "invalid_value"
    );
    let code = s(&open_for_an(&counter, "other", "Quên ô", &[])["code"]).to_owned();
    assert_eq!(
        counter.refused(&["ticket", "status", &code, "cancelled"]),
        "note_required"
    );
    assert_eq!(
        counter.refused(&["ticket", "status", &code, "in_progress", "--on", "doctor"]),
        "invalid_waiting_on"
    );
    assert_eq!(
        counter.refused(&[
            "ticket",
            "status",
            &code,
            "waiting:carrier",
            "--on",
            "doctor"
        ]),
        "invalid_value"
    );
    assert_eq!(
        counter.refused(&["ticket", "resolve", &code, "--refund", "1", "--credit", "1"]),
        "one_compensation"
    );
    assert_eq!(
        counter.refused(&["ticket", "resolve", &code, "--credit", "0"]),
        "invalid_amount"
    );
    counter.hire("Lan", "receptionist", "1111");
    assert_eq!(
        counter.refused(&[
            "--as", "Lan", "ticket", "resolve", &code, "--refund", "50000"
        ]),
        "permission_denied"
    );
    assert_eq!(
        counter.refused(&["ticket", "show", "TV-2030-ZZZ-00009"]),
        "not_found"
    );
    at(
        &counter,
        NOW,
        &[
            "ticket",
            "status",
            &code,
            "cancelled",
            "--note",
            "Khách tìm thấy",
        ],
    );
    assert_eq!(
        counter.refused(&["ticket", "status", &code, "in_progress"]),
        "invalid_transition"
    );
}

#[test]
fn the_deadline_job_runs_at_the_given_time() {
    let (counter, _, _) = massage_spa();
    let opened = open_for_an(
        &counter,
        "missing_item",
        "Thiếu chai dầu",
        &["--deadline", "2030-03-12T18:00"],
    );
    let code = s(&opened["code"]).to_owned();
    assert_eq!(opened["priority"], "normal");
    let none = at(&counter, NOW, &["ticket", "escalate"]);
    assert_eq!(none, json!({"escalated": []}));
    let raised = at(&counter, "2030-03-11T19:00", &["ticket", "escalate"]);
    assert_eq!(raised["escalated"][0]["code"], json!(code));
    let shown = at(&counter, "2030-03-12T19:00", &["ticket", "show", &code]);
    assert_eq!(shown["priority"], "high");
    assert_eq!(shown["overdue"], true);
    let list = at(&counter, "2030-03-12T19:00", &["ticket", "list"]);
    assert_eq!(list[0]["code"], json!(code));
    assert_eq!(list[0]["overdue"], true);

    // `jobs` runs the same job with the expiries.
    let later = open_for_an(
        &counter,
        "other",
        "Gọi lại cho khách",
        &["--deadline", "2030-03-20"],
    );
    let jobs = at(&counter, "2030-03-20T08:00", &["jobs"]);
    assert_eq!(jobs["tickets_escalated"][0]["code"], later["code"]);
    assert_eq!(jobs["credits_expired"], json!([]));
}

#[test]
fn the_settings_name_the_types_and_what_they_offer() {
    let (counter, _, _) = massage_spa();
    let shown = counter.ok(&["settings", "tickets"]);
    assert_eq!(shown["prefix"], "TV");
    assert_eq!(shown["credit_days"], 15);
    let set = counter.ok(&[
        "settings",
        "tickets",
        "--prefix",
        "yc",
        "--type",
        "complaint:credit",
        "--type",
        "late_doctor:session",
        "--credit-days",
        "30",
    ]);
    assert_eq!(set["prefix"], "YC");
    assert_eq!(
        set["types"],
        json!([
            {"code": "complaint", "offers": "credit"},
            {"code": "late_doctor", "offers": "session"}
        ])
    );
    assert_eq!(
        counter.refused(&["settings", "tickets", "--type", "x:gift"]),
        "invalid_settings"
    );
    assert_eq!(
        counter.refused(&["settings", "tickets", "--prefix", "Y1"]),
        "invalid_settings"
    );
}
