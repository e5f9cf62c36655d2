//! Money: an integer count of the currency's smallest unit in use (whole đồng,
//! whole rupiah) plus the currency. Never floats. Arithmetic across currencies
//! is refused rather than guessed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Currency {
    #[serde(rename = "VND")]
    Vnd,
    #[serde(rename = "IDR")]
    Idr,
}

impl Currency {
    pub const fn code(self) -> &'static str {
        match self {
            Currency::Vnd => "VND",
            Currency::Idr => "IDR",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency {0:?}: expected VND or IDR")]
pub struct UnknownCurrency(pub String);

impl FromStr for Currency {
    type Err = UnknownCurrency;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "VND" => Ok(Currency::Vnd),
            "IDR" => Ok(Currency::Idr),
            _ => Err(UnknownCurrency(s.to_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error("amount out of range")]
    Overflow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money {
    /// Whole units of the currency (đồng, rupiah).
    pub amount: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(amount: i64, currency: Currency) -> Self {
        Self { amount, currency }
    }

    pub const fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.amount
            .checked_add(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.amount
            .checked_sub(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }
}

/// Both countries group thousands with a dot and write whole units; Vietnam
/// puts the symbol after the number (`1.250.000 ₫`), Indonesia before it with
/// no space (`Rp1.250.000`).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.amount < 0 { "-" } else { "" };
        let digits = group_thousands(self.amount.unsigned_abs(), '.');
        match self.currency {
            Currency::Vnd => write!(f, "{sign}{digits} ₫"),
            Currency::Idr => write!(f, "{sign}Rp{digits}"),
        }
    }
}

fn group_thousands(value: u64, separator: char) -> String {
    let raw = value.to_string();
    let mut out = String::with_capacity(raw.len() + raw.len() / 3);
    for (i, ch) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_dong_is_written_with_dots_and_the_symbol_after() {
        let cases = [
            (0, "0 ₫"),
            (500, "500 ₫"),
            (1_000, "1.000 ₫"),
            (1_250_000, "1.250.000 ₫"),
            (-200_000, "-200.000 ₫"),
            (12_345_678_901, "12.345.678.901 ₫"),
        ];
        for (amount, text) in cases {
            assert_eq!(Money::new(amount, Currency::Vnd).to_string(), text);
        }
    }

    #[test]
    fn rupiah_is_written_with_rp_before_and_no_space() {
        let cases = [
            (0, "Rp0"),
            (999, "Rp999"),
            (1_250_000, "Rp1.250.000"),
            (-75_000, "-Rp75.000"),
        ];
        for (amount, text) in cases {
            assert_eq!(Money::new(amount, Currency::Idr).to_string(), text);
        }
    }

    #[test]
    fn extreme_amounts_format_without_overflow() {
        assert_eq!(
            Money::new(i64::MIN, Currency::Vnd).to_string(),
            "-9.223.372.036.854.775.808 ₫"
        );
    }

    #[test]
    fn arithmetic_refuses_mixed_currencies_and_overflow() {
        let vnd = Money::new(100, Currency::Vnd);
        let idr = Money::new(100, Currency::Idr);
        assert_eq!(
            vnd.checked_add(idr),
            Err(MoneyError::CurrencyMismatch(Currency::Vnd, Currency::Idr))
        );
        assert_eq!(
            Money::new(i64::MAX, Currency::Vnd).checked_add(vnd),
            Err(MoneyError::Overflow)
        );
        assert_eq!(vnd.checked_sub(vnd), Ok(Money::zero(Currency::Vnd)));
    }

    #[test]
    fn currency_codes_parse_case_insensitively() {
        assert_eq!("vnd".parse(), Ok(Currency::Vnd));
        assert_eq!(" IDR ".parse(), Ok(Currency::Idr));
        assert!("USD".parse::<Currency>().is_err());
    }
}
