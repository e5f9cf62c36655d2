//! Wallets: each customer's real money and virtual credit, as a ledger the
//! fold keeps (`domain::wallet`). Commands check the funds inside their
//! IMMEDIATE transaction, so two receptionists cannot both spend the last
//! of a balance on one counter.

mod commands;
pub(crate) use commands::{append_entry, credit_expiry};
pub(crate) mod projection;
mod view;

use caredesk_domain::Currency;
use caredesk_domain::id::{CreditId, CustomerId, DeviceId, StaffId};
use caredesk_domain::wallet::{Source, WalletChange};
use serde::Serialize;

/// Money into or out of a wallet, as the counter asks for it. The amount is
/// in whole units of the business's currency.
#[derive(Debug, Clone)]
pub struct WalletMove {
    pub amount: i64,
    pub source: Source,
    pub reference: String,
    pub note: String,
}

/// A wallet as the counter shows it. Amounts are whole units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WalletView {
    pub customer: CustomerId,
    pub currency: Currency,
    /// Real money.
    pub balance: i64,
    /// Virtual credit that can be spent now.
    #[serde(rename = "virtual")]
    pub virtual_: i64,
    /// What the customer can spend now: real and virtual.
    pub available: i64,
    /// Soonest expiry first; used-up and expired ones after.
    pub credits: Vec<CreditView>,
    /// The ledger, oldest first.
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditView {
    pub id: CreditId,
    pub amount: i64,
    pub used: i64,
    /// What can still be spent now (nothing once expired).
    pub remaining: i64,
    /// RFC 3339 in the business's zone.
    pub expires_at: String,
    /// ACTIVE, USED (nothing left) or EXPIRED.
    pub status: &'static str,
}

/// One ledger line: what, when, who, on which counter, and the balances
/// around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryView {
    /// The business time of the entry, RFC 3339.
    pub at: String,
    pub by: StaffId,
    pub by_name: String,
    pub device: DeviceId,
    #[serde(flatten)]
    pub change: WalletChange,
    pub real_before: i64,
    pub real_after: i64,
    pub virtual_before: i64,
    pub virtual_after: i64,
}

/// A spend: the wallet after it, and how the fold split it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalletSpend {
    #[serde(flatten)]
    pub wallet: WalletView,
    pub from_virtual: i64,
    pub from_real: i64,
}
