//! `caredesk print`: documents as PDF files, and `settings business`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// A sale's receipt for a thermal roll, its height fitted to the content.
    Receipt {
        /// Sale id or receipt number.
        sale: String,
        #[command(flatten)]
        out: PrintOut,
        /// The roll's width in millimetres: 80 or 58.
        #[arg(long, default_value = "80")]
        width: String,
        /// Mark the receipt as a copy even if it was never printed (a
        /// receipt printed before is always a copy).
        #[arg(long)]
        copy: bool,
        /// A PNG logo printed above the business's name.
        #[arg(long, value_name = "PNG")]
        logo: Option<PathBuf>,
    },
    /// A treatment's punch-card statement, with room for a signature.
    Statement {
        /// Treatment id.
        treatment: String,
        #[command(flatten)]
        out: PrintOut,
        /// a5 or a4.
        #[arg(long, default_value = "a5")]
        paper: String,
    },
    /// The day's Z report (a manager's view).
    Report {
        /// YYYY-MM-DD; default: today.
        #[arg(long)]
        date: Option<String>,
        /// Every register of the branch, not only this one.
        #[arg(long)]
        branch: bool,
        #[command(flatten)]
        out: PrintOut,
        /// a4 or a5.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
}

/// Where a document goes and in which language.
#[derive(Debug, Args)]
pub struct PrintOut {
    /// The PDF file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// vi, en or id (default: the business's country's language).
    #[arg(long)]
    pub lang: Option<String>,
}

/// `settings business`: what is printed at the top of every document and
/// how receipts ask for payment. Only the options given change.
#[derive(Debug, Args)]
pub struct BusinessArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// An empty value clears it.
    #[arg(long)]
    pub address: Option<String>,
    /// The tax code (MST, NPWP); an empty value clears it.
    #[arg(long)]
    pub tax_code: Option<String>,
    /// An IANA time zone, e.g. Asia/Ho_Chi_Minh.
    #[arg(long)]
    pub timezone: Option<String>,
    /// The bank's six-digit NAPAS BIN for VietQR codes (970415, ...);
    /// needs --bank-account.
    #[arg(long, requires = "bank_account")]
    pub bank_bin: Option<String>,
    /// The account number VietQR codes pay into; needs --bank-bin.
    #[arg(long, requires = "bank_bin")]
    pub bank_account: Option<String>,
    /// The account holder's name, printed under the code.
    #[arg(long)]
    pub bank_account_name: Option<String>,
    /// No VietQR code on receipts any more.
    #[arg(long, conflicts_with_all = ["bank_bin", "bank_account", "bank_account_name"])]
    pub no_bank_account: bool,
    /// The merchant's static QRIS payload (the text its code holds).
    #[arg(long, value_name = "PAYLOAD")]
    pub qris: Option<String>,
    /// No QRIS code on receipts any more.
    #[arg(long, conflicts_with = "qris")]
    pub no_qris: bool,
}
