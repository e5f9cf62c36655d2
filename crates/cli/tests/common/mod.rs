//! The `caredesk` binary on a real database file in a temp dir, and the
//! checks of the error contract every CLI test shares.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct Counter {
    dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Counter {
    /// A fresh database made by `caredesk init` with these arguments.
    pub fn init(init_args: &[&str]) -> Counter {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("caredesk.db");
        let counter = Counter { dir, db };
        counter.ok(&[&["init"], init_args].concat());
        counter
    }

    /// A path in the counter's temp dir.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the command as given (add `--json` yourself).
    pub fn run(&self, args: &[&str]) -> Output {
        caredesk(&self.db, args)
    }

    /// Runs with --json and returns stdout's one JSON value.
    pub fn ok(&self, args: &[&str]) -> Value {
        let output = self.run(&[&["--json"], args].concat());
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "stderr on success: {:?}",
            output.stderr
        );
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        assert_eq!(
            stdout.trim_end().lines().count(),
            1,
            "one JSON value: {stdout}"
        );
        serde_json::from_str(&stdout).expect("stdout is JSON")
    }

    /// Expects a refusal that follows the error contract (non-zero exit,
    /// nothing on stdout, one line on stderr: JSON with --json, readable
    /// without) and writes nothing; returns the error code.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.dump_and_ops();
        let output = self.run(&[&["--json"], args].concat());
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(output.stdout.is_empty(), "stdout on failure");
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        let error: Value = serde_json::from_str(&stderr).expect("stderr is JSON");
        let message = error["error"]["message"].as_str().expect("message");
        assert!(!message.is_empty());
        assert_eq!(self.dump_and_ops(), before, "{args:?} wrote something");

        let plain = self.run(args);
        assert!(!plain.status.success());
        let plain = String::from_utf8(plain.stderr).expect("utf-8");
        assert_eq!(plain.lines().count(), 1, "one readable line: {plain}");
        error["error"]["code"].as_str().expect("code").to_owned()
    }

    /// Adds a staff member with a PIN, who can then act with `--as` (and
    /// approve with `--approve NAME:PIN` if a manager).
    pub fn hire(&self, name: &str, role: &str, pin: &str) -> Value {
        self.ok(&["staff", "add", "--name", name, "--role", role, "--pin", pin])
    }

    pub fn dump_and_ops(&self) -> (Vec<u8>, Vec<u8>) {
        (
            self.run(&["--json", "dump"]).stdout,
            self.run(&["--json", "ops", "list"]).stdout,
        )
    }
}

/// The real binary on `db`, with no CAREDESK_DB from the environment.
pub fn caredesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caredesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CAREDESK_DB")
        .output()
        .expect("caredesk runs")
}

/// `s(&json["id"])`: a JSON string, or the test fails.
pub fn s(value: &Value) -> &str {
    value.as_str().expect("a string")
}

/// The calendar most CLI tests start from, checking each step's output:
/// Hoa (owner, PIN 1234) with a 60-minute "Massage đá nóng" (+30 buffer),
/// Mai who performs it from 08:00 to 17:00 every day, and two customers,
/// An (0912345678) and Bích (0983111222). Returns the counter, the
/// service's id and Mai's id.
pub fn massage_spa() -> (Counter, String, String) {
    let counter = Counter::init(&["--owner", "Hoa", "--owner-pin", "1234"]);
    let service = counter.ok(&[
        "service",
        "add",
        "--name",
        "Massage đá nóng",
        "--minutes",
        "60",
        "--buffer-minutes",
        "30",
        "--price",
        "350000",
        "--category",
        "Body",
    ]);
    for key in ["id", "name", "minutes", "buffer_minutes", "price"] {
        assert!(service.get(key).is_some(), "{key}");
    }
    let massage = s(&service["id"]).to_owned();
    let mai = counter.ok(&[
        "staff",
        "add",
        "--name",
        "Mai",
        "--role",
        "therapist",
        "--service",
        &massage,
    ]);
    assert_eq!(mai["services"], serde_json::json!([massage]));
    let mai = s(&mai["id"]).to_owned();
    let hours = counter.ok(&[
        "staff", "hours", "Mai", "--day", "all", "--from", "08:00", "--to", "17:00",
    ]);
    assert_eq!(hours["ok"], true);
    assert_eq!(hours["hours"]["fri"], serde_json::json!(["08:00-17:00"]));
    for (name, phone) in [
        ("Nguyễn Văn An", "0912345678"),
        ("Trần Thị Bích", "0983111222"),
    ] {
        counter.ok(&["customer", "add", "--name", name, "--phone", phone]);
    }
    (counter, massage, mai)
}

/// An's massage with Mai starting at `start` (`YYYY-MM-DDTHH:MM`), booked
/// at `booked_at`, checked in at its start and completed an hour later;
/// the booking's id.
pub fn massage_given(counter: &Counter, massage: &str, booked_at: &str, start: &str) -> String {
    let booking = counter.ok(&[
        "--now",
        booked_at,
        "booking",
        "add",
        "--customer",
        "0912345678",
        "--service",
        massage,
        "--staff",
        "Mai",
        "--start",
        start,
    ]);
    let id = s(&booking["id"]).to_owned();
    let end = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", start)
        .expect("a start")
        .checked_add(jiff::Span::new().hours(1))
        .expect("an hour later")
        .strftime("%Y-%m-%dT%H:%M")
        .to_string();
    counter.ok(&["--now", start, "booking", "check-in", &id]);
    counter.ok(&["--now", &end, "booking", "complete", &id]);
    id
}
