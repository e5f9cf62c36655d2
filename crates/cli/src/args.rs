//! The command line, as `../shared/CLI.md` writes it down.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new CareDesk database.
    Init(InitArgs),
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
    /// One day of the calendar: each staff member's hours, bookings and
    /// classes.
    Day(DayArgs),
    /// The business's calendar settings and opening hours.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Print every projection in a canonical order.
    Dump,
    /// Copy the database to a backup file (default: the backups folder).
    Backup(BackupArgs),
    /// Replace the database with a backup file, after checking it; the
    /// database as it was is backed up first.
    Restore(RestoreArgs),
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
}

/// One weekday's hours: `--day mon --from 08:00 --to 17:00`, or `--off`.
#[derive(Debug, Args)]
pub struct DayHoursArgs {
    /// mon, tue, wed, thu, fri, sat, sun, or all (every day).
    #[arg(long)]
    pub day: String,
    /// HH:MM.
    #[arg(long, required_unless_present = "off", requires = "to")]
    pub from: Option<String>,
    /// HH:MM (24:00 for midnight).
    #[arg(long, required_unless_present = "off", requires = "from")]
    pub to: Option<String>,
    /// Not working (closed) that day.
    #[arg(long, visible_alias = "closed", conflicts_with_all = ["from", "to"])]
    pub off: bool,
}

#[derive(Debug, Args)]
pub struct ShiftArgs {
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// HH:MM.
    #[arg(long, requires = "to")]
    pub from: Option<String>,
    /// HH:MM (24:00 for midnight).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add a service to the catalog (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// How long the service takes.
        #[arg(long)]
        minutes: u16,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: i64,
        /// Turnover or travel time after it, when the staff member is not
        /// free yet.
        #[arg(long, default_value_t = 0)]
        buffer_minutes: u16,
        #[arg(long, default_value = "")]
        category: String,
        /// A room (id or name) that can host it; repeat for more.
        #[arg(long = "room", value_name = "ROOM")]
        rooms: Vec<String>,
    },
    /// Every service, by name.
    List,
    /// Change some fields; the others stay as they are (a manager's action).
    Edit {
        /// Service id or name.
        service: String,
        #[arg(long)]
        name: Option<String>,
        /// An empty category clears it.
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        minutes: Option<u16>,
        #[arg(long, visible_alias = "buffer")]
        buffer_minutes: Option<u16>,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: Option<i64>,
        /// A room (id or name) that can host it; repeat for more. Replaces
        /// the list.
        #[arg(long = "room", value_name = "ROOM")]
        rooms: Vec<String>,
        /// false retires it, true offers it again.
        #[arg(long)]
        active: Option<bool>,
    },
    /// Stop offering a service: it stays in history but cannot be booked.
    Retire {
        /// Service id or name.
        service: String,
    },
    /// Offer a retired service again.
    Offer {
        /// Service id or name.
        service: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// Add a room (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// How many customers it holds at once.
        #[arg(long, default_value_t = 1)]
        capacity: u16,
    },
    /// Every room, by name.
    List,
    /// Change some fields; the others stay as they are (a manager's action).
    Edit {
        /// Room id or name.
        room: String,
        #[arg(long)]
        name: Option<String>,
        /// How many customers it holds at once.
        #[arg(long)]
        capacity: Option<u16>,
        /// false retires it, true puts it back in use.
        #[arg(long)]
        active: Option<bool>,
    },
    /// Stop using a room: new bookings do not take it.
    Retire {
        /// Room id or name.
        room: String,
    },
    /// Put a retired room back in use.
    Offer {
        /// Room id or name.
        room: String,
    },
}

#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// The last date (YYYY-MM-DD) of a range; default: --date alone.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this staff member (id or name); default: anyone who performs it.
    #[arg(long)]
    pub staff: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BookingCommand {
    /// Book a service with a staff member.
    Add(BookingAddArgs),
    /// Confirm a PENDING (online) booking.
    Confirm(MoveArgs),
    /// The customer has arrived.
    CheckIn(MoveArgs),
    /// The service has started.
    Start(MoveArgs),
    /// The service is done.
    Complete(MoveArgs),
    /// Cancel: free before the cut-off (CANCELLED), FORFEITED after it.
    Cancel(MoveArgs),
    /// The customer did not come (only after the start).
    NoShow(MoveArgs),
    /// Take back a completion (a manager's action).
    UndoComplete(MoveArgs),
    /// Move one item of a booking to a new start (and staff member).
    Reschedule {
        booking: String,
        /// YYYY-MM-DDTHH:MM.
        #[arg(long)]
        start: String,
        /// A different staff member (id or name).
        #[arg(long)]
        staff: Option<String>,
        /// Which item of the booking, counting from 0.
        #[arg(long, default_value_t = 0)]
        item: u16,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// One booking with its history.
    Show { booking: String },
    /// A customer's bookings, latest first.
    List {
        /// Customer id or phone.
        #[arg(long)]
        customer: String,
    },
    /// A staff member's bookings as an iCalendar (.ics) file.
    Ics {
        /// Staff id or name.
        #[arg(long)]
        staff: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// YYYY-MM-DD, inclusive.
        #[arg(long)]
        to: String,
        /// The file to write (replaced if it exists); default: stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct BookingAddArgs {
    /// Customer id or phone.
    #[arg(long)]
    pub customer: String,
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// Staff id or name.
    #[arg(long)]
    pub staff: String,
    /// YYYY-MM-DDTHH:MM.
    #[arg(long)]
    pub start: String,
    /// YYYY-MM-DDTHH:MM; default: the start plus the service's length.
    #[arg(long)]
    pub end: Option<String>,
    /// Room id or name; default: the first free one the service can use.
    #[arg(long)]
    pub room: Option<String>,
    /// walk-in, phone or online.
    #[arg(long, default_value = "phone")]
    pub source: String,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// The treatment package this session comes from.
    #[arg(long)]
    pub treatment: Option<String>,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Booking id.
    pub booking: String,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct DayArgs {
    /// YYYY-MM-DD; default: today in the business's time zone.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the calendar settings, or change some of them (a manager's
    /// action).
    Calendar {
        /// Minutes between slot starts.
        #[arg(long)]
        slot_minutes: Option<u16>,
        /// Slots start on a multiple of this many minutes past the hour.
        #[arg(long)]
        align_minutes: Option<u16>,
        /// Bookings for today start more than this many minutes ahead.
        #[arg(long)]
        lead_minutes: Option<u16>,
        /// Cancelling later than this many minutes before the start forfeits.
        #[arg(long)]
        cutoff_minutes: Option<u16>,
        /// email or address: what a customer's profile must hold before
        /// booking; repeat for both; replaces the list.
        #[arg(
            long = "require",
            value_name = "FIELD",
            conflicts_with = "no_requirements"
        )]
        require: Vec<String>,
        /// Customers can book with a name and phone alone.
        #[arg(long)]
        no_requirements: bool,
    },
    /// Opening hours on a day of the week (a manager's action).
    Hours {
        #[command(flatten)]
        day: DayHoursArgs,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only what this staff member did or approved (id or name).
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

#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Put a class on the calendar (a manager's action): the teacher and the
    /// whole room are taken for its time.
    Add(ClassAddArgs),
    /// A customer joins: a seat if one is free, else the waiting list.
    #[command(visible_alias = "enroll")]
    Enrol(ClassCustomerArgs),
    /// A customer gives up their place; a seat given up after the
    /// cancellation cut-off is forfeited, and the next in line is seated.
    Leave(ClassCustomerArgs),
    /// A seated customer came.
    Attend(ClassCustomerArgs),
    /// A seated customer did not come (only after the start).
    NoShow(ClassCustomerArgs),
    /// Change the number of seats (a manager's action); more seats seat the
    /// waiting list.
    Seats { class: String, seats: u16 },
    /// Put customers on the list of a class that has one (a manager's
    /// action).
    Allow {
        class: String,
        /// Customer id or phone; repeat for several.
        #[arg(long = "customer", required = true)]
        customers: Vec<String>,
    },
    /// Call the class off before it starts (a manager's action): every place
    /// is freed, nobody forfeits.
    Cancel {
        class: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// One class with its seats, waiting list and history.
    Show { class: String },
    /// The classes of a day.
    List {
        /// YYYY-MM-DD; default: today in the business's time zone.
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ClassAddArgs {
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// The teacher: staff id or name.
    #[arg(long)]
    pub staff: String,
    /// Local time, YYYY-MM-DDTHH:MM.
    #[arg(long)]
    pub start: String,
    /// Local end time; default: the service's length.
    #[arg(long)]
    pub end: Option<String>,
    /// Room id or name; default: the first free one the service can use.
    #[arg(long)]
    pub room: Option<String>,
    #[arg(long)]
    pub seats: u16,
    /// Only these customers (id or phone) may join; repeat for several.
    /// Without it anyone may.
    #[arg(long = "allow")]
    pub allowed: Vec<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct ClassCustomerArgs {
    pub class: String,
    /// Customer id or phone.
    #[arg(long)]
    pub customer: String,
    /// The package paying for the seat (enrol only).
    #[arg(long)]
    pub treatment: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    /// Add a package to the catalog (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// How many sessions it holds.
        #[arg(long)]
        sessions: u16,
        /// How many days it can be used, the day of sale included.
        #[arg(long)]
        valid_days: u16,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: i64,
        /// The service (id or name) its sessions pay for; default: any.
        #[arg(long)]
        service: Option<String>,
    },
    /// Every package, by name.
    List,
}

#[derive(Debug, Subcommand)]
pub enum TreatmentCommand {
    /// Sell a package to a customer: valid from today.
    Sell {
        /// Customer id or phone.
        #[arg(long)]
        customer: String,
        /// Package id or name.
        #[arg(long)]
        package: String,
    },
    /// One treatment with its statement.
    Show { treatment: String },
    /// A customer's treatments: active ones first.
    List {
        /// Customer id or phone.
        #[arg(long)]
        customer: String,
    },
    /// Move the expiry later, with a reason (a manager's action).
    Extend {
        treatment: String,
        /// The new last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// The daily job: record every treatment that has expired with
    /// sessions left.
    Expire,
}
