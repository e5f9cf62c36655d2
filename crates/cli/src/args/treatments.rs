//! Packages and treatments (punch cards).

use clap::Subcommand;

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
        /// Sold with its first session booked at the customer's home; the
        /// therapist and address stay the same for every session.
        #[arg(long)]
        home_visit: bool,
    },
    /// Rename or reprice a package; treatments already sold keep theirs.
    Edit {
        /// Package id or name.
        package: String,
        #[arg(long)]
        name: Option<String>,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: Option<i64>,
        /// false retires it, true offers it again.
        #[arg(long)]
        active: Option<bool>,
    },
    /// Stop selling a package; treatments already sold are not touched.
    Retire {
        /// Package id or name.
        package: String,
    },
    /// Sell a retired package again.
    Offer {
        /// Package id or name.
        package: String,
    },
    /// Every package, by name.
    List,
}

#[derive(Debug, Subcommand)]
pub enum TreatmentCommand {
    /// Sell a package to a customer: valid from today. A home-visit
    /// package needs --staff and --start: its first session is booked in
    /// the same step.
    Sell {
        /// Customer id or phone.
        #[arg(long)]
        customer: String,
        /// Package id or name.
        #[arg(long)]
        package: String,
        /// Home visit: the therapist who goes to every session.
        #[arg(long, requires = "start")]
        staff: Option<String>,
        /// Home visit: the first session, local time YYYY-MM-DDTHH:MM.
        #[arg(long, requires = "staff")]
        start: Option<String>,
        /// Home visit: where; default: the customer's address on file.
        #[arg(long, requires = "staff")]
        address: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
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
    /// Give a home visit's future sessions to another therapist (a
    /// manager's action); each session moves, or none does.
    SwapStaff {
        treatment: String,
        /// Staff id or name.
        #[arg(long)]
        staff: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The daily job: record every treatment that has expired with
    /// sessions left, and every home visit whose unbooked sessions lapsed.
    Expire,
}
