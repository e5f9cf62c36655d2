//! EMVCo merchant-presented QR payloads, the format under VietQR and QRIS:
//! a string of fields, each a two-digit id, a two-digit length and the
//! value, closed by the CRC field `63` (`6304` + four hex digits of
//! CRC-16/CCITT-FALSE over everything before them, `6304` included).
//!
//! Here rather than in the printing crate because the business settings
//! check a merchant's QRIS payload when a manager enters it.

/// One field: its id (`00`-`99`) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: String,
    pub value: String,
}

impl Field {
    pub fn new(id: &str, value: impl Into<String>) -> Field {
        Field {
            id: id.to_owned(),
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmvError {
    #[error("the payload holds a character outside printable ASCII")]
    NotAscii,
    #[error("the field at character {0} is cut short")]
    Truncated(usize),
    #[error("the field at character {0} has no two-digit id and length")]
    BadHeader(usize),
    #[error("the payload does not end with its CRC field (6304 and four hex digits)")]
    NoCrc,
    #[error("the CRC is {found} but the payload's content gives {expected}")]
    BadCrc { expected: String, found: String },
    #[error("field {id} is {len} characters long; a field holds at most 99")]
    TooLong { id: String, len: usize },
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no
/// reflection, no final XOR (what EMVCo's specification prescribes).
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in data {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The fields written one after another, without the CRC.
pub fn write(fields: &[Field]) -> Result<String, EmvError> {
    let mut out = String::new();
    for field in fields {
        let len = field.value.chars().count();
        if len > 99 {
            return Err(EmvError::TooLong {
                id: field.id.clone(),
                len,
            });
        }
        if !is_printable_ascii(&field.value) {
            return Err(EmvError::NotAscii);
        }
        out.push_str(&field.id);
        out.push_str(&format!("{len:02}"));
        out.push_str(&field.value);
    }
    Ok(out)
}

/// `body` closed with its CRC field.
pub fn seal(body: &str) -> String {
    let mut payload = format!("{body}6304");
    let crc = crc16(payload.as_bytes());
    payload.push_str(&format!("{crc:04X}"));
    payload
}

/// The fields of a payload (or of a template's value), in order.
pub fn parse(payload: &str) -> Result<Vec<Field>, EmvError> {
    if !is_printable_ascii(payload) {
        return Err(EmvError::NotAscii);
    }
    let bytes = payload.as_bytes();
    let mut fields = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let header = payload.get(at..at + 4).ok_or(EmvError::Truncated(at))?;
        if !header.bytes().all(|b| b.is_ascii_digit()) {
            return Err(EmvError::BadHeader(at));
        }
        let len: usize = header[2..].parse().map_err(|_| EmvError::BadHeader(at))?;
        let value = payload
            .get(at + 4..at + 4 + len)
            .ok_or(EmvError::Truncated(at))?;
        fields.push(Field::new(&header[..2], value));
        at += 4 + len;
    }
    Ok(fields)
}

/// A whole payload's fields after checking that it ends with a right CRC;
/// the CRC field itself is left out.
pub fn check(payload: &str) -> Result<Vec<Field>, EmvError> {
    let mut fields = parse(payload)?;
    let crc = fields.pop().ok_or(EmvError::NoCrc)?;
    if crc.id != "63" || crc.value.len() != 4 {
        return Err(EmvError::NoCrc);
    }
    let expected = format!("{:04X}", crc16(&payload.as_bytes()[..payload.len() - 4]));
    if !crc.value.eq_ignore_ascii_case(&expected) {
        return Err(EmvError::BadCrc {
            expected,
            found: crc.value,
        });
    }
    Ok(fields)
}

/// The value of the first field with this id.
pub fn value<'a>(fields: &'a [Field], id: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|field| field.id == id)
        .map(|field| field.value.as_str())
}

fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7F).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published VietQR sample: the README of github.com/subiz/vietqr
    /// (120 000 ₫ to account 0011001932418 at BIN 970415, memo "ung ho lu lut").
    const SUBIZ_VIETQR: &str = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";
    /// Published QRIS sample: the README of github.com/sunary/qris.
    const SUNARY_QRIS: &str = "00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635";

    #[test]
    fn crc_matches_the_check_value_and_published_payloads() {
        // The catalogue check value of CRC-16/CCITT-FALSE.
        assert_eq!(crc16(b"123456789"), 0x29B1);
        for payload in [SUBIZ_VIETQR, SUNARY_QRIS] {
            let body = &payload[..payload.len() - 4];
            assert_eq!(seal(&body[..body.len() - 4]), payload);
            assert!(check(payload).is_ok());
        }
    }

    #[test]
    fn fields_read_back_as_written() {
        let fields = check(SUBIZ_VIETQR).expect("a valid payload");
        assert_eq!(value(&fields, "54"), Some("120000"));
        let account = parse(value(&fields, "38").expect("tag 38")).expect("a template");
        assert_eq!(value(&account, "00"), Some("A000000727"));
        let body = write(&fields).expect("writable");
        assert_eq!(seal(&body), SUBIZ_VIETQR);
    }

    #[test]
    fn broken_payloads_are_refused() {
        let wrong_crc = SUBIZ_VIETQR.replace("C15C", "C15D");
        assert!(matches!(check(&wrong_crc), Err(EmvError::BadCrc { .. })));
        let changed = SUBIZ_VIETQR.replace("120000", "920000");
        assert!(matches!(check(&changed), Err(EmvError::BadCrc { .. })));
        assert!(matches!(
            check(&SUBIZ_VIETQR[..40]),
            Err(EmvError::Truncated(_))
        ));
        assert!(matches!(check("0002016304"), Err(EmvError::Truncated(_))));
        assert!(matches!(check("000201"), Err(EmvError::NoCrc)));
        assert!(matches!(check("AB0201"), Err(EmvError::BadHeader(0))));
        assert!(matches!(check("0002Đ1"), Err(EmvError::NotAscii)));
        assert!(matches!(
            write(&[Field::new("62", "x".repeat(100))]),
            Err(EmvError::TooLong { .. })
        ));
    }
}
