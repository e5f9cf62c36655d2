//! Phone numbers: accepted in any common form, stored in E.164.
//!
//! Parsing is libphonenumber's (the `phonenumber` crate), with one rule of our
//! own in front of it: Vietnam moved its 11-digit mobile numbers to 10 digits
//! in 2018 (0166 → 036, ...). Customers still give the old numbers, and old
//! records hold them, so they are mapped to today's before parsing.

use std::fmt;

use phonenumber::{Mode, PhoneNumber};
use serde::{Deserialize, Serialize};

use crate::country::Country;

/// Vietnam's 2018 mobile renumbering: old 4-digit prefix (with the trunk 0)
/// to today's 3-digit one.
const VN_OLD_MOBILE_PREFIXES: [(&str, &str); 21] = [
    // Viettel
    ("0162", "032"),
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    // MobiFone
    ("0120", "070"),
    ("0121", "079"),
    ("0122", "077"),
    ("0126", "076"),
    ("0128", "078"),
    // VinaPhone
    ("0123", "083"),
    ("0124", "084"),
    ("0125", "085"),
    ("0127", "081"),
    ("0129", "082"),
    // Vietnamobile
    ("0186", "056"),
    ("0188", "058"),
    // Gmobile
    ("0199", "059"),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("phone number is empty")]
    Empty,
    #[error("{0:?} is not a phone number: only digits, spaces, +, -, . and () are allowed")]
    BadCharacters(String),
    #[error("{0:?} is not a valid phone number for {1}")]
    Invalid(String, Country),
    #[error("{0:?} is not a stored phone number (E.164, like +84912345678)")]
    NotE164(String),
}

/// A phone number in E.164 (`+84912345678`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses what a person typed. Numbers without a country code are read as
    /// numbers of `region` (the business's country).
    pub fn parse(input: &str, region: Country) -> Result<Phone, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        if !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()/\u{a0}".contains(c))
        {
            return Err(PhoneError::BadCharacters(trimmed.to_owned()));
        }
        let plus = trimmed.starts_with('+');
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let invalid = || PhoneError::Invalid(trimmed.to_owned(), region);

        let candidate = modernise_vietnamese(plus, &digits);
        let number = parse_valid(&candidate, region)
            // `84912345678`: a country code typed without its plus sign.
            .or_else(|| (!plus).then(|| parse_valid(&format!("+{digits}"), region))?)
            .ok_or_else(invalid)?;
        Ok(Phone(number.format().mode(Mode::E164).to_string()))
    }

    /// The stored E.164 form, e.g. `+84912345678`.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// Reads back a stored E.164 value without re-validating it (it was
    /// validated when it was written).
    pub fn from_e164_unchecked(value: String) -> Phone {
        Phone(value)
    }

    /// How the number is written at the counter: the national format for a
    /// number of the business's own country (`0912 345 678`), international
    /// otherwise.
    pub fn display(&self, home: Country) -> String {
        match phonenumber::parse(None, &self.0) {
            Ok(number) if number.code().value() == country_calling_code(home) => {
                number.format().mode(Mode::National).to_string()
            }
            Ok(number) => number.format().mode(Mode::International).to_string(),
            Err(_) => self.0.clone(),
        }
    }

    /// The digit strings a fragment search looks in: the international digits
    /// (`84912345678`) and, for numbers of the home country, the national ones
    /// with the trunk prefix (`0912345678`). A fragment typed in either form
    /// is a substring of one of them.
    pub fn search_digits(&self, home: Country) -> Vec<String> {
        let international: String = self.0.chars().filter(char::is_ascii_digit).collect();
        let mut forms = vec![international.clone()];
        let code = country_calling_code(home).to_string();
        if let Some(national) = international.strip_prefix(&code) {
            forms.push(format!("0{national}"));
        }
        forms
    }
}

fn country_calling_code(country: Country) -> u16 {
    match country {
        Country::Vietnam => 84,
        Country::Indonesia => 62,
    }
}

fn parse_valid(candidate: &str, region: Country) -> Option<PhoneNumber> {
    let number = phonenumber::parse(Some(region.phone_region()), candidate).ok()?;
    phonenumber::is_valid(&number).then_some(number)
}

/// Maps an old 11-digit Vietnamese mobile number to today's 10 digits, in
/// national (`01662345678`) or international (`+841662345678`,
/// `841662345678`) form. Anything else passes through unchanged.
fn modernise_vietnamese(plus: bool, digits: &str) -> String {
    let (national, international) = if digits.len() == 11 && digits.starts_with('0') {
        (digits.to_owned(), false)
    } else if digits.len() == 12 && digits.starts_with("841") {
        (format!("0{}", &digits[2..]), true)
    } else {
        return if plus {
            format!("+{digits}")
        } else {
            digits.to_owned()
        };
    };
    for (old, new) in VN_OLD_MOBILE_PREFIXES {
        if let Some(rest) = national.strip_prefix(old) {
            let modern = format!("{new}{rest}");
            return if international {
                format!("+84{}", &modern[1..])
            } else {
                modern
            };
        }
    }
    if plus {
        format!("+{digits}")
    } else {
        digits.to_owned()
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.0)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> String {
        phone.0
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;

    /// Deserialising checks the shape only (a plus and digits): a replica must
    /// be able to fold an op carrying a number that is valid in a newer
    /// libphonenumber than its own.
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let shape_ok = value.len() > 4
            && value.starts_with('+')
            && value[1..].chars().all(|c| c.is_ascii_digit());
        if shape_ok {
            Ok(Phone(value))
        } else {
            Err(PhoneError::NotE164(value))
        }
    }
}

#[cfg(test)]
mod tests;
