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
