use caredesk_store::{DaySheet, parse_date};

use super::Session;
use crate::args::DayArgs;
use crate::error::CliResult;
use crate::output::{Output, clock_time, table};

pub fn run(session: &Session, args: DayArgs, out: &Output) -> CliResult<()> {
    let Session { store, ctx } = session;
    let date = match args.date.as_deref() {
        Some(text) => parse_date(text)?,
        None => store.treatments().today(ctx),
    };
    let sheet = store.bookings().day_sheet(date)?;
    out.emit(&sheet, describe)
}

/// A block per staff member: their hours, then their bookings and classes
/// in order.
fn describe(sheet: &DaySheet) -> String {
    let mut text = format!("{} ({})\n", sheet.date, sheet.date.strftime("%A"));
    if sheet.staff.is_empty() {
        text.push_str("no staff\n");
    }
    for column in &sheet.staff {
        let hours = if column.hours.is_empty() {
            "off".to_owned()
        } else {
            column.hours.join(", ")
        };
        text.push_str(&format!("\n{}  ({hours})\n", column.name));
        if column.bookings.is_empty() && column.classes.is_empty() {
            text.push_str("  no bookings\n");
            continue;
        }
        let mut rows: Vec<(String, Vec<String>)> = column
            .bookings
            .iter()
            .map(|b| {
                (
                    b.start.clone(),
                    vec![
                        format!("{}-{}", clock_time(&b.start), clock_time(&b.end)),
                        b.service_name.clone(),
                        match &b.address {
                            Some(address) => format!("{} (at {address})", b.customer_name),
                            None => b.customer_name.clone(),
                        },
                        b.status.to_string(),
                        b.booking.to_string(),
                    ],
                )
            })
            .collect();
        // A class reads as its seats instead of one customer.
        rows.extend(column.classes.iter().map(|c| {
            (
                c.start.clone(),
                vec![
                    format!("{}-{}", clock_time(&c.start), clock_time(&c.end)),
                    c.service_name.clone(),
                    format!("class {}/{} (+{} waiting)", c.seated, c.seats, c.waiting),
                    c.status.to_owned(),
                    c.class.to_string(),
                ],
            )
        }));
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let rows: Vec<Vec<String>> = rows.into_iter().map(|(_, row)| row).collect();
        let table = table(&["TIME", "SERVICE", "CUSTOMER", "STATUS", "ID"], &rows);
        for line in table.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text
}
