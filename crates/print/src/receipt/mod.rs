//! The receipt, on an 80 or 58 mm roll cut to its content: the business,
//! the sale's number and time, the customer, each line (long names wrap),
//! discounts, tax, the total, payments and change, the wallet after the
//! sale, what is left on the cards it used, a payment code for what is
//! paid by transfer, and thanks. A reprint says it is a copy.

mod data;
mod handover;

pub use data::{CardLeft, ReceiptData};
pub use handover::{ReceiptPrint, ReceiptRecord};

use caredesk_domain::sale::Tender;
use caredesk_store::Lang;

use crate::error::{PrintError, Result, paper_name};
use crate::font::Weight;
use crate::header;
use crate::layout::{Flow, Margins, Style};
use crate::paper::{Paper, Pdf};
use crate::pdf;
use crate::qr::{self, PaymentCode};
use crate::words::{Words, money, percent, words};

/// How a receipt is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptOptions {
    /// `Roll80` or `Roll58`.
    pub paper: Paper,
    /// Default: the business's country's language.
    pub lang: Option<Lang>,
    /// A reprint: marked as a copy at the top and the bottom.
    pub copy: bool,
    /// The logo, as PNG bytes, printed above the business's name.
    pub logo: Option<Vec<u8>>,
}

impl ReceiptOptions {
    pub fn new(paper: Paper) -> ReceiptOptions {
        ReceiptOptions {
            paper,
            lang: None,
            copy: false,
            logo: None,
        }
    }
}

/// Sizes that differ between the two rolls.
struct Roll {
    margins: Margins,
    body: f32,
    qr: f32,
    logo_height: f32,
}

fn roll(paper: Paper) -> Result<Roll> {
    match paper {
        // 72 mm of the 80 are printable on common heads, 48 of the 58.
        Paper::Roll80 => Ok(Roll {
            margins: Margins {
                top: 3.0,
                side: 4.0,
                bottom: 8.0,
            },
            body: 8.5,
            qr: 36.0,
            logo_height: 18.0,
        }),
        Paper::Roll58 => Ok(Roll {
            margins: Margins {
                top: 3.0,
                side: 5.0,
                bottom: 8.0,
            },
            body: 7.5,
            qr: 30.0,
            logo_height: 14.0,
        }),
        other => Err(PrintError::WrongPaper {
            document: "receipt",
            paper: paper_name(other),
            expected: "an 80 or 58 mm roll",
        }),
    }
}

/// The receipt as a PDF.
pub fn receipt(data: &ReceiptData, options: &ReceiptOptions) -> Result<Pdf> {
    let roll = roll(options.paper)?;
    let logo = options
        .logo
        .as_deref()
        .map(header::decode_logo)
        .transpose()?;
    let sale = &data.sale;
    let transfer: i64 = sale
        .payments
        .iter()
        .filter(|p| p.tender == Tender::Transfer)
        .map(|p| p.amount)
        .sum();
    let code = if transfer > 0 {
        PaymentCode::for_sale(&data.business, &sale.number, transfer)?
    } else {
        None
    };
    let modules = code
        .as_ref()
        .map(|c| qr::modules(c.payload()))
        .transpose()?;

    let lang = options.lang.unwrap_or(Lang::of(data.business.country));
    let w = &words(lang);
    let body = Style::new(roll.body);
    let small = Style::new(roll.body - 1.0);
    let mut flow = Flow::new(options.paper, roll.margins);
    if let Some(image) = &logo {
        flow.logo(
            (image.width as u32, image.height as u32),
            flow.width() * 0.6,
            roll.logo_height,
        );
        flow.gap(1.0);
    }
    header::business(&mut flow, &data.business, w, body);
    flow.rule();
    flow.text(
        w.get("receipt_title"),
        Style::new(roll.body * 1.25).bold().centered(),
    );
    if options.copy {
        flow.text(
            &format!("*** {} ***", w.get("copy")),
            body.bold().centered(),
        );
    }
    if sale.voided {
        flow.text(w.get("voided"), body.bold().centered());
    }
    let zone = data.business.time_zone();
    flow.text(
        &format!("{}: {}", w.get("number"), sale.number),
        body.bold(),
    );
    flow.text(
        &format!("{}: {}", w.get("date_label"), w.time_text(&sale.at, &zone)),
        body,
    );
    flow.text(&format!("{}: {}", w.get("register"), sale.register), body);
    if !sale.by_name.is_empty() {
        flow.text(&format!("{}: {}", w.get("cashier"), sale.by_name), body);
    }
    if let Some(name) = &sale.customer_name {
        flow.text(&format!("{}: {name}", w.get("customer")), body);
    }
    flow.rule();
    lines(&mut flow, data, w, body, small);
    flow.rule();
    totals(&mut flow, data, w, body);
    flow.rule();
    payments(&mut flow, data, w, body, small);
    if data.wallet_after.is_some() || !data.cards.is_empty() {
        flow.rule();
    }
    if let Some(balance) = data.wallet_after {
        flow.pair(w.get("wallet_after"), &money(balance, sale.currency), body);
    }
    if !data.cards.is_empty() {
        let heading = if options.copy {
            w.fill("cards_as_of", &[("at", &w.time(data.cards_at, &zone))])
        } else {
            w.get("cards").to_owned()
        };
        flow.text(&heading, body.bold());
        for card in &data.cards {
            let left = w.counted(
                "card_left",
                i64::from(card.total),
                &[
                    ("remaining", &card.remaining.to_string()),
                    ("total", &card.total.to_string()),
                ],
            );
            flow.text(&format!("{}: {left}", card.name), body);
        }
    }
    if let (Some(code), Some(modules)) = (&code, &modules) {
        flow.rule();
        payment_code(
            &mut flow,
            code,
            modules,
            roll.qr,
            sale.currency,
            w,
            body,
            small,
        );
    }
    flow.rule();
    flow.text(w.get("thanks"), body.centered());
    if options.copy {
        flow.text(
            &format!("*** {} ***", w.get("copy")),
            body.bold().centered(),
        );
    }
    Ok(pdf::write(
        flow.finish(),
        &format!("{} {}", w.get("receipt_title"), sale.number),
        logo.as_ref(),
    ))
}

fn lines(flow: &mut Flow, data: &ReceiptData, w: &Words, body: Style, small: Style) {
    let currency = data.sale.currency;
    for line in &data.sale.lines {
        flow.text(&line.name, body.bold());
        let each = w.fill(
            "quantity",
            &[
                ("quantity", &line.quantity.to_string()),
                ("price", &money(line.unit_price, currency)),
            ],
        );
        flow.pair(&each, &money(line.priced.gross, currency), small);
        if line.priced.line_discount > 0 {
            flow.pair(
                w.get("line_discount"),
                &money(-line.priced.line_discount, currency),
                small,
            );
        }
    }
}

fn totals(flow: &mut Flow, data: &ReceiptData, w: &Words, body: Style) {
    let sale = &data.sale;
    let currency = sale.currency;
    flow.pair(w.get("subtotal"), &money(sale.subtotal, currency), body);
    if sale.discounts > 0 {
        flow.pair(w.get("discounts"), &money(-sale.discounts, currency), body);
    }
    if sale.tax_rule.rate > 0 {
        let key = if sale.tax_rule.prices_include_tax {
            "tax_included"
        } else {
            "tax_added"
        };
        let rate = percent(sale.tax_rule.rate);
        flow.pair(
            &w.fill(key, &[("rate", &rate)]),
            &money(sale.tax, currency),
            body,
        );
    }
    let total = Style {
        size: body.size * 1.2,
        weight: Weight::Bold,
        ..body
    };
    flow.pair(w.get("total"), &money(sale.total, currency), total);
}

fn payments(flow: &mut Flow, data: &ReceiptData, w: &Words, body: Style, small: Style) {
    let sale = &data.sale;
    let currency = sale.currency;
    flow.text(w.get("payments"), body.bold());
    for payment in &sale.payments {
        flow.pair(
            w.tender(payment.tender),
            &money(payment.amount, currency),
            body,
        );
        if !payment.reference.is_empty() {
            flow.text(&payment.reference, small);
        }
    }
    if sale.change > 0 {
        flow.pair(w.get("change"), &money(sale.change, currency), body);
    }
    if sale.refunded > 0 {
        flow.pair(w.get("refunded"), &money(sale.refunded, currency), body);
    }
    for card in sale.refunds.iter().flat_map(|r| &r.cards) {
        let name = sale
            .lines
            .get(usize::from(card.line))
            .map_or("", |l| l.name.as_str());
        let taken = w.counted(
            "card_taken_back",
            i64::from(card.sessions),
            &[("name", name), ("sessions", &card.sessions.to_string())],
        );
        flow.pair(&taken, &money(-card.amount, currency), small);
        if card.goodwill > 0 {
            flow.pair(w.get("goodwill"), &money(-card.goodwill, currency), small);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn payment_code(
    flow: &mut Flow,
    code: &PaymentCode,
    modules: &[Vec<bool>],
    size: f32,
    currency: caredesk_domain::Currency,
    w: &Words,
    body: Style,
    small: Style,
) {
    let (title, amount) = match code {
        PaymentCode::VietQr { amount, .. } => ("vietqr_title", *amount),
        PaymentCode::Qris { amount, .. } => ("qris_title", *amount),
    };
    flow.text(w.get(title), body.bold().centered());
    flow.qr(modules, size);
    flow.text(
        &w.fill("amount", &[("amount", &money(amount, currency))]),
        body.bold().centered(),
    );
    if let PaymentCode::VietQr { account, memo, .. } = code {
        flow.text(
            &w.fill("account", &[("number", &account.number)]),
            small.centered(),
        );
        if !account.name.is_empty() {
            flow.text(
                &w.fill("account_name", &[("name", &account.name)]),
                small.centered(),
            );
        }
        flow.text(&w.fill("memo", &[("memo", memo)]), small.centered());
    }
}
