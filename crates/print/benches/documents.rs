//! A receipt and a 50-session statement made by this crate, each against
//! the same document printed from HTML by headless Chromium in the same
//! run (`chromium --headless --print-to-pdf`, Debian's /usr/bin/chromium or
//! CHROMIUM). Data: the fixed spa of the tests (tests/common).
//!
//!     cargo bench -p caredesk-print

#[path = "../tests/common/mod.rs"]
mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use caredesk_print::{
    Paper, ReceiptData, ReceiptOptions, SheetOptions, StatementData, receipt, statement,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    path.exists().then_some(path)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page's head: the same Noto Sans the PDFs embed, the paper's size.
fn head(width: &str, height: &str) -> String {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    format!(
        "<!doctype html><html><head><meta charset=utf-8><style>\
         @font-face{{font-family:Noto;src:url(file://{0}/NotoSans-Regular.ttf)}}\
         @font-face{{font-family:Noto;font-weight:bold;src:url(file://{0}/NotoSans-Bold.ttf)}}\
         @page{{size:{width} {height};margin:4mm}}body{{font:8.5pt Noto;margin:0}}\
         .r{{text-align:right}}.c{{text-align:center}}table{{width:100%;border-collapse:collapse}}\
         </style></head><body>",
        fonts.display()
    )
}

fn receipt_html(data: &ReceiptData) -> String {
    let sale = &data.sale;
    let money = |v: i64| format!("{v} ₫");
    let mut html = head("80mm", "260mm");
    let b = &data.business;
    let _ = write!(
        html,
        "<h3 class=c>{}</h3><p class=c>{}<br>MST: {}</p><h4 class=c>HÓA ĐƠN BÁN HÀNG</h4>\
         <p>Số: {}<br>Quầy: {}<br>Thu ngân: {}<br>Khách hàng: {}</p><table>",
        escape(&b.name),
        escape(&b.address),
        escape(&b.tax_code),
        sale.number,
        sale.register,
        escape(&sale.by_name),
        escape(sale.customer_name.as_deref().unwrap_or_default())
    );
    for line in &sale.lines {
        let _ = write!(
            html,
            "<tr><td colspan=2><b>{}</b></td></tr><tr><td>{} x {}</td><td class=r>{}</td></tr>",
            escape(&line.name),
            line.quantity,
            money(line.unit_price),
            money(line.priced.gross)
        );
    }
    for (label, value) in [
        ("Tạm tính", sale.subtotal),
        ("Giảm giá", -sale.discounts),
        ("Thuế", sale.tax),
        ("TỔNG CỘNG", sale.total),
        ("Tiền thối lại", sale.change),
    ] {
        let _ = write!(
            html,
            "<tr><td>{label}</td><td class=r>{}</td></tr>",
            money(value)
        );
    }
    for payment in &sale.payments {
        let _ = write!(
            html,
            "<tr><td>{}</td><td class=r>{}</td></tr>",
            payment.tender.as_str(),
            money(payment.amount)
        );
    }
    html.push_str("</table><p class=c>Cảm ơn quý khách, hẹn gặp lại!</p></body></html>");
    html
}

fn statement_html(data: &StatementData) -> String {
    let t = &data.treatment;
    let mut html = head("148mm", "210mm");
    let _ = write!(
        html,
        "<h3 class=c>{}</h3><h4 class=c>PHIẾU THEO DÕI LIỆU TRÌNH</h4><p>Khách hàng: {}<br>\
         Gói: {}<br>Hạn dùng: {}<br>Còn lại: {}/{}</p><table><tr><th>#</th><th>Ngày</th>\
         <th>Nội dung</th><th>Dịch vụ</th><th>Kỹ thuật viên</th></tr>",
        escape(&data.business.name),
        escape(&t.customer_name),
        escape(&t.name),
        t.expires_on,
        t.remaining,
        t.total
    );
    for (i, line) in t.history.iter().enumerate() {
        let (service, staff) = line
            .session
            .as_ref()
            .map(|s| (s.service_name.as_str(), s.staff_name.as_str()))
            .unwrap_or(("", line.by_name.as_str()));
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            escape(&line.at),
            escape(line.change.kind_name()),
            escape(service),
            escape(staff)
        );
    }
    html.push_str("</table><p>Chữ ký khách hàng</p></body></html>");
    html
}

/// Kind names for the HTML version's entry column.
trait KindName {
    fn kind_name(&self) -> &'static str;
}

impl KindName for caredesk_domain::treatment::TreatmentChange {
    fn kind_name(&self) -> &'static str {
        use caredesk_domain::treatment::TreatmentChange::*;
        match self {
            Sold { .. } => "Mua gói",
            Reserved { .. } => "Đã đặt lịch",
            Punched { .. } => "Đã làm",
            _ => "Khác",
        }
    }
}

fn print_html(chromium: &Path, dir: &Path, html: &str) -> usize {
    let page = dir.join("document.html");
    let pdf = dir.join("document.pdf");
    std::fs::write(&page, html).expect("HTML written");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::metadata(&pdf)
        .expect("Chromium wrote the PDF")
        .len() as usize
}

fn documents(c: &mut Criterion) {
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let ctx = spa.at("2026-11-21T10:46");
    let data = ReceiptData::load(&spa.store, &ctx, &number).expect("receipt data");
    let options = ReceiptOptions::new(Paper::Roll80);
    let card = common::card(&mut spa, 50);
    let sheet =
        StatementData::load(&spa.store, &spa.at("2027-03-01T10:00"), card).expect("statement data");
    let a5 = SheetOptions {
        paper: Paper::A5,
        lang: None,
    };
    let dir = tempfile::tempdir().expect("temp dir");

    compare(
        c,
        "receipt_80mm",
        &|| receipt(&data, &options).expect("receipt").bytes.len(),
        &receipt_html(&data),
        dir.path(),
    );
    compare(
        c,
        "statement_50_sessions_a5",
        &|| statement(&sheet, &a5).expect("statement").bytes.len(),
        &statement_html(&sheet),
        dir.path(),
    );
}

/// One group: the document made here, then the same from HTML by Chromium.
fn compare(c: &mut Criterion, name: &str, make: &dyn Fn() -> usize, html: &str, dir: &Path) {
    let mut group = c.benchmark_group(name);
    group.bench_function("printpdf", |b| b.iter(make));
    if let Some(chromium) = chromium() {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
        group.bench_function("chromium_html", |b| {
            b.iter(|| print_html(&chromium, dir, html))
        });
    }
    group.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);
