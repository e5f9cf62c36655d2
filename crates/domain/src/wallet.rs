//! Wallets: money the business holds for a customer, as a ledger. Real
//! money comes in as deposits (cash, transfer, card, a refund of a sale, a
//! ticket's compensation) and goes out as spending, refunds paid back to the
//! customer and manager adjustments. Virtual credit is granted with an
//! expiry: spending uses it first, the credit that expires soonest first,
//! then the real balance, and whatever is left of a credit at its expiry is
//! gone at that moment.
//!
//! Nothing here is a stored balance. The fold replays the ops in canonical
//! order and decides the split of every spend itself (which credits, how
//! much real money), from the spend's own business time, so every replica
//! that holds the same ops agrees on it to the đồng.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::{CreditId, CustomerId, OpId};
use crate::money::{Currency, Money};
use crate::op::{Machine, Stamp};

/// The largest amount one entry may move: a trillion đồng is far above any
/// real deposit and far below where sums could overflow.
pub const MAX_ENTRY: i64 = 1_000_000_000_000;
/// The largest balance a wallet may hold.
pub const MAX_BALANCE: i64 = 1_000_000_000_000_000;
/// How long virtual credit lasts unless the counter says otherwise.
pub const DEFAULT_CREDIT_DAYS: u16 = 15;
/// The longest a credit may last.
pub const MAX_CREDIT_DAYS: u16 = 3_660;

/// Where money in a wallet came from, or how it was paid back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Cash,
    Transfer,
    Card,
    /// A sale refunded into the wallet.
    Refund,
    /// A service ticket's compensation.
    Ticket,
    /// A top-up rung up at checkout: the sale's payments say how it was
    /// paid.
    Sale,
}

impl Source {
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Cash => "cash",
            Source::Transfer => "transfer",
            Source::Card => "card",
            Source::Refund => "refund",
            Source::Ticket => "ticket",
            Source::Sale => "sale",
        }
    }

    /// Whether money can leave the wallet this way (paid back to the
    /// customer): only as real money.
    pub const fn pays_out(self) -> bool {
        matches!(self, Source::Cash | Source::Transfer | Source::Card)
    }
}

impl std::str::FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cash" => Ok(Source::Cash),
            "transfer" | "bank" | "bank_transfer" => Ok(Source::Transfer),
            "card" => Ok(Source::Card),
            "refund" => Ok(Source::Refund),
            "ticket" => Ok(Source::Ticket),
            other => Err(format!(
                "unknown source {other:?}: expected cash, transfer, card, refund or ticket"
            )),
        }
    }
}

/// One grant of virtual credit and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub id: CreditId,
    pub amount: i64,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
    /// Spent from it.
    pub used: i64,
    /// Taken away at its expiry, once recorded.
    pub expired: i64,
    /// Moved to another wallet when the customer's file was merged.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub moved: i64,
    /// Taken back with the ticket resolution that issued it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revoked: i64,
    pub expiry_recorded: bool,
}

impl Credit {
    /// What is left as the ledger stands (whatever the time).
    pub fn remaining(&self) -> i64 {
        self.amount - self.used - self.expired - self.moved - self.revoked
    }

    /// What can be spent at `at`: nothing once it has expired.
    pub fn alive_at(&self, at: Timestamp) -> i64 {
        if at < self.expires_at {
            self.remaining()
        } else {
            0
        }
    }
}

/// What one entry did, as the statement shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum WalletChange {
    Deposited {
        amount: i64,
        source: Source,
        reference: String,
        note: String,
    },
    Spent {
        amount: i64,
        from_virtual: i64,
        from_real: i64,
        /// Which credits paid, and how much each.
        credits: Vec<(CreditId, i64)>,
        reference: String,
        note: String,
    },
    Refunded {
        amount: i64,
        source: Source,
        reference: String,
        note: String,
    },
    Adjusted {
        amount: i64,
        note: String,
    },
    CreditIssued {
        credit: CreditId,
        amount: i64,
        expires_at: Timestamp,
        reference: String,
        note: String,
    },
    CreditExpired {
        credit: CreditId,
        amount: i64,
    },
    /// Moved to the wallet of the file this one was merged into: `amount`
    /// in all, `from_real` of it real money, the rest from credits.
    MovedOut {
        to: CustomerId,
        amount: i64,
        from_real: i64,
        credits: Vec<(CreditId, i64)>,
    },
    /// Arrived from the wallet of a file merged into this one.
    MovedIn {
        from: CustomerId,
        real: i64,
        credits: Vec<(CreditId, i64)>,
    },
    /// A ticket's compensation taken back: `revoked` of it from the credit
    /// it issued, `from_real` from the real balance (what was spent of the
    /// credit, or the real money it gave).
    CompensationReversed {
        resolution: OpId,
        amount: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        credit: Option<CreditId>,
        revoked: i64,
        from_real: i64,
        reference: String,
        note: String,
    },
    /// An op that could not apply where the wallet stood when it sorted
    /// in: kept, not applied.
    Refused {
        kind: String,
        reason: String,
    },
}

/// One line of the wallet's ledger with the balances around it, derived by
/// the fold (never stored by a command).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletEntry {
    pub stamp: Stamp,
    /// The business time of the entry (a credit's expiry for its expiry).
    pub at: Timestamp,
    #[serde(flatten)]
    pub change: WalletChange,
    pub real_before: i64,
    pub real_after: i64,
    pub virtual_before: i64,
    pub virtual_after: i64,
}

/// Why the wallet cannot do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalletRefusal {
    #[error("an amount must be more than zero, not {0}")]
    NotPositive(i64),
    #[error("an amount of {0} is beyond what one entry may move ({MAX_ENTRY})")]
    TooLarge(i64),
    #[error("the wallet would hold more than {MAX_BALANCE}")]
    Overflow,
    #[error("{needed} is more than the {available} available ({real} real, {virtual_} virtual)")]
    Insufficient {
        needed: Money,
        available: Money,
        real: Money,
        virtual_: Money,
    },
    #[error("{needed} is more than the real balance of {real}")]
    InsufficientReal { needed: Money, real: Money },
    #[error("a credit lasts 1 to {MAX_CREDIT_DAYS} days, not {0}")]
    CreditDays(u16),
    #[error("money is paid back as cash, transfer or card, not {0}")]
    NotPaidOut(&'static str),
}

impl WalletRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            WalletRefusal::NotPositive(_) | WalletRefusal::TooLarge(_) => "invalid_amount",
            WalletRefusal::CreditDays(_) | WalletRefusal::NotPaidOut(_) => "invalid_value",
            WalletRefusal::Overflow => "amount_overflow",
            WalletRefusal::Insufficient { .. } | WalletRefusal::InsufficientReal { .. } => {
                "insufficient_funds"
            }
        }
    }
}

/// An amount a command may move: positive and within `MAX_ENTRY`.
pub fn check_amount(amount: i64) -> Result<i64, WalletRefusal> {
    if amount <= 0 {
        Err(WalletRefusal::NotPositive(amount))
    } else if amount > MAX_ENTRY {
        Err(WalletRefusal::TooLarge(amount))
    } else {
        Ok(amount)
    }
}

pub fn check_credit_days(days: u16) -> Result<u16, WalletRefusal> {
    if (1..=MAX_CREDIT_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(WalletRefusal::CreditDays(days))
    }
}

/// A customer's wallet folded from its ops in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletState {
    pub currency: Currency,
    /// The real balance: deposits and credits adjustments less spending,
    /// refunds and debits. Negative only if two counters offline together
    /// spent the same money (sync reports it).
    pub real: i64,
    pub credits: Vec<Credit>,
    pub entries: Vec<WalletEntry>,
    pub last: Stamp,
}

impl Machine for WalletState {
    type Event = WalletEvent;

    /// Any entry opens the wallet: a customer has one from the start.
    fn begin(stamp: Stamp, event: &WalletEvent) -> Option<Self> {
        let currency = match event {
            WalletEvent::Deposited(e) => e.amount.currency,
            WalletEvent::Spent(e) => e.amount.currency,
            WalletEvent::Refunded(e) => e.amount.currency,
            WalletEvent::Adjusted(e) => e.amount.currency,
            WalletEvent::CreditIssued(e) => e.amount.currency,
            WalletEvent::MovedOut(e) => e.real.currency,
            WalletEvent::MovedIn(e) => e.real.currency,
            WalletEvent::CompensationReversed(e) => e.amount.currency,
            WalletEvent::CreditExpired(_) => return None,
        };
        let mut state = WalletState::empty(currency, stamp);
        state.apply(stamp, event);
        Some(state)
    }

    fn apply(&mut self, stamp: Stamp, event: &WalletEvent) {
        self.last = self.last.max(stamp);
        let at = self.entry_time(event);
        let (real_before, virtual_before) = (self.real, self.virtual_at(at));
        let change = match self.change(event, at) {
            Ok(change) => change,
            Err(reason) => WalletChange::Refused {
                kind: event.kind().to_owned(),
                reason,
            },
        };
        self.entries.push(WalletEntry {
            stamp,
            at,
            change,
            real_before,
            real_after: self.real,
            virtual_before,
            virtual_after: self.virtual_at(at),
        });
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

impl WalletState {
    pub fn empty(currency: Currency, stamp: Stamp) -> Self {
        WalletState {
            currency,
            real: 0,
            credits: Vec::new(),
            entries: Vec::new(),
            last: stamp,
        }
    }

    /// Virtual credit that can be spent at `at`.
    pub fn virtual_at(&self, at: Timestamp) -> i64 {
        self.credits.iter().map(|c| c.alive_at(at)).sum()
    }

    /// What can be spent at `at`: real money (never less than none) and
    /// the credit alive then.
    pub fn available_at(&self, at: Timestamp) -> i64 {
        self.real.max(0) + self.virtual_at(at)
    }

    /// Checks that `amount` (positive) can be spent at `at`.
    pub fn check_spend(&self, amount: i64, at: Timestamp) -> Result<(), WalletRefusal> {
        let virtual_ = self.virtual_at(at);
        let available = self.available_at(at);
        if amount > available {
            let money = |amount| Money::new(amount, self.currency);
            return Err(WalletRefusal::Insufficient {
                needed: money(amount),
                available: money(available),
                real: money(self.real),
                virtual_: money(virtual_),
            });
        }
        Ok(())
    }

    /// Checks that `amount` (positive) can come out of the real balance.
    pub fn check_real_debit(&self, amount: i64) -> Result<(), WalletRefusal> {
        if amount > self.real {
            Err(WalletRefusal::InsufficientReal {
                needed: Money::new(amount, self.currency),
                real: Money::new(self.real, self.currency),
            })
        } else {
            Ok(())
        }
    }

    /// Checks that `amount` more real money or credit stays within the cap.
    pub fn check_credit(&self, amount: i64) -> Result<(), WalletRefusal> {
        let outstanding: i64 = self.credits.iter().map(Credit::remaining).sum();
        match self
            .real
            .checked_add(outstanding)
            .and_then(|h| h.checked_add(amount))
        {
            Some(held) if held <= MAX_BALANCE => Ok(()),
            _ => Err(WalletRefusal::Overflow),
        }
    }

    fn entry_time(&self, event: &WalletEvent) -> Timestamp {
        match event {
            WalletEvent::Deposited(e) => e.at,
            WalletEvent::Spent(e) => e.at,
            WalletEvent::Refunded(e) => e.at,
            WalletEvent::Adjusted(e) => e.at,
            WalletEvent::CreditIssued(e) => e.at,
            WalletEvent::MovedOut(e) => e.at,
            WalletEvent::MovedIn(e) => e.at,
            WalletEvent::CompensationReversed(e) => e.at,
            WalletEvent::CreditExpired(e) => self
                .credits
                .iter()
                .find(|c| c.id == e.credit)
                .map_or(Timestamp::UNIX_EPOCH, |c| c.expires_at),
        }
    }

    fn amount(&self, money: Money) -> Result<i64, String> {
        if money.currency == self.currency {
            Ok(money.amount)
        } else {
            Err(format!(
                "the wallet is in {}, not {}",
                self.currency, money.currency
            ))
        }
    }

    fn add_real(&mut self, amount: i64) -> Result<(), String> {
        self.real = self
            .real
            .checked_add(amount)
            .ok_or_else(|| "the balance would overflow".to_owned())?;
        Ok(())
    }

    fn change(&mut self, event: &WalletEvent, at: Timestamp) -> Result<WalletChange, String> {
        Ok(match event {
            WalletEvent::Deposited(e) => {
                let amount = self.amount(e.amount)?;
                self.add_real(amount)?;
                WalletChange::Deposited {
                    amount,
                    source: e.source,
                    reference: e.reference.clone(),
                    note: e.note.clone(),
                }
            }
            WalletEvent::Spent(e) => {
                let amount = self.amount(e.amount)?;
                let (credits, from_virtual) = self.take_credits(amount, at);
                let from_real = amount - from_virtual;
                // Beyond the real balance only when two counters spent the
                // same money offline: kept (the customer was served), and
                // reported by sync.
                self.add_real(-from_real)?;
                WalletChange::Spent {
                    amount,
                    from_virtual,
                    from_real,
                    credits,
                    reference: e.reference.clone(),
                    note: e.note.clone(),
                }
            }
            WalletEvent::Refunded(e) => {
                let amount = self.amount(e.amount)?;
                self.add_real(-amount)?;
                WalletChange::Refunded {
                    amount,
                    source: e.source,
                    reference: e.reference.clone(),
                    note: e.note.clone(),
                }
            }
            WalletEvent::Adjusted(e) => {
                let amount = self.amount(e.amount)?;
                self.add_real(amount)?;
                WalletChange::Adjusted {
                    amount,
                    note: e.note.clone(),
                }
            }
            WalletEvent::CreditIssued(e) => {
                let amount = self.amount(e.amount)?;
                if self.credits.iter().any(|c| c.id == e.credit) {
                    return Err(format!("credit {} was already issued", e.credit));
                }
                self.credits.push(Credit {
                    id: e.credit,
                    amount,
                    issued_at: e.at,
                    expires_at: e.expires_at,
                    used: 0,
                    expired: 0,
                    moved: 0,
                    revoked: 0,
                    expiry_recorded: false,
                });
                WalletChange::CreditIssued {
                    credit: e.credit,
                    amount,
                    expires_at: e.expires_at,
                    reference: e.reference.clone(),
                    note: e.note.clone(),
                }
            }
            WalletEvent::MovedOut(e) => self.move_out(e, at)?,
            WalletEvent::MovedIn(e) => self.move_in(e)?,
            WalletEvent::CompensationReversed(e) => self.reverse_compensation(e)?,
            WalletEvent::CreditExpired(e) => {
                let credit = self
                    .credits
                    .iter_mut()
                    .find(|c| c.id == e.credit)
                    .ok_or_else(|| format!("no credit {}", e.credit))?;
                if credit.expiry_recorded {
                    return Err(format!("credit {} already expired", e.credit));
                }
                let amount = credit.remaining();
                credit.expired = amount;
                credit.expiry_recorded = true;
                WalletChange::CreditExpired {
                    credit: e.credit,
                    amount,
                }
            }
        })
    }

    /// Takes back a ticket's compensation (see `CompensationReversed`).
    fn reverse_compensation(&mut self, e: &CompensationReversed) -> Result<WalletChange, String> {
        let amount = self.amount(e.amount)?;
        if amount <= 0 {
            return Err(format!("a compensation of {amount} cannot be reversed"));
        }
        let already = self.entries.iter().any(|entry| {
            matches!(&entry.change, WalletChange::CompensationReversed { resolution, .. }
                if *resolution == e.resolution)
        });
        if already {
            return Err(format!(
                "the compensation of {} was already reversed",
                e.resolution
            ));
        }
        let (revoked, from_real) = match e.credit {
            // The credit as it stands: what is left goes with it; what
            // was spent or moved away was value the customer had, so it is
            // owed in real money; what expired was gone anyway.
            Some(id) => match self.credits.iter_mut().find(|c| c.id == id) {
                Some(credit) => {
                    let revoked = credit.remaining().clamp(0, amount);
                    credit.revoked += revoked;
                    let had = (credit.used + credit.moved).clamp(0, amount - revoked);
                    (revoked, had)
                }
                // Not on this wallet (it left with a merged file): owed whole.
                None => (0, amount),
            },
            None => (0, amount),
        };
        self.add_real(-from_real)?;
        Ok(WalletChange::CompensationReversed {
            resolution: e.resolution,
            amount,
            credit: e.credit,
            revoked,
            from_real,
            reference: e.reference.clone(),
            note: e.note.clone(),
        })
    }

    /// Takes up to `amount` from the credits alive at `at`, the one that
    /// expires soonest first (then the one issued first). Returns what each
    /// gave and the total.
    fn take_credits(&mut self, amount: i64, at: Timestamp) -> (Vec<(CreditId, i64)>, i64) {
        let mut order: Vec<usize> = (0..self.credits.len())
            .filter(|&i| self.credits[i].alive_at(at) > 0)
            .collect();
        // Stable: credits expiring together are used in the order issued.
        order.sort_by_key(|&i| self.credits[i].expires_at);
        let mut left = amount;
        let mut taken = Vec::new();
        for i in order {
            if left == 0 {
                break;
            }
            let credit = &mut self.credits[i];
            let take = credit.remaining().min(left);
            credit.used += take;
            left -= take;
            taken.push((credit.id, take));
        }
        (taken, amount - left)
    }
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

mod events;
mod moves;
pub use events::*;
pub use moves::{MovedCredit, MovedIn, MovedOut, moved_total};

#[cfg(test)]
mod tests;
