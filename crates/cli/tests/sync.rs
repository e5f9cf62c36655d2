//! `caredesk pair`, `sync` and `conflicts` against a real server on
//! 127.0.0.1:0: a counter seeds the branch, a new one joins it empty, both
//! work offline, and both list the same conflict after syncing. Refusals
//! write nothing.

mod common;

use std::sync::Arc;

use caredesk_server::storage::sqlite::SqliteStorage;
use caredesk_server::{RunningServer, Storage, secret};
use common::{Counter, caredesk};
use serde_json::Value;

struct Server {
    _dir: tempfile::TempDir,
    running: RunningServer,
    storage: Arc<SqliteStorage>,
    branch: String,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().expect("dir");
        let storage = Arc::new(SqliteStorage::open(dir.path()).expect("storage"));
        let running = caredesk_server::start(storage.clone(), "127.0.0.1:0".parse().expect("addr"))
            .expect("server");
        let now = jiff::Timestamp::now().as_millisecond();
        let tenant = storage.add_tenant("Spa Hoa Sen", now).expect("tenant");
        let branch = storage.add_branch(&tenant, "Quận 1", now).expect("branch");
        Server {
            _dir: dir,
            running,
            storage,
            branch,
        }
    }

    /// A device slot: its id and one-time code.
    fn slot(&self) -> (String, String) {
        let code = secret::pairing_code();
        let now = jiff::Timestamp::now().as_millisecond();
        let id = self
            .storage
            .add_device(&self.branch, "Quầy", &secret::code_hash(&code), now)
            .expect("slot");
        (id, code)
    }

    fn url(&self) -> String {
        self.running.url()
    }
}

fn json(output: &std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn error_code(output: &std::process::Output) -> String {
    assert!(!output.status.success());
    let error: Value = serde_json::from_slice(&output.stderr).expect("JSON error");
    error["error"]["code"].as_str().expect("code").to_owned()
}

#[test]
fn two_counters_pair_sync_and_list_the_same_conflict() {
    let server = Server::start();
    let a = Counter::init(&[]);
    let (slot_a, code_a) = server.slot();
    let paired = a.ok(&["pair", "--server", &server.url(), "--code", &code_a]);
    assert_eq!(paired["device"], slot_a.as_str());
    assert_eq!(paired["joined"], false);
    let first = a.ok(&["sync"]);
    assert!(first["pushed"].as_u64().expect("pushed") > 0);
    assert_eq!(
        (first["pulled"].as_u64(), first["conflicts"].as_u64()),
        (Some(0), Some(0))
    );

    // A new counter joins empty and receives the business.
    let b_db = a.path("quay-2.db");
    let (_, code_b) = server.slot();
    let joined = json(&caredesk(
        &b_db,
        &[
            "--json",
            "pair",
            "--server",
            &server.url(),
            "--code",
            &code_b,
        ],
    ));
    assert_eq!(joined["joined"], true);
    assert_eq!(
        error_code(&caredesk(
            &b_db,
            &[
                "--json",
                "customer",
                "add",
                "--name",
                "An",
                "--phone",
                "0912345678"
            ]
        )),
        "awaiting_sync"
    );
    let pulled = json(&caredesk(&b_db, &["--json", "sync"]));
    assert_eq!(pulled["pulled"], first["pushed"]);

    // Offline, both register the same phone.
    a.ok(&[
        "customer",
        "add",
        "--name",
        "Nguyễn An",
        "--phone",
        "0912 345 678",
    ]);
    json(&caredesk(
        &b_db,
        &[
            "--json",
            "customer",
            "add",
            "--name",
            "An Nguyễn",
            "--phone",
            "+84912345678",
        ],
    ));
    assert_eq!(a.ok(&["conflicts"]), Value::Array(Vec::new()));
    a.ok(&["sync"]);
    let b_sync = json(&caredesk(&b_db, &["--json", "sync"]));
    assert_eq!(
        (
            b_sync["pushed"].as_u64(),
            b_sync["pulled"].as_u64(),
            b_sync["conflicts"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    a.ok(&["sync"]);

    let on_a = a.ok(&["conflicts"]);
    let on_b = json(&caredesk(&b_db, &["--json", "conflicts"]));
    assert_eq!(on_a, on_b, "the same conflicts under the same ids");
    let conflict = &on_a[0];
    assert_eq!(conflict["kind"], "duplicate_phone");
    assert_eq!(conflict["about"].as_array().map(Vec::len), Some(2));
    assert!(conflict["id"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(a.ok(&["dump"]), json(&caredesk(&b_db, &["--json", "dump"])));

    let status = a.ok(&["sync", "--status"]);
    assert_eq!(
        (
            status["paired"].as_bool(),
            status["online"].as_bool(),
            status["pending"].as_u64()
        ),
        (Some(true), Some(true), Some(0))
    );
}

#[test]
fn refusals_write_nothing() {
    let server = Server::start();
    let a = Counter::init(&[]);
    assert_eq!(a.refused(&["sync"]), "not_paired");
    assert_eq!(
        a.refused(&[
            "pair",
            "--server",
            &server.url(),
            "--code",
            "AAAA-BBBB-CCCC"
        ]),
        "invalid_code"
    );

    // A failed pairing of a new file leaves no file behind.
    let new_db = a.path("new.db");
    let output = caredesk(
        &new_db,
        &[
            "--json",
            "pair",
            "--server",
            &server.url(),
            "--code",
            "AAAA-BBBB-CCCC",
        ],
    );
    assert_eq!(error_code(&output), "invalid_code");
    assert!(!new_db.exists(), "nothing written");

    let (slot, code) = server.slot();
    a.ok(&["pair", "--server", &server.url(), "--code", &code]);
    a.ok(&["sync"]);
    assert_eq!(
        a.refused(&["pair", "--server", &server.url(), "--code", &code]),
        "already_paired"
    );
    // A used code does not pair a second counter.
    let other = a.path("other.db");
    assert_eq!(
        error_code(&caredesk(
            &other,
            &["--json", "pair", "--server", &server.url(), "--code", &code]
        )),
        "invalid_code"
    );
    // A counter with its own data cannot join a branch that has data.
    let c = Counter::init(&[]);
    let (_, code_c) = server.slot();
    assert_eq!(
        c.refused(&["pair", "--server", &server.url(), "--code", &code_c]),
        "branch_has_data"
    );

    // Revoked: the server refuses and the counter records nothing new.
    server
        .storage
        .revoke_device(&slot, jiff::Timestamp::now().as_millisecond())
        .expect("revoke");
    a.ok(&[
        "customer",
        "add",
        "--name",
        "Trần Bích",
        "--phone",
        "0983111222",
    ]);
    let (ops_before, _) = server.storage.op_count().expect("count");
    assert_eq!(error_code(&a.run(&["--json", "sync"])), "revoked");
    assert_eq!(
        server.storage.op_count().expect("count").0,
        ops_before,
        "nothing stored"
    );
    let status = a.ok(&["sync", "--status"]);
    assert_eq!(
        (status["online"].as_bool(), status["pending"].as_u64()),
        (Some(false), Some(1))
    );
    assert!(
        status["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("revoked"))
    );
}

/// A second counter, `quay-2.db` beside `a`'s file, paired with `server`
/// and synced once.
fn join(server: &Server, a: &Counter) -> std::path::PathBuf {
    let b_db = a.path("quay-2.db");
    let (_, code) = server.slot();
    let pair = ["--json", "pair", "--server", &server.url(), "--code", &code];
    json(&caredesk(&b_db, &pair));
    json(&caredesk(&b_db, &["--json", "sync"]));
    b_db
}

fn customers(counter: &Counter) -> Vec<(String, String)> {
    let dump = counter.ok(&["dump"]);
    let mut list: Vec<(String, String)> = dump["customers"]
        .as_array()
        .expect("customers")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_owned(),
                c["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    list.sort();
    list
}

#[test]
fn a_counter_restored_from_an_old_backup_syncs_its_own_ops_back() {
    let server = Server::start();
    let a = Counter::init(&[]);
    let (_, code) = server.slot();
    a.ok(&["pair", "--server", &server.url(), "--code", &code]);
    a.ok(&["customer", "add", "--name", "An", "--phone", "0912345678"]);
    a.ok(&["sync"]);
    let backup = a.path("before.db");
    a.ok(&["backup", "--out", backup.to_str().expect("path")]);
    // After the backup: two more customers, pushed.
    a.ok(&["customer", "add", "--name", "Bích", "--phone", "0983111222"]);
    a.ok(&["customer", "add", "--name", "Chi", "--phone", "0905111222"]);
    a.ok(&["sync"]);
    let before = customers(&a);
    assert_eq!(before.len(), 3);

    a.ok(&["restore", backup.to_str().expect("path")]);
    assert_eq!(customers(&a).len(), 1, "the backup holds An only");
    // No new work until it has synced: it would hand out Bích's code again.
    assert_eq!(
        a.refused(&["customer", "add", "--name", "Dũng", "--phone", "0906111222"]),
        "restore_unsynced"
    );
    let synced = a.ok(&["sync"]);
    assert_eq!(
        (synced["recovered"].as_u64(), synced["pushed"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(customers(&a), before, "Bích and Chi are back");
    a.ok(&["customer", "add", "--name", "Dũng", "--phone", "0906111222"]);
    let after = customers(&a);
    let codes: std::collections::BTreeSet<&String> = after.iter().map(|(_, c)| c).collect();
    assert_eq!(codes.len(), 4, "no code handed out twice: {after:?}");
    assert_eq!(a.ok(&["sync"])["pushed"], 1);

    // A counter joining now sees the same business, and the server holds
    // every op once.
    let b_db = join(&server, &a);
    assert_eq!(a.ok(&["dump"]), json(&caredesk(&b_db, &["--json", "dump"])));
    let (ops, distinct) = server.storage.op_count().expect("count");
    assert_eq!(ops, distinct);
    let log = a.ok(&["ops", "list"]);
    assert_eq!(log.as_array().map(Vec::len), Some(ops as usize));
}

#[test]
fn a_manager_rekeys_a_counter_whose_clock_ran_ahead() {
    let server = Server::start();
    let a = Counter::init(&[]);
    a.hire("Lan", "receptionist", "1111");
    a.hire("Minh", "manager", "2222");
    let (slot, code) = server.slot();
    a.ok(&["pair", "--server", &server.url(), "--code", &code]);
    a.ok(&["sync"]);
    let devices = || server.storage.devices(None).expect("devices");
    let nothing_pending = || {
        let store = caredesk_store::Store::open(&a.db).expect("open");
        assert_eq!(store.pending_rekey().expect("pending"), None);
    };
    let approved = ["--as", "Lan", "--approve", "Minh:2222", "sync", "rekey"];

    // Nothing stuck: refused here, then by the server (an unsent op that is
    // not ahead); neither writes anything, here or there.
    let listed = devices();
    assert_eq!(
        a.refused(&["--as", "Lan", "sync", "rekey"]),
        "permission_denied"
    );
    assert_eq!(a.refused(&approved), "nothing_stuck");
    a.ok(&["customer", "add", "--name", "An", "--phone", "0912345678"]);
    assert_eq!(a.refused(&approved), "nothing_stuck");
    assert_eq!(devices(), listed);
    nothing_pending();
    a.ok(&["sync"]);
    let held = a.ok(&["sync", "--status"])["pushed"].clone();

    // The counter's clock runs ten days ahead while it works (through the
    // store: the command reads the machine's clock).
    {
        let mut store = caredesk_store::Store::open(&a.db).expect("open");
        store.set_wall_clock(caredesk_store::WallClock::At(
            jiff::Timestamp::now() + jiff::SignedDuration::from_hours(240),
        ));
        let ctx = store.context(None).expect("owner");
        for (name, phone) in [("Bích", "0983111222"), ("Chi", "0905111222")] {
            store
                .customers_mut()
                .add_customer(
                    &ctx,
                    caredesk_store::NewCustomer {
                        name: name.to_owned(),
                        phone: phone.to_owned(),
                        email: None,
                        address: None,
                        code: None,
                    },
                )
                .expect("a customer stamped ahead");
        }
    }
    assert_eq!(a.refused(&["sync"]), "clock_ahead");
    assert_eq!(
        a.refused(&["--as", "Lan", "sync", "rekey"]),
        "permission_denied"
    );
    assert_eq!(
        a.refused(&["--as", "Lan", "--approve", "Minh:9999", "sync", "rekey"]),
        "wrong_pin"
    );
    assert_eq!(devices(), listed);
    nothing_pending();

    // Its clock is right again (this command reads the real one).
    let rekeyed = a.ok(&approved);
    assert_eq!(rekeyed["retired"], slot.as_str());
    assert_eq!(
        (
            &rekeyed["reissued"],
            &rekeyed["pushed"],
            &rekeyed["through"]
        ),
        (&Value::from(2), &Value::from(2), &held),
        "the two stuck customers re-issued and pushed, after what the old id had pushed"
    );
    assert_ne!(rekeyed["old_device"], rekeyed["new_device"]);
    let retired = devices()
        .into_iter()
        .find(|d| d.id == slot)
        .expect("old slot");
    assert!(retired.revoked);
    assert_eq!(retired.replaced_by.as_deref(), rekeyed["device"].as_str());
    let status = a.ok(&["sync", "--status"]);
    assert_eq!(
        (status["pending"].as_u64(), status["device"].as_str()),
        (Some(0), rekeyed["device"].as_str())
    );
    a.ok(&["customer", "add", "--name", "Dũng", "--phone", "0906111222"]);
    assert_eq!(a.ok(&["sync"])["pushed"], 1);

    let b_db = join(&server, &a);
    assert_eq!(a.ok(&["dump"]), json(&caredesk(&b_db, &["--json", "dump"])));
    let (ops, distinct) = server.storage.op_count().expect("count");
    assert_eq!(ops, distinct);
    assert_eq!(
        a.ok(&["ops", "list"]).as_array().map(Vec::len),
        Some(ops as usize)
    );
}

/// A counter's command, run for its JSON answer.
type Run<'a> = dyn Fn(&[&str]) -> Value + 'a;

/// Two counters that each settle the same complaint with credit, and each
/// pay Mai, offline: after syncing both list the double resolution and the
/// overpayment under the same ids; a manager's `ticket reverse` on one and
/// `staff adjust` (approved on the spot) on the other clear both lists.
#[test]
fn compensation_paid_twice_offline_is_listed_and_taken_back() {
    const AN: &str = "0912345678";
    let at = |time: &str| format!("2030-03-10T{time}");
    let server = Server::start();
    let (a, massage, _) = common::massage_spa();
    a.hire("Lan", "receptionist", "1111");
    a.ok(&[
        "--now",
        &at("07:00"),
        "staff",
        "rate",
        "Mai",
        "--rate",
        "40%",
        "--from",
        "2030-03-01",
    ]);
    let booking = a.ok(&[
        "--now",
        &at("07:00"),
        "booking",
        "add",
        "--customer",
        AN,
        "--service",
        &massage,
        "--staff",
        "Mai",
        "--start",
        &at("09:00"),
    ]);
    let booking = common::s(&booking["id"]).to_owned();
    a.ok(&["--now", &at("09:00"), "booking", "check-in", &booking]);
    a.ok(&["--now", &at("10:00"), "booking", "complete", &booking]);
    let ticket = a.ok(&[
        "--now",
        &at("10:00"),
        "ticket",
        "add",
        "--customer",
        AN,
        "--type",
        "complaint",
        "--subject",
        "Khăn chưa sạch",
    ]);
    let code = common::s(&ticket["code"]).to_owned();
    let (_, code_a) = server.slot();
    a.ok(&["pair", "--server", &server.url(), "--code", &code_a]);
    a.ok(&["sync"]);
    let b_db = join(&server, &a);
    let b = |args: &[&str]| json(&caredesk(&b_db, &[&["--json"], args].concat()));

    // Offline, both settle the complaint and both pay Mai 100.000 of the
    // 140.000 she earned, each from its own drawer.
    let on_a = |args: &[&str]| a.ok(args);
    let counters: [&Run<'_>; 2] = [&on_a, &b];
    for run in counters {
        run(&["--now", &at("11:00"), "drawer", "open", "500000"]);
        let resolved = run(&[
            "--now",
            &at("11:00"),
            "ticket",
            "resolve",
            &code,
            "--credit",
            "100000",
        ]);
        assert_eq!(resolved["status"], "COMPLETED");
        run(&[
            "--now",
            &at("18:00"),
            "staff",
            "payout",
            "Mai",
            "--amount",
            "100000",
            "--note",
            "tiền mặt",
        ]);
    }
    assert_eq!(a.ok(&["conflicts"]), Value::Array(Vec::new()));
    a.ok(&["sync"]);
    b(&["sync"]);
    a.ok(&["sync"]);

    let on_a = a.ok(&["conflicts"]);
    assert_eq!(
        on_a,
        b(&["conflicts"]),
        "the same conflicts under the same ids"
    );
    let kinds: Vec<&str> = on_a
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["ticket_resolved_twice", "payout_over_owed"]);
    let wallet = a.ok(&["--now", &at("18:30"), "wallet", "show", AN]);
    assert_eq!(wallet["virtual"], 200_000, "two credits stand");
    let pay = a.ok(&[
        "--now",
        &at("18:30"),
        "staff",
        "income",
        "Mai",
        "--month",
        "2030-03",
    ]);
    assert_eq!(
        (pay["paid"].clone(), pay["balance"].clone()),
        (200_000.into(), (-60_000).into())
    );

    // Refusals write nothing.
    assert_eq!(
        a.refused(&[
            "--now",
            &at("18:30"),
            "--as",
            "Lan",
            "ticket",
            "reverse",
            &code
        ]),
        "permission_denied"
    );
    assert_eq!(
        a.refused(&["staff", "adjust", "Mai", "--amount", "0", "--note", "x"]),
        "invalid_amount"
    );
    assert_eq!(
        a.refused(&["staff", "adjust", "Mai", "--amount", "-1", "--note", "phạt"]),
        "payout_above_balance"
    );

    // A manager reverses the later resolution on counter A; on counter B
    // the desk records the overpayment as pay, with a manager's PIN.
    let reversed = a.ok(&[
        "--now",
        &at("18:30"),
        "ticket",
        "reverse",
        &code,
        "--note",
        "hai quầy cùng giải quyết",
    ]);
    let history = reversed["history"].as_array().expect("history");
    assert!(
        history.iter().any(|h| h["change"] == "reversed"),
        "{history:?}"
    );
    assert_eq!(
        a.refused(&["--now", &at("18:30"), "ticket", "reverse", &code]),
        "nothing_to_reverse"
    );
    let adjusted = b(&[
        "--now",
        &at("18:30"),
        "--as",
        "Lan",
        "--approve",
        "Hoa:1234",
        "staff",
        "adjust",
        "Mai",
        "--amount",
        "60000",
        "--note",
        "trả dư, tính vào lương",
    ]);
    assert_eq!(
        (adjusted["adjusted"].clone(), adjusted["balance"].clone()),
        (60_000.into(), 0.into())
    );
    b(&["sync"]);
    a.ok(&["sync"]);
    b(&["sync"]);

    assert_eq!(a.ok(&["conflicts"]), Value::Array(Vec::new()));
    assert_eq!(b(&["conflicts"]), Value::Array(Vec::new()));
    let wallet = b(&["--now", &at("19:00"), "wallet", "show", AN]);
    assert_eq!(
        (wallet["virtual"].clone(), wallet["balance"].clone()),
        (100_000.into(), 0.into())
    );
    assert_eq!(a.ok(&["dump"]), b(&["dump"]));
}
