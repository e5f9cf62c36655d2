//! What a document is printed on, and the finished document.

/// The paper a document is laid out for. A roll's page is as tall as its
/// content; a sheet's is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paper {
    /// 80 mm thermal roll.
    Roll80,
    /// 58 mm thermal roll.
    Roll58,
    A5,
    A4,
}

impl Paper {
    /// The paper's width in millimetres.
    pub fn width_mm(self) -> f32 {
        match self {
            Paper::Roll80 => 80.0,
            Paper::Roll58 => 58.0,
            Paper::A5 => 148.0,
            Paper::A4 => 210.0,
        }
    }

    /// A sheet's height in millimetres; `None` for a roll, cut to fit.
    pub fn sheet_height_mm(self) -> Option<f32> {
        match self {
            Paper::Roll80 | Paper::Roll58 => None,
            Paper::A5 => Some(210.0),
            Paper::A4 => Some(297.0),
        }
    }

    pub fn is_roll(self) -> bool {
        self.sheet_height_mm().is_none()
    }
}

/// A finished document: the PDF file's bytes and what it was laid out for.
#[derive(Debug, Clone, PartialEq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub paper: Paper,
    /// The height of the (first) page in millimetres: a roll's is fitted to
    /// its content, so the printer needs it to cut in the right place.
    pub height_mm: f32,
}
