use serde_json::json;

use super::*;
use crate::customer::{CustomerEvent, CustomerTagged};
use crate::event::Event;
use crate::id::CustomerId;

fn tag_op(kind: &str, schema: u16, body: serde_json::Value) -> Op {
    Op {
        id: OpId::new(),
        device_id: DeviceId::new(),
        device_seq: 1,
        hlc: Hlc::new(1, 0),
        actor: StaffId::new(),
        approver: None,
        kind: kind.to_owned(),
        schema,
        entity: CustomerId::new().into(),
        body,
    }
}

#[test]
fn a_known_kind_decodes_to_its_event() {
    let op = tag_op("customer.tagged", 1, json!({"tag": "vip"}));
    assert_eq!(
        op.event(),
        Ok(Some(Event::Customer(CustomerEvent::Tagged(
            CustomerTagged {
                tag: "vip".to_owned()
            }
        ))))
    );
}

#[test]
fn an_unknown_kind_or_newer_schema_is_kept_not_lost() {
    let unknown = tag_op("gift_card.sold", 1, json!({"amount": 5}));
    assert_eq!(unknown.event(), Ok(None));
    let newer = tag_op(
        "customer.tagged",
        2,
        json!({"tag": "vip", "colour": "gold"}),
    );
    assert_eq!(newer.event(), Ok(None));
}

#[test]
fn a_malformed_body_of_a_known_kind_is_an_error() {
    let op = tag_op("customer.tagged", 1, json!({"label": "vip"}));
    assert!(matches!(op.event(), Err(DecodeError::Malformed { .. })));
}

#[test]
fn the_envelope_round_trips_through_json_with_every_field() {
    let op = tag_op("customer.tagged", 1, json!({"tag": "vip"}));
    let text = serde_json::to_string(&op).expect("serialises");
    for key in [
        "\"id\"",
        "\"device_id\"",
        "\"device_seq\"",
        "\"hlc\"",
        "\"actor\"",
        "\"kind\"",
        "\"schema\"",
        "\"entity\"",
        "\"body\"",
    ] {
        assert!(text.contains(key), "{key} missing from {text}");
    }
    let back: Op = serde_json::from_str(&text).expect("parses");
    assert_eq!(back, op);
}

#[test]
fn events_report_their_kind_schema_and_body() {
    let event: Event = CustomerEvent::Tagged(CustomerTagged {
        tag: "vip".to_owned(),
    })
    .into();
    assert_eq!(event.kind(), "customer.tagged");
    assert_eq!(event.schema(), 1);
    assert_eq!(event.body(), json!({"tag": "vip"}));
    let decoded = Event::decode(event.kind(), event.schema(), &event.body());
    assert_eq!(decoded, Ok(Some(event)));
}
