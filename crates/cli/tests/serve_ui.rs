//! `caredesk serve-ui`: the app's commands over HTTP on a real database,
//! answered by the same Rust the desktop app's window calls. Driven here
//! with plain HTTP/1.1 over a socket, as the browser's transport (web.ts)
//! sends it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

struct Served {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// serve-ui on a new database (the demo data), its clock at 14:30 on 21
/// November 2026, serving `ui` as the built UI.
fn serve(ui: Option<&std::path::Path>) -> Served {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("caredesk.db");
    let mut args = vec![
        "--db".to_owned(),
        db.display().to_string(),
        "--now".to_owned(),
        "2026-11-21T14:30".to_owned(),
        "serve-ui".to_owned(),
        "--listen".to_owned(),
        "127.0.0.1:0".to_owned(),
    ];
    if let Some(ui) = ui {
        args.extend(["--ui".to_owned(), ui.display().to_string()]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_caredesk"))
        .args(&args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("serve-ui starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address");
    Served {
        child,
        addr: line.trim().to_owned(),
        _dir: dir,
    }
}

/// One HTTP request; the status and the body.
fn request(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status");
    (status, body.to_owned())
}

fn call(served: &Served, command: &str, args: Value) -> (u16, Value) {
    let (status, body) = request(
        &served.addr,
        "POST",
        &format!("/api/{command}"),
        &args.to_string(),
    );
    (status, serde_json::from_str(&body).expect("JSON"))
}

fn staff_id(served: &Served, name: &str) -> String {
    let (_, staff) = call(served, "list_staff", Value::Null);
    staff
        .as_array()
        .expect("a list")
        .iter()
        .find(|member| member["name"] == name)
        .and_then(|member| member["id"].as_str())
        .expect(name)
        .to_owned()
}

#[test]
fn the_counter_s_commands_answer_with_the_store_s_rules() {
    let served = serve(None);

    // Locked: the staff to pick from, and nothing about customers.
    let (status, staff) = call(&served, "list_staff", Value::Null);
    assert_eq!(status, 200);
    let names: Vec<&str> = staff
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|member| member["name"].as_str())
        .collect();
    assert_eq!(names, ["Hoa", "Lan", "Minh", "Tuấn"]);
    let (status, error) = call(&served, "find_customers", json!({"query": "a", "limit": 5}));
    assert_eq!((status, error["code"].as_str()), (422, Some("signed_out")));

    // A wrong PIN is the store's refusal, with the attempts left.
    let lan = staff_id(&served, "Lan");
    let (status, error) = call(&served, "sign_in", json!({"staffId": lan, "pin": "0000"}));
    assert_eq!((status, error["code"].as_str()), (422, Some("wrong_pin")));
    assert!(error["details"]["attempts_left"].is_number(), "{error}");

    let (status, member) = call(&served, "sign_in", json!({"staffId": lan, "pin": "1111"}));
    assert_eq!((status, member["name"].as_str()), (200, Some("Lan")));
    let (status, hits) = call(
        &served,
        "find_customers",
        json!({"query": "nguyen", "limit": 5}),
    );
    assert_eq!(status, 200);
    assert!(
        !hits.as_array().expect("hits").is_empty(),
        "the demo customers"
    );

    // A receptionist's discount over the business's limit: the store's own
    // rule, which no TypeScript copy decides any more.
    let sale = json!({"input": {
        "lines": [{"kind": "item", "name": "Dầu gội", "unit_price": 1_000_000, "quantity": 1}],
        "discount": {"percent": 5000},
        "payments": [{"tender": "cash", "amount": 500_000}],
    }});
    let (status, error) = call(&served, "record_sale", sale);
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["code"], "permission_denied", "{error}");

    // The counter's clock is the one it was started on.
    let (status, day) = call(&served, "calendar_day", json!({"date": "2026-11-21"}));
    assert_eq!(status, 200, "{day}");
}

#[test]
fn a_bad_call_is_refused_and_writes_nothing() {
    let served = serve(None);
    let (status, error) = call(&served, "no_such_command", Value::Null);
    assert_eq!(
        (status, error["code"].as_str()),
        (404, Some("unknown_command"))
    );

    let (status, error) = call(
        &served,
        "sign_in",
        json!({"staffId": "x", "pin": "1", "extra": 1}),
    );
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("invalid_argument"))
    );
    assert_eq!(error["field"], "extra");

    let (status, body) = request(&served.addr, "POST", "/api/list_staff", "{not json");
    assert_eq!(status, 400, "{body}");

    let (status, error) = call(&served, "sign_in", json!({"staffId": 7, "pin": "1"}));
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("invalid_argument"))
    );
    assert_eq!(error["field"], "staff_id");
}

#[test]
fn the_built_ui_is_served_and_nothing_outside_it() {
    let ui = tempfile::tempdir().expect("ui dir");
    std::fs::write(
        ui.path().join("index.html"),
        "<!doctype html><title>CareDesk</title>",
    )
    .expect("index");
    std::fs::write(ui.path().join("app.js"), "console.log(1)").expect("script");
    let served = serve(Some(ui.path()));
    let (status, body) = request(&served.addr, "GET", "/", "");
    assert_eq!(status, 200);
    assert!(body.contains("<title>CareDesk</title>"));
    let (status, body) = request(&served.addr, "GET", "/app.js", "");
    assert_eq!((status, body.as_str()), (200, "console.log(1)"));
    // A path out of the folder is not a file of the UI.
    let (status, body) = request(&served.addr, "GET", "/../Cargo.toml", "");
    assert!(
        status == 404 || body.contains("<title>CareDesk</title>"),
        "{status} {body}"
    );
}

#[test]
fn it_listens_on_loopback_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("caredesk.db");
    let output = common::caredesk(&db, &["--json", "serve-ui", "--listen", "0.0.0.0:0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
    assert!(!db.exists(), "nothing written");
}
