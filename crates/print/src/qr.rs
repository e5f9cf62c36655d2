//! The payment code on a receipt: a VietQR bank transfer (NAPAS, EMVCo
//! merchant-presented) for a business with a bank account, or its QRIS
//! turned dynamic for one with a QRIS merchant payload. Either carries the
//! amount; the VietQR's memo is the receipt number, so the transfer can be
//! matched to the sale on the bank statement.

use caredesk_domain::business::{BankAccount, BusinessSettings};
use caredesk_domain::emv::{self, EmvError, Field};
use caredesk_domain::money::Currency;
use qrcode::{Color, EcLevel, QrCode};

/// NAPAS's application id, the first field of a VietQR account template.
const NAPAS_AID: &str = "A000000727";
/// Inter-bank fund transfer to an account (`QRIBFTTC` would be to a card).
const TO_ACCOUNT: &str = "QRIBFTTA";
/// A VietQR memo (purpose of transaction, tag 62-08) holds at most 25.
const MAX_MEMO: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("a payment code needs an amount above zero, not {0}")]
    Amount(i64),
    #[error("the payment code cannot be built: {0}")]
    Payload(#[from] EmvError),
    #[error("the payment code does not fit a QR code: {0}")]
    TooLong(String),
}

/// What a receipt's payment code says, for the lines printed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentCode {
    VietQr {
        payload: String,
        account: BankAccount,
        memo: String,
        amount: i64,
    },
    Qris {
        payload: String,
        amount: i64,
    },
}

impl PaymentCode {
    /// The code for paying `amount` of the sale numbered `number`, in the
    /// business's currency: VietQR for đồng, QRIS for rupiah; none when the
    /// business has not given what that needs.
    pub fn for_sale(
        business: &BusinessSettings,
        number: &str,
        amount: i64,
    ) -> Result<Option<PaymentCode>, QrError> {
        match business.currency {
            Currency::Vnd => match &business.bank_account {
                Some(account) => {
                    let memo = memo(number);
                    Ok(Some(PaymentCode::VietQr {
                        payload: vietqr(account, amount, &memo)?,
                        account: account.clone(),
                        memo,
                        amount,
                    }))
                }
                None => Ok(None),
            },
            Currency::Idr if !business.qris.is_empty() => Ok(Some(PaymentCode::Qris {
                payload: qris_with_amount(&business.qris, amount)?,
                amount,
            })),
            Currency::Idr => Ok(None),
        }
    }

    pub fn payload(&self) -> &str {
        match self {
            PaymentCode::VietQr { payload, .. } | PaymentCode::Qris { payload, .. } => payload,
        }
    }
}

/// A receipt number as a transfer memo: ASCII letters, digits, spaces and
/// dashes only (bank apps drop the rest), at most 25 characters.
pub fn memo(number: &str) -> String {
    let kept: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
        .collect();
    kept.trim().chars().take(MAX_MEMO).collect()
}

/// A dynamic VietQR payload: `amount` đồng to `account`, with `memo`.
pub fn vietqr(account: &BankAccount, amount: i64, memo: &str) -> Result<String, QrError> {
    if amount <= 0 {
        return Err(QrError::Amount(amount));
    }
    let beneficiary = emv::write(&[
        Field::new("00", &account.bin),
        Field::new("01", &account.number),
    ])?;
    let merchant = emv::write(&[
        Field::new("00", NAPAS_AID),
        Field::new("01", beneficiary),
        Field::new("02", TO_ACCOUNT),
    ])?;
    let mut fields = vec![
        Field::new("00", "01"),
        // 12: a dynamic code, made for one payment with its amount.
        Field::new("01", "12"),
        Field::new("38", merchant),
        Field::new("53", "704"),
        Field::new("54", amount.to_string()),
        Field::new("58", "VN"),
    ];
    if !memo.is_empty() {
        fields.push(Field::new("62", emv::write(&[Field::new("08", memo)])?));
    }
    Ok(emv::seal(&emv::write(&fields)?))
}

/// A merchant's static QRIS made dynamic for one payment: the point of
/// initiation becomes 12, the amount (tag 54) goes in its place among the
/// fields (ids ascend), and the CRC is computed anew. Everything else the
/// acquirer put in stays as it was.
pub fn qris_with_amount(static_payload: &str, amount: i64) -> Result<String, QrError> {
    if amount <= 0 {
        return Err(QrError::Amount(amount));
    }
    let mut fields: Vec<Field> = emv::check(static_payload)?
        .into_iter()
        .filter(|field| field.id != "54")
        .map(|field| match field.id.as_str() {
            "01" => Field::new("01", "12"),
            _ => field,
        })
        .collect();
    let at = fields
        .iter()
        .position(|field| field.id.as_str() > "54")
        .unwrap_or(fields.len());
    fields.insert(at, Field::new("54", amount.to_string()));
    Ok(emv::seal(&emv::write(&fields)?))
}

/// The code's modules, row by row (`true` is dark), at error correction
/// level M: a crumpled thermal receipt still scans.
pub fn modules(payload: &str) -> Result<Vec<Vec<bool>>, QrError> {
    let code = QrCode::with_error_correction_level(payload, EcLevel::M)
        .map_err(|e| QrError::TooLong(e.to_string()))?;
    let width = code.width();
    Ok(code
        .to_colors()
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
        .collect())
}

#[cfg(test)]
mod tests;
