//! The punch-card statement on an A5 or A4 sheet: the customer, the
//! package, every entry of the card's ledger with its date, service and
//! staff member, what is left, the expiry, and room for the customer's
//! signature. A long history flows onto more sheets, the table's heading
//! repeated on each.

use caredesk_domain::business::BusinessSettings;
use caredesk_domain::id::TreatmentId;
use caredesk_domain::treatment::{TreatmentChange, TreatmentStatus};
use caredesk_store::{Ctx, Lang, StatementLine, Store, TreatmentView};

use crate::error::{PrintError, Result, paper_name};
use crate::header;
use crate::layout::{Cell, Flow, Margins, Style};
use crate::paper::{Paper, Pdf};
use crate::pdf;
use crate::words::{Words, words};

/// How a sheet document (a statement, the day's report) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetOptions {
    /// `A5` or `A4`.
    pub paper: Paper,
    /// Default: the business's country's language.
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatementData {
    pub business: BusinessSettings,
    pub treatment: TreatmentView,
}

impl StatementData {
    pub fn load(store: &Store, ctx: &Ctx, treatment: TreatmentId) -> Result<StatementData> {
        Ok(StatementData {
            business: store.settings().clone(),
            treatment: store.treatments().treatment(treatment, ctx)?,
        })
    }
}

/// The margins and type size of a sheet, or the refusal of a roll.
pub(crate) fn sheet(paper: Paper, document: &'static str) -> Result<(Margins, f32)> {
    match paper {
        Paper::A5 => Ok((
            Margins {
                top: 12.0,
                side: 12.0,
                bottom: 14.0,
            },
            9.0,
        )),
        Paper::A4 => Ok((
            Margins {
                top: 15.0,
                side: 18.0,
                bottom: 16.0,
            },
            10.0,
        )),
        other => Err(PrintError::WrongPaper {
            document,
            paper: paper_name(other),
            expected: "an A5 or A4 sheet",
        }),
    }
}

/// The ledger's columns: number, date, entry, service, staff member.
const SHARES: [f32; 5] = [0.05, 0.25, 0.28, 0.24, 0.18];

fn table_row(texts: [String; 5], style: Style) -> Vec<Cell> {
    texts
        .into_iter()
        .zip(SHARES)
        .map(|(text, share)| Cell { text, share, style })
        .collect()
}

/// The statement as a PDF.
pub fn statement(data: &StatementData, options: &SheetOptions) -> Result<Pdf> {
    let (margins, size) = sheet(options.paper, "punch-card statement")?;
    let lang = options.lang.unwrap_or(Lang::of(data.business.country));
    let w = &words(lang);
    let body = Style::new(size);
    let card = &data.treatment;
    let mut flow = Flow::new(options.paper, margins);
    header::business(&mut flow, &data.business, w, body);
    flow.gap(2.0);
    flow.text(
        w.get("statement_title"),
        Style::new(size * 1.3).bold().centered(),
    );
    flow.gap(2.0);
    let package = match &card.service_name {
        Some(service) => format!("{} ({service})", card.name),
        None => card.name.clone(),
    };
    let sessions = w.fill(
        "sessions_line",
        &[
            ("used", &card.used.to_string()),
            ("reserved", &card.reserved.to_string()),
            ("remaining", &card.remaining.to_string()),
            ("total", &card.total.to_string()),
        ],
    );
    let status = match card.status {
        TreatmentStatus::Active => "active",
        TreatmentStatus::Completed => "completed",
        TreatmentStatus::Expired => "expired",
        TreatmentStatus::Refunded => "status_refunded",
    };
    let mut rows = vec![
        (w.get("customer"), card.customer_name.clone()),
        (w.get("package"), package),
        (w.get("sold_on"), w.date(card.sold_on)),
        (w.get("expires_on"), w.date(card.expires_on)),
        (w.get("sessions"), sessions),
    ];
    if card.refunded > 0 || card.refunded_amount.amount > 0 {
        let refunded = w.counted(
            "refunded_line",
            i64::from(card.refunded),
            &[
                ("sessions", &card.refunded.to_string()),
                ("amount", &card.refunded_amount.to_string()),
            ],
        );
        rows.push((w.get("refunded_label"), refunded));
    }
    rows.push((w.get("status"), w.get(status).to_owned()));
    for (label, value) in rows {
        flow.row(&[
            Cell {
                text: label.to_owned(),
                share: 0.25,
                style: body.bold(),
            },
            Cell {
                text: value,
                share: 0.75,
                style: body,
            },
        ]);
    }
    if let Some(home) = &card.home {
        flow.text(
            &w.fill(
                "home_visit",
                &[("address", &home.address), ("staff", &home.staff_name)],
            ),
            body,
        );
    }
    flow.gap(3.0);
    ledger(&mut flow, card, w, body, &data.business);
    signatures(&mut flow, w, body);
    let title = format!("{} {}", w.get("statement_title"), card.customer_name);
    Ok(finish_sheet(flow, w, size, &title))
}

/// A sheet document's pages numbered at their foot, written as PDF.
pub(crate) fn finish_sheet(mut flow: Flow, w: &Words, size: f32, title: &str) -> Pdf {
    flow.footer(Style::new(size - 1.5).centered(), |page, pages| {
        w.fill(
            "page",
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    });
    pdf::write(flow.finish(), title, None)
}

fn ledger(
    flow: &mut Flow,
    card: &TreatmentView,
    w: &Words,
    body: Style,
    business: &BusinessSettings,
) {
    let heading = table_row(
        [
            "col_no",
            "col_date",
            "col_entry",
            "col_service",
            "col_staff",
        ]
        .map(|k| w.get(k).to_owned()),
        body.bold(),
    );
    let start_page = |flow: &mut Flow| {
        flow.row(&heading);
        flow.rule();
    };
    start_page(flow);
    let zone = business.time_zone();
    let mut given = 0;
    for line in &card.history {
        let number = if matches!(line.change, TreatmentChange::Punched { .. }) {
            given += 1;
            given.to_string()
        } else {
            String::new()
        };
        let (when, service, staff) = match (&line.session, &line.change) {
            (Some(session), _) => (
                w.time_text(&session.start, &zone),
                session.service_name.clone(),
                session.staff_name.clone(),
            ),
            // The sale's business day, as the card counts its validity from
            // it (the entry's own stamp is when the op was written).
            (None, TreatmentChange::Sold { .. }) => {
                (w.date(card.sold_on), String::new(), line.by_name.clone())
            }
            (None, _) => (
                w.time_text(&line.at, &zone),
                String::new(),
                line.by_name.clone(),
            ),
        };
        let row = table_row([number, when, entry(line, w), service, staff], body);
        let height = flow.row_height(&row);
        if !flow.fits(height) {
            let pages = flow.page_count();
            flow.keep(height);
            if flow.page_count() > pages {
                start_page(flow);
            }
        }
        flow.row(&row);
    }
    flow.rule();
}

/// What a ledger entry did, in words.
fn entry(line: &StatementLine, w: &Words) -> String {
    let n = |sessions: &u16| sessions.to_string();
    match &line.change {
        TreatmentChange::Sold { total, .. } => {
            w.counted("ev_sold", i64::from(*total), &[("total", &n(total))])
        }
        TreatmentChange::Reserved { .. } => w.get("ev_reserved").to_owned(),
        TreatmentChange::Punched { .. } => w.get("ev_punched").to_owned(),
        TreatmentChange::Forfeited { .. } => w.get("ev_forfeited").to_owned(),
        TreatmentChange::Returned { .. } => w.get("ev_returned").to_owned(),
        TreatmentChange::Extended { to, .. } => w.fill("ev_extended", &[("date", &w.date(*to))]),
        TreatmentChange::Expired { sessions, .. } => w.counted(
            "ev_expired",
            i64::from(*sessions),
            &[("sessions", &n(sessions))],
        ),
        TreatmentChange::StaffSwapped { .. } => {
            let (from, to) = line
                .swap
                .as_ref()
                .map(|s| (s.from_name.as_str(), s.to_name.as_str()))
                .unwrap_or_default();
            w.fill("ev_swapped", &[("from", from), ("to", to)])
        }
        TreatmentChange::Lapsed { sessions, .. } => w.counted(
            "ev_lapsed",
            i64::from(*sessions),
            &[("sessions", &n(sessions))],
        ),
        TreatmentChange::Granted { sessions, .. } => w.counted(
            "ev_granted",
            i64::from(*sessions),
            &[("sessions", &n(sessions))],
        ),
        TreatmentChange::GrantWithdrawn { sessions, .. } => w.counted(
            "ev_grant_withdrawn",
            i64::from(*sessions),
            &[("sessions", &n(sessions))],
        ),
        TreatmentChange::Transferred { .. } => w.get("ev_transferred").to_owned(),
        TreatmentChange::Charged {
            sessions, number, ..
        } => w.counted(
            "ev_charged",
            i64::from(*sessions),
            &[("sessions", &n(sessions)), ("number", number)],
        ),
        TreatmentChange::Refunded {
            sessions,
            amount,
            goodwill,
            number,
            void,
            ..
        } => {
            let key = if *void { "ev_voided" } else { "ev_refunded" };
            let amount = amount.to_string();
            let text = w.counted(
                key,
                i64::from(*sessions),
                &[
                    ("sessions", &n(sessions)),
                    ("amount", &amount),
                    ("number", number),
                ],
            );
            if goodwill.amount > 0 {
                w.fill(
                    "ev_goodwill",
                    &[("text", &text), ("amount", &goodwill.to_string())],
                )
            } else {
                text
            }
        }
        TreatmentChange::Refused { reason, .. } => w.fill("ev_refused", &[("reason", reason)]),
    }
}

/// Two boxes for signatures (the customer's, the staff member's), kept
/// together on one sheet.
fn signatures(flow: &mut Flow, w: &Words, body: Style) {
    let space = 22.0;
    let labels = [w.get("signature"), w.get("signature_staff")];
    let cells: Vec<Cell> = labels
        .iter()
        .map(|label| Cell {
            text: (*label).to_owned(),
            share: 0.5,
            style: body.bold().centered(),
        })
        .collect();
    let height = flow.row_height(&cells) + space + 4.0;
    flow.keep(height);
    flow.gap(4.0);
    flow.row(&cells);
    flow.gap(space);
    flow.signature_lines(2);
}
