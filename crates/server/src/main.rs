//! `caredesk-server`: serve the sync endpoints, and administer tenants,
//! branches and devices on the same storage.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use caredesk_server::{ServerError, open_storage, secret};
use clap::{Parser, Subcommand};
use serde_json::json;

#[derive(Debug, Parser)]
#[command(
    name = "caredesk-server",
    version,
    about = "CareDesk's central sync server"
)]
struct Cli {
    /// The SQLite storage's directory.
    #[arg(
        long,
        global = true,
        default_value = "caredesk-server-data",
        env = "CAREDESK_SERVER_DATA"
    )]
    data: PathBuf,
    /// PostgreSQL instead of SQLite: postgres://user@host/db.
    #[arg(long, global = true, env = "CAREDESK_SERVER_DATABASE")]
    database: Option<String>,
    /// One JSON value on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the sync endpoints; prints the bound address on its first line.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8780")]
        listen: SocketAddr,
    },
    #[command(subcommand)]
    Tenant(TenantCommand),
    #[command(subcommand)]
    Branch(BranchCommand),
    #[command(subcommand)]
    Device(DeviceCommand),
}

#[derive(Debug, Subcommand)]
enum TenantCommand {
    Add { name: String },
}

#[derive(Debug, Subcommand)]
enum BranchCommand {
    Add {
        #[arg(long)]
        tenant: String,
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum DeviceCommand {
    /// A device slot and its one-time pairing code (valid 24 hours).
    Add {
        #[arg(long)]
        branch: String,
        #[arg(long, default_value = "Counter")]
        name: String,
    },
    List {
        #[arg(long)]
        branch: Option<String>,
    },
    Revoke {
        id: String,
    },
}

fn main() -> ExitCode {
    let json_errors = std::env::args().any(|a| a == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let message = e.to_string();
            let first = message.lines().next().unwrap_or("bad arguments");
            fail(json_errors, "usage", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            fail(cli.json, e.code(), &e.to_string());
            ExitCode::FAILURE
        }
    }
}

fn fail(json: bool, code: &str, message: &str) {
    if json {
        eprintln!(
            "{}",
            json!({ "error": { "code": code, "message": message } })
        );
    } else {
        eprintln!("error: {}", message.replace('\n', " "));
    }
}

fn run(cli: &Cli) -> Result<(), ServerError> {
    let storage = open_storage(&cli.data, cli.database.as_deref())?;
    let now = jiff::Timestamp::now().as_millisecond();
    let out = |value: serde_json::Value, text: String| {
        if cli.json {
            println!("{value}");
        } else {
            println!("{text}");
        }
    };
    match &cli.command {
        Command::Serve { listen } => {
            let server = caredesk_server::start(storage, *listen)
                .map_err(|e| ServerError::Storage(format!("cannot listen on {listen}: {e}")))?;
            println!("{}", server.addr());
            let _ = std::io::stdout().flush();
            server.wait();
        }
        Command::Tenant(TenantCommand::Add { name }) => {
            let id = storage.add_tenant(name, now)?;
            out(json!({ "id": id }), id);
        }
        Command::Branch(BranchCommand::Add { tenant, name }) => {
            let id = storage.add_branch(tenant, name, now)?;
            out(json!({ "id": id }), id);
        }
        Command::Device(DeviceCommand::Add { branch, name }) => {
            let code = secret::pairing_code();
            let id = storage.add_device(branch, name, &secret::code_hash(&code), now)?;
            out(
                json!({ "id": id, "code": code }),
                format!("device {id}\npairing code {code} (once, within 24 hours)"),
            );
        }
        Command::Device(DeviceCommand::List { branch }) => {
            let devices = storage.devices(branch.as_deref())?;
            let text = devices
                .iter()
                .map(|d| {
                    let state = match (&d.replaced_by, d.revoked, d.paired) {
                        (Some(new), _, _) => format!("retired by a re-key, now {new}"),
                        (None, true, _) => "revoked".to_owned(),
                        (None, false, true) => "paired".to_owned(),
                        (None, false, false) => "waiting for pairing".to_owned(),
                    };
                    format!("{}  {}  {}  {state}", d.id, d.name, d.branch)
                })
                .collect::<Vec<_>>()
                .join("\n");
            out(serde_json::to_value(&devices).unwrap_or_default(), text);
        }
        Command::Device(DeviceCommand::Revoke { id }) => {
            storage.revoke_device(id, now)?;
            out(json!({ "ok": true }), format!("device {id} revoked"));
        }
    }
    Ok(())
}
