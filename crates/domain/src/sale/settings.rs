//! How the business charges at checkout: the tax rule and the largest
//! discount a receptionist may give without a manager. One set per
//! business, changed as a whole (last writer wins).

use serde::{Deserialize, Serialize};

use super::{TaxRule, WHOLE};
use crate::op::OpBody;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutSettings {
    pub tax: TaxRule,
    /// The share of a sale (in basis points) that may be discounted
    /// without a manager's approval.
    pub discount_limit: u16,
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
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("a tax rate must be 0 to 100 %, not {0} basis points")]
    TaxRate(u16),
    #[error("a discount limit must be 0 to 100 %, not {0} basis points")]
    DiscountLimit(u16),
}

impl CheckoutSettings {
    pub fn validated(self) -> Result<CheckoutSettings, SettingsError> {
        if i64::from(self.tax.rate) > WHOLE {
            return Err(SettingsError::TaxRate(self.tax.rate));
        }
        if i64::from(self.discount_limit) > WHOLE {
            return Err(SettingsError::DiscountLimit(self.discount_limit));
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
    const SCHEMA: u16 = 1;
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
    }
}
