//! The command line, as `../shared/CLI.md` writes it down. The calendar's
//! and the punch cards' subcommands live in their own modules.

mod calendar;
mod checkout;
mod printing;
mod tickets;
mod treatments;
mod wallets;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use calendar::*;
pub use checkout::*;
pub use printing::*;
pub use tickets::*;
pub use treatments::*;
pub use wallets::*;

#[derive(Debug, Parser)]
#[command(
    name = "caredesk",
    version,
    about = "CareDesk, the headless counter: the same store as the desktop app, for scripts, imports and checks."
)]
pub struct Cli {
    /// The database file (default: the desktop app's own data file).
    #[arg(long, global = true, env = "CAREDESK_DB")]
    pub db: Option<PathBuf>,
    /// Print one JSON value on stdout; errors as JSON on stderr.
    #[arg(long, global = true)]
    pub json: bool,
    /// Run as if the clock said this local time (YYYY-MM-DDTHH:MM).
    #[arg(long, global = true, value_name = "YYYY-MM-DDTHH:MM")]
    pub now: Option<String>,
    /// The staff member acting, by id or name (default: the owner).
    #[arg(long = "as", global = true, value_name = "STAFF")]
    pub actor: Option<String>,
    /// A manager's on-the-spot approval for what the acting role may not do
    /// alone, checked against their PIN and recorded on the op.
    #[arg(long, global = true, value_name = "MANAGER:PIN")]
    pub approve: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct PairArgs {
    /// The server's base URL, e.g. http://192.168.1.10:8780.
    #[arg(long)]
    pub server: String,
    /// The one-time code `caredesk-server device add` printed.
    #[arg(long)]
    pub code: String,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Show the sync state instead of syncing.
    #[arg(long)]
    pub status: bool,
    #[command(subcommand)]
    pub action: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// For a counter whose clock ran ahead and whose ops the server
    /// refuses (`clock_ahead`): once its clock is right, give it a new
    /// device id, re-issue those ops under it and retire the old one on
    /// the server; then sync. A manager's action (`--approve MANAGER:PIN`).
    Rekey,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new CareDesk database.
    Init(InitArgs),
    /// Pair this counter with the sync server using a one-time code. On a
    /// database file that does not exist yet, an empty counter is created
    /// that joins the branch (run `caredesk sync` next to receive its data).
    Pair(PairArgs),
    /// Push this counter's ops to the server, then pull and fold the
    /// branch's; `--status` only shows where sync stands.
    Sync(SyncArgs),
    /// What two counters did offline that one counter would have refused.
    Conflicts,
    /// Add realistic demo customers (deterministic for a seed).
    Seed(SeedArgs),
    /// Add, edit, find and show customers.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Read the op log.
    #[command(subcommand)]
    Ops(OpsCommand),
    /// The op log in words: who did what, approved by whom.
    Audit(AuditArgs),
    /// Staff accounts: add, list, PINs, roles, deactivate; services, hours,
    /// leave and extra shifts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// The services the business offers.
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Rooms (and beds) that services need.
    #[command(subcommand)]
    Room(RoomCommand),
    /// Free slots for a service.
    Slots(SlotsArgs),
    /// Make, move, show and list bookings.
    #[command(subcommand)]
    Booking(BookingCommand),
    /// Group classes and workshops: seats, a list of who may join, and a
    /// waiting list that moves up by itself.
    #[command(subcommand)]
    Class(ClassCommand),
    /// Packages in the catalog: a number of sessions valid for some days.
    #[command(subcommand)]
    Package(PackageCommand),
    /// Treatments: packages sold to customers, used session by session
    /// (punch cards).
    #[command(subcommand)]
    Treatment(TreatmentCommand),
    /// Wallets: real money and virtual credit held for a customer.
    #[command(subcommand)]
    Wallet(WalletCommand),
    /// Checkout: ring up a sale, refund or void one, show a receipt.
    #[command(subcommand)]
    Sale(SaleCommand),
    /// This register's cash drawer: float, cash in and out, blind count.
    #[command(subcommand)]
    Drawer(DrawerCommand),
    /// Service tickets: complaints, returns, exchanges, followed to their
    /// resolution.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Run the timed jobs as of now (or --now): credit and punch cards
    /// expiring, ticket deadlines. The desktop app runs them every few
    /// minutes.
    Jobs,
    /// The day's Z report, and closing the day.
    #[command(subcommand)]
    Report(ReportCommand),
    /// One day of the calendar: each staff member's hours, bookings and
    /// classes.
    Day(DayArgs),
    /// The business's calendar settings and opening hours.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Receipts, punch-card statements and the day's report as PDF files.
    #[command(subcommand)]
    Print(PrintCommand),
    /// Print every projection in a canonical order.
    Dump,
    /// Copy the database to a backup file (default: the backups folder).
    Backup(BackupArgs),
    /// Replace the database with a backup file, after checking it; the
    /// database as it was is backed up first.
    Restore(RestoreArgs),
    /// Serve the desktop app's commands and its built UI over HTTP on
    /// 127.0.0.1, for the UI's browser tests and development only (the
    /// desktop app never starts it); prints the bound address on its first
    /// line. A database that does not exist is created with the demo data.
    /// With --now the counter's clock starts at that local time and runs on.
    ServeUi(ServeUiArgs),
}

#[derive(Debug, Args)]
pub struct ServeUiArgs {
    /// A loopback address, e.g. 127.0.0.1:0 (any free port).
    #[arg(long)]
    pub listen: std::net::SocketAddr,
    /// The built UI to serve beside the commands (default: ui/dist of this
    /// source tree).
    #[arg(long, value_name = "DIR")]
    pub ui: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// VN or ID.
    #[arg(long, default_value = "VN")]
    pub country: String,
    /// VND or IDR (default: the country's).
    #[arg(long)]
    pub currency: Option<String>,
    /// An IANA time zone (default: the country's, e.g. Asia/Ho_Chi_Minh).
    #[arg(long)]
    pub timezone: Option<String>,
    /// The business's name, as printed on receipts.
    #[arg(long)]
    pub name: Option<String>,
    /// The owner account's name.
    #[arg(long, default_value = "Owner")]
    pub owner: String,
    /// This register's short code in customer codes (default: random).
    #[arg(long)]
    pub register: Option<String>,
    /// The owner's PIN (4-8 digits), for approvals and sign-in.
    #[arg(long)]
    pub owner_pin: Option<String>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[arg(long)]
    pub customers: usize,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Register a customer.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        phone: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        address: Option<String>,
        /// The business's own code (default: the register's next code).
        #[arg(long)]
        code: Option<String>,
    },
    /// Change some fields; an empty --email or --address clears it.
    Edit {
        /// Customer id or phone.
        customer: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        address: Option<String>,
    },
    /// Search by name (diacritics optional), phone fragment or code.
    Find {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Everything about a customer (the 360 view).
    Show {
        /// Customer id or phone.
        customer: String,
    },
    /// Write a note on a customer's file.
    Note {
        /// Customer id or phone.
        customer: String,
        text: String,
    },
    /// Tag a customer (or remove a tag).
    Tag {
        /// Customer id or phone.
        customer: String,
        tag: String,
        #[arg(long)]
        remove: bool,
    },
    /// Make customer files one (a manager's action): the file registered
    /// first stays; the others' bookings, cards, tickets and wallet move to
    /// it. Also moves what reached a merged file later.
    Merge {
        /// Customer ids or phones: two or more, or one merged file.
        #[arg(required = true)]
        customers: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OpsCommand {
    /// List ops, oldest first.
    List {
        /// Only ops about this entity (a customer id...).
        #[arg(long)]
        entity: Option<String>,
        /// A kind (customer.edited) or prefix (customer.).
        #[arg(long)]
        kind: Option<String>,
        /// Only ops after this local sequence number.
        #[arg(long)]
        after: Option<i64>,
        #[arg(long)]
        limit: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff account (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// receptionist, therapist, manager or owner.
        #[arg(long)]
        role: String,
        /// 4-8 digits.
        #[arg(long)]
        pin: Option<String>,
        /// A service they perform (id or name); repeat for more.
        #[arg(long = "service", value_name = "SERVICE")]
        services: Vec<String>,
    },
    /// Everyone, active or not.
    List,
    /// Set a PIN: your own, or (a manager's action) someone else's.
    Pin { staff: String, pin: String },
    /// Change someone's role (a manager's action).
    Role { staff: String, role: String },
    /// Stop an account from signing in or acting; its history stays.
    Deactivate { staff: String },
    /// Let a deactivated account act again.
    Activate { staff: String },
    /// Usual hours on a day of the week (a manager's action).
    Hours {
        /// Staff id or name.
        staff: String,
        #[command(flatten)]
        day: DayHoursArgs,
    },
    /// The services someone performs, replacing the list.
    Services {
        /// Staff id or name.
        staff: String,
        /// A service (id or name); repeat for more; none clears the list.
        #[arg(long = "service", value_name = "SERVICE")]
        services: Vec<String>,
    },
    /// Services, weekly hours, leave and extra shifts.
    Schedule {
        /// Staff id or name.
        staff: String,
    },
    /// Leave on one date: the whole day, or --from/--to.
    Leave {
        /// Staff id or name.
        staff: String,
        #[command(flatten)]
        shift: ShiftArgs,
    },
    /// An extra shift on one date (--from and --to required).
    Extra {
        /// Staff id or name.
        staff: String,
        #[command(flatten)]
        shift: ShiftArgs,
    },
    /// Take back a leave or extra shift (its id from `staff schedule`).
    ExceptionRemove {
        /// Staff id or name.
        staff: String,
        /// The exception's id.
        exception: String,
    },
    /// Someone's share of each session from a date on (a manager's action).
    Rate {
        /// Staff id or name.
        staff: String,
        /// A percentage of the session's price: 35% or 32.5.
        #[arg(long)]
        rate: String,
        /// The first day it applies to, YYYY-MM-DD (default: today); an
        /// earlier date re-prices the sessions since then.
        #[arg(long)]
        from: Option<String>,
    },
    /// Pay someone part or all of what they are owed (a manager's action).
    Payout {
        /// Staff id or name.
        staff: String,
        #[arg(long)]
        amount: i64,
        /// What was paid: required.
        #[arg(long)]
        note: String,
        /// cash (out of this register's open drawer) or transfer.
        #[arg(long, default_value = "cash")]
        method: String,
    },
    /// Correct what someone is owed, with a note saying why (a manager's
    /// action): a positive amount adds to it (settling an overpayment: two
    /// counters paid the same balance offline), a negative one deducts.
    /// No money changes hands.
    Adjust {
        /// Staff id or name.
        staff: String,
        #[arg(long, allow_negative_numbers = true)]
        amount: i64,
        /// Why: required.
        #[arg(long)]
        note: String,
    },
    /// A month's sessions, shares, payouts and the balance owed; without
    /// STAFF, everyone's pay sheet. Your own needs no permission.
    Income {
        /// Staff id or name.
        staff: Option<String>,
        /// YYYY-MM (default: this month).
        #[arg(long)]
        month: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only what this staff member did or approved (id or name), or
    /// `system`: what the timed jobs recorded.
    #[arg(long)]
    pub staff: Option<String>,
    /// Only what concerns this customer (id or phone).
    #[arg(long)]
    pub customer: Option<String>,
    /// Only what concerns this entity (any id).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only what was recorded on this local day (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    /// vi, en or id (default: the business's country's language).
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// A file (replaced if it exists) or a folder; default: the backups
    /// folder next to the database, pruned to the newest N.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// From now on keep the newest N backups in the backups folder (saved
    /// next to them, so the desktop app keeps N too; default 14).
    #[arg(long, value_name = "N")]
    pub keep: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A CareDesk backup file.
    pub file: PathBuf,
}
