use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_domain::treatment::{ReturnReason, TreatmentChange, TreatmentStatus};
use caredesk_store::{BookingView, HomeSale, StatementLine, TreatmentView, parse_date};
use serde::Serialize;

use super::{Session, parse_id};
use crate::args::TreatmentCommand;
use crate::error::CliResult;
use crate::output::{Output, short_time, table};

/// A home visit sold: the treatment's keys, and its first booking.
#[derive(Serialize)]
struct HomeSold {
    #[serde(flatten)]
    treatment: TreatmentView,
    booking: BookingView,
}

/// A swap of the home-visit therapist: the treatment's keys, and the
/// bookings moved to the new therapist.
#[derive(Serialize)]
struct Swapped {
    #[serde(flatten)]
    treatment: TreatmentView,
    moved: Vec<BookingId>,
}

/// What `treatment expire` recorded.
#[derive(Serialize)]
struct Expired {
    expired: Vec<TreatmentId>,
}

pub fn run(session: Session, command: TreatmentCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let treatment = match command {
        TreatmentCommand::Sell {
            customer,
            package,
            staff: Some(staff),
            start: Some(start),
            address,
            notes,
        } => {
            let start = store.local_time(&start)?;
            let sold = store.treatments_mut().sell_home_visit(
                &ctx,
                HomeSale {
                    customer,
                    package,
                    staff,
                    start,
                    address,
                    notes,
                },
            )?;
            let sold = HomeSold {
                treatment: sold.treatment,
                booking: sold.booking,
            };
            return out.emit(&sold, |s| {
                format!(
                    "{}first visit: {} (booking {})\n",
                    describe(&s.treatment),
                    short_time(&s.booking.start),
                    s.booking.id
                )
            });
        }
        TreatmentCommand::Sell {
            customer, package, ..
        } => store
            .treatments_mut()
            .sell_treatment(&ctx, &customer, &package)?,
        TreatmentCommand::SwapStaff {
            treatment,
            staff,
            note,
        } => {
            let id: TreatmentId = parse_id("treatment", &treatment)?;
            let swap = store
                .treatments_mut()
                .swap_home_staff(&ctx, id, &staff, &note)?;
            let swapped = Swapped {
                treatment: swap.treatment,
                moved: swap.moved,
            };
            return out.emit(&swapped, |s| {
                format!(
                    "{}moved {} booked session(s) to the new therapist\n",
                    describe(&s.treatment),
                    s.moved.len()
                )
            });
        }
        TreatmentCommand::Show { treatment } => {
            let id: TreatmentId = parse_id("treatment", &treatment)?;
            let treatment = store.treatments().treatment(id, &ctx)?;
            return out.emit(&treatment, statement);
        }
        TreatmentCommand::List { customer } => {
            let id = store.customers().resolve_customer(&customer)?;
            let treatments = store.treatments().customer_treatments(id, &ctx)?;
            return out.emit(&treatments, |t| list(t));
        }
        TreatmentCommand::Extend {
            treatment,
            to,
            reason,
        } => {
            let id: TreatmentId = parse_id("treatment", &treatment)?;
            let to = parse_date(&to)?;
            store
                .treatments_mut()
                .extend_treatment(&ctx, id, to, &reason)?
        }
        TreatmentCommand::Expire => {
            let expired = Expired {
                expired: store.treatments_mut().record_expiries(&ctx)?,
            };
            return out.emit(&expired, describe_expired);
        }
    };
    out.emit(&treatment, describe)
}

/// The punch card: what was bought, how much is used, until when.
fn describe(t: &TreatmentView) -> String {
    // Only an active card can still be booked.
    let free = if t.status == TreatmentStatus::Active {
        format!(", {} free to book", t.available)
    } else {
        String::new()
    };
    let mut text = format!(
        "{}  {}\ncustomer:  {}\nservice:   {}\nused:      {}/{}\nremaining: {} ({} booked{free})\nexpires:   {} (sold {} for {})\n",
        t.name,
        t.status.as_str(),
        t.customer_name,
        t.service_name.as_deref().unwrap_or("any service"),
        t.used,
        t.total,
        t.remaining,
        t.reserved,
        t.expires_on,
        t.sold_on,
        t.price,
    );
    if t.refunded > 0 {
        text.push_str(&format!(
            "refunded:  {} sessions taken back, {} given back\n",
            t.refunded, t.refunded_amount
        ));
    }
    if let Some(home) = &t.home {
        text.push_str(&format!(
            "home:      {} at {}; book by {}{}\n",
            home.staff_name,
            home.address,
            home.schedule_by,
            if t.lapsed > 0 {
                format!(" ({} lapsed unbooked)", t.lapsed)
            } else {
                String::new()
            }
        ));
    }
    text.push_str(&format!("id:        {}\n", t.id));
    text
}

/// The punch card and its statement, oldest first.
fn statement(t: &TreatmentView) -> String {
    let mut text = describe(t);
    let rows: Vec<Vec<String>> = t.history.iter().map(statement_row).collect();
    if !rows.is_empty() {
        text.push_str(&table(
            &["DATE", "CHANGE", "SESSION", "SERVICE", "STAFF", "BY"],
            &rows,
        ));
    }
    text
}

fn statement_row(line: &StatementLine) -> Vec<String> {
    let change = match &line.change {
        TreatmentChange::Sold {
            total,
            price,
            expires_on,
        } => format!("sold: {total} sessions for {price}, until {expires_on}"),
        TreatmentChange::Reserved { .. } => "booked".to_owned(),
        TreatmentChange::Punched { .. } => "punched".to_owned(),
        TreatmentChange::Forfeited { .. } => "forfeited".to_owned(),
        TreatmentChange::Returned { reason, .. } => match reason {
            ReturnReason::Cancelled => "returned: booking cancelled".to_owned(),
            ReturnReason::Undone => "returned: completion undone".to_owned(),
        },
        TreatmentChange::Extended { from, to, reason } => {
            format!("extended {from} to {to}: {reason}")
        }
        TreatmentChange::Expired { on, sessions } => {
            format!("expired on {on}: {sessions} sessions unused")
        }
        TreatmentChange::StaffSwapped { note, .. } => {
            let names = line
                .swap
                .as_ref()
                .map(|s| format!("{} to {}", s.from_name, s.to_name))
                .unwrap_or_default();
            if note.is_empty() {
                format!("therapist changed: {names}")
            } else {
                format!("therapist changed: {names} ({note})")
            }
        }
        TreatmentChange::Lapsed { on, sessions } => {
            format!("lapsed on {on}: {sessions} sessions never booked")
        }
        TreatmentChange::Granted {
            sessions,
            reference,
            ..
        } => format!("{sessions} free sessions ({reference})"),
        TreatmentChange::GrantWithdrawn {
            sessions,
            reference,
            ..
        } => format!("{sessions} free sessions taken back ({reference})"),
        TreatmentChange::Transferred { from, to } => format!("moved from file {from} to {to}"),
        TreatmentChange::Charged {
            sessions,
            number,
            unit_price,
            ..
        } => format!("{sessions} sessions charged at {unit_price} (receipt {number})"),
        TreatmentChange::Refunded {
            sessions,
            amount,
            goodwill,
            number,
            void,
            ..
        } => {
            let how = if *void { "voided" } else { "refunded" };
            let goodwill = if goodwill.amount > 0 {
                format!(", {goodwill} of it goodwill")
            } else {
                String::new()
            };
            format!(
                "{how}: {sessions} sessions taken back, {amount} given back{goodwill} (receipt {number})"
            )
        }
        TreatmentChange::Refused { kind, reason } => format!("not applied ({kind}): {reason}"),
    };
    let (session, service, staff) = match &line.session {
        Some(s) => (
            short_time(&s.start),
            s.service_name.clone(),
            s.staff_name.clone(),
        ),
        None => Default::default(),
    };
    vec![
        short_time(&line.at),
        change,
        session,
        service,
        staff,
        line.by_name.clone(),
    ]
}

fn list(treatments: &[TreatmentView]) -> String {
    if treatments.is_empty() {
        return "no treatments".to_owned();
    }
    let rows: Vec<Vec<String>> = treatments
        .iter()
        .map(|t| {
            vec![
                t.name.clone(),
                format!("{}/{}", t.used, t.total),
                t.remaining.to_string(),
                t.reserved.to_string(),
                t.expires_on.to_string(),
                t.status.as_str().to_owned(),
                t.id.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "TREATMENT",
            "USED",
            "REMAINING",
            "BOOKED",
            "EXPIRES",
            "STATUS",
            "ID",
        ],
        &rows,
    )
}

fn describe_expired(expired: &Expired) -> String {
    if expired.expired.is_empty() {
        return "no treatment expired since the last run".to_owned();
    }
    let count = expired.expired.len();
    let plural = if count == 1 { "" } else { "s" };
    let mut text = format!("recorded {count} expired treatment{plural}:\n");
    for id in &expired.expired {
        text.push_str(&format!("  {id}\n"));
    }
    text
}
