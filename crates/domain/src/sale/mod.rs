//! Pricing a sale at checkout: lines, discounts per line and per sale, tax,
//! and split payments with change. Pure arithmetic in whole units of the
//! currency (đồng, rupiah), no I/O: the store records what this computes.
//!
//! Every amount is an integer and every rounding is explicit, so a receipt
//! always adds up: `subtotal − discounts + added tax = total` and
//! `payments − change = total`, to the last đồng. A sale-wide discount is
//! spread over the lines (largest remainder first), so that a later refund
//! of one line knows exactly what was paid for it.

use serde::{Deserialize, Serialize};

/// Basis points: 10 000 = 100 %.
pub const WHOLE: i64 = 10_000;
/// The most one line may cost, and the most a sale may total.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// The most units of one thing on a line.
pub const MAX_QUANTITY: u16 = 1_000;

/// A discount as the counter gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// In basis points of what it applies to (1 500 = 15 %).
    Percent(u16),
    /// Whole units off.
    Amount(i64),
}

/// How the business charges tax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaxRule {
    /// In basis points (800 = 8 %); 0 when there is no tax.
    pub rate: u16,
    /// Whether prices already include the tax (common at a spa counter).
    pub prices_include_tax: bool,
}

/// How a payment is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Tender {
    Cash,
    Card,
    Transfer,
    Wallet,
}

impl Tender {
    pub const fn as_str(self) -> &'static str {
        match self {
            Tender::Cash => "cash",
            Tender::Card => "card",
            Tender::Transfer => "transfer",
            Tender::Wallet => "wallet",
        }
    }
}

impl std::str::FromStr for Tender {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cash" => Ok(Tender::Cash),
            "card" => Ok(Tender::Card),
            "transfer" | "bank" => Ok(Tender::Transfer),
            "wallet" => Ok(Tender::Wallet),
            other => Err(format!(
                "unknown payment method {other:?}: expected cash, card, transfer or wallet"
            )),
        }
    }
}

/// One line before pricing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub unit_price: i64,
    pub quantity: u16,
    pub discount: Option<Discount>,
    /// Money put into the customer's wallet: held for them, not sold, so
    /// it takes no discount (of its own or a share of the sale's) and no
    /// tax.
    pub top_up: bool,
}

/// One line priced: what it cost, what came off, the tax in it, and what
/// the customer pays for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PricedLine {
    /// `unit_price × quantity`.
    pub gross: i64,
    pub line_discount: i64,
    /// Its share of the sale-wide discount.
    pub sale_discount: i64,
    /// The tax in (or added to) `net`.
    pub tax: i64,
    /// What the customer pays for the line, tax included.
    pub total: i64,
}

/// A sale's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priced {
    pub lines: Vec<PricedLine>,
    pub subtotal: i64,
    /// The part of the subtotal discounts may apply to (all but top-ups).
    pub discountable: i64,
    pub discounts: i64,
    pub tax: i64,
    /// Tax added on top of the prices (0 when prices include it).
    pub added_tax: i64,
    pub total: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub tender: Tender,
    pub amount: i64,
}

/// What was paid and what goes back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    pub paid: i64,
    /// Cash handed back.
    pub change: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaleError {
    #[error("a sale needs at least one line")]
    NoLines,
    #[error("a price must be 0 to {MAX_AMOUNT}, not {0}")]
    Price(i64),
    #[error("a quantity must be 1 to {MAX_QUANTITY}, not {0}")]
    Quantity(u16),
    #[error("a percentage discount must be 1 to 100 %, not {0} basis points")]
    Percent(u16),
    #[error(
        "a discount must be more than 0 and at most what it applies to ({limit}), not {amount}"
    )]
    DiscountAmount { amount: i64, limit: i64 },
    #[error("a wallet top-up takes no discount")]
    DiscountedTopUp,
    #[error("the same booking or treatment is on the sale twice")]
    SameLineTwice,
    #[error("a wallet top-up cannot be paid from the wallet")]
    TopUpFromWallet,
    #[error("a {0} needs the sale's customer: give --customer")]
    NoCustomer(&'static str),
    #[error("a tax rate must be at most 100 %, not {0} basis points")]
    TaxRate(u16),
    #[error("the sale comes to more than {MAX_AMOUNT}")]
    TooLarge,
    #[error("a payment must be more than 0 and at most {MAX_AMOUNT}, not {0}")]
    Payment(i64),
    #[error("{paid} paid is less than the {total} due")]
    Underpaid { paid: i64, total: i64 },
    #[error("{over} more than due was paid by {tender}: only cash is given change")]
    Overpaid { over: i64, tender: &'static str },
}

impl SaleError {
    pub const fn code(&self) -> &'static str {
        match self {
            SaleError::NoLines => "empty_field",
            SaleError::TooLarge => "amount_overflow",
            SaleError::Underpaid { .. } => "underpaid",
            SaleError::NoCustomer(_) => "customer_required",
            SaleError::Overpaid { .. } => "overpaid",
            SaleError::Price(_) | SaleError::Payment(_) => "invalid_amount",
            SaleError::Quantity(_)
            | SaleError::Percent(_)
            | SaleError::DiscountAmount { .. }
            | SaleError::DiscountedTopUp
            | SaleError::TopUpFromWallet
            | SaleError::SameLineTwice
            | SaleError::TaxRate(_) => "invalid_value",
        }
    }
}

/// `amount × numerator / denominator`, rounded half up; `None` on overflow.
fn share(amount: i64, numerator: i64, denominator: i64) -> Option<i64> {
    let product = i128::from(amount) * i128::from(numerator);
    let denominator = i128::from(denominator);
    i64::try_from((product + denominator / 2) / denominator).ok()
}

fn discount_of(discount: Discount, base: i64) -> Result<i64, SaleError> {
    match discount {
        Discount::Percent(bp) if bp == 0 || i64::from(bp) > WHOLE => Err(SaleError::Percent(bp)),
        Discount::Percent(bp) => share(base, i64::from(bp), WHOLE).ok_or(SaleError::TooLarge),
        Discount::Amount(amount) if amount <= 0 || amount > base => {
            Err(SaleError::DiscountAmount {
                amount,
                limit: base,
            })
        }
        Discount::Amount(amount) => Ok(amount),
    }
}

/// Prices a sale: each line's own discount, then the sale-wide one spread
/// over the lines in proportion to what is left of each (largest remainder
/// first, earlier lines winning ties), then the tax per line. Top-ups stay
/// outside discounts and tax.
pub fn price(
    lines: &[LineInput],
    sale_discount: Option<Discount>,
    tax: TaxRule,
) -> Result<Priced, SaleError> {
    if lines.is_empty() {
        return Err(SaleError::NoLines);
    }
    if i64::from(tax.rate) > WHOLE {
        return Err(SaleError::TaxRate(tax.rate));
    }
    let mut after_line = Vec::with_capacity(lines.len());
    let mut priced = Vec::with_capacity(lines.len());
    for line in lines {
        if !(0..=MAX_AMOUNT).contains(&line.unit_price) {
            return Err(SaleError::Price(line.unit_price));
        }
        if !(1..=MAX_QUANTITY).contains(&line.quantity) {
            return Err(SaleError::Quantity(line.quantity));
        }
        let gross = line
            .unit_price
            .checked_mul(i64::from(line.quantity))
            .filter(|g| *g <= MAX_AMOUNT)
            .ok_or(SaleError::TooLarge)?;
        if line.top_up && line.discount.is_some() {
            return Err(SaleError::DiscountedTopUp);
        }
        let line_discount = line
            .discount
            .map(|d| discount_of(d, gross))
            .transpose()?
            .unwrap_or(0);
        // A top-up weighs nothing when the sale discount is spread.
        after_line.push(if line.top_up {
            0
        } else {
            gross - line_discount
        });
        priced.push(PricedLine {
            gross,
            line_discount,
            sale_discount: 0,
            tax: 0,
            total: 0,
        });
    }
    let base: i64 = after_line.iter().sum();
    if base > MAX_AMOUNT {
        return Err(SaleError::TooLarge);
    }
    let sale_off = sale_discount
        .map(|d| discount_of(d, base))
        .transpose()?
        .unwrap_or(0);
    for (line, off) in priced.iter_mut().zip(spread(sale_off, &after_line)) {
        line.sale_discount = off;
    }
    for ((line, left), input) in priced.iter_mut().zip(&after_line).zip(lines) {
        if input.top_up {
            line.total = line.gross;
            continue;
        }
        let net = left - line.sale_discount;
        let rate = i64::from(tax.rate);
        if tax.prices_include_tax {
            // The tax inside a price that includes it.
            line.tax = net - share(net, WHOLE, WHOLE + rate).ok_or(SaleError::TooLarge)?;
            line.total = net;
        } else {
            line.tax = share(net, rate, WHOLE).ok_or(SaleError::TooLarge)?;
            line.total = net + line.tax;
        }
    }
    let subtotal = priced.iter().map(|l| l.gross).sum();
    let discounts = priced
        .iter()
        .map(|l| l.line_discount + l.sale_discount)
        .sum();
    let tax_total: i64 = priced.iter().map(|l| l.tax).sum();
    let total: i64 = priced.iter().map(|l| l.total).sum();
    if total > MAX_AMOUNT {
        return Err(SaleError::TooLarge);
    }
    let discountable = lines
        .iter()
        .zip(&priced)
        .filter(|(input, _)| !input.top_up)
        .map(|(_, line)| line.gross)
        .sum();
    Ok(Priced {
        discountable,
        lines: priced,
        subtotal,
        discounts,
        tax: tax_total,
        added_tax: if tax.prices_include_tax { 0 } else { tax_total },
        total,
    })
}

/// Spreads `amount` over `weights` in proportion, in whole units: floors
/// first, then one unit each to the largest remainders (earlier first).
fn spread(amount: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    if amount == 0 || sum == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(i64, i128)> = weights
        .iter()
        .map(|w| {
            let product = i128::from(amount) * i128::from(*w);
            let floor = product / i128::from(sum);
            (i64::try_from(floor).unwrap_or(0), product % i128::from(sum))
        })
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(floor, _)| *floor).collect();
    let mut left = amount - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for i in order {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// Checks the payments against the total: enough is paid, and only cash
/// is over-paid (the difference is change, never more than the cash).
pub fn settle(total: i64, payments: &[Payment]) -> Result<Settled, SaleError> {
    let mut paid = 0i64;
    for payment in payments {
        if payment.amount <= 0 || payment.amount > MAX_AMOUNT {
            return Err(SaleError::Payment(payment.amount));
        }
        paid = paid
            .checked_add(payment.amount)
            .ok_or(SaleError::TooLarge)?;
    }
    if paid < total {
        return Err(SaleError::Underpaid { paid, total });
    }
    let change = paid - total;
    let cash: i64 = payments
        .iter()
        .filter(|p| p.tender == Tender::Cash)
        .map(|p| p.amount)
        .sum();
    if change > cash {
        let tender = payments
            .iter()
            .find(|p| p.tender != Tender::Cash)
            .map_or("cash", |p| p.tender.as_str());
        return Err(SaleError::Overpaid {
            over: change - cash,
            tender,
        });
    }
    Ok(Settled { paid, change })
}

/// The share of the subtotal given away in discounts, in basis points, for
/// the limit above which a manager must approve.
pub fn discount_share(priced: &Priced) -> i64 {
    if priced.discountable == 0 {
        0
    } else {
        share(priced.discounts, WHOLE, priced.discountable).unwrap_or(WHOLE)
    }
}

mod record;
mod refund;
mod settings;
pub use record::*;
pub use refund::*;
pub use settings::{CheckoutConfigured, CheckoutSettings, SettingsError as CheckoutError};

#[cfg(test)]
mod tests;
