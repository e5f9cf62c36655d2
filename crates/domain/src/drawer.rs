//! A register's cash drawer, session by session: opened with a float, cash
//! put in or taken out with a reason, closed with a blind count (the
//! counter types what is there before seeing what should be), and the
//! register's day closed for good once its drawers are.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::StaffId;
use crate::op::{DecodeError, Machine, OpBody, Stamp, op_events};
use crate::sale::Tender;

/// The largest float, move or count: far above any real drawer.
pub const MAX_CASH: i64 = 1_000_000_000_000;
/// The longest reason or note.
pub const REASON_MAX: usize = 300;

/// A drawer session starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawerOpened {
    pub register: String,
    pub float: i64,
    pub at: Timestamp,
}

impl OpBody for DrawerOpened {
    const KIND: &'static str = "drawer.opened";
    const SCHEMA: u16 = 1;
}

/// Cash put in (positive) or taken out (negative) other than by a sale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashMoved {
    pub amount: i64,
    pub reason: String,
    pub at: Timestamp,
    /// Set when the cash went to a staff member as a payout
    /// (`staff.paid_out` in the same transaction); the reason is its note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<StaffId>,
}

impl OpBody for CashMoved {
    const KIND: &'static str = "drawer.cash_moved";
    /// 2 added `payout`.
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, DecodeError> {
        Self::with_defaults(schema, body)
    }
}

/// What was counted at the close, tender by tender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Count {
    pub tender: Tender,
    pub amount: i64,
}

/// The drawer was counted and closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawerClosed {
    pub counted: Vec<Count>,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for DrawerClosed {
    const KIND: &'static str = "drawer.closed";
    const SCHEMA: u16 = 1;
}

/// A register's business day is closed: nothing more may be rung up,
/// refunded or moved on it there. The op's entity is the register's device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayClosed {
    pub register: String,
    pub date: Date,
}

impl OpBody for DayClosed {
    const KIND: &'static str = "register.day_closed";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum DrawerEvent {
        Opened(DrawerOpened),
        CashMoved(CashMoved),
        Closed(DrawerClosed),
    }
}

op_events! {
    pub enum RegisterEvent {
        DayClosed(DayClosed),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawerRefusal {
    #[error("{what} must be 0 to {MAX_CASH}, not {amount}")]
    Amount { what: &'static str, amount: i64 },
    #[error("a cash move must be more or less than 0")]
    ZeroMove,
    #[error("a drawer is already open on register {register} since {since}")]
    AlreadyOpen { register: String, since: String },
    #[error("no drawer is open on register {0}: open one with a float first")]
    NotOpen(String),
    #[error("the drawer holds {holds} in cash, less than the {amount} to take out")]
    Short { amount: i64, holds: i64 },
    #[error("the count names {0} twice")]
    CountedTwice(&'static str),
    #[error("the wallet is not in the drawer: count cash, card and transfer")]
    CountedWallet,
    #[error("register {register}'s day {date} is closed: nothing more can be recorded on it")]
    DayClosed { register: String, date: Date },
    #[error("close the open drawer on register {0} before closing its day")]
    DrawerStillOpen(String),
}

impl DrawerRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            DrawerRefusal::Amount { .. } | DrawerRefusal::ZeroMove => "invalid_amount",
            DrawerRefusal::AlreadyOpen { .. } => "drawer_open",
            DrawerRefusal::NotOpen(_) => "drawer_closed",
            DrawerRefusal::CountedTwice(_) | DrawerRefusal::CountedWallet => "invalid_value",
            DrawerRefusal::Short { .. } => "drawer_short",
            DrawerRefusal::DayClosed { .. } => "day_closed",
            DrawerRefusal::DrawerStillOpen(_) => "drawer_still_open",
        }
    }
}

/// Checks an amount of cash (a float, a count).
pub fn check_cash(what: &'static str, amount: i64) -> Result<i64, DrawerRefusal> {
    if (0..=MAX_CASH).contains(&amount) {
        Ok(amount)
    } else {
        Err(DrawerRefusal::Amount { what, amount })
    }
}

/// Checks that a drawer holding `holds` in cash can give `amount` out.
pub fn check_take(amount: i64, holds: i64) -> Result<(), DrawerRefusal> {
    if amount > holds {
        Err(DrawerRefusal::Short { amount, holds })
    } else {
        Ok(())
    }
}

/// Checks a blind count: each tender at most once, never the wallet.
pub fn check_count(counted: &[Count]) -> Result<(), DrawerRefusal> {
    for (i, count) in counted.iter().enumerate() {
        if count.tender == Tender::Wallet {
            return Err(DrawerRefusal::CountedWallet);
        }
        check_cash("a count", count.amount)?;
        if counted[..i].iter().any(|c| c.tender == count.tender) {
            return Err(DrawerRefusal::CountedTwice(count.tender.as_str()));
        }
    }
    Ok(())
}

/// One drawer session folded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawerState {
    pub register: String,
    pub float: i64,
    pub opened_at: Timestamp,
    pub moves: Vec<CashMoved>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<DrawerClosed>,
    pub last: Stamp,
}

impl DrawerState {
    /// Cash put in less cash taken out, other than by sales.
    pub fn moved(&self) -> i64 {
        self.moves.iter().map(|m| m.amount).sum()
    }
}

impl Machine for DrawerState {
    type Event = DrawerEvent;

    fn begin(stamp: Stamp, event: &DrawerEvent) -> Option<Self> {
        match event {
            DrawerEvent::Opened(opened) => Some(DrawerState {
                register: opened.register.clone(),
                float: opened.float,
                opened_at: opened.at,
                moves: Vec::new(),
                closed: None,
                last: stamp,
            }),
            DrawerEvent::CashMoved(_) | DrawerEvent::Closed(_) => None,
        }
    }

    fn apply(&mut self, stamp: Stamp, event: &DrawerEvent) {
        match event {
            // A second opening of one session cannot be made by a command.
            DrawerEvent::Opened(_) => {}
            DrawerEvent::CashMoved(moved) => self.moves.push(moved.clone()),
            // Counted twice on two counters: the first count stands.
            DrawerEvent::Closed(closed) => {
                if self.closed.is_none() {
                    self.closed = Some(closed.clone());
                }
            }
        }
        self.last = stamp;
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_written_before_payouts_reads_as_a_plain_move() {
        let old = serde_json::json!({"amount": -50_000, "reason": "mua nước", "at": "2026-11-20T11:00:00Z"});
        let read = CashMoved::read(1, old).expect("upgraded");
        assert_eq!((read.amount, read.payout), (-50_000, None));
    }

    #[test]
    fn taking_more_than_the_drawer_holds_is_refused() {
        assert_eq!(check_take(100, 100), Ok(()));
        assert_eq!(
            check_take(101, 100),
            Err(DrawerRefusal::Short {
                amount: 101,
                holds: 100
            })
        );
    }

    #[test]
    fn a_count_names_each_tender_once_and_never_the_wallet() {
        let cash = Count {
            tender: Tender::Cash,
            amount: 100,
        };
        let card = Count {
            tender: Tender::Card,
            amount: 0,
        };
        assert!(check_count(&[cash, card]).is_ok());
        assert_eq!(
            check_count(&[cash, card, cash]),
            Err(DrawerRefusal::CountedTwice("cash"))
        );
        let wallet = Count {
            tender: Tender::Wallet,
            amount: 1,
        };
        assert_eq!(check_count(&[wallet]), Err(DrawerRefusal::CountedWallet));
        let negative = Count {
            tender: Tender::Cash,
            amount: -1,
        };
        assert!(check_count(&[negative]).is_err());
    }
}
