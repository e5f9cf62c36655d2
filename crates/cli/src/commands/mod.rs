//! One module per noun; each opens the store, calls one store command or
//! query, and prints the result.

mod customer;
mod init;
mod ops;

use std::path::Path;

use caredesk_store::{Ctx, SeedOptions, Store};

use crate::args::{Cli, Command};
use crate::error::CliResult;
use crate::output::Output;

/// What every command needs besides its own arguments.
pub struct Session {
    pub store: Store,
    pub ctx: Ctx,
}

pub fn run(cli: Cli, out: &Output) -> CliResult<()> {
    let db = cli
        .db
        .clone()
        .unwrap_or_else(caredesk_store::default_db_path);
    match cli.command {
        Command::Init(args) => init::run(&db, args, out),
        Command::Seed(args) => {
            let mut session = open(&db, cli.now.as_deref(), cli.actor.as_deref())?;
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
            let session = open(&db, cli.now.as_deref(), cli.actor.as_deref())?;
            customer::run(session, command, out)
        }
        Command::Ops(command) => {
            let session = open(&db, cli.now.as_deref(), cli.actor.as_deref())?;
            ops::run(&session.store, command, out)
        }
        Command::Dump => {
            let session = open(&db, cli.now.as_deref(), cli.actor.as_deref())?;
            let dump = session.store.dump()?;
            // Without --json the dump is still JSON, indented for reading.
            out.emit(&dump, |d| {
                serde_json::to_string_pretty(d).expect("the dump serialises to JSON")
            })
        }
    }
}

fn open(db: &Path, now: Option<&str>, actor: Option<&str>) -> CliResult<Session> {
    let store = Store::open(db)?;
    let now = now.map(|text| store.local_time(text)).transpose()?;
    let ctx = match actor {
        Some(who) => store.context_as(who, now)?,
        None => store.context(now)?,
    };
    Ok(Session { store, ctx })
}
