//! Wallets: real money and virtual credit held for a customer.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Balances, credits with their expiry, and the ledger.
    Show {
        /// Customer id or phone.
        customer: String,
    },
    /// Put real money in the wallet.
    Deposit {
        /// Customer id or phone.
        customer: String,
        /// Whole units of the currency.
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        /// cash, transfer, card (or refund, ticket when the money comes
        /// from a refunded sale or a ticket).
        #[arg(long, default_value = "cash")]
        method: String,
        /// A receipt, transfer or terminal reference.
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Give virtual credit, spent before real money and gone at its expiry.
    Credit {
        customer: String,
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        /// How many days it lasts, today included (default 15).
        #[arg(long)]
        days: Option<u16>,
        /// Why it was given.
        #[arg(long)]
        note: String,
    },
    /// Pay with the wallet: virtual credit first, soonest expiry first.
    Spend {
        customer: String,
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Pay real money back to the customer (a manager's action).
    Refund {
        customer: String,
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        /// cash, transfer or card.
        #[arg(long, default_value = "cash")]
        method: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Correct the real balance, negative for a debit (a manager's action).
    Adjust {
        customer: String,
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        #[arg(long)]
        note: String,
    },
    /// The daily job: record every credit that expired with money left.
    Expire,
}
