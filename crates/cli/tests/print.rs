//! `caredesk print` and `settings business` through the real binary: each
//! document written as a PDF whose text reads back, receipts found by
//! number or id, and refusals (unknown sale or treatment, a bad width,
//! paper, language, payment setting) that write no file and no op.

mod common;

use std::process::Command;

use common::{Counter, massage_spa, s};

const AN: &str = "0912345678";

fn pdftotext(path: &std::path::Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// A massage for An, completed and paid by transfer; returns the sale.
fn paid_massage(counter: &Counter, massage: &str) -> serde_json::Value {
    let booking = counter.ok(&[
        "--now",
        "2030-03-14T07:30",
        "booking",
        "add",
        "--customer",
        AN,
        "--service",
        massage,
        "--staff",
        "Mai",
        "--start",
        "2030-03-14T09:00",
    ]);
    let id = s(&booking["id"]).to_owned();
    counter.ok(&["--now", "2030-03-14T09:00", "booking", "check-in", &id]);
    counter.ok(&["--now", "2030-03-14T10:00", "booking", "complete", &id]);
    counter.ok(&[
        "--now",
        "2030-03-14T10:05",
        "sale",
        "add",
        "--booking",
        &id,
        "--pay",
        "transfer:350000:VCB-1",
    ])
}

#[test]
fn receipts_statements_and_reports_are_written_as_pdf() {
    let (counter, massage, _) = massage_spa();
    let business = counter.ok(&[
        "settings",
        "business",
        "--name",
        "Spa Hoa Sen",
        "--address",
        "12 Lý Tự Trọng, Quận 1",
        "--tax-code",
        "0312345678",
        "--bank-bin",
        "970415",
        "--bank-account",
        "0011 0019 32418",
        "--bank-account-name",
        "Spa Hoa Sen",
    ]);
    assert_eq!(business["bank_account"]["number"], "0011001932418");
    let sale = paid_massage(&counter, &massage);
    let number = s(&sale["number"]).to_owned();

    let out = counter.path("receipt.pdf");
    let written = counter.ok(&[
        "print",
        "receipt",
        &number,
        "--out",
        out.to_str().expect("path"),
        "--width",
        "58",
    ]);
    assert_eq!(s(&written["file"]), out.to_str().expect("path"));
    let text = pdftotext(&out);
    for want in [
        "Spa Hoa Sen",
        "HÓA ĐƠN BÁN HÀNG",
        "Nguyễn Văn An",
        "Massage đá nóng",
        "Quét mã VietQR",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    assert!(std::fs::metadata(&out).expect("file").len() < 50 * 1024);

    // By id too, as a copy, in English.
    let copy = counter.path("copy.pdf");
    counter.ok(&[
        "print",
        "receipt",
        s(&sale["id"]),
        "--out",
        copy.to_str().expect("path"),
        "--copy",
        "--lang",
        "en",
    ]);
    assert!(pdftotext(&copy).contains("*** COPY ***"));

    counter.ok(&[
        "package",
        "add",
        "--name",
        "Massage 10 buổi",
        "--sessions",
        "10",
        "--valid-days",
        "90",
        "--price",
        "3000000",
        "--service",
        &massage,
    ]);
    let card = counter.ok(&[
        "treatment",
        "sell",
        "--customer",
        AN,
        "--package",
        "massage 10 buoi",
    ]);
    let statement = counter.path("statement.pdf");
    counter.ok(&[
        "print",
        "statement",
        s(&card["id"]),
        "--out",
        statement.to_str().expect("path"),
        "--paper",
        "a4",
    ]);
    let text = pdftotext(&statement);
    assert!(text.contains("PHIẾU THEO DÕI LIỆU TRÌNH") && text.contains("Massage 10 buổi"));

    let report = counter.path("report.pdf");
    counter.ok(&[
        "--now",
        "2030-03-14T18:00",
        "print",
        "report",
        "--date",
        "2030-03-14",
        "--out",
        report.to_str().expect("path"),
    ]);
    let text = pdftotext(&report);
    assert!(
        text.contains("BÁO CÁO CUỐI NGÀY (Z)") && text.contains("350.000 ₫"),
        "{text}"
    );
}

#[test]
fn refusals_write_no_file() {
    let (counter, massage, _) = massage_spa();
    let sale = paid_massage(&counter, &massage);
    let number = s(&sale["number"]).to_owned();
    let out = counter.path("never.pdf");
    let path = out.to_str().expect("path");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["print", "receipt", "ZZZ-000009", "--out", path],
            "not_found",
        ),
        (
            vec!["print", "receipt", &number, "--out", path, "--width", "57"],
            "invalid_width",
        ),
        (
            vec!["print", "receipt", &number, "--out", path, "--lang", "fr"],
            "invalid_language",
        ),
        (
            vec![
                "print",
                "receipt",
                &number,
                "--out",
                path,
                "--logo",
                "/nonexistent.png",
            ],
            "invalid_logo",
        ),
        (
            vec![
                "print",
                "statement",
                "0195f1a2-0000-7000-8000-000000000000",
                "--out",
                path,
            ],
            "not_found",
        ),
        (
            vec!["print", "statement", "not-an-id", "--out", path],
            "invalid_id",
        ),
        (
            vec![
                "print",
                "statement",
                "0195f1a2-0000-7000-8000-000000000000",
                "--out",
                path,
                "--paper",
                "letter",
            ],
            "invalid_paper",
        ),
        (
            vec!["print", "report", "--out", path, "--paper", "a3"],
            "invalid_paper",
        ),
        (
            vec!["print", "report", "--date", "2030-02-30", "--out", path],
            "invalid_date",
        ),
    ];
    for (args, code) in cases {
        assert_eq!(counter.refused(&args), code, "{args:?}");
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    // A folder is not a file name.
    let dir = counter.path("");
    assert_eq!(
        counter.refused(&[
            "print",
            "receipt",
            &number,
            "--out",
            dir.to_str().expect("dir")
        ]),
        "invalid_output"
    );
    let leftovers: Vec<_> = std::fs::read_dir(counter.path(""))
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // None of them counts as a print: the next receipt is still the first.
    assert_eq!(counter.ok(&["sale", "show", &number])["printed"], 0);
}

/// The command prints as the app does: each print is recorded once its file
/// is whole, and the second print of a sale is marked as a copy without
/// being asked.
#[test]
fn the_second_print_of_a_receipt_is_a_copy() {
    let (counter, massage, _) = massage_spa();
    let sale = paid_massage(&counter, &massage);
    let number = s(&sale["number"]).to_owned();
    let print = |name: &str| {
        let out = counter.path(name);
        let written = counter.ok(&[
            "print",
            "receipt",
            &number,
            "--out",
            out.to_str().expect("path"),
        ]);
        (written, pdftotext(&out))
    };

    let (first, text) = print("first.pdf");
    assert_eq!(first["copy"], false);
    assert!(!text.contains("BẢN SAO"), "{text}");
    assert_eq!(counter.ok(&["sale", "show", &number])["printed"], 1);

    let (second, text) = print("second.pdf");
    assert_eq!(second["copy"], true);
    assert!(text.contains("BẢN SAO"), "{text}");
    assert_eq!(counter.ok(&["sale", "show", &number])["printed"], 2);

    let printed: Vec<serde_json::Value> = counter
        .ok(&["ops", "list"])
        .as_array()
        .expect("ops")
        .iter()
        .filter(|op| op["kind"] == "sale.receipt_printed")
        .cloned()
        .collect();
    assert_eq!(printed.len(), 2, "{printed:?}");
}

#[test]
fn business_settings_take_payment_details_and_refuse_bad_ones() {
    let counter = Counter::init(&["--owner", "Hoa", "--owner-pin", "1234"]);
    let shown = counter.ok(&["settings", "business"]);
    assert!(shown.get("bank_account").is_none() && shown.get("qris").is_none());
    for (args, code) in [
        (
            vec!["--bank-bin", "123456", "--bank-account", "1"],
            "invalid_settings",
        ),
        (
            vec!["--bank-bin", "970415", "--bank-account", "12#4"],
            "invalid_settings",
        ),
        (vec!["--bank-account-name", "Hoa"], "invalid_settings"),
        (vec!["--qris", "00020101021163041234"], "invalid_settings"),
        (vec!["--bank-bin", "970415"], "usage"),
    ] {
        let args = [&["settings", "business"][..], &args].concat();
        assert_eq!(counter.refused(&args), code, "{args:?}");
    }
    let set = counter.ok(&[
        "settings",
        "business",
        "--bank-bin",
        "970436",
        "--bank-account",
        "0881000458086",
    ]);
    assert_eq!(set["bank_account"]["bin"], "970436");
    let cleared = counter.ok(&["settings", "business", "--no-bank-account"]);
    assert!(cleared.get("bank_account").is_none());
}
