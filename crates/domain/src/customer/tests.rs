use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::clock::Hlc;
use crate::country::Country;
use crate::id::{CustomerId, NoteId, OpId, StaffId};
use crate::op::Stamp;
use crate::phone::Phone;

fn phone(text: &str) -> Phone {
    Phone::parse(text, Country::Vietnam).expect("valid test phone")
}

fn registered(name: &str) -> CustomerEvent {
    CustomerEvent::Registered(CustomerRegistered {
        name: name.to_owned(),
        phone: phone("0912345678"),
        email: None,
        address: None,
        code: "KH-A1-00001".to_owned(),
        registered_at: Timestamp::UNIX_EPOCH,
    })
}

fn stamp(ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc::new(ms, 0),
        op: OpId::new(),
    }
}

#[test]
fn per_field_last_writer_wins_keeps_both_counters_fixes() {
    let id = CustomerId::new();
    let staff = StaffId::new();
    let reg = registered("Nguyen Van An");
    let fix_name = CustomerEvent::Edited(CustomerEdited {
        name: Some("Nguyễn Văn An".to_owned()),
        ..CustomerEdited::default()
    });
    let fix_address = CustomerEvent::Edited(CustomerEdited {
        address: Some(Some("12 Lý Thường Kiệt, Hà Nội".to_owned())),
        ..CustomerEdited::default()
    });
    let state = CustomerState::fold(
        id,
        [
            (stamp(1), staff, &reg),
            (stamp(3), staff, &fix_address),
            (stamp(2), staff, &fix_name),
        ],
    );
    let record = state.record().expect("registered");
    assert_eq!(record.name, "Nguyễn Văn An");
    assert_eq!(record.address.as_deref(), Some("12 Lý Thường Kiệt, Hà Nội"));
}

#[test]
fn the_later_write_to_one_field_wins_regardless_of_arrival() {
    let id = CustomerId::new();
    let staff = StaffId::new();
    let reg = registered("An");
    let early = CustomerEvent::Edited(CustomerEdited {
        phone: Some(phone("0983111222")),
        ..CustomerEdited::default()
    });
    let late = CustomerEvent::Edited(CustomerEdited {
        phone: Some(phone("0983333444")),
        ..CustomerEdited::default()
    });
    let state = CustomerState::fold(
        id,
        [
            (stamp(9), staff, &late),
            (stamp(1), staff, &reg),
            (stamp(5), staff, &early),
        ],
    );
    assert_eq!(state.phone().map(Phone::e164), Some("+84983333444"));
}

#[test]
fn clearing_an_email_is_a_write_of_nothing() {
    let id = CustomerId::new();
    let staff = StaffId::new();
    let mut reg = registered("An");
    if let CustomerEvent::Registered(r) = &mut reg {
        r.email = Some("an@example.vn".to_owned());
    }
    let clear = CustomerEvent::Edited(CustomerEdited {
        email: Some(None),
        ..CustomerEdited::default()
    });
    let state = CustomerState::fold(id, [(stamp(1), staff, &reg), (stamp(2), staff, &clear)]);
    assert_eq!(state.record().expect("registered").email, None);
}

#[test]
fn edits_before_the_registration_wait_for_it() {
    let id = CustomerId::new();
    let staff = StaffId::new();
    let edit = CustomerEvent::Edited(CustomerEdited {
        name: Some("Bà Hoa".to_owned()),
        ..CustomerEdited::default()
    });
    let mut state = CustomerState::new(id);
    state.apply(stamp(5), staff, &edit);
    assert!(state.record().is_none());
    state.apply(stamp(1), staff, &registered("Hoa"));
    assert_eq!(state.record().expect("registered").name, "Bà Hoa");
}

#[test]
fn the_edit_body_tells_absent_from_cleared() {
    let absent: CustomerEdited = serde_json::from_str(r#"{"name":"An"}"#).expect("parses");
    assert_eq!(absent.email, None);
    let cleared: CustomerEdited = serde_json::from_str(r#"{"email":null}"#).expect("parses");
    assert_eq!(cleared.email, Some(None));
    let round_trip: CustomerEdited =
        serde_json::from_value(serde_json::to_value(&cleared).expect("serialises"))
            .expect("parses");
    assert_eq!(round_trip, cleared);
}

#[test]
fn input_rules() {
    assert!(matches!(check_name("  "), Err(InputError::Text(_))));
    assert_eq!(check_name(" Lê  Thị Hồng ").as_deref(), Ok("Lê Thị Hồng"));
    assert!(check_name(&"a".repeat(Limits::NAME + 1)).is_err());
    assert_eq!(
        check_email(Some("an@spa.vn")),
        Ok(Some("an@spa.vn".to_owned()))
    );
    assert_eq!(check_email(Some("  ")), Ok(None));
    for bad in [
        "an",
        "an@",
        "@spa.vn",
        "an@spa",
        "a n@spa.vn",
        "an@@spa.vn",
        "an@spa.",
    ] {
        assert!(check_email(Some(bad)).is_err(), "{bad}");
    }
    assert_eq!(check_tag("VIP").as_deref(), Ok("vip"));
    assert_eq!(check_code("kh-01/7").as_deref(), Ok("KH-01/7"));
    assert!(check_code("KH 01").is_err());
    assert!(check_note("  \n ").is_err());
    assert_eq!(
        check_note("Dị ứng\r\ntinh dầu").as_deref(),
        Ok("Dị ứng\ntinh dầu")
    );
}

/// A random op of one customer: registration, field edits, notes, tags.
fn any_event() -> impl Strategy<Value = CustomerEvent> {
    let names = prop::sample::select(vec!["Nguyễn Văn An", "Trần Thị Bích", "Đặng Thu Hà"]);
    let phones = prop::sample::select(vec!["0912345678", "0983111222", "0356789012"]);
    let emails = prop::option::of(prop::sample::select(vec!["a@spa.vn", "b@spa.vn"]));
    let tags = prop::sample::select(vec!["vip", "allergy", "home-visit"]);
    prop_oneof![
        (names.clone(), phones.clone()).prop_map(|(n, p)| {
            let mut event = registered(n);
            if let CustomerEvent::Registered(r) = &mut event {
                r.phone = phone(p);
            }
            event
        }),
        (
            prop::option::of(names),
            prop::option::of(phones),
            prop::option::of(emails)
        )
            .prop_map(|(name, p, email)| {
                CustomerEvent::Edited(CustomerEdited {
                    name: name.map(str::to_owned),
                    phone: p.map(phone),
                    email: email.map(|e| e.map(str::to_owned)),
                    address: None,
                })
            }),
        "[a-z ]{1,12}".prop_map(|text| {
            CustomerEvent::NoteAdded(CustomerNoteAdded {
                note_id: NoteId::new(),
                text,
                written_at: Timestamp::UNIX_EPOCH,
            })
        }),
        tags.clone()
            .prop_map(|t| CustomerEvent::Tagged(CustomerTagged { tag: t.to_owned() })),
        tags.prop_map(|t| CustomerEvent::Untagged(CustomerUntagged { tag: t.to_owned() })),
    ]
}

/// Ops with stamps drawn from a small range, so that equal HLCs (two devices
/// reading the same clock) are common and the op id has to break the tie.
fn any_ops() -> impl Strategy<Value = Vec<(Stamp, StaffId, CustomerEvent)>> {
    prop::collection::vec((0u64..8, 0u16..2, any_event()), 1..24).prop_map(|ops| {
        ops.into_iter()
            .map(|(ms, logical, event)| {
                let stamp = Stamp {
                    hlc: Hlc::new(ms, logical),
                    op: OpId::new(),
                };
                (stamp, StaffId::new(), event)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn any_order_of_a_customers_ops_folds_to_the_same_state(
        (ops, shuffled) in any_ops().prop_flat_map(|ops| {
            let shuffled = Just(ops.clone()).prop_shuffle();
            (Just(ops), shuffled)
        })
    ) {
        let id = CustomerId::from_uuid(uuid::Uuid::nil());
        let in_order = CustomerState::fold(id, ops.iter().map(|(s, a, e)| (*s, *a, e)));
        let out_of_order = CustomerState::fold(id, shuffled.iter().map(|(s, a, e)| (*s, *a, e)));
        prop_assert_eq!(&in_order, &out_of_order);
        prop_assert_eq!(in_order.record(), out_of_order.record());
    }

    #[test]
    fn applying_an_op_twice_changes_nothing(ops in any_ops()) {
        let id = CustomerId::from_uuid(uuid::Uuid::nil());
        let once = CustomerState::fold(id, ops.iter().map(|(s, a, e)| (*s, *a, e)));
        let twice = CustomerState::fold(
            id,
            ops.iter().chain(ops.iter()).map(|(s, a, e)| (*s, *a, e)),
        );
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn a_state_saved_and_reloaded_folds_on_like_one_never_saved(
        ops in any_ops(),
        split in 0usize..24,
    ) {
        let id = CustomerId::from_uuid(uuid::Uuid::nil());
        let split = split.min(ops.len());
        let whole = CustomerState::fold(id, ops.iter().map(|(s, a, e)| (*s, *a, e)));
        let first = CustomerState::fold(id, ops[..split].iter().map(|(s, a, e)| (*s, *a, e)));
        let saved = serde_json::to_string(&first).expect("serialises");
        let mut reloaded: CustomerState = serde_json::from_str(&saved).expect("parses");
        for (s, a, e) in &ops[split..] {
            reloaded.apply(*s, *a, e);
        }
        prop_assert_eq!(whole, reloaded);
    }
}
