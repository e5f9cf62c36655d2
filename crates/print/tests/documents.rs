//! The documents from a real database file, looked at as a person and a
//! printer would: rasterised and compared with the committed references,
//! their text read back with diacritics, a 58 mm receipt checked for
//! anything past its margins, the file's size, and every refusal.

mod common;

use caredesk_print::{
    Paper, PrintError, ReceiptData, ReceiptOptions, SheetOptions, StatementData, day_report,
    receipt, statement,
};
use caredesk_store::{Lang, StoreError};
use common::render::{self, assert_matches_references};
use common::{CUSTOMER, LONG_SERVICE, PACKAGE};
use unicode_normalization::UnicodeNormalization;

fn receipt_pdf(paper: Paper, copy: bool) -> caredesk_print::Pdf {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let data = ReceiptData::load(&spa.store, &spa.at("2026-11-21T10:46"), &number).expect("data");
    let options = ReceiptOptions {
        copy,
        ..ReceiptOptions::new(paper)
    };
    receipt(&data, &options).expect("receipt")
}

fn assert_nfc_and_contains(text: &str, expected: &[&str]) {
    assert_eq!(
        text.nfc().collect::<String>(),
        text,
        "pdftotext gave text not in NFC"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in expected {
        let want = want.nfc().collect::<String>();
        assert!(flat.contains(&want), "{want:?} not in:\n{text}");
    }
}

#[test]
fn receipt_80_matches_its_reference_and_reads_in_vietnamese() {
    let pdf = receipt_pdf(Paper::Roll80, false);
    assert_eq!(pdf.paper, Paper::Roll80);
    assert!(
        pdf.height_mm > 150.0 && pdf.height_mm < 400.0,
        "{}",
        pdf.height_mm
    );
    assert_matches_references("receipt-80", &pdf.bytes);
    let text = render::text(&pdf.bytes);
    assert_nfc_and_contains(
        &text,
        &[
            "Spa Hoa Sen",
            "12 Lý Tự Trọng, Phường Bến Nghé",
            "MST: 0312345678",
            "HÓA ĐƠN BÁN HÀNG",
            "Số: A7Q-000001",
            "Ngày: 21/11/2026 10:45",
            "Thu ngân: Lan",
            "Khách hàng: Đặng Thị Ánh",
            "Dầu gội thảo dược",
            "Giảm giá",
            "Đã gồm thuế (8%)",
            "TỔNG CỘNG 3.866.000 ₫",
            "Ví khách hàng 300.000 ₫",
            "Chuyển khoản 3.000.000 ₫",
            "Tiền thối lại 34.000 ₫",
            "Số dư ví sau giao dịch 200.000 ₫",
            "Massage đá nóng 10 buổi: còn 10/10 buổi",
            "Quét mã VietQR để chuyển khoản",
            "Số tiền: 3.000.000 ₫",
            "Nội dung: A7Q-000001",
            "Chủ TK: CONG TY TNHH SPA HOA SEN",
            "Cảm ơn quý khách, hẹn gặp lại!",
        ],
    );
    assert!(!text.contains("BẢN SAO"));
}

#[test]
fn receipt_58_with_a_60_character_service_stays_inside_the_paper() {
    assert_eq!(LONG_SERVICE.chars().count(), 60);
    let pdf = receipt_pdf(Paper::Roll58, false);
    assert_matches_references("receipt-58", &pdf.bytes);
    let text = render::text(&pdf.bytes);
    // The long name wrapped, every word of it kept.
    for word in LONG_SERVICE.split(' ') {
        assert!(text.contains(word), "{word} lost:\n{text}");
    }
    // Every word's box within the page less its 5 mm margins (less half a
    // point of rounding).
    let margin = 5.0 / 25.4 * 72.0 - 0.5;
    let words = render::words(&pdf.bytes);
    assert!(words.len() > 80, "{}", words.len());
    for word in &words {
        assert!(
            word.x_min >= margin && word.x_max <= word.page_width - margin,
            "{word:?} runs into the margin"
        );
        assert!(
            word.y_min >= 0.0 && word.y_max <= word.page_height,
            "{word:?}"
        );
    }
    // And no ink in the raster's outer 4 mm on either side.
    let page = &render::pages(&pdf.bytes)[0];
    let edge = (4.0 / 25.4 * f64::from(render::DPI)) as usize;
    for y in 0..page.height {
        for x in (0..edge).chain(page.width - edge..page.width) {
            assert!(!page.ink(x, y), "ink at ({x}, {y}) in the edge");
        }
    }
}

#[test]
fn a_reprint_is_marked_as_a_copy_and_a_receipt_is_small() {
    let copy = receipt_pdf(Paper::Roll80, true);
    let text = render::text(&copy.bytes);
    assert_eq!(text.matches("*** BẢN SAO ***").count(), 2, "{text}");
    // The sessions left are read when the copy is made, and it says when.
    assert_nfc_and_contains(&text, &["Gói liệu trình (tính đến 21/11/2026 10:46)"]);
    let original = render::text(&receipt_pdf(Paper::Roll80, false).bytes);
    assert!(!original.contains("tính đến"), "{original}");
    for paper in [Paper::Roll80, Paper::Roll58] {
        let pdf = receipt_pdf(paper, false);
        assert!(
            pdf.bytes.len() < 50 * 1024,
            "{paper:?}: {} bytes",
            pdf.bytes.len()
        );
        // The font is embedded as a subset, not whole (half a megabyte).
        assert!(
            pdf.bytes.windows(9).any(|w| w == b"/FontFile"),
            "no embedded font"
        );
    }
}

#[test]
fn a_receipt_in_english_and_indonesian() {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let data = ReceiptData::load(&spa.store, &spa.at("2026-11-21T10:46"), &number).expect("data");
    for (lang, expected) in [
        (
            Lang::En,
            ["SALES RECEIPT", "Change 34.000 ₫", "10 of 10 sessions left"],
        ),
        (
            Lang::Id,
            [
                "STRUK PENJUALAN",
                "Kembalian 34.000 ₫",
                "sisa 10 dari 10 sesi",
            ],
        ),
    ] {
        let options = ReceiptOptions {
            lang: Some(lang),
            ..ReceiptOptions::new(Paper::Roll80)
        };
        let pdf = receipt(&data, &options).expect("receipt");
        assert_nfc_and_contains(&render::text(&pdf.bytes), &expected);
    }
}

#[test]
fn statement_matches_its_reference_and_flows_onto_more_sheets() {
    let mut spa = common::spa();
    common::sale(&mut spa);
    let card = common::card(&mut spa, 3);
    let ctx = spa.at("2026-11-30T10:00");
    let data = StatementData::load(&spa.store, &ctx, card).expect("data");
    let a5 = SheetOptions {
        paper: Paper::A5,
        lang: None,
    };
    let pdf = statement(&data, &a5).expect("statement");
    assert_eq!(pdf.height_mm, 210.0);
    let expiry = data.treatment.expires_on.strftime("%d/%m/%Y").to_string();
    assert_matches_references("statement-a5", &pdf.bytes);
    assert_nfc_and_contains(
        &render::text(&pdf.bytes),
        &[
            "PHIẾU THEO DÕI LIỆU TRÌNH",
            CUSTOMER,
            PACKAGE,
            "Mua gói 10 buổi",
            "Đã làm",
            "22/11/2026 14:00",
            "24/11/2026 14:00",
            "Mai",
            "3 đã dùng, 0 đã đặt, còn 7/10",
            &expiry,
            "Chữ ký khách hàng",
            "Trang 1/1",
        ],
    );

    let mut long = common::spa();
    common::sale(&mut long);
    let card = common::card(&mut long, 50);
    let data = StatementData::load(&long.store, &long.at("2027-03-01T10:00"), card).expect("data");
    let a4 = SheetOptions {
        paper: Paper::A4,
        lang: None,
    };
    let pdf = statement(&data, &a4).expect("statement");
    let pages = render::pages(&pdf.bytes);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let text = render::text(&pdf.bytes);
    assert_eq!(
        text.matches("Kỹ thuật viên").count(),
        pages.len(),
        "a heading per page"
    );
    assert!(text.contains(&format!("Trang {0}/{0}", pages.len())));
    assert!(text.contains("Chữ ký khách hàng"));
}

#[test]
fn day_report_matches_its_reference() {
    let mut spa = common::spa();
    common::sale(&mut spa);
    common::closed_day(&mut spa);
    let ctx = spa.at("2026-11-21T20:00");
    let date = jiff::civil::date(2026, 11, 21);
    let report = spa.store.day_report(&ctx, date, false).expect("report");
    let options = SheetOptions {
        paper: Paper::A4,
        lang: None,
    };
    let pdf = day_report(&report, spa.store.settings(), &options).expect("report");
    assert_matches_references("report-a4", &pdf.bytes);
    assert_nfc_and_contains(
        &render::text(&pdf.bytes),
        &[
            "BÁO CÁO CUỐI NGÀY (Z)",
            "21/11/2026 · Quầy A7Q · Đã chốt ngày",
            "Doanh thu 3.866.000 ₫",
            "Theo hình thức thanh toán",
            "Tiền mặt 566.000 ₫",
            // The store's own categories, in the report's language.
            "Gói liệu trình 3.000.000 ₫",
            "Bán lẻ 216.000 ₫",
            "Két tiền",
            "Chênh lệch",
        ],
    );
}

#[test]
fn refusals_name_what_is_wrong() {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let ctx = spa.at("2026-11-21T11:00");
    assert!(matches!(
        ReceiptData::load(&spa.store, &ctx, "A7Q-999999"),
        Err(PrintError::Store(StoreError::SaleNotFound(_)))
    ));
    assert!(matches!(
        StatementData::load(&spa.store, &ctx, caredesk_domain::TreatmentId::new()),
        Err(PrintError::Store(StoreError::TreatmentNotFound(_)))
    ));
    let data = ReceiptData::load(&spa.store, &ctx, &number).expect("data");
    let error = receipt(&data, &ReceiptOptions::new(Paper::A4)).expect_err("not on A4");
    assert_eq!(error.code(), "invalid_paper");
    assert!(error.to_string().contains("80 or 58 mm roll"), "{error}");
    let logo = ReceiptOptions {
        logo: Some(b"not a png".to_vec()),
        ..ReceiptOptions::new(Paper::Roll80)
    };
    assert_eq!(
        receipt(&data, &logo).expect_err("bad logo").code(),
        "invalid_logo"
    );

    let card = common::card(&mut spa, 0);
    let data = StatementData::load(&spa.store, &ctx, card).expect("data");
    let roll = SheetOptions {
        paper: Paper::Roll58,
        lang: None,
    };
    let error = statement(&data, &roll).expect_err("not on a roll");
    assert!(error.to_string().contains("A5 or A4"), "{error}");
}

#[test]
fn a_logo_is_drawn_above_the_name() {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let data = ReceiptData::load(&spa.store, &spa.at("2026-11-21T11:00"), &number).expect("data");
    // A 40 x 20 black block: on 80 mm it is scaled to 18 mm high.
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 40, 20);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&[0; 800]).expect("pixels");
    }
    let with = ReceiptOptions {
        logo: Some(png),
        ..ReceiptOptions::new(Paper::Roll80)
    };
    let plain = receipt(&data, &ReceiptOptions::new(Paper::Roll80)).expect("receipt");
    let logo = receipt(&data, &with).expect("receipt with logo");
    assert!((logo.height_mm - plain.height_mm - 19.0).abs() < 0.1);
    let page = &render::pages(&logo.bytes)[0];
    let mm = |v: f64| (v / 25.4 * f64::from(render::DPI)) as usize;
    // The middle of the logo (36 mm wide, 18 mm high, from 3 mm down) is ink.
    assert!(page.ink(page.width / 2, mm(12.0)));
    assert!(page.ink(mm(40.0 - 16.0), mm(5.0)));
}

#[test]
fn comparison_tells_pages_apart() {
    let a = render::Raster {
        width: 10,
        height: 10,
        pixels: vec![255; 100],
    };
    let mut b = a.clone();
    assert_eq!(render::difference(&a, &b), 0.0, "blank pages");
    b.pixels[5] = 0;
    assert_eq!(render::difference(&a, &b), 1.0, "the only ink moved");
    // Of 20 inked pixels, one is paper on the other page: 5 % of the ink,
    // however large the page.
    let mut inked = a.clone();
    inked.pixels[..20].fill(0);
    let mut moved = inked.clone();
    moved.pixels[0] = 255;
    assert!((render::difference(&inked, &moved) - 0.05).abs() < 1e-9);
    let c = render::Raster {
        width: 10,
        height: 11,
        pixels: vec![255; 110],
    };
    assert_eq!(render::difference(&a, &c), 1.0);
}

/// The code printed on the receipt is read back by a decoder (zbarimg) from
/// the page as printed, at the thermal head's resolution, on either roll:
/// what a customer's banking app would scan is the transfer's payload.
#[test]
fn the_payment_code_on_the_receipt_scans_to_the_transfer() {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let data = ReceiptData::load(&spa.store, &spa.at("2026-11-21T10:46"), &number).expect("data");
    let expected = caredesk_print::qr::PaymentCode::for_sale(&data.business, &number, 3_000_000)
        .expect("a code")
        .expect("the business has a bank account");
    let folder = tempfile::tempdir().expect("a temp dir");
    for paper in [Paper::Roll80, Paper::Roll58] {
        let pdf = receipt(&data, &ReceiptOptions::new(paper)).expect("receipt");
        let png = folder.path().join(format!("{paper:?}.png"));
        render::write_png(&png, &render::pages(&pdf.bytes)[0]);
        let output = std::process::Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(&png)
            .output()
            .expect("zbarimg runs (zbar-tools, scripts/install-deps.sh)");
        assert!(
            output.status.success(),
            "{paper:?}: no code found: {output:?}"
        );
        let scanned = String::from_utf8(output.stdout).expect("text");
        assert_eq!(scanned.trim_end(), expected.payload(), "{paper:?}");
    }
}
