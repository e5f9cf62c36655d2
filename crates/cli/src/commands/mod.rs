//! One module per noun; each opens the store, calls one store command or
//! query, and prints the result.

mod audit;
mod backup;
mod booking;
mod class;
mod customer;
mod day;
mod drawer;
mod init;
mod ops;
mod package;
mod payroll;
mod print;
mod report;
mod room;
mod sale;
mod serve_ui;
mod service;
mod settings;
mod slots;
mod staff;
mod sync;
mod ticket;
mod treatment;
mod wallet;

use std::path::Path;

use caredesk_domain::hours::{Span, parse_weekday};
use caredesk_store::{Ctx, SeedOptions, Store, StoreError, WEEK};
use jiff::civil::Weekday;

use crate::args::{Cli, Command, DayHoursArgs};
use crate::error::{CliError, CliResult};
use crate::output::Output;

/// What every command needs besides its own arguments.
pub struct Session {
    pub store: Store,
    pub ctx: Ctx,
}

/// The global flags that shape a session.
struct Acting {
    now: Option<String>,
    actor: Option<String>,
    approve: Option<String>,
}

pub fn run(cli: Cli, out: &Output) -> CliResult<()> {
    let Cli {
        db,
        json: _,
        now,
        actor,
        approve,
        command,
    } = cli;
    let db = db.unwrap_or_else(caredesk_store::default_db_path);
    let cli = Acting {
        now,
        actor,
        approve,
    };
    match command {
        Command::Init(args) => init::run(&db, args, out),
        Command::Pair(args) => sync::pair(&db, args, out),
        Command::Sync(args) => match args.action {
            Some(crate::args::SyncCommand::Rekey) => sync::rekey(open(&db, &cli)?, out),
            None => sync::sync(&db, args, out),
        },
        Command::Conflicts => sync::conflicts(&db, out),
        Command::Seed(args) => {
            let mut session = open(&db, &cli)?;
            let report = session.store.seed(
                &session.ctx,
                SeedOptions {
                    customers: args.customers,
                    seed: args.seed,
                },
            )?;
            out.emit(&report, |r| format!("added {} demo customers", r.customers))
        }
        Command::Customer(command) => {
            let session = open(&db, &cli)?;
            customer::run(session, command, out)
        }
        Command::Audit(args) => {
            let session = open(&db, &cli)?;
            audit::run(&session.store, args, out)
        }
        Command::Staff(command) => {
            let session = open(&db, &cli)?;
            staff::run(session, command, out)
        }
        Command::Service(command) => {
            let session = open(&db, &cli)?;
            service::run(session, command, out)
        }
        Command::Room(command) => {
            let session = open(&db, &cli)?;
            room::run(session, command, out)
        }
        Command::Slots(args) => {
            let session = open(&db, &cli)?;
            slots::run(&session, args, out)
        }
        Command::Booking(command) => {
            let session = open(&db, &cli)?;
            booking::run(session, command, out)
        }
        Command::Class(command) => {
            let session = open(&db, &cli)?;
            class::run(session, command, out)
        }
        Command::Package(command) => {
            let session = open(&db, &cli)?;
            package::run(session, command, out)
        }
        Command::Treatment(command) => {
            let session = open(&db, &cli)?;
            treatment::run(session, command, out)
        }
        Command::Wallet(command) => {
            let session = open(&db, &cli)?;
            wallet::run(session, command, out)
        }
        Command::Sale(command) => {
            let session = open(&db, &cli)?;
            sale::run(session, command, out)
        }
        Command::Drawer(command) => {
            let session = open(&db, &cli)?;
            drawer::run(session, command, out)
        }
        Command::Ticket(command) => {
            let session = open(&db, &cli)?;
            ticket::run(session, command, out)
        }
        Command::Jobs => {
            let Session { mut store, ctx } = open(&db, &cli)?;
            let run = store.run_jobs(&ctx)?;
            out.emit(&run, |r| {
                format!(
                    "credits expired: {}\ntreatments expired or lapsed: {}\ntickets raised: {}",
                    r.credits_expired.len(),
                    r.treatments_expired.len(),
                    r.tickets_escalated.len()
                )
            })
        }
        Command::Report(command) => {
            let session = open(&db, &cli)?;
            report::run(session, command, out)
        }
        Command::Day(args) => {
            let session = open(&db, &cli)?;
            day::run(&session, args, out)
        }
        Command::Settings(command) => {
            let session = open(&db, &cli)?;
            settings::run(session, command, out)
        }
        Command::Print(command) => {
            let session = open(&db, &cli)?;
            print::run(session, command, out)
        }
        Command::Ops(command) => {
            let session = open(&db, &cli)?;
            ops::run(&session.store, command, out)
        }
        Command::Dump => {
            let session = open(&db, &cli)?;
            let dump = session.store.dump()?;
            // Without --json the dump is still JSON, indented for reading.
            out.emit(&dump, |d| {
                serde_json::to_string_pretty(d).expect("the dump serialises to JSON")
            })
        }
        Command::Backup(args) => backup::backup(&db, args, out),
        Command::Restore(args) => backup::restore(&db, args, out),
        Command::ServeUi(args) => serve_ui::run(&db, cli.now.as_deref(), args),
    }
}

fn open(db: &Path, cli: &Acting) -> CliResult<Session> {
    let mut store = Store::open(db)?;
    let now = cli
        .now
        .as_deref()
        .map(|text| store.local_time(text))
        .transpose()?;
    let mut ctx = match cli.actor.as_deref() {
        Some(who) => store.context_as(who, now)?,
        None => store.context(now)?,
    };
    if let Some(approval) = cli.approve.as_deref() {
        let (who, pin) = approval.rsplit_once(':').ok_or_else(|| {
            CliError::usage(format!(
                "--approve {approval:?}: expected MANAGER:PIN, e.g. --approve Hoa:1234"
            ))
        })?;
        ctx = store.approve(ctx, who, pin)?;
    }
    Ok(Session { store, ctx })
}

/// `--day mon --from 08:00 --to 17:00` (or `--off`) as the weekdays it
/// covers (`all`: every day) and their spans (none: closed), checked before
/// anything is written.
fn day_hours(args: &DayHoursArgs) -> CliResult<(Vec<Weekday>, Vec<Span>)> {
    let days = if args.day.trim().eq_ignore_ascii_case("all") {
        WEEK.to_vec()
    } else {
        vec![parse_weekday(&args.day).map_err(StoreError::from)?]
    };
    let spans = match (&args.from, &args.to) {
        (Some(from), Some(to)) if !args.off => {
            vec![Span::parse(from, to).map_err(StoreError::from)?]
        }
        _ => Vec::new(),
    };
    Ok((days, spans))
}

/// An id typed on the command line, or the error contract's `invalid_id`.
fn parse_id<T: std::str::FromStr>(what: &str, text: &str) -> CliResult<T> {
    text.parse().map_err(|_| {
        CliError::invalid(
            "invalid_id",
            format!("{what} {text:?} is not an id (expected a UUID)"),
        )
    })
}
