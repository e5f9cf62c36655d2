//! The day's Z report on a sheet, from the store's `DayReport`: the
//! summary, money by tender and sales by category, the hours, sessions by
//! service and by staff member, wallet liabilities and each cash drawer
//! with its count.

use caredesk_domain::business::BusinessSettings;
use caredesk_domain::money::Currency;
use caredesk_store::{DayReport, DrawerView, Lang};

use crate::error::Result;
use crate::header;
use crate::layout::{Cell, Flow, Style};
use crate::paper::Pdf;
use crate::statement::{SheetOptions, finish_sheet, sheet};
use crate::words::{Words, money, words};

/// The report as a PDF (A4 or A5).
pub fn day_report(
    report: &DayReport,
    business: &BusinessSettings,
    options: &SheetOptions,
) -> Result<Pdf> {
    let (margins, size) = sheet(options.paper, "day report")?;
    let lang = options.lang.unwrap_or(Lang::of(business.country));
    let w = &words(lang);
    let body = Style::new(size);
    let c = report.currency;
    let mut flow = Flow::new(options.paper, margins);
    header::business(&mut flow, business, w, body);
    flow.gap(2.0);
    flow.text(
        w.get("report_title"),
        Style::new(size * 1.3).bold().centered(),
    );
    let scope = match &report.register {
        Some(register) => w.fill("report_register", &[("register", register)]),
        None => w.get("report_branch").to_owned(),
    };
    let closed = w.get(if report.closed {
        "day_closed"
    } else {
        "day_open"
    });
    flow.text(
        &format!("{} · {scope} · {closed}", w.date(report.date)),
        body.centered(),
    );
    flow.gap(3.0);

    section(&mut flow, w.get("summary"), body);
    let count = |n: i64| n.to_string();
    let mut summary = vec![
        ("receipts", count(report.sales), false),
        ("gross", money(report.gross, c), false),
        ("discounts", money(-report.discounts, c), false),
        ("tax", money(report.tax, c), false),
        ("refunds", money(-report.refunds, c), false),
        ("voids", money(-report.voids, c), false),
    ];
    // Goodwill is part of the refunds and voids above: told only when a
    // manager gave some, so the manager sees it.
    if report.goodwill > 0 {
        summary.push(("goodwill", money(-report.goodwill, c), false));
    }
    summary.extend([
        ("revenue", money(report.revenue, c), true),
        ("top_ups", money(report.top_ups, c), false),
        ("sessions_given", count(report.sessions), false),
        ("sessions_forfeited", count(report.forfeited), false),
        ("new_customers", count(report.new_customers), false),
    ]);
    for (key, value, bold) in summary {
        let style = if bold { body.bold() } else { body };
        figures(&mut flow, &[w.get(key).to_owned(), value], style);
    }

    section(&mut flow, w.get("by_method"), body);
    let tenders: Vec<_> = report
        .by_method
        .iter()
        .map(|(tender, amount)| vec![w.tender(*tender).to_owned(), money(*amount, c)])
        .collect();
    table(&mut flow, &tenders, w, body);

    section(&mut flow, w.get("by_category"), body);
    let categories: Vec<_> = report
        .by_category
        .iter()
        .map(|(category, amount)| vec![category_name(category, w), money(*amount, c)])
        .collect();
    table(&mut flow, &categories, w, body);

    section(&mut flow, w.get("by_hour"), body);
    figures(
        &mut flow,
        &["col_hour", "col_receipts", "col_revenue"].map(|k| w.get(k).to_owned()),
        body.bold(),
    );
    let hours: Vec<_> = report
        .by_hour
        .iter()
        .filter(|h| h.sales != 0 || h.revenue != 0)
        .map(|h| {
            vec![
                format!("{:02}:00", h.hour),
                h.sales.to_string(),
                money(h.revenue, c),
            ]
        })
        .collect();
    table(&mut flow, &hours, w, body);

    for (key, counts) in [
        ("by_service", &report.sessions_by_service),
        ("by_staff", &report.sessions_by_staff),
    ] {
        section(&mut flow, w.get(key), body);
        let rows: Vec<_> = counts
            .iter()
            .map(|s| vec![s.name.clone(), s.sessions.to_string()])
            .collect();
        table(&mut flow, &rows, w, body);
    }

    let zone = business.time_zone();
    let at = w.time_text(&report.wallet.at, &zone);
    section(&mut flow, &w.fill("liabilities", &[("time", &at)]), body);
    for (key, amount) in [
        ("real_money", report.wallet.real),
        ("virtual_credit", report.wallet.virtual_credit),
        ("virtual_spent", report.wallet.virtual_spent),
        ("virtual_expired", report.wallet.virtual_expired),
    ] {
        figures(&mut flow, &[w.get(key).to_owned(), money(amount, c)], body);
    }

    section(&mut flow, w.get("drawers"), body);
    if report.drawers.is_empty() {
        flow.text(w.get("none"), body);
    }
    for drawer in &report.drawers {
        drawer_figures(&mut flow, drawer, c, w, body, &zone);
    }
    let title = format!("{} {}", w.get("report_title"), report.date);
    Ok(finish_sheet(flow, w, size, &title))
}

/// A section's heading, kept with at least two lines after it.
fn section(flow: &mut Flow, title: &str, body: Style) {
    flow.keep(body.line_height() * 4.0);
    flow.gap(2.0);
    flow.text(title, body.bold());
    flow.rule();
}

/// A label and up to three figures; the figures are right-aligned in
/// columns that stay put from row to row.
fn figures(flow: &mut Flow, texts: &[String], style: Style) {
    let mut cells = vec![Cell {
        text: texts[0].clone(),
        share: 0.46,
        style,
    }];
    for text in &texts[1..] {
        cells.push(Cell {
            text: text.clone(),
            share: 0.18,
            style: style.right(),
        });
    }
    let used: f32 = cells.iter().map(|c| c.share).sum();
    cells.push(Cell {
        text: String::new(),
        share: 1.0 - used,
        style,
    });
    flow.row(&cells);
}

fn table(flow: &mut Flow, rows: &[Vec<String>], w: &Words, body: Style) {
    if rows.is_empty() {
        flow.text(w.get("none"), body);
    }
    for row in rows {
        figures(flow, row, body);
    }
}

fn drawer_figures(
    flow: &mut Flow,
    drawer: &DrawerView,
    c: Currency,
    w: &Words,
    body: Style,
    zone: &jiff::tz::TimeZone,
) {
    let mut title = w.fill(
        "drawer",
        &[
            ("register", &drawer.register),
            ("opened", &w.time_text(&drawer.opened_at, zone)),
        ],
    );
    if let Some(closed) = &drawer.closed_at {
        let closed = w.time_text(closed, zone);
        title = format!(
            "{title}, {}",
            w.fill("drawer_closed", &[("closed", &closed)])
        );
    }
    flow.keep(body.line_height() * 5.0);
    flow.text(&title, body.bold());
    figures(
        flow,
        &[w.get("float").to_owned(), money(drawer.float, c)],
        body,
    );
    figures(
        flow,
        &[w.get("cash_moved").to_owned(), money(drawer.moved, c)],
        body,
    );
    figures(
        flow,
        &[
            "col_tender",
            "col_expected",
            "col_counted",
            "col_difference",
        ]
        .map(|k| w.get(k).to_owned()),
        body.bold(),
    );
    for (tender, expected) in &drawer.expected {
        let of = |map: &Option<std::collections::BTreeMap<_, i64>>| {
            map.as_ref()
                .and_then(|m| m.get(tender))
                .map_or_else(|| "-".to_owned(), |v| money(*v, c))
        };
        figures(
            flow,
            &[
                w.tender(*tender).to_owned(),
                money(*expected, c),
                of(&drawer.counted),
                of(&drawer.difference),
            ],
            body,
        );
    }
    flow.gap(2.0);
}

/// A category as the report prints it: the store's own names for lines
/// without a service category (`service`, `package`, `retail`) in the
/// report's language; a service's category as the business wrote it.
fn category_name(category: &str, w: &Words) -> String {
    match category {
        "service" | "package" | "retail" => w.get(&format!("category_{category}")).to_owned(),
        other => other.to_owned(),
    }
}
