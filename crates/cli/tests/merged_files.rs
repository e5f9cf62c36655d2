//! After `customer merge`, what the customer still gives at the desk (the
//! merged file's code on their card, its phone) finds the kept file:
//! `customer find`, `customer show` and anything that takes a customer.

mod common;

use common::{massage_spa, s};
use serde_json::Value;

const AN: &str = "0912345678";
const NOW: &str = "2030-03-10T10:00";

fn found(counter: &common::Counter, query: &str) -> Vec<(String, String)> {
    counter
        .ok(&["customer", "find", query])
        .as_array()
        .expect("hits")
        .iter()
        .map(|hit: &Value| (s(&hit["id"]).to_owned(), s(&hit["matched"]).to_owned()))
        .collect()
}

#[test]
fn the_merged_files_code_and_phone_reach_the_kept_file() {
    let (counter, _, _) = massage_spa();
    let again = counter.ok(&[
        "customer",
        "add",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0977000111",
    ]);
    let (newer, code) = (s(&again["id"]).to_owned(), s(&again["code"]).to_owned());
    let older = s(&counter.ok(&["customer", "show", AN])["customer"]["id"]).to_owned();
    counter.ok(&["--now", NOW, "customer", "merge", &newer, AN]);

    let kept = |how: &str| vec![(older.clone(), how.to_owned())];
    assert_eq!(found(&counter, &code), kept("code"));
    assert_eq!(found(&counter, &code.to_lowercase()), kept("code"));
    for phone in ["0977 000 111", "0977000111", "+84977000111", "0977 000"] {
        assert_eq!(found(&counter, phone), kept("phone"), "{phone}");
    }
    assert_eq!(found(&counter, AN), kept("phone"));

    let shown = counter.ok(&["--now", NOW, "customer", "show", "0977 000 111"]);
    assert_eq!(s(&shown["customer"]["id"]), older);
    assert_eq!(s(&shown["customer"]["phone"]), "+84912345678");
    // Anything that takes a customer takes the old number too.
    let wallet = counter.ok(&["--now", NOW, "wallet", "deposit", "0977000111", "100000"]);
    assert_eq!(s(&wallet["customer"]), older);

    // The card's code stays the kept file's: no one else may be given it.
    let taken = [
        "customer",
        "add",
        "--name",
        "Lê Văn Cường",
        "--phone",
        "0966000222",
        "--code",
        &code,
    ];
    assert_eq!(counter.refused(&taken), "duplicate_code");
    assert_eq!(counter.ok(&["conflicts"]), serde_json::json!([]));
}
