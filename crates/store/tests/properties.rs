//! Properties of the store under random sequences of commands, valid and
//! not: the op log stays gapless, projections stay equal to the folds of the
//! log, and a refused command writes nothing.

mod common;

use caredesk_store::{CustomerEdit, NewCustomer, OpFilter};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Action {
    Add {
        name: String,
        phone: usize,
    },
    EditName {
        who: usize,
        name: String,
    },
    EditPhone {
        who: usize,
        phone: usize,
    },
    Note {
        who: usize,
        text: String,
    },
    Tag {
        who: usize,
        tag: &'static str,
        on: bool,
    },
}

/// A small pool of phones (some invalid), so that duplicates and refusals
/// are frequent.
const PHONES: [&str; 6] = [
    "0912345678",
    "+84 983 111 222",
    "0356-789-012",
    "01662345678", // the old form of 036 234 5678, below
    "0362345678",
    "12345", // invalid
];

fn action() -> impl Strategy<Value = Action> {
    let name = prop_oneof![
        Just(String::new()),
        Just("x".repeat(120)),
        "[A-Za-zĐđÀ-ỹ ]{1,24}",
    ];
    prop_oneof![
        (name.clone(), 0..PHONES.len()).prop_map(|(name, phone)| Action::Add { name, phone }),
        (0usize..8, name).prop_map(|(who, name)| Action::EditName { who, name }),
        (0usize..8, 0..PHONES.len()).prop_map(|(who, phone)| Action::EditPhone { who, phone }),
        (0usize..8, "[a-z ]{0,12}").prop_map(|(who, text)| Action::Note { who, text }),
        (
            0usize..8,
            prop::sample::select(vec!["vip", "allergy"]),
            any::<bool>()
        )
            .prop_map(|(who, tag, on)| Action::Tag { who, tag, on }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_the_log_gapless_and_projections_equal_to_their_folds(
        actions in prop::collection::vec(action(), 1..30)
    ) {
        let mut db = common::vietnam();
        let ctx = db.ctx();
        let mut customers = Vec::new();
        for action in actions {
            let before = common::snapshot(&db.path);
            let who = |i: usize| customers.get(i % customers.len().max(1)).copied();
            let result = match action.clone() {
                Action::Add { name, phone } => db
                    .store
                    .customers_mut().add_customer(&ctx, NewCustomer { name, phone: PHONES[phone].to_owned(), ..NewCustomer::default() })
                    .map(|c| customers.push(c.id)),
                Action::EditName { who: w, name } => match who(w) {
                    Some(id) => db.store.customers_mut().edit_customer(&ctx, id, CustomerEdit { name: Some(name), ..CustomerEdit::default() }).map(drop),
                    None => continue,
                },
                Action::EditPhone { who: w, phone } => match who(w) {
                    Some(id) => db.store.customers_mut().edit_customer(&ctx, id, CustomerEdit { phone: Some(PHONES[phone].to_owned()), ..CustomerEdit::default() }).map(drop),
                    None => continue,
                },
                Action::Note { who: w, text } => match who(w) {
                    Some(id) => db.store.customers_mut().add_customer_note(&ctx, id, &text).map(drop),
                    None => continue,
                },
                Action::Tag { who: w, tag, on } => match who(w) {
                    Some(id) => db.store.customers_mut().tag_customer(&ctx, id, tag, on).map(drop),
                    None => continue,
                },
            };
            if result.is_err() {
                prop_assert_eq!(common::snapshot(&db.path), before, "{:?} was refused but wrote", action);
            }
        }
        let ops = db.store.ops(&OpFilter::default()).expect("ops");
        let seqs: Vec<u64> = ops.iter().map(|o| o.op.device_seq).collect();
        prop_assert_eq!(seqs, (1..=ops.len() as u64).collect::<Vec<_>>());
        prop_assert!(db.store.verify_projections().expect("verify").is_empty());
        // One counter never holds two customers with the same phone.
        let dump = db.store.dump().expect("dump");
        let mut phones: Vec<_> = dump.customers.iter().map(|c| c.phone.clone()).collect();
        phones.sort();
        let before = phones.len();
        phones.dedup();
        prop_assert_eq!(phones.len(), before);
    }
}
