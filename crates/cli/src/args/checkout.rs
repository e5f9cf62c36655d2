//! Checkout: sales, refunds and voids; the cash drawer; the day's report.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum SaleCommand {
    /// Ring up a sale. Lines come in the order bookings, packages,
    /// treatments, items, top-up. Any line may end in @DISCOUNT (10% or an
    /// amount), e.g. --item "Dầu gội:120000:2@10%".
    Add(SaleAddArgs),
    /// A receipt by id or number.
    Show {
        /// Sale id or receipt number (e.g. A7Q-000042).
        sale: String,
    },
    /// Give money back on a sale (a manager's action): all that is left
    /// when no amount is given. A package or sessions line gives back at
    /// most the unused share of its price and takes its sessions back from
    /// the card: as many as the amount pays for (rounded up), or --sessions.
    Refund {
        sale: String,
        #[arg(long, allow_negative_numbers = true)]
        amount: Option<i64>,
        /// original (back the way it was paid) or wallet.
        #[arg(long, default_value = "original")]
        to: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Take back exactly this many sessions of the sale's card (for
        /// their unused share unless --amount says otherwise).
        #[arg(long)]
        sessions: Option<u16>,
        /// The card (treatment id) whose line is refunded, when the sale
        /// pays for several.
        #[arg(long)]
        treatment: Option<String>,
        /// Give back more than the unused share of a card's price; what is
        /// above it is recorded as goodwill.
        #[arg(long)]
        goodwill: bool,
    },
    /// Cancel a sale of today in full, back the way it was paid (a
    /// manager's action).
    Void {
        sale: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Args)]
pub struct SaleAddArgs {
    /// Customer id or phone (default: the bookings' customer).
    #[arg(long)]
    pub customer: Option<String>,
    /// A completed booking (id): one line per service in it.
    #[arg(long = "booking", value_name = "ID[@DISCOUNT]")]
    pub bookings: Vec<String>,
    /// A package (id or name) sold to the customer with this sale.
    #[arg(long = "package", value_name = "PACKAGE[@DISCOUNT]")]
    pub packages: Vec<String>,
    /// A treatment sold earlier and not paid yet (a home visit).
    #[arg(long = "treatment", value_name = "ID[@DISCOUNT]")]
    pub treatments: Vec<String>,
    /// Sessions added to a treatment sold earlier, at its price per
    /// session: as many as given, or those used beyond the card (a sync
    /// conflict's `treatment_overused`).
    #[arg(long = "sessions", value_name = "TREATMENT[:N][@DISCOUNT]")]
    pub sessions: Vec<String>,
    /// Something from the shelf: name, unit price, optional quantity.
    #[arg(long = "item", value_name = "NAME:PRICE[:QTY][@DISCOUNT]")]
    pub items: Vec<String>,
    /// Money into the customer's wallet.
    #[arg(long = "top-up", value_name = "AMOUNT", allow_negative_numbers = true)]
    pub top_up: Option<i64>,
    /// Off the whole sale: 10% or an amount.
    #[arg(long)]
    pub discount: Option<String>,
    /// cash, card, transfer or wallet, the amount, and for a card or a
    /// transfer the terminal's or bank's reference: card:500000:REF123.
    #[arg(long = "pay", value_name = "METHOD:AMOUNT[:REF]")]
    pub payments: Vec<String>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Subcommand)]
pub enum DrawerCommand {
    /// Open this register's drawer with a float.
    Open {
        #[arg(allow_negative_numbers = true)]
        float: i64,
    },
    /// Put cash in (positive) or take it out (negative), with a reason.
    Move {
        #[arg(allow_negative_numbers = true)]
        amount: i64,
        #[arg(long)]
        reason: String,
    },
    /// Close the drawer with a blind count: --count cash:2380000 --count
    /// card:2000000.
    Close {
        #[arg(long = "count", value_name = "METHOD:AMOUNT")]
        counted: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The drawers opened on a day, with what each should hold.
    Show {
        /// YYYY-MM-DD; default: today.
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The day's Z report (a manager's view).
    Day {
        /// YYYY-MM-DD; default: today.
        #[arg(long)]
        date: Option<String>,
        /// Every register of the branch, not only this one.
        #[arg(long)]
        branch: bool,
    },
    /// Close this register's day for good (a manager's action); its drawer
    /// must be closed first.
    Close {
        /// YYYY-MM-DD; default: today.
        #[arg(long)]
        date: Option<String>,
    },
}
