//! The one typeface every document is set in: Noto Sans, regular and bold,
//! embedded in the PDF and cut down to the glyphs a document uses. It has
//! every precomposed Vietnamese letter (U+1EA0-1EF9), so NFC text maps
//! letter by letter to glyphs without a shaping engine, and the đồng sign.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use unicode_normalization::UnicodeNormalization;

const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Millimetres in a typographic point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug)]
pub(crate) struct Faces {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// Parsed once per process: parsing the two faces costs more than laying
/// out a whole receipt.
pub(crate) fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        regular: parse(REGULAR),
        bold: parse(BOLD),
    })
}

fn parse(bytes: &[u8]) -> ParsedFont {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .expect("the embedded Noto Sans faces parse (checked by the font tests)")
}

impl Faces {
    pub(crate) fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The advance of `text` set at `size` points, in millimetres.
    pub(crate) fn width_mm(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = self.face(weight);
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(face.get_horizontal_advance(glyph))
            })
            .sum();
        let per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        units as f32 / per_em * size * MM_PER_PT
    }

    /// Text as it goes on paper: NFC (a decomposed "ệ" from a paste becomes
    /// the one letter the font has), control characters as spaces, and
    /// anything the font lacks as "?" rather than an empty box.
    pub(crate) fn clean(&self, text: &str) -> String {
        text.nfc()
            .map(|c| match c {
                '\n' => '\n',
                c if c.is_control() => ' ',
                c if self.regular.lookup_glyph_index(c as u32).is_none() => '?',
                c => c,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_cover_vietnamese_and_indonesian() {
        let letters = "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĐđƠơƯư₫Rp";
        for weight in [Weight::Regular, Weight::Bold] {
            let face = faces().face(weight);
            for c in letters.chars() {
                assert!(face.lookup_glyph_index(c as u32).is_some(), "{c} missing");
            }
        }
    }

    #[test]
    fn clean_composes_and_replaces_what_cannot_print() {
        let decomposed = "Tie\u{0302}\u{0301}n";
        assert_eq!(faces().clean(decomposed), "Tiến");
        assert_eq!(faces().clean("a\tb\u{1F600}"), "a b?");
    }

    #[test]
    fn bold_is_wider_and_width_grows_with_size() {
        let f = faces();
        let regular = f.width_mm("Đặng Thị Ánh", 10.0, Weight::Regular);
        assert!(regular > 20.0 && regular < 30.0, "{regular}");
        assert!(f.width_mm("Đặng Thị Ánh", 10.0, Weight::Bold) > regular);
        let double = f.width_mm("Đặng Thị Ánh", 20.0, Weight::Regular);
        assert!((double - 2.0 * regular).abs() < 0.01);
    }
}
