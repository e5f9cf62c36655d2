//! How the business charges at checkout: the tax rule, the largest
//! discount a receptionist may give without a manager, and the most
//! virtual credit they may give alone. One set per business, changed as a
//! whole (last writer wins).

use serde::{Deserialize, Serialize};

use super::{TaxRule, WHOLE};
use crate::op::OpBody;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutSettings {
    pub tax: TaxRule,
    /// The share of a sale (in basis points) that may be discounted
    /// without a manager's approval.
    pub discount_limit: u16,
    /// The most virtual credit (in the currency's unit) one `wallet
    /// credit` may give without a manager's approval; 0: every credit
    /// needs one.
    #[serde(default)]
    pub credit_limit: i64,
}

impl Default for CheckoutSettings {
    /// No tax (most small spas are below the VAT threshold, and prices at
    /// the counter include whatever tax there is), and up to 20 % off
    /// without a manager.
    fn default() -> Self {
        CheckoutSettings {
            tax: TaxRule {
                rate: 0,
                prices_include_tax: true,
            },
            discount_limit: 2_000,
            credit_limit: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("a tax rate must be 0 to 100 %, not {0} basis points")]
    TaxRate(u16),
    #[error("a discount limit must be 0 to 100 %, not {0} basis points")]
    DiscountLimit(u16),
    #[error("a credit limit must be 0 to {max}, not {0}", max = crate::wallet::MAX_ENTRY)]
    CreditLimit(i64),
}

impl CheckoutSettings {
    pub fn validated(self) -> Result<CheckoutSettings, SettingsError> {
        if i64::from(self.tax.rate) > WHOLE {
            return Err(SettingsError::TaxRate(self.tax.rate));
        }
        if i64::from(self.discount_limit) > WHOLE {
            return Err(SettingsError::DiscountLimit(self.discount_limit));
        }
        if !(0..=crate::wallet::MAX_ENTRY).contains(&self.credit_limit) {
            return Err(SettingsError::CreditLimit(self.credit_limit));
        }
        Ok(self)
    }
}

/// The checkout settings were set or changed, as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutConfigured {
    #[serde(flatten)]
    pub checkout: CheckoutSettings,
}

impl OpBody for CheckoutConfigured {
    const KIND: &'static str = "business.checkout_configured";
    /// 2 added `credit_limit` (0 before: every credit needed a manager).
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, crate::op::DecodeError> {
        Self::with_defaults(schema, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_refused() {
        assert!(CheckoutSettings::default().validated().is_ok());
        let mut settings = CheckoutSettings::default();
        settings.tax.rate = 10_001;
        assert_eq!(settings.validated(), Err(SettingsError::TaxRate(10_001)));
        let settings = CheckoutSettings {
            discount_limit: 10_001,
            ..CheckoutSettings::default()
        };
        assert_eq!(
            settings.validated(),
            Err(SettingsError::DiscountLimit(10_001))
        );
        for credit_limit in [-1, crate::wallet::MAX_ENTRY + 1] {
            let settings = CheckoutSettings {
                credit_limit,
                ..CheckoutSettings::default()
            };
            assert_eq!(
                settings.validated(),
                Err(SettingsError::CreditLimit(credit_limit))
            );
        }
    }

    #[test]
    fn a_schema_1_body_reads_with_no_credit_allowed_alone() {
        let old = serde_json::json!({
            "tax": {"rate": 800, "prices_include_tax": false},
            "discount_limit": 1000
        });
        let read = CheckoutConfigured::read(1, old).expect("upgraded");
        assert_eq!(read.checkout.credit_limit, 0);
        assert_eq!(read.checkout.discount_limit, 1000);
    }
}
