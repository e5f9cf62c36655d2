use caredesk_domain::ticket::{Priority, TicketChange, TicketStatus, WaitingOn};
use caredesk_store::{
    NewTicket, Resolution, Store, TicketCustomer, TicketEdit, TicketFilter, TicketLine, TicketView,
};
use jiff::Timestamp;
use serde::Serialize;

use super::Session;
use crate::args::{TicketAddArgs, TicketCommand, TicketEditArgs, TicketListArgs};
use crate::error::{CliError, CliResult};
use crate::output::{Output, short_time, table};

/// `ticket add`'s answer: the ticket, and whether it created the customer.
#[derive(Serialize)]
struct Opened {
    #[serde(flatten)]
    ticket: TicketView,
    new_customer: bool,
}

#[derive(Serialize)]
struct Escalation {
    escalated: Vec<caredesk_store::Escalated>,
}

pub fn run(session: Session, command: TicketCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let ticket = match command {
        TicketCommand::Add(args) => {
            let who = store.tickets().ticket_customer(&args.customer)?;
            let new_customer = matches!(who, TicketCustomer::New { .. });
            let input = new_ticket(&store, args)?;
            let ticket = store.tickets_mut().open_ticket(&ctx, input)?;
            let opened = Opened {
                ticket,
                new_customer,
            };
            return out.emit(&opened, |o| {
                let mut text = String::new();
                if o.new_customer {
                    text.push_str(&format!(
                        "new customer: {} ({})\n",
                        o.ticket.customer_name, o.ticket.customer_phone
                    ));
                }
                text.push_str(&describe(&o.ticket));
                text
            });
        }
        TicketCommand::Who { customer } => {
            let who = store.tickets().ticket_customer(&customer)?;
            return out.emit(&who, |who| match who {
                TicketCustomer::Existing { name, phone, .. } => {
                    format!("existing customer: {name} ({phone})")
                }
                TicketCustomer::New { phone_display, .. } => {
                    format!("{phone_display} is not a customer yet: the ticket creates them")
                }
            });
        }
        TicketCommand::Status {
            ticket,
            status,
            waiting_on,
            note,
        } => {
            let (to, on) = status_and_party(&status, waiting_on.as_deref())?;
            store
                .tickets_mut()
                .move_ticket(&ctx, &ticket, to, on, &note)?
        }
        TicketCommand::Resolve(args) => {
            let resolution = Resolution {
                refund: args.refund,
                credit: args.credit,
                credit_days: args.days,
                session: args
                    .session
                    .map(|s| Some(s).filter(|s| !s.trim().is_empty())),
                sessions: args.sessions,
                note: args.note,
            };
            store
                .tickets_mut()
                .resolve_ticket(&ctx, &args.ticket, resolution)?
        }
        TicketCommand::Reverse { ticket, note } => {
            store.tickets_mut().reverse_ticket(&ctx, &ticket, &note)?
        }
        TicketCommand::Edit(args) => {
            let ticket = args.ticket.clone();
            let edit = edit(&store, args)?;
            store.tickets_mut().edit_ticket(&ctx, &ticket, edit)?
        }
        TicketCommand::Show { ticket } => store.tickets().ticket(&ticket, &ctx)?,
        TicketCommand::List(args) => {
            let filter = filter(&store, args)?;
            let lines = store.tickets().list(&filter, &ctx)?;
            return out.emit(&lines, |l| describe_lines(l));
        }
        TicketCommand::Escalate => {
            let escalation = Escalation {
                escalated: store.tickets_mut().escalate_tickets(&ctx)?,
            };
            return out.emit(&escalation, |e| {
                let mut text = format!("raised {} ticket(s) to high priority\n", e.escalated.len());
                for t in &e.escalated {
                    text.push_str(&format!("  {}  due {}\n", t.code, short_time(&t.deadline)));
                }
                text
            });
        }
        TicketCommand::Stats => {
            let stats = store.tickets().ticket_stats(&ctx)?;
            return out.emit(&stats, |s| {
                let rows: Vec<Vec<String>> = s
                    .types
                    .iter()
                    .map(|t| {
                        vec![
                            t.kind.clone(),
                            t.open.to_string(),
                            t.resolved.to_string(),
                            t.cancelled.to_string(),
                            hours(t.average_resolution_seconds),
                        ]
                    })
                    .collect();
                format!(
                    "open {} (overdue {}), resolved {}, cancelled {}, average resolution {}\n{}",
                    s.open,
                    s.overdue,
                    s.resolved,
                    s.cancelled,
                    hours(s.average_resolution_seconds),
                    table(&["TYPE", "OPEN", "RESOLVED", "CANCELLED", "AVERAGE"], &rows)
                )
            });
        }
    };
    out.emit(&ticket, describe)
}

fn new_ticket(store: &Store, args: TicketAddArgs) -> CliResult<NewTicket> {
    Ok(NewTicket {
        customer: args.customer,
        name: args.name,
        kind: args.kind,
        subject: args.subject,
        details: args.details,
        reference: args.reference,
        assignee: args.assignee,
        priority: args.priority.as_deref().map(priority).transpose()?,
        deadline: args
            .deadline
            .as_deref()
            .map(|d| deadline(store, d))
            .transpose()?,
    })
}

fn edit(store: &Store, args: TicketEditArgs) -> CliResult<TicketEdit> {
    Ok(TicketEdit {
        subject: args.subject,
        details: args.details,
        assignee: if args.unassign {
            Some(None)
        } else {
            args.assignee.map(Some)
        },
        priority: args.priority.as_deref().map(priority).transpose()?,
        deadline: if args.no_deadline {
            Some(None)
        } else {
            args.deadline
                .as_deref()
                .map(|d| deadline(store, d).map(Some))
                .transpose()?
        },
        note: args.note,
    })
}

fn filter(store: &Store, args: TicketListArgs) -> CliResult<TicketFilter> {
    Ok(TicketFilter {
        status: args
            .status
            .as_deref()
            .map(|s| s.parse())
            .transpose()
            .map_err(|e: String| CliError::invalid("invalid_value", e))?,
        customer: args
            .customer
            .as_deref()
            .map(|c| store.customers().resolve_customer(c))
            .transpose()?,
        assignee: args
            .assignee
            .as_deref()
            .map(|s| store.staff_member(s).map(|m| m.id))
            .transpose()?,
        kind: args.kind,
        query: args.query,
        limit: args.limit,
    })
}

/// `waiting`, `waiting:carrier` or `WAITING --on carrier`.
fn status_and_party(
    status: &str,
    on: Option<&str>,
) -> CliResult<(TicketStatus, Option<WaitingOn>)> {
    let invalid = |e: String| CliError::invalid("invalid_value", e);
    let (status, inline) = match status.split_once(':') {
        Some((status, party)) => (status, Some(party)),
        None => (status, None),
    };
    let to: TicketStatus = status.parse().map_err(invalid)?;
    let party = match (inline, on) {
        (Some(_), Some(_)) => {
            return Err(CliError::invalid(
                "invalid_value",
                "say whom the ticket waits on once: waiting:carrier or --on carrier",
            ));
        }
        (Some(party), None) | (None, Some(party)) => Some(party.parse().map_err(invalid)?),
        (None, None) => None,
    };
    Ok((to, party))
}

fn priority(text: &str) -> CliResult<Priority> {
    text.parse()
        .map_err(|e: String| CliError::invalid("invalid_value", e))
}

/// A local time, or a date meaning the end of that day.
fn deadline(store: &Store, text: &str) -> CliResult<Timestamp> {
    let text = text.trim();
    if text.len() == 10 {
        return Ok(store.local_time(&format!("{text}T23:59"))?);
    }
    Ok(store.local_time(text)?)
}

fn hours(seconds: Option<i64>) -> String {
    match seconds {
        Some(s) => format!("{}h{:02}", s / 3600, (s % 3600) / 60),
        None => "-".to_owned(),
    }
}

fn describe(t: &TicketView) -> String {
    let mut text = format!(
        "{}  {} ({}){}\n{}: {}\ncustomer: {} ({})\npriority: {}{}\n",
        t.code,
        t.status,
        t.kind,
        t.waiting_on
            .map(|w| format!(", waiting on the {}", w.as_str()))
            .unwrap_or_default(),
        if t.overdue { "OVERDUE" } else { "subject" },
        t.subject,
        t.customer_name,
        t.customer_phone,
        t.priority.as_str(),
        t.deadline
            .as_deref()
            .map(|d| format!(", due {}", short_time(d)))
            .unwrap_or_default(),
    );
    if let Some(name) = &t.assignee_name {
        text.push_str(&format!("assignee: {name}\n"));
    }
    if !t.reference.is_empty() {
        text.push_str(&format!("about:    {}\n", t.reference));
    }
    if !t.details.is_empty() {
        text.push_str(&format!("{}\n", t.details));
    }
    for step in &t.history {
        let what = match &step.change {
            TicketChange::Opened => "opened".to_owned(),
            TicketChange::Moved { to, note, .. } => format!("{to} {note}"),
            TicketChange::Edited { .. } => "edited".to_owned(),
            TicketChange::Escalated { to, .. } => format!("raised to {}", to.as_str()),
            TicketChange::Resolved {
                compensation, note, ..
            } => format!("resolved ({}) {note}", compensation.kind().as_str()),
            TicketChange::Transferred { from, to } => format!("moved from file {from} to {to}"),
            TicketChange::Reversed {
                compensation, note, ..
            } => format!(
                "second resolution reversed ({}) {note}",
                compensation.kind().as_str()
            ),
            TicketChange::Refused { kind, reason } => format!("{kind} not applied: {reason}"),
        };
        text.push_str(&format!(
            "  {}  {:<10} {}\n",
            short_time(&step.at),
            step.by_name,
            what.trim()
        ));
    }
    text
}

fn describe_lines(lines: &[TicketLine]) -> String {
    if lines.is_empty() {
        return "no tickets".to_owned();
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|t| {
            vec![
                t.code.clone(),
                t.status.to_string(),
                t.priority.as_str().to_owned(),
                t.deadline
                    .as_deref()
                    .map(|d| format!("{}{}", short_time(d), if t.overdue { " !" } else { "" }))
                    .unwrap_or_default(),
                t.customer_name.clone(),
                t.subject.clone(),
            ]
        })
        .collect();
    table(
        &[
            "CODE", "STATUS", "PRIORITY", "DEADLINE", "CUSTOMER", "SUBJECT",
        ],
        &rows,
    )
}
