//! The business's own settings: country, currency, time zone, the prefix of
//! its customer codes. They are an op like everything else, so a paired
//! counter learns them from the log.

use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarConfigured, CalendarSettings};
use crate::country::Country;
use crate::emv;
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
    /// The bank account a receipt's VietQR code pays into; absent until a
    /// manager gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_account: Option<BankAccount>,
    /// The merchant's static QRIS payload (as its acquirer issued it),
    /// turned into a code with the amount on each receipt; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qris: String,
}

/// A bank account on the NAPAS network, as a VietQR code names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccount {
    /// The bank's six-digit NAPAS BIN (970415 for VietinBank, ...).
    pub bin: String,
    pub number: String,
    /// The holder's name, printed under the code so the customer can see
    /// whom they pay (the code itself does not carry it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// The longest address a receipt header holds.
pub const MAX_ADDRESS: usize = 300;
/// Longer than any country's tax code written with its separators.
pub const MAX_TAX_CODE: usize = 30;
/// VietQR's limit on an account number.
pub const MAX_ACCOUNT_NUMBER: usize = 19;
/// Longer than bank apps show a holder's name.
pub const MAX_ACCOUNT_NAME: usize = 70;
/// An EMVCo payload holds at most 512 characters.
pub const MAX_QRIS: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("unknown time zone {0:?}: expected an IANA name such as Asia/Ho_Chi_Minh")]
    UnknownTimezone(String),
    #[error("customer code prefix {0:?} must be 1 to 4 letters A-Z")]
    BadCodePrefix(String),
    #[error("tax code {0:?} may hold only digits, letters, spaces, dots and dashes")]
    BadTaxCode(String),
    #[error("bank BIN {0:?}: expected the bank's six-digit NAPAS BIN, 970xxx")]
    BadBankBin(String),
    #[error("bank account number {0:?}: expected 1 to 19 letters or digits")]
    BadAccountNumber(String),
    #[error("QRIS payload refused: {0}")]
    BadQris(String),
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
            bank_account: None,
            qris: String::new(),
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
        self.bank_account = self.bank_account.map(BankAccount::validated).transpose()?;
        self.qris = checked_qris(&self.qris)?;
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

impl BankAccount {
    /// Checks and normalises the account: digits and letters only (spaces
    /// and dashes people type are dropped), the name cleaned to NFC.
    pub fn validated(self) -> Result<BankAccount, SettingsError> {
        let bin = self.bin.trim().to_owned();
        if bin.len() != 6 || !bin.starts_with("970") || !bin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SettingsError::BadBankBin(self.bin));
        }
        let number: String = self
            .number
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.'))
            .collect::<String>()
            .to_ascii_uppercase();
        if number.is_empty()
            || number.len() > MAX_ACCOUNT_NUMBER
            || !number.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(SettingsError::BadAccountNumber(self.number));
        }
        let name =
            text::optional("account name", Some(&self.name), MAX_ACCOUNT_NAME)?.unwrap_or_default();
        Ok(BankAccount { bin, number, name })
    }
}

/// A static QRIS payload as a manager pastes it: a well-formed EMVCo
/// payload with a right CRC, in rupiah (53 = 360) and from Indonesia
/// (58 = ID). Blank means none.
fn checked_qris(payload: &str) -> Result<String, SettingsError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Ok(String::new());
    }
    if payload.len() > MAX_QRIS {
        return Err(SettingsError::BadQris(format!(
            "{} characters, at most {MAX_QRIS}",
            payload.len()
        )));
    }
    let fields = emv::check(payload).map_err(|e| SettingsError::BadQris(e.to_string()))?;
    let expect = |id: &str, want: &str, what: &str| match emv::value(&fields, id) {
        Some(value) if value == want => Ok(()),
        _ => Err(SettingsError::BadQris(format!(
            "field {id} must be {want} ({what})"
        ))),
    };
    expect("00", "01", "the payload format")?;
    expect("53", "360", "rupiah")?;
    expect("58", "ID", "Indonesia")?;
    Ok(payload.to_owned())
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

    /// A static QRIS as an acquirer issues it (tag 01 = 11, no amount),
    /// built on the merchant fields of the sunary/qris README sample.
    const STATIC_QRIS_BODY: &str = "00020101021126380016ID.CO.SHOPEE.WWW01020102081586372453033605802ID5921PT. SHOPPEE INDONESIA6007JAKARTA";

    fn static_qris() -> String {
        emv::seal(STATIC_QRIS_BODY)
    }

    #[test]
    fn payment_fields_are_checked_and_normalised() {
        let mut settings = BusinessSettings::for_country(Country::Vietnam);
        settings.bank_account = Some(BankAccount {
            bin: " 970415 ".to_owned(),
            number: "0011 0019-32418".to_owned(),
            name: "  Spa Hoa Sen ".to_owned(),
        });
        let valid = settings.clone().validated().expect("a valid account");
        let account = valid.bank_account.expect("kept");
        assert_eq!(account.bin, "970415");
        assert_eq!(account.number, "0011001932418");
        assert_eq!(account.name, "Spa Hoa Sen");

        for (bin, number) in [
            ("123456", "1"),
            ("97041", "1"),
            ("970415", ""),
            ("970415", "12345678901234567890"),
            ("970415", "12#4"),
        ] {
            let mut bad = settings.clone();
            bad.bank_account = Some(BankAccount {
                bin: bin.to_owned(),
                number: number.to_owned(),
                name: String::new(),
            });
            assert!(
                matches!(
                    bad.validated(),
                    Err(SettingsError::BadBankBin(_) | SettingsError::BadAccountNumber(_))
                ),
                "{bin} {number} accepted"
            );
        }

        let mut id = BusinessSettings::for_country(Country::Indonesia);
        id.qris = format!("  {}\n", static_qris());
        assert_eq!(
            id.clone().validated().expect("a valid QRIS").qris,
            static_qris()
        );
        let broken = static_qris().replace("JAKARTA", "JAKARTB");
        let vietnam = emv::seal(&STATIC_QRIS_BODY.replace("5802ID", "5802VN"));
        let dollars = emv::seal(&STATIC_QRIS_BODY.replace("5303360", "5303840"));
        for qris in [broken, "hello".to_owned(), vietnam, dollars] {
            id.qris = qris;
            assert!(matches!(
                id.clone().validated(),
                Err(SettingsError::BadQris(_))
            ));
        }
    }

    #[test]
    fn empty_payment_fields_stay_out_of_the_json() {
        let settings = BusinessSettings::for_country(Country::Vietnam);
        let json = serde_json::to_string(&settings).expect("serialises");
        assert!(
            !json.contains("bank_account") && !json.contains("qris"),
            "{json}"
        );
        let back: BusinessSettings = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, settings);
    }
}
