//! `caredesk backup` and `caredesk restore` against the contract
//! (../shared/CLI.md): `{"file"}`, `{"ok":true}`, and the error contract for
//! every file restore refuses. Runs the real binary on real files.

mod common;

use std::path::{Path, PathBuf};

use common::{Counter, caredesk};
use serde_json::Value;

fn counter() -> Counter {
    let counter = Counter::init(&["--register", "A1"]);
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

fn str_of(value: &Value) -> &str {
    value.as_str().expect("a string")
}

#[test]
fn backup_writes_a_time_named_file_in_the_backups_folder() {
    let counter = counter();
    let answer = counter.ok(&["backup"]);
    let file = PathBuf::from(str_of(&answer["file"]));
    assert_eq!(file.parent(), Some(counter.path("backups").as_path()));
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    // caredesk-YYYYMMDDTHHMMSSZ.db, with -2 when the day's automatic backup
    // (made as the first command opened the file) took that second's name.
    let stamp_len = "caredesk-20261121T064500Z".len();
    assert!(name.starts_with("caredesk-2"), "{name}");
    assert_eq!(&name[stamp_len - 1..stamp_len], "Z", "{name}");
    assert!(matches!(&name[stamp_len..], ".db" | "-2.db"), "{name}");
    assert!(file.is_file());

    let text = counter.run(&["backup"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("backed up to "));
}

#[test]
fn backup_out_writes_that_file_and_keep_prunes_the_folder() {
    let counter = counter();
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
    // The two newest survive: today's automatic backup (made when the first
    // command opened the file) and the one just made; the old ones go.
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&newest), "{left:?}");
    assert!(
        left.iter().all(|n| !n.starts_with("caredesk-2020")),
        "{left:?}"
    );

    assert_eq!(counter.refused(&["backup", "--keep", "0"]), "usage");
    assert_eq!(
        counter.refused(&["backup", "--out", counter.db.to_str().expect("utf-8")]),
        "backup_failed"
    );
}

#[test]
fn restore_brings_back_exactly_the_backed_up_data() {
    let counter = counter();
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
    let counter = counter();
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
    let counter = counter();
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
