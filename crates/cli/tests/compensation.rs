//! How a manager answers sync conflicts through the real binary: merging
//! two files of one person (`customer merge`), and charging sessions on a
//! card (`sale add --sessions`). Refusals follow the error contract.

mod common;

use common::{massage_spa, s};

const AN: &str = "0912345678";
const NOW: &str = "2030-03-10T10:00";

#[test]
fn customer_merge_moves_the_wallet_and_keeps_the_older_file() {
    let (counter, _, _) = massage_spa();
    let again = counter.ok(&[
        "customer",
        "add",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0977000111",
    ]);
    let newer = s(&again["id"]).to_owned();
    counter.ok(&["--now", NOW, "wallet", "deposit", &newer, "200000"]);
    counter.ok(&["--now", NOW, "wallet", "deposit", AN, "50000"]);
    let older = s(&counter.ok(&["customer", "show", AN])["customer"]["id"]).to_owned();

    let merged = counter.ok(&["--now", NOW, "customer", "merge", &newer, AN]);
    assert_eq!(s(&merged["id"]), older, "the file registered first stays");
    assert_eq!(merged["merged"], serde_json::json!([newer]));
    assert_eq!(merged["wallet_real"], 200_000);

    let shown = counter.ok(&["--now", NOW, "customer", "show", &newer]);
    assert_eq!(
        s(&shown["customer"]["id"]),
        older,
        "the old id opens the kept file"
    );
    assert_eq!(shown["wallet"]["balance"], 250_000);
    let found = counter.ok(&["customer", "find", "0977 000 111"]);
    assert_eq!(
        s(&found[0]["id"]),
        older,
        "the merged phone finds the kept file"
    );
    assert_eq!(counter.ok(&["conflicts"]), serde_json::json!([]));

    assert_eq!(
        counter.refused(&["customer", "merge", AN]),
        "nothing_to_merge"
    );
    assert_eq!(
        counter.refused(&["customer", "merge", AN, "0999999999"]),
        "not_found"
    );
    counter.hire("Lan", "receptionist", "2222");
    assert_eq!(
        counter.refused(&["--as", "Lan", "customer", "merge", AN, "0983111222"]),
        "permission_denied"
    );
}

#[test]
fn sessions_are_charged_on_a_card_at_its_price_per_session() {
    let (counter, massage, _) = massage_spa();
    let package = counter.ok(&[
        "package",
        "add",
        "--name",
        "Massage 4 buổi",
        "--sessions",
        "4",
        "--valid-days",
        "90",
        "--price",
        "1000000",
        "--service",
        &massage,
    ]);
    let card = counter.ok(&[
        "--now",
        NOW,
        "treatment",
        "sell",
        "--customer",
        AN,
        "--package",
        s(&package["id"]),
    ]);
    let card = s(&card["id"]).to_owned();
    counter.ok(&["--now", NOW, "drawer", "open", "0"]);
    let charge = |customer: &str, sessions: &str, pay: &str| {
        [
            "--now",
            NOW,
            "sale",
            "add",
            "--customer",
            customer,
            "--sessions",
            sessions,
            "--pay",
            pay,
        ]
        .map(str::to_owned)
    };
    let refused = |args: [String; 10]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        counter.refused(&args)
    };
    // Nothing was used beyond the card: the counter must say how many.
    assert_eq!(
        refused(charge(AN, &card, "cash:250000")),
        "nothing_to_charge"
    );
    for bad in [format!("{card}:x"), format!("{card}:0")] {
        assert_eq!(refused(charge(AN, &bad, "cash:250000")), "invalid_value");
    }
    assert_eq!(
        refused(charge("0983111222", &format!("{card}:1"), "cash:250000")),
        "other_customer",
        "Bích cannot pay sessions on An's card"
    );
    let args = charge(AN, &format!("{card}:2"), "cash:500000");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let sale = counter.ok(&args);
    assert_eq!(sale["total"], 500_000, "two sessions at 250.000");
    let shown = counter.ok(&["--now", NOW, "treatment", "show", &card]);
    assert_eq!(shown["total"], 6);
    assert_eq!(shown["charged"], 2);
    assert_eq!(shown["remaining"], 6);
    let history = shown["history"].as_array().expect("history");
    assert!(
        history
            .iter()
            .any(|h| h["change"] == "charged" && h["sessions"] == 2),
        "{history:?}"
    );
    // Charging sessions does not count as paying for the card itself: the
    // card sold without a sale can still be rung up once.
    let paid = counter.ok(&[
        "--now",
        NOW,
        "sale",
        "add",
        "--customer",
        AN,
        "--treatment",
        &card,
        "--pay",
        "cash:1000000",
    ]);
    assert_eq!(paid["total"], 1_000_000);
}
