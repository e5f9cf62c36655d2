//! Moving a wallet's money to another when customer files are merged (see
//! `crate::merge`): a pair of entries, one on each wallet, so neither
//! ledger is rewritten.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Credit, WalletChange, WalletState};
use crate::id::{CreditId, CustomerId};
use crate::money::Money;
use crate::op::OpBody;

/// One credit's share of a move between wallets: how much, and until when
/// it can be spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedCredit {
    /// On the wallet it leaves, the credit it comes from; on the wallet it
    /// joins, the new credit's id.
    pub credit: CreditId,
    pub amount: i64,
    pub expires_at: Timestamp,
}

/// The customer's file was merged into another: what the wallet held goes
/// to the surviving file's wallet (`MovedIn` there, written together).
/// `real` may be below zero: a debt moves with the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedOut {
    pub to: CustomerId,
    pub at: Timestamp,
    pub real: Money,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<MovedCredit>,
}

impl OpBody for MovedOut {
    const KIND: &'static str = "wallet.moved_out";
    const SCHEMA: u16 = 1;
}

/// Money from a merged file's wallet: its real balance and its live
/// credits, each keeping its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedIn {
    pub from: CustomerId,
    pub at: Timestamp,
    pub real: Money,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<MovedCredit>,
}

impl OpBody for MovedIn {
    const KIND: &'static str = "wallet.moved_in";
    const SCHEMA: u16 = 1;
}

/// What a move between wallets carries: the real money and the credits.
pub fn moved_total(real: Money, credits: &[MovedCredit]) -> Money {
    let credit: i64 = credits.iter().map(|c| c.amount).sum();
    Money::new(real.amount.saturating_add(credit), real.currency)
}

impl WalletState {
    /// Moves what the merging counter saw in this wallet. A credit that
    /// has less left here by now (another counter spent it offline) gives
    /// what it has and real money makes up the rest, so the two wallets
    /// together hold exactly what they held before: the other wallet
    /// receives the full amount.
    pub(super) fn move_out(&mut self, e: &MovedOut, at: Timestamp) -> Result<WalletChange, String> {
        let real = self.amount(e.real)?;
        let mut amount = real;
        let mut from_real = real;
        let mut credits = Vec::new();
        for part in &e.credits {
            if part.amount <= 0 {
                return Err(format!("credit {} moves {}", part.credit, part.amount));
            }
            amount = amount
                .checked_add(part.amount)
                .ok_or("the amount overflows")?;
            let take = match self.credits.iter_mut().find(|c| c.id == part.credit) {
                Some(credit) => {
                    let take = credit.alive_at(at).min(part.amount);
                    credit.moved += take;
                    take
                }
                None => 0,
            };
            if take > 0 {
                credits.push((part.credit, take));
            }
            from_real += part.amount - take;
        }
        self.add_real(-from_real)?;
        Ok(WalletChange::MovedOut {
            to: e.to,
            amount,
            from_real,
            credits,
        })
    }

    pub(super) fn move_in(&mut self, e: &MovedIn) -> Result<WalletChange, String> {
        let real = self.amount(e.real)?;
        for part in &e.credits {
            if part.amount <= 0 || self.credits.iter().any(|c| c.id == part.credit) {
                return Err(format!("credit {} cannot move in", part.credit));
            }
        }
        self.add_real(real)?;
        for part in &e.credits {
            self.credits.push(Credit {
                id: part.credit,
                amount: part.amount,
                issued_at: e.at,
                expires_at: part.expires_at,
                used: 0,
                expired: 0,
                moved: 0,
                revoked: 0,
                expiry_recorded: false,
            });
        }
        Ok(WalletChange::MovedIn {
            from: e.from,
            real,
            credits: e.credits.iter().map(|c| (c.credit, c.amount)).collect(),
        })
    }
}
