//! What the server refuses at the HTTP door, on a real server: a missing,
//! too old or too new protocol, malformed JSON, an oversized body, and a
//! request without a token. Each refusal is a status and a
//! `{"error":{"code","message"}}` body, and writes nothing. And what it must
//! not refuse: an op of a kind no build knows yet, which travels to the
//! other counters and is kept there.

use std::io::{Read, Write};
use std::net::TcpStream;

use caredesk_domain::clock::Hlc;
use caredesk_domain::id::{EntityId, OpId, StaffId};
use caredesk_domain::op::Op;
use caredesk_sync::protocol::{MAX_BODY_BYTES, PROTOCOL};
use caredesk_sync_tests::{Backend, Cluster};

/// One request, written by hand so that headers can be wrong.
fn raw(
    url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    let addr = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    // A server may answer an oversized body before reading all of it.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

fn code(body: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(body).expect("a JSON error body");
    assert!(
        value["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    value["error"]["code"].as_str().expect("code").to_owned()
}

#[test]
fn the_door_refuses_bad_requests_and_writes_nothing() {
    let cluster = Cluster::new(&Backend::Sqlite);
    let url = cluster.server.url();
    let token = cluster.counters[0]
        .store
        .sync_link()
        .expect("link")
        .expect("paired")
        .token;
    let bearer = ("authorization", format!("Bearer {token}"));
    let current = ("caredesk-protocol", PROTOCOL.to_string());
    let held = cluster.server.storage().op_count().expect("count");
    let empty_push = br#"{"ops":[]}"#;

    let (status, body) = raw(
        &url,
        "POST",
        "/v1/push",
        std::slice::from_ref(&bearer),
        empty_push,
    );
    assert_eq!((status, code(&body).as_str()), (400, "protocol_too_old"));
    let old = ("caredesk-protocol", "0".to_owned());
    let (status, body) = raw(&url, "POST", "/v1/push", &[old, bearer.clone()], empty_push);
    assert_eq!((status, code(&body).as_str()), (426, "protocol_too_old"));
    let new = ("caredesk-protocol", (PROTOCOL + 1).to_string());
    let (status, body) = raw(&url, "GET", "/v1/pull?after=0", &[new, bearer.clone()], b"");
    assert_eq!((status, code(&body).as_str()), (426, "protocol_too_new"));
    // Protocol 1 is still served, but not what protocol 2 added.
    let v1 = ("caredesk-protocol", "1".to_owned());
    let (status, _) = raw(
        &url,
        "GET",
        "/v1/pull?after=0",
        &[v1.clone(), bearer.clone()],
        b"",
    );
    assert_eq!(status, 200);
    let (status, body) = raw(&url, "GET", "/v1/own?after=0", &[v1, bearer.clone()], b"");
    assert_eq!((status, code(&body).as_str()), (426, "protocol_too_old"));
    // A re-key must bring a token of the protocol's shape.
    let slots = cluster.server.storage().devices(None).expect("devices");
    let rekey = format!(
        r#"{{"device_id":"{}","token":"cdt_short","clock":0,"ahead":0}}"#,
        uuid::Uuid::now_v7()
    );
    let (status, body) = raw(
        &url,
        "POST",
        "/v1/rekey",
        &[current.clone(), bearer.clone()],
        rekey.as_bytes(),
    );
    assert_eq!((status, code(&body).as_str()), (400, "malformed"));
    assert_eq!(
        cluster.server.storage().devices(None).expect("devices"),
        slots
    );

    let (status, body) = raw(
        &url,
        "POST",
        "/v1/push",
        std::slice::from_ref(&current),
        empty_push,
    );
    assert_eq!((status, code(&body).as_str()), (401, "unauthorized"));
    let (status, body) = raw(
        &url,
        "POST",
        "/v1/push",
        &[current.clone(), bearer.clone()],
        b"{\"ops\":[{\"id\":",
    );
    assert_eq!((status, code(&body).as_str()), (400, "malformed"));
    let (status, body) = raw(
        &url,
        "POST",
        "/v1/pair",
        std::slice::from_ref(&current),
        b"not json",
    );
    assert_eq!((status, code(&body).as_str()), (400, "malformed"));
    let huge = vec![b' '; MAX_BODY_BYTES + 1];
    let (status, body) = raw(
        &url,
        "POST",
        "/v1/push",
        &[current.clone(), bearer.clone()],
        &huge,
    );
    assert_eq!((status, code(&body).as_str()), (413, "batch_too_large"));
    let (status, body) = raw(&url, "GET", "/v1/pull?after=minus", &[current, bearer], b"");
    assert_eq!((status, code(&body).as_str()), (400, "malformed"));

    assert_eq!(
        cluster.server.storage().op_count().expect("count"),
        held,
        "nothing written"
    );
}

#[test]
fn an_op_of_a_kind_no_build_knows_travels_and_is_kept() {
    let mut cluster = Cluster::new(&Backend::Sqlite);
    cluster.join();
    let (first, second) = cluster.counters.split_at_mut(1);
    let (maker, keeper) = (&mut first[0], &mut second[0]);
    let status = maker.store.sync_status().expect("status");
    let future = Op {
        id: OpId::new(),
        device_id: maker.store.device_id(),
        device_seq: status.pushed + status.pending + 1,
        hlc: Hlc::new(
            u64::try_from(jiff::Timestamp::now().as_millisecond()).expect("ms"),
            0,
        ),
        actor: StaffId::new(),
        approver: None,
        kind: "voucher.issued".to_owned(),
        schema: 3,
        entity: EntityId::from(StaffId::new()),
        body: serde_json::json!({ "amount": 200_000, "code": "TET2027" }),
    };
    // As a newer build on this counter would have written it.
    maker
        .store
        .receive(std::slice::from_ref(&future))
        .expect("kept by its maker");
    assert_eq!(maker.sync_clean().pushed, 1);
    assert_eq!(keeper.sync_clean().pulled, 1);
    let kept = keeper
        .store
        .ops(&caredesk_store::OpFilter {
            kind: Some("voucher.issued".to_owned()),
            ..caredesk_store::OpFilter::default()
        })
        .expect("log");
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].op, future,
        "the receiving counter keeps the op as it was made"
    );
    cluster.settle();
    cluster.check_converged();
}
