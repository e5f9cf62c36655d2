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
