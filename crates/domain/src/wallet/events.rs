//! The ops of a wallet: real money deposited, spent, refunded and adjusted,
//! virtual credit issued and expired, and a ticket's compensation taken back.
//! Moves between two customers' wallets (a merge) are in moves.rs.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Source;
use super::moves::{MovedIn, MovedOut};
use crate::id::{CreditId, OpId};
use crate::money::Money;
use crate::op::{OpBody, op_events};

/// Real money into the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deposited {
    pub amount: Money,
    pub source: Source,
    /// The business time of the entry.
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for Deposited {
    const KIND: &'static str = "wallet.deposited";
    const SCHEMA: u16 = 1;
}

/// The customer paid with the wallet. How much came from which credit and
/// how much from real money is the fold's to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spent {
    pub amount: Money,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for Spent {
    const KIND: &'static str = "wallet.spent";
    const SCHEMA: u16 = 1;
}

/// Real money paid back to the customer out of the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refunded {
    pub amount: Money,
    /// How it was paid back: cash, transfer or card.
    pub source: Source,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for Refunded {
    const KIND: &'static str = "wallet.refunded";
    const SCHEMA: u16 = 1;
}

/// A manager's correction of the real balance, up or down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjusted {
    /// Negative for a debit.
    pub amount: Money,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for Adjusted {
    const KIND: &'static str = "wallet.adjusted";
    const SCHEMA: u16 = 1;
}

/// Virtual credit granted until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditIssued {
    pub credit: CreditId,
    pub amount: Money,
    pub at: Timestamp,
    pub expires_at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for CreditIssued {
    const KIND: &'static str = "wallet.credit_issued";
    const SCHEMA: u16 = 1;
}

/// The daily job saw a credit expire with something left: recorded for
/// reports and other counters. The fold takes what is left itself, so two
/// counters recording it take it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditExpired {
    pub credit: CreditId,
}

impl OpBody for CreditExpired {
    const KIND: &'static str = "wallet.credit_expired";
    const SCHEMA: u16 = 1;
}

/// A service ticket's compensation taken back by a manager: two counters
/// resolved the ticket offline, the ticket's fold kept the resolution that
/// sorts first, and this reverses what the other one gave (the
/// `ticket_resolved_twice` conflict). A credit is revoked: what is left of
/// it goes, and what the customer already spent of it (or what moved with
/// a merged file) comes out of the real balance instead, which may take it
/// below zero (`wallet_overdrawn` then says so). Real money comes out of
/// the real balance the same way. The fold decides the split, from the
/// credit as it stands when the op sorts in, and takes back each
/// resolution once: two managers reversing the same one offline take it
/// back once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationReversed {
    /// The ticket's refused `ticket.resolved` op whose compensation goes.
    pub resolution: OpId,
    /// What that resolution gave.
    pub amount: Money,
    /// The credit it issued; none when it gave real money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<CreditId>,
    pub at: Timestamp,
    /// The ticket's code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for CompensationReversed {
    const KIND: &'static str = "wallet.compensation_reversed";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum WalletEvent {
        Deposited(Deposited),
        Spent(Spent),
        Refunded(Refunded),
        Adjusted(Adjusted),
        CreditIssued(CreditIssued),
        CreditExpired(CreditExpired),
        MovedOut(MovedOut),
        MovedIn(MovedIn),
        CompensationReversed(CompensationReversed),
    }
}
