//! The business's own settings: country, currency, time zone, the prefix of
//! its customer codes. They are an op like everything else, so a paired
//! counter learns them from the log.

use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarConfigured, CalendarSettings};
use crate::country::Country;
use crate::lww::{Lww, write};
use crate::money::Currency;
use crate::op::{OpBody, Stamp, op_events};
use crate::sale::{CheckoutConfigured, CheckoutSettings};
use crate::text::{self, TextError};
use crate::ticket::{TicketSettings, TicketsConfigured};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessSettings {
    pub name: String,
    pub country: Country,
    pub currency: Currency,
    /// An IANA zone name, checked against the time zone database.
    pub timezone: String,
    /// Customer codes are `{prefix}-{register}-{number}`, e.g. `KH-A7Q-00042`.
    pub customer_code_prefix: String,
    /// The address printed on receipts; empty until a manager gives it.
    /// Absent from the JSON when empty, so ops and dumps written before
    /// these fields existed read and print the same.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The tax code (mã số thuế, NPWP) printed on receipts; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tax_code: String,
}

/// The longest address a receipt header holds.
pub const MAX_ADDRESS: usize = 300;
/// Longer than any country's tax code written with its separators.
pub const MAX_TAX_CODE: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("unknown time zone {0:?}: expected an IANA name such as Asia/Ho_Chi_Minh")]
    UnknownTimezone(String),
    #[error("customer code prefix {0:?} must be 1 to 4 letters A-Z")]
    BadCodePrefix(String),
    #[error("tax code {0:?} may hold only digits, letters, spaces, dots and dashes")]
    BadTaxCode(String),
    #[error("the country and currency are fixed once the business exists: its amounts are in {0}")]
    CurrencyFixed(String),
    #[error(transparent)]
    Text(#[from] TextError),
}

impl BusinessSettings {
    /// Settings for a new business in `country`, with that country's currency,
    /// zone and code prefix (`KH` for khách hàng, `PL` for pelanggan).
    pub fn for_country(country: Country) -> BusinessSettings {
        BusinessSettings {
            name: "CareDesk".to_owned(),
            country,
            currency: country.default_currency(),
            timezone: country.default_timezone().to_owned(),
            customer_code_prefix: match country {
                Country::Vietnam => "KH",
                Country::Indonesia => "PL",
            }
            .to_owned(),
            address: String::new(),
            tax_code: String::new(),
        }
    }

    /// Checks and normalises every field.
    pub fn validated(mut self) -> Result<BusinessSettings, SettingsError> {
        self.name = text::required("business name", &self.name, 120)?;
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            return Err(SettingsError::UnknownTimezone(self.timezone));
        }
        let prefix = self.customer_code_prefix.trim().to_ascii_uppercase();
        if prefix.is_empty() || prefix.len() > 4 || !prefix.chars().all(|c| c.is_ascii_uppercase())
        {
            return Err(SettingsError::BadCodePrefix(self.customer_code_prefix));
        }
        self.customer_code_prefix = prefix;
        self.address =
            text::optional("address", Some(&self.address), MAX_ADDRESS)?.unwrap_or_default();
        let tax_code =
            text::optional("tax code", Some(&self.tax_code), MAX_TAX_CODE)?.unwrap_or_default();
        if !tax_code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-'))
        {
            return Err(SettingsError::BadTaxCode(tax_code));
        }
        self.tax_code = tax_code;
        Ok(self)
    }

    /// The same business with `edit`'s settings, refused when it would
    /// change the country or currency: amounts already recorded are in
    /// this currency, and the country decides phone numbers and languages.
    pub fn edited(&self, edit: BusinessSettings) -> Result<BusinessSettings, SettingsError> {
        if edit.country != self.country || edit.currency != self.currency {
            return Err(SettingsError::CurrencyFixed(self.currency.to_string()));
        }
        edit.validated()
    }

    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        // Validated on the way in; an op from a newer tz database that this
        // build lacks falls back to UTC rather than refusing to open.
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

/// The settings were set or changed: the whole set, last writer wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessConfigured {
    #[serde(flatten)]
    pub settings: BusinessSettings,
}

impl OpBody for BusinessConfigured {
    const KIND: &'static str = "business.configured";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum BusinessEvent {
        Configured(BusinessConfigured),
        CalendarConfigured(CalendarConfigured),
        CheckoutConfigured(CheckoutConfigured),
        TicketsConfigured(TicketsConfigured),
    }
}

/// The business entity folded: the latest settings by stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessState {
    pub settings: Option<(BusinessSettings, Stamp)>,
    /// Absent until a manager first sets the calendar: the defaults apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar: Option<Lww<CalendarSettings>>,
    /// Absent until a manager first sets tax or the discount limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checkout: Option<Lww<CheckoutSettings>>,
    /// Absent until a manager first sets the ticket types: the country's
    /// defaults apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tickets: Option<Lww<TicketSettings>>,
}

impl BusinessState {
    pub fn apply(&mut self, stamp: Stamp, event: &BusinessEvent) {
        match event {
            BusinessEvent::Configured(configured) => {
                let newer = self.settings.as_ref().is_none_or(|(_, at)| stamp > *at);
                if newer {
                    self.settings = Some((configured.settings.clone(), stamp));
                }
            }
            BusinessEvent::CalendarConfigured(configured) => {
                write(&mut self.calendar, configured.calendar.clone(), stamp);
            }
            BusinessEvent::CheckoutConfigured(configured) => {
                write(&mut self.checkout, configured.checkout, stamp);
            }
            BusinessEvent::TicketsConfigured(configured) => {
                write(&mut self.tickets, configured.tickets.clone(), stamp);
            }
        }
    }

    pub fn calendar(&self) -> CalendarSettings {
        self.calendar
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_default()
    }

    pub fn checkout(&self) -> CheckoutSettings {
        self.checkout.as_ref().map(|c| c.value).unwrap_or_default()
    }

    pub fn tickets(&self) -> TicketSettings {
        match &self.tickets {
            Some(tickets) => tickets.value.clone(),
            None => TicketSettings::for_country(
                self.settings
                    .as_ref()
                    .map_or(Country::Vietnam, |(s, _)| s.country),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_defaults() {
        let vn = BusinessSettings::for_country(Country::Vietnam);
        assert_eq!(vn.currency, Currency::Vnd);
        assert_eq!(vn.timezone, "Asia/Ho_Chi_Minh");
        let id = BusinessSettings::for_country(Country::Indonesia);
        assert_eq!(id.currency, Currency::Idr);
        assert_eq!(id.customer_code_prefix, "PL");
        assert!(id.validated().is_ok());
    }

    #[test]
    fn bad_settings_are_refused() {
        let mut settings = BusinessSettings::for_country(Country::Vietnam);
        settings.timezone = "Asia/Saigon_Typo".to_owned();
        assert!(matches!(
            settings.clone().validated(),
            Err(SettingsError::UnknownTimezone(_))
        ));
        settings.timezone = "Asia/Makassar".to_owned();
        settings.customer_code_prefix = "K1".to_owned();
        assert!(matches!(
            settings.validated(),
            Err(SettingsError::BadCodePrefix(_))
        ));
    }
}
