//! The notifier's desktop path on a real D-Bus: a private session bus
//! (`dbus-daemon` from the system, scripts/install-deps.sh) with a small
//! notification server of our own on it, and then no bus at all.
//!
//! notify-rust finds the session bus through `DBUS_SESSION_BUS_ADDRESS`
//! only, and the environment belongs to the whole test process (and
//! changing it is `unsafe`, which the workspace forbids). So the notifier's
//! round runs in a child: this test binary again, running the ignored
//! `child_round` with the bus address in its environment, the way
//! crates/store/tests/crash.rs runs its writer. The parent owns the bus and
//! the fake server and reads what the child printed.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use dbus::blocking::Connection;
use dbus::channel::{MatchingReceiver, Sender};
use dbus::message::MatchRule;

use super::tests::{FIVE_BEFORE, counter};
use super::*;

const CHILD_DB: &str = "CAREDESK_NOTIFY_CHILD_DB";

/// A `dbus-daemon` of our own, stopped when dropped.
struct Bus {
    daemon: Child,
    address: String,
}

impl Bus {
    fn start(dir: &Path) -> Bus {
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.join("bus").display()
            ),
        )
        .expect("bus config");
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile", "--print-address"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dbus-daemon runs (scripts/install-deps.sh installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("the bus prints its address");
        if address.trim().is_empty() {
            let mut said = String::new();
            if let Some(stderr) = daemon.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut said);
            }
            panic!("dbus-daemon did not start: {said}");
        }
        Bus {
            daemon,
            address: address.trim().to_owned(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A `Notify` call as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Received {
    app_name: String,
    summary: String,
    body: String,
}

/// The freedesktop notification server, as small as it gets: it owns
/// `org.freedesktop.Notifications`, answers `Notify` with an id,
/// `GetServerInformation` and `GetCapabilities`, and reports each `Notify`.
struct FakeServer {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    received: mpsc::Receiver<Received>,
}

impl FakeServer {
    fn start(address: &str) -> FakeServer {
        let (ready_tx, ready) = mpsc::channel();
        let (received_tx, received) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let address = address.to_owned();
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let conn = Connection::new_address(&address).expect("the server connects");
            conn.request_name("org.freedesktop.Notifications", false, true, true)
                .expect("the server owns the name");
            conn.start_receive(
                MatchRule::new_method_call(),
                Box::new(move |call, conn| {
                    let member = call.member().map(|m| m.to_string()).unwrap_or_default();
                    let reply = match member.as_str() {
                        "Notify" => {
                            let (app_name, _id, _icon, summary, body): (
                                String,
                                u32,
                                String,
                                String,
                                String,
                            ) = call.read5().expect("Notify's arguments");
                            let _ = received_tx.send(Received {
                                app_name,
                                summary,
                                body,
                            });
                            call.method_return().append1(7u32)
                        }
                        "GetServerInformation" => call
                            .method_return()
                            .append3("caredesk-fake", "CareDesk tests", "1.0")
                            .append1("1.2"),
                        "GetCapabilities" => call.method_return().append1(vec!["body"]),
                        _ => dbus::Message::error(
                            &call,
                            &"org.freedesktop.DBus.Error.UnknownMethod".into(),
                            c"not here",
                        ),
                    };
                    let _ = conn.send(reply);
                    true
                }),
            );
            ready_tx.send(()).expect("ready");
            while !stopping.load(Ordering::Relaxed) {
                conn.process(Duration::from_millis(50)).expect("serving");
            }
        });
        ready
            .recv_timeout(Duration::from_secs(10))
            .expect("the server is up");
        FakeServer {
            stop,
            thread: Some(thread),
            received,
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Runs `child_round` on `db` with the session bus at `address`; returns
/// what it printed, and its log.
fn child(db: &Path, address: &str) -> (Vec<String>, String) {
    let output = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "notify::dbus_tests::child_round",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, db)
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        // No X11 autolaunch of a bus of its own.
        .env_remove("DISPLAY")
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "the child failed:\n{stdout}\n{stderr}"
    );
    // libtest writes "test ... " before the test's own first line, on it.
    let said = stdout
        .lines()
        .filter_map(|line| line.split_once("child: ").map(|(_, said)| said.to_owned()))
        .collect();
    (said, stderr)
}

#[test]
fn a_reminder_reaches_a_notification_server_on_a_real_session_bus_or_the_app_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bus = Bus::start(dir.path());
    assert!(bus.address.starts_with("unix:"), "{}", bus.address);
    let server = FakeServer::start(&bus.address);

    let first = counter();
    let (printed, log) = child(&first.db, &bus.address);
    assert_eq!(printed.len(), 3, "{printed:?}");
    assert!(printed[0].starts_with("in-app booking:"), "{printed:?}");
    assert_eq!(printed[1], "desktop ok");
    assert_eq!(printed[2], "server caredesk-fake");
    assert!(!log.contains("no desktop notifications"), "{log}");
    let received = server
        .received
        .recv_timeout(Duration::from_secs(10))
        .expect("a notification");
    assert_eq!(
        received,
        Received {
            app_name: "CareDesk".to_owned(),
            summary: "Lịch hẹn lúc 14:00: Nguyễn Văn An".to_owned(),
            body: "Massage body với Minh".to_owned(),
        }
    );
    assert!(server.received.try_recv().is_err(), "exactly one");

    // No bus where the address points: the desktop fails, the app still
    // gets the reminder, and the round goes on.
    let second = counter();
    let nowhere = format!("unix:path={}", dir.path().join("nobody-here").display());
    let (printed, log) = child(&second.db, &nowhere);
    assert_eq!(printed.len(), 3, "{printed:?}");
    assert!(printed[0].starts_with("in-app booking:"), "{printed:?}");
    assert_eq!(printed[1], "desktop failed");
    assert_eq!(
        log.matches("no desktop notifications").count(),
        1,
        "logged once: {log}"
    );
    assert!(printed[2].starts_with("server unreachable"), "{printed:?}");
    assert!(
        server.received.try_recv().is_err(),
        "nothing reached the server"
    );
    assert_eq!(
        load(&path_for(&second.db)).len(),
        1,
        "shown in the app, so remembered"
    );
}

/// The child's half: one round with the operating system's desktop, on the
/// database the parent named (nothing when run by hand without one).
#[test]
#[ignore = "run by the test above, in a process of its own"]
fn child_round() {
    let Some(db) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let mut notifier = Notifier::new(Path::new(&db), Arc::default());
    let mut in_app = Vec::new();
    notifier
        .round(
            FIVE_BEFORE.parse().expect("time"),
            &mut System,
            &mut |r: &Reminder| in_app.push(r.key.clone()),
        )
        .expect("the round goes on");
    for key in &in_app {
        println!("child: in-app {key}");
    }
    if in_app.is_empty() {
        println!("child: nothing due");
    } else if notifier.desktop_down {
        println!("child: desktop failed");
    } else {
        println!("child: desktop ok");
    }
    match notify_rust::get_server_information() {
        Ok(info) => println!("child: server {}", info.name),
        Err(error) => println!("child: server unreachable: {error}"),
    }
}
