//! `caredesk jobs` and the single jobs (`wallet expire`, `treatment expire`,
//! `ticket escalate`) write as the system, whoever runs them; the audit
//! names it; no one can act or approve as it.

mod common;

use common::{Counter, massage_spa, s};
use serde_json::{Value, json};

const AN: &str = "0912345678";
const NOW: &str = "2030-03-10T10:00";
/// Past the credit's two days and the ticket's deadline.
const LATER: &str = "2030-03-13T08:00";
const SYSTEM: &str = "00000000-0000-7000-8000-53595354454d";

fn at(counter: &Counter, now: &str, args: &[&str]) -> Value {
    counter.ok(&[&["--now", now], args].concat())
}

/// An's credit for two days and a ticket of hers due the day after NOW.
fn due(counter: &Counter) {
    at(
        counter,
        NOW,
        &[
            "wallet",
            "credit",
            AN,
            "50000",
            "--days",
            "2",
            "--note",
            "khai trương",
        ],
    );
    at(
        counter,
        NOW,
        &[
            "ticket",
            "add",
            "--customer",
            AN,
            "--type",
            "complaint",
            "--subject",
            "Khăn chưa sạch",
            "--deadline",
            "2030-03-11T18:00",
        ],
    );
}

fn actors(counter: &Counter, kind: &str) -> Vec<String> {
    let ops = counter.ok(&["ops", "list", "--kind", kind]);
    ops.as_array()
        .expect("a list")
        .iter()
        .map(|op| s(&op["actor"]).to_owned())
        .collect()
}

#[test]
fn jobs_run_by_a_receptionist_are_written_as_the_system() {
    let (counter, _, _) = massage_spa();
    counter.hire("Lan", "receptionist", "1111");
    due(&counter);
    let run = at(&counter, LATER, &["--as", "Lan", "jobs"]);
    assert_eq!(run["credits_expired"].as_array().map(Vec::len), Some(1));
    assert_eq!(run["tickets_escalated"].as_array().map(Vec::len), Some(1));
    assert_eq!(actors(&counter, "wallet.credit_expired"), [SYSTEM]);
    assert_eq!(actors(&counter, "ticket.escalated"), [SYSTEM]);

    for (lang, name, text) in [
        (
            "vi",
            "Hệ thống",
            "Hệ thống đã ghi nhận tiền ảo trong ví của Nguyễn Văn An hết hạn",
        ),
        (
            "en",
            "System",
            "System recorded that credit in Nguyễn Văn An's wallet expired",
        ),
        (
            "id",
            "Sistem",
            "Sistem mencatat kredit di dompet Nguyễn Văn An kedaluwarsa",
        ),
    ] {
        let entries = counter.ok(&["audit", "--customer", AN, "--lang", lang]);
        let expired = entries
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["kind"] == "wallet.credit_expired")
            .cloned()
            .expect("the expiry");
        assert_eq!(
            (&expired["staff"], &expired["text"]),
            (&json!(name), &json!(text))
        );
    }
    // `--staff system` lists what the clock did, and only that.
    let by_system = counter.ok(&["audit", "--staff", "system"]);
    let kinds: Vec<&str> = by_system
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| s(&e["kind"]))
        .collect();
    assert_eq!(kinds, ["wallet.credit_expired", "ticket.escalated"]);
    let by_lan = counter.ok(&["audit", "--staff", "Lan"]);
    assert_eq!(by_lan, json!([]));
}

#[test]
fn each_job_on_its_own_is_written_as_the_system_too() {
    let (counter, _, _) = massage_spa();
    due(&counter);
    at(&counter, LATER, &["wallet", "expire"]);
    at(&counter, LATER, &["ticket", "escalate"]);
    at(&counter, LATER, &["treatment", "expire"]);
    assert_eq!(actors(&counter, "wallet.credit_expired"), [SYSTEM]);
    assert_eq!(actors(&counter, "ticket.escalated"), [SYSTEM]);
    // Run again, they find nothing left to write.
    let again = at(&counter, LATER, &["jobs"]);
    assert_eq!(
        again,
        json!({"credits_expired": [], "treatments_expired": [], "tickets_escalated": []})
    );
}

#[test]
fn no_one_acts_or_approves_as_the_system() {
    let (counter, _, _) = massage_spa();
    let add = [
        "customer",
        "add",
        "--name",
        "Lê Văn Cường",
        "--phone",
        "0977000111",
    ];
    for who in [SYSTEM, "Hệ thống", "System", "system"] {
        assert_eq!(
            counter.refused(&[&["--as", who], &add[..]].concat()),
            "not_found"
        );
        let approval = format!("{who}:1234");
        assert_eq!(
            counter.refused(&[&["--approve", approval.as_str()], &add[..]].concat()),
            "not_found"
        );
    }
}
