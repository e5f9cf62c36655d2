use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_store::{BookingMove, BookingView, Ctx, NewBooking, NewItem, Store, parse_date};
use serde::Serialize;

use super::{Session, parse_id};
use crate::args::{BookingAddArgs, BookingCommand, MoveArgs};
use crate::error::{CliError, CliResult};
use crate::output::{Output, clock_time, short_time, table};

#[derive(Serialize)]
struct Written {
    file: String,
}

/// `booking ics --json` without `--out`: still one JSON value.
#[derive(Serialize)]
struct Calendar {
    ics: String,
}

pub fn run(session: Session, command: BookingCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let (to, args) = match command {
        BookingCommand::Add(args) => {
            let booking = add(&mut store, &ctx, args)?;
            return out.emit(&booking, describe);
        }
        BookingCommand::Reschedule {
            booking,
            start,
            staff,
            item,
            note,
        } => {
            let id: BookingId = parse_id("booking", &booking)?;
            let start = store.local_time(&start)?;
            let booking = store.bookings_mut().reschedule_booking(
                &ctx,
                id,
                item,
                start,
                staff.as_deref(),
                &note,
            )?;
            return out.emit(&booking, describe);
        }
        BookingCommand::Show { booking } => {
            let id: BookingId = parse_id("booking", &booking)?;
            let booking = store.bookings().booking(id)?;
            return out.emit(&booking, describe);
        }
        BookingCommand::List { customer } => {
            let id = store.customers().resolve_customer(&customer)?;
            let bookings = store.bookings().customer_bookings(id)?;
            return out.emit(&bookings, |b| list(b));
        }
        BookingCommand::Ics {
            staff,
            from,
            to,
            out: file,
        } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let ics = store.bookings().staff_ics(&staff, from, to, ctx.now)?;
            return match file {
                Some(path) => {
                    std::fs::write(&path, ics).map_err(|e| {
                        CliError::invalid("io", format!("cannot write {}: {e}", path.display()))
                    })?;
                    let written = Written {
                        file: path.display().to_string(),
                    };
                    out.emit(&written, |w| format!("wrote {}", w.file))
                }
                None => out.emit(&Calendar { ics }, |c| c.ics.clone()),
            };
        }
        BookingCommand::Confirm(args) => (BookingMove::Confirm, args),
        BookingCommand::CheckIn(args) => (BookingMove::CheckIn, args),
        BookingCommand::Start(args) => (BookingMove::Start, args),
        BookingCommand::Complete(args) => (BookingMove::Complete, args),
        BookingCommand::Cancel(args) => (BookingMove::Cancel, args),
        BookingCommand::NoShow(args) => (BookingMove::NoShow, args),
        BookingCommand::UndoComplete(args) => (BookingMove::UndoCompletion, args),
    };
    let MoveArgs { booking, note } = args;
    let id: BookingId = parse_id("booking", &booking)?;
    let booking = store.bookings_mut().move_booking(&ctx, id, to, &note)?;
    out.emit(&booking, describe)
}

fn add(store: &mut Store, ctx: &Ctx, args: BookingAddArgs) -> CliResult<BookingView> {
    let source: BookingSource = args
        .source
        .parse()
        .map_err(|e: String| CliError::invalid("invalid_source", format!("--source {e}")))?;
    let start = store.local_time(&args.start)?;
    let end = args
        .end
        .as_deref()
        .map(|e| store.local_time(e))
        .transpose()?;
    let treatment: Option<TreatmentId> = args
        .treatment
        .as_deref()
        .map(|t| parse_id("treatment", t))
        .transpose()?;
    let input = NewBooking {
        customer: args.customer,
        items: vec![NewItem {
            service: args.service,
            staff: args.staff,
            start,
            end,
            room: args.room,
            treatment,
        }],
        source,
        notes: args.notes,
    };
    Ok(store.bookings_mut().add_booking(ctx, input)?)
}

fn describe(booking: &BookingView) -> String {
    let mut text = format!(
        "{}  {} to {}  {}\ncustomer: {}\n",
        booking.status,
        short_time(&booking.start),
        clock_time(&booking.end),
        booking.source.as_str(),
        booking.customer_name
    );
    for item in &booking.items {
        text.push_str(&format!(
            "item:     {}-{} {} with {}, {}\n",
            clock_time(&item.start),
            clock_time(&item.end),
            item.service_name,
            item.staff_name,
            item.price
        ));
        if let Some(address) = &item.address {
            text.push_str(&format!("at:       {address}\n"));
        }
    }
    if !booking.notes.is_empty() {
        text.push_str(&format!("notes:    {}\n", booking.notes));
    }
    text.push_str(&format!("id:       {}\n", booking.id));
    text
}

fn list(bookings: &[BookingView]) -> String {
    if bookings.is_empty() {
        return "no bookings".to_owned();
    }
    let rows: Vec<Vec<String>> = bookings
        .iter()
        .map(|b| {
            let services: Vec<&str> = b.items.iter().map(|i| i.service_name.as_str()).collect();
            let staff: Vec<&str> = b.items.iter().map(|i| i.staff_name.as_str()).collect();
            vec![
                short_time(&b.start),
                services.join(", "),
                staff.join(", "),
                b.status.to_string(),
                b.id.to_string(),
            ]
        })
        .collect();
    table(&["START", "SERVICE", "STAFF", "STATUS", "ID"], &rows)
}
