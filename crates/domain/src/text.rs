//! Text rules: what is stored (NFC, trimmed, bounded) and how text is folded
//! for search (no diacritics, `đ` as `d`, lower case).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Why a piece of text was refused. The store turns these into error codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("{field} contains a control character")]
    ControlCharacter { field: &'static str },
}

/// NFC, trimmed, inner runs of white space collapsed to one space. Text typed
/// on a Vietnamese keyboard arrives decomposed or precomposed depending on the
/// input method; storing NFC makes equal names equal bytes.
pub fn clean(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A required, bounded single-line field.
pub fn required(field: &'static str, input: &str, max: usize) -> Result<String, TextError> {
    let value = clean(input);
    if value.is_empty() {
        return Err(TextError::Empty { field });
    }
    bounded(field, value, max)
}

/// An optional field: blank means absent.
pub fn optional(
    field: &'static str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>, TextError> {
    match input.map(clean) {
        None => Ok(None),
        Some(value) if value.is_empty() => Ok(None),
        Some(value) => bounded(field, value, max).map(Some),
    }
}

/// A multi-line field (a note): keeps its line breaks, trims the ends.
pub fn multiline(field: &'static str, input: &str, max: usize) -> Result<String, TextError> {
    let nfc: String = input.nfc().collect();
    let value = nfc.trim().replace("\r\n", "\n");
    if value.is_empty() {
        return Err(TextError::Empty { field });
    }
    let len = value.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(TextError::ControlCharacter { field });
    }
    Ok(value)
}

fn bounded(field: &'static str, value: String, max: usize) -> Result<String, TextError> {
    let len = value.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    if value.chars().any(char::is_control) {
        return Err(TextError::ControlCharacter { field });
    }
    Ok(value)
}

/// The search form of a text: decomposed, combining marks dropped, `đ`/`Đ`
/// mapped to `d` (it is a letter of its own, not `d` plus a mark, so Unicode
/// decomposition and SQLite's `remove_diacritics` both leave it alone), lower
/// case, anything that is not a letter or digit turned into a single space.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for ch in input.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            // Older Vietnamese text sometimes uses the look-alike Icelandic eth.
            'ð' | 'Ð' => 'd',
            _ => ch,
        };
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_vietnamese_marks_and_maps_d_bar() {
        assert_eq!(fold("Đặng Thị Ánh"), "dang thi anh");
        assert_eq!(fold("Nguyễn Văn An"), "nguyen van an");
        assert_eq!(fold("ĐỖ  ĐỨC   ĐẠT"), "do duc dat");
        assert_eq!(fold("Trương Mỹ-Lệ"), "truong my le");
        assert_eq!(fold("Siti Nurhaliza"), "siti nurhaliza");
    }

    #[test]
    fn decomposed_and_precomposed_input_fold_the_same() {
        let precomposed = "Nguy\u{1EC5}n";
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(fold(precomposed), fold(decomposed));
        assert_eq!(clean(decomposed), precomposed);
    }

    #[test]
    fn cleaning_trims_and_collapses_space() {
        assert_eq!(clean("  Lê   Thu \t Hà "), "Lê Thu Hà");
    }

    #[test]
    fn required_fields_refuse_blank_long_and_control_text() {
        assert_eq!(
            required("name", "   ", 10),
            Err(TextError::Empty { field: "name" })
        );
        assert_eq!(
            required("name", "ABCDEFGHIJK", 10),
            Err(TextError::TooLong {
                field: "name",
                len: 11,
                max: 10
            })
        );
        assert_eq!(
            required("name", "An\u{7}", 10),
            Err(TextError::ControlCharacter { field: "name" })
        );
        // Length is counted in characters, not bytes: ten Vietnamese letters fit.
        assert!(required("name", "ẮẮẮẮẮẮẮẮẮẮ", 10).is_ok());
    }

    #[test]
    fn optional_blank_is_absent() {
        assert_eq!(optional("email", Some("  "), 10), Ok(None));
        assert_eq!(optional("email", None, 10), Ok(None));
    }
}
