//! Crash safety: a writer in a child process is killed with SIGKILL at
//! random moments, round after round on the same file. After every kill the
//! file must open, pass SQLite's integrity check, hold every command the
//! child reported done, and hold no half of any command.
//!
//! The child is this test binary run again on `child_writer` alone (ignored
//! in a normal run), told by `CHILD_DB` where to write.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caredesk_store::{CustomerEdit, InitSettings, NewCustomer, Store};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CHILD_DB: &str = "CAREDESK_CRASH_CHILD_DB";
const CHILD_ROUND: &str = "CAREDESK_CRASH_CHILD_ROUND";
const ROUNDS: u32 = 30;

/// One command the child saw succeed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Done {
    Added { phone: String },
    Renamed { phone: String, name: String },
    Noted { phone: String, note: String },
}

#[test]
fn killed_writers_leave_every_reported_command_and_no_half_of_any() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("caredesk.db");
    drop(Store::init(&path, InitSettings::default()).expect("init"));

    let seed: u64 = rand::rng().random();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();
    let mut done = BTreeSet::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "child_writer",
                "--nocapture",
                "--include-ignored",
            ])
            .env(CHILD_DB, &path)
            .env(CHILD_ROUND, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("piped");
        let (reported, reports) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(done) = parse(&line)
                    && reported.send(done).is_err()
                {
                    break;
                }
            }
        });
        // Even rounds: kills at random in start-up and opening (the daily
        // backup, the first transaction) or among the first commits. Odd
        // rounds wait for a first reported commit, so that on a loaded
        // machine, where start-up alone takes the whole delay, kills still
        // land mid-stream of commits.
        if round % 2 == 1
            && let Ok(first) = reports.recv_timeout(Duration::from_secs(60))
        {
            done.insert(first);
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(20..400)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reaped");
        assert!(
            !status.success(),
            "round {round}: the child finished before the kill"
        );
        reader.join().expect("reader");
        done.extend(reports.try_iter());
        check(&path, &done, round, seed);
    }
    let added = done
        .iter()
        .filter(|d| matches!(d, Done::Added { .. }))
        .count();
    assert!(
        added >= ROUNDS as usize,
        "only {added} customers added in {ROUNDS} rounds: the kills came too early to test much"
    );
    eprintln!(
        "{ROUNDS} kills, {} commands reported done, {:?} (seed {seed})",
        done.len(),
        started.elapsed()
    );
}

fn parse(line: &str) -> Option<Done> {
    // libtest may have started the line with the test's name.
    let report = &line[line.find("done ")?..];
    let mut words = report.strip_prefix("done ")?.splitn(3, ' ');
    let (what, phone, rest) = (words.next()?, words.next()?.to_owned(), words.next());
    Some(match what {
        "add" => Done::Added { phone },
        "rename" => Done::Renamed {
            phone,
            name: rest?.to_owned(),
        },
        "note" => Done::Noted {
            phone,
            note: rest?.to_owned(),
        },
        _ => return None,
    })
}

fn check(path: &Path, done: &BTreeSet<Done>, round: u32, seed: u64) {
    let context = format!("after kill {round} (seed {seed})");
    let store = Store::open(path).unwrap_or_else(|e| panic!("{context}: open: {e}"));

    let conn = rusqlite::Connection::open(path).expect("second connection");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(integrity, "ok", "{context}");

    for command in done {
        let (phone, what) = match command {
            Done::Added { phone } => (phone, None),
            Done::Renamed { phone, name } => (phone, Some(("name", name))),
            Done::Noted { phone, note } => (phone, Some(("note", note))),
        };
        let id = store
            .customers()
            .resolve_customer(phone)
            .unwrap_or_else(|e| panic!("{context}: {command:?} reported done but lost: {e}"));
        let customer = store.customers().customer(id).expect("customer");
        match what {
            Some(("name", name)) => assert_eq!(&customer.name, name, "{context}"),
            Some((_, note)) => assert!(
                customer.notes.iter().any(|n| &n.text == note),
                "{context}: {command:?} reported done but lost"
            ),
            None => {}
        }
    }

    assert_eq!(
        store.verify_projections().expect("verify"),
        Vec::<String>::new(),
        "{context}"
    );

    let (count, first, last): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(min(device_seq), 0), coalesce(max(device_seq), 0)
             FROM ops WHERE device_id = ?1",
            [store.device_id().to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("sequence");
    assert_eq!((first, last), (1, count), "{context}: device_seq has a gap");

    // Half a command would be an op without its projection or a projection
    // without its op; every op's projection matching is verify's job above.
    let orphans: (i64, i64) = conn
        .query_row(
            "SELECT
               (SELECT count(*) FROM ops o WHERE o.kind = 'customer.registered'
                  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.entity)),
               (SELECT count(*) FROM customers c
                  WHERE NOT EXISTS (SELECT 1 FROM ops o
                    WHERE o.entity = c.id AND o.kind = 'customer.registered'))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("orphans");
    assert_eq!(orphans, (0, 0), "{context}: half-applied command");
}

/// The writer the kill test runs in a child process: customers added,
/// renamed and noted as fast as the store allows, each reported on stdout
/// only after the store said Ok.
#[test]
#[ignore = "run by killed_writers_leave_every_reported_command_and_no_half_of_any"]
fn child_writer() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let round: u32 = std::env::var(CHILD_ROUND)
        .ok()
        .and_then(|r| r.parse().ok())
        .expect("round number");
    let mut store = Store::open(Path::new(&path)).expect("child opens");
    let ctx = store.context(None).expect("ctx");
    let mut out = std::io::stdout().lock();
    let mut report = |line: String| {
        writeln!(out, "done {line}").expect("stdout");
        out.flush().expect("flush");
    };
    // 091 + round + counter: unique across rounds without reading the file.
    for i in 0..100_000u32 {
        let phone = format!("+8491{round:02}{i:05}");
        let customer = store
            .customers_mut()
            .add_customer(
                &ctx,
                NewCustomer {
                    name: format!("Khách {round} {i}"),
                    phone: phone.clone(),
                    ..NewCustomer::default()
                },
            )
            .expect("add");
        report(format!("add {phone}"));
        let name = format!("Khách {round} {i} sửa");
        store
            .customers_mut()
            .edit_customer(
                &ctx,
                customer.id,
                CustomerEdit {
                    name: Some(name.clone()),
                    address: Some(format!("{i} Lê Lợi, Huế")),
                    ..CustomerEdit::default()
                },
            )
            .expect("edit");
        report(format!("rename {phone} {name}"));
        let note = format!("ghi chú {round}-{i}");
        store
            .customers_mut()
            .add_customer_note(&ctx, customer.id, &note)
            .expect("note");
        report(format!("note {phone} {note}"));
    }
}
