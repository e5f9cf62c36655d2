//! `caredesk backup` and `caredesk restore` against the contract
//! (../shared/CLI.md): `{"file"}`, `{"ok":true}`, and the error contract for
//! every file restore refuses. Runs the real binary on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Counter {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Counter {
    fn new() -> Counter {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("caredesk.db");
        let counter = Counter { dir, db };
        counter.ok(&["init", "--register", "A1"]);
        counter.ok(&[
            "customer",
            "add",
            "--name",
            "Nguyễn Văn An",
            "--phone",
            "0912345678",
        ]);
        counter
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        caredesk(&self.db, args)
    }

    fn ok(&self, args: &[&str]) -> Value {
        let output = self.run(&[&["--json"], args].concat());
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "stderr on success");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        assert_eq!(
            stdout.trim_end().lines().count(),
            1,
            "one JSON value: {stdout}"
        );
        serde_json::from_str(&stdout).expect("stdout is JSON")
    }

    /// Expects a refusal that follows the error contract and writes nothing;
    /// returns the error code.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.dump_and_ops();
        let output = self.run(&[&["--json"], args].concat());
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(output.stdout.is_empty(), "stdout on failure");
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        let error: Value = serde_json::from_str(&stderr).expect("stderr is JSON");
        assert!(
            !error["error"]["message"]
                .as_str()
                .expect("message")
                .is_empty()
        );
        assert_eq!(self.dump_and_ops(), before, "{args:?} wrote something");

        let plain = self.run(args);
        assert!(!plain.status.success());
        let plain = String::from_utf8(plain.stderr).expect("utf-8");
        assert_eq!(plain.lines().count(), 1, "one readable line: {plain}");
        error["error"]["code"].as_str().expect("code").to_owned()
    }

    fn dump_and_ops(&self) -> (Vec<u8>, Vec<u8>) {
        (
            self.run(&["--json", "dump"]).stdout,
            self.run(&["--json", "ops", "list"]).stdout,
        )
    }
}

fn caredesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caredesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CAREDESK_DB")
        .output()
        .expect("caredesk runs")
}

fn str_of(value: &Value) -> &str {
    value.as_str().expect("a string")
}

#[test]
fn backup_writes_a_time_named_file_in_the_backups_folder() {
    let counter = Counter::new();
    let answer = counter.ok(&["backup"]);
    let file = PathBuf::from(str_of(&answer["file"]));
    assert_eq!(file.parent(), Some(counter.path("backups").as_path()));
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    // caredesk-YYYYMMDDTHHMMSSZ.db
    assert_eq!(name.len(), "caredesk-20261121T064500Z.db".len(), "{name}");
    assert!(
        name.starts_with("caredesk-2") && name.ends_with("Z.db"),
        "{name}"
    );
    assert!(file.is_file());

    let text = counter.run(&["backup"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("backed up to "));
}

#[test]
fn backup_out_writes_that_file_and_keep_prunes_the_folder() {
    let counter = Counter::new();
    let out = counter.path("usb/counter.db");
    std::fs::create_dir_all(out.parent().expect("usb")).expect("dir");
    let answer = counter.ok(&["backup", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(str_of(&answer["file"]), out.to_str().expect("utf-8"));
    let copy = caredesk(&out, &["--json", "customer", "find", "an"]);
    assert!(copy.status.success(), "the copy is a working database");

    // Seed the folder with old backups from earlier days, then keep 2.
    let backups = counter.path("backups");
    for day in 1..=4 {
        std::fs::copy(
            &out,
            backups.join(format!("caredesk-2020010{day}T080000Z.db")),
        )
        .expect("copy");
    }
    let newest = counter.ok(&["backup", "--keep", "2"]);
    let mut left: Vec<String> = std::fs::read_dir(&backups)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("caredesk-"))
        .collect();
    left.sort();
    let newest = Path::new(str_of(&newest["file"]))
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(left, ["caredesk-20200104T080000Z.db".to_owned(), newest]);

    assert_eq!(counter.refused(&["backup", "--keep", "0"]), "usage");
    assert_eq!(
        counter.refused(&["backup", "--out", counter.db.to_str().expect("utf-8")]),
        "backup_failed"
    );
}

#[test]
fn restore_brings_back_exactly_the_backed_up_data() {
    let counter = Counter::new();
    let taken = counter.run(&["--json", "dump"]).stdout;
    let file = counter.ok(&["backup"])["file"].clone();
    let file = str_of(&file);
    counter.ok(&[
        "customer",
        "add",
        "--name",
        "Đặng Thị Ánh",
        "--phone",
        "0983111222",
    ]);
    counter.ok(&[
        "customer",
        "edit",
        "0912345678",
        "--name",
        "Nguyễn Văn Bình",
    ]);
    assert_ne!(counter.run(&["--json", "dump"]).stdout, taken);

    let restored = counter.ok(&["restore", file]);
    assert_eq!(restored["ok"], true);
    let saved = str_of(&restored["backup"]);
    assert!(saved.ends_with("-before-restore.db"), "{saved}");
    assert_eq!(counter.run(&["--json", "dump"]).stdout, taken);

    // The saved copy undoes the restore.
    let saved = saved.to_owned();
    counter.ok(&["restore", &saved]);
    let dump: Value =
        serde_json::from_slice(&counter.run(&["--json", "dump"]).stdout).expect("json");
    assert_eq!(dump["customers"].as_array().expect("customers").len(), 2);
}

#[test]
fn restore_onto_a_new_computer_needs_no_init() {
    let counter = Counter::new();
    let file = counter.ok(&["backup"])["file"].clone();
    let fresh = counter.path("new-computer/caredesk.db");
    let output = caredesk(&fresh, &["--json", "restore", str_of(&file)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(answer["ok"], true);
    assert_eq!(answer["backup"], Value::Null);
    assert_eq!(
        caredesk(&fresh, &["--json", "dump"]).stdout,
        counter.run(&["--json", "dump"]).stdout
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_caredesk_backup_and_writes_nothing() {
    let counter = Counter::new();
    let good = counter.path("good.db");
    counter.ok(&["backup", "--out", good.to_str().expect("utf-8")]);
    let spoilt = |name: &str, spoil: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = std::fs::read(&good).expect("read");
        spoil(&mut bytes);
        let path = counter.path(name);
        std::fs::write(&path, &bytes).expect("write");
        path
    };
    // The database header: user_version at 60, application_id at 68.
    let newer = spoilt("newer.db", &|b| {
        b[60..64].copy_from_slice(&999u32.to_be_bytes())
    });
    let foreign = spoilt("other-app.db", &|b| b[68..72].copy_from_slice(b"XLSX"));
    let damaged = spoilt("damaged.db", &|b| {
        let middle = b.len() / 4096 / 2 * 4096;
        b[middle - 4096..middle + 8192].fill(0x5A);
    });
    let text = counter.path("customers.csv");
    std::fs::write(&text, "name,phone\nAn,0912345678\n".repeat(20)).expect("write");

    let cases = [
        (counter.path("missing.db"), "restore_file_missing"),
        (text, "restore_not_sqlite"),
        (foreign, "restore_not_caredesk"),
        (newer, "restore_too_new"),
        (damaged, "restore_corrupt"),
    ];
    for (file, code) in cases {
        let file = file.to_str().expect("utf-8");
        assert_eq!(counter.refused(&["restore", file]), code, "{file}");
    }
    assert_eq!(counter.refused(&["restore"]), "usage");
}
