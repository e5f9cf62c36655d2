use caredesk_store::parse_date;

use super::Session;
use crate::args::SlotsArgs;
use crate::error::CliResult;
use crate::output::{Output, clock_time, short_time, table};

pub fn run(session: &Session, args: SlotsArgs, out: &Output) -> CliResult<()> {
    let Session { store, ctx } = session;
    let from = parse_date(&args.date)?;
    let to = args
        .to
        .as_deref()
        .map(parse_date)
        .transpose()?
        .unwrap_or(from);
    let slots = store
        .schedule()
        .slots(ctx.now, &args.service, from, to, args.staff.as_deref())?;
    out.emit(&slots, |slots| {
        if slots.is_empty() {
            return format!("no free slot for {} from {from} to {to}", args.service);
        }
        let rows: Vec<Vec<String>> = slots
            .iter()
            .map(|s| {
                vec![
                    short_time(&s.start),
                    clock_time(&s.end),
                    s.staff_name.clone(),
                    s.staff.to_string(),
                ]
            })
            .collect();
        table(&["START", "END", "STAFF", "STAFF ID"], &rows)
    })
}
