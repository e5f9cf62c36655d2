//! A PDF turned into the 1-bit picture a thermal head prints.
//!
//! hayro renders in pure Rust and reads the subset TrueType fonts printpdf
//! embeds, so the counter needs no poppler or Ghostscript to print a
//! receipt (`pdftoppm` is only used by tests, to look at documents).

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf as ParsedPdf;
use hayro::vello_cpu::Pixmap;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use super::{DispatchError, PrintHead};
use crate::Pdf;

/// Points (1/72 inch) per inch: PDF's unit.
const POINTS_PER_INCH: f32 = 72.0;
/// The renderer's largest side in pixels (`u16`): 8 metres at 203 dpi.
const MAX_SIDE: f32 = u16::MAX as f32;
/// Grey darker than this (of 255) is printed as a dot. Half way keeps thin
/// strokes and QR modules whole without thickening text.
const INK_BELOW: u32 = 128;

/// One bit a dot, rows top to bottom, each row `width / 8` bytes with the
/// leftmost dot in the highest bit, 1 = burn: the layout of ESC/POS raster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    width: u32,
    height: u32,
    bits: Vec<u8>,
}

impl Bitmap {
    /// A blank bitmap; `width` is rounded up to whole bytes.
    pub fn blank(width: u32, height: u32) -> Bitmap {
        let width = width.div_ceil(8) * 8;
        Bitmap {
            width,
            height,
            bits: vec![0; (width / 8 * height) as usize],
        }
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn bytes_per_row(&self) -> u32 {
        self.width / 8
    }

    /// Rows `from..to`, packed.
    pub fn rows(&self, from: u32, to: u32) -> &[u8] {
        let row = self.bytes_per_row() as usize;
        &self.bits[from as usize * row..to as usize * row]
    }

    pub fn ink(&self, x: u32, y: u32) -> bool {
        let byte = self.bits[(y * self.bytes_per_row() + x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    pub fn set_ink(&mut self, x: u32, y: u32) {
        let index = (y * self.bytes_per_row() + x / 8) as usize;
        self.bits[index] |= 0x80 >> (x % 8);
    }

    /// Packs rows already in ESC/POS order (as a decoder reads them back).
    pub fn from_rows(width: u32, bits: Vec<u8>) -> Option<Bitmap> {
        if width == 0
            || !width.is_multiple_of(8)
            || !bits.len().is_multiple_of((width / 8) as usize)
        {
            return None;
        }
        let height = (bits.len() / (width / 8) as usize) as u32;
        Some(Bitmap {
            width,
            height,
            bits,
        })
    }
}

/// Every page of `pdf` at the head's resolution, one under the other, as
/// wide as the head. A page wider than the head keeps its true size when
/// its ink fits in the head's width (a 80 mm page's margins fall outside
/// the 72 mm a head prints) and is scaled down to fit otherwise: nothing is
/// ever cut off at the sides.
pub fn rasterise(pdf: &Pdf, head: PrintHead) -> Result<Bitmap, DispatchError> {
    let parsed = ParsedPdf::new(pdf.bytes.clone())
        .map_err(|error| DispatchError::Unprintable(format!("not a readable PDF ({error:?})")))?;
    let pages = parsed.pages();
    if pages.is_empty() {
        return Err(DispatchError::Unprintable(
            "the PDF has no pages".to_owned(),
        ));
    }
    let cache = RenderCache::new();
    let mut strips = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        let (width_pt, height_pt) = page.render_dimensions();
        let true_scale = f32::from(head.dpi) / POINTS_PER_INCH;
        // As the renderer sizes its picture: the last part-dot is dropped.
        let page_dots = (width_pt * true_scale) as u32;
        let strip = if page_dots <= u32::from(head.width_dots) {
            let rendered = render(page, &cache, true_scale, width_pt, height_pt)?;
            centre(&rendered, head, None)
        } else {
            let rendered = render(page, &cache, true_scale, width_pt, height_pt)?;
            match ink_columns(&rendered) {
                Some((left, right)) if right - left < u32::from(head.width_dots) => {
                    centre(&rendered, head, Some((left, right)))
                }
                Some(_) => {
                    let fit = f32::from(head.width_dots) / width_pt;
                    let rendered = render(page, &cache, fit, width_pt, height_pt)?;
                    centre(&rendered, head, None)
                }
                None => Bitmap::blank(u32::from(head.width_dots), rendered.height),
            }
        };
        strips.push(strip);
    }
    Ok(stack(strips, head))
}

/// A page rendered in grey: 0 black to 255 white.
struct Grey {
    width: u32,
    height: u32,
    levels: Vec<u8>,
}

impl Grey {
    fn is_ink(&self, x: u32, y: u32) -> bool {
        u32::from(self.levels[(y * self.width + x) as usize]) < INK_BELOW
    }
}

fn render<'a>(
    page: &'a hayro::hayro_syntax::page::Page<'a>,
    cache: &RenderCache<'a>,
    scale: f32,
    width_pt: f32,
    height_pt: f32,
) -> Result<Grey, DispatchError> {
    if width_pt * scale > MAX_SIDE || height_pt * scale > MAX_SIDE {
        return Err(DispatchError::Unprintable(format!(
            "a page of {:.0} x {:.0} mm is too large to rasterise",
            width_pt / POINTS_PER_INCH * 25.4,
            height_pt / POINTS_PER_INCH * 25.4
        )));
    }
    let pixmap = hayro::render(
        page,
        cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    Ok(grey(&pixmap))
}

fn grey(pixmap: &Pixmap) -> Grey {
    // Over a white background every pixel is opaque, so premultiplied
    // colour is the colour.
    let levels = pixmap
        .data()
        .iter()
        .map(|pixel| {
            let luma =
                u32::from(pixel.r) * 299 + u32::from(pixel.g) * 587 + u32::from(pixel.b) * 114;
            (luma / 1000) as u8
        })
        .collect();
    Grey {
        width: u32::from(pixmap.width()),
        height: u32::from(pixmap.height()),
        levels,
    }
}

/// The leftmost and rightmost columns with ink, if any.
fn ink_columns(page: &Grey) -> Option<(u32, u32)> {
    let mut found: Option<(u32, u32)> = None;
    for y in 0..page.height {
        for x in 0..page.width {
            if page.is_ink(x, y) {
                found = Some(match found {
                    None => (x, x),
                    Some((left, right)) => (left.min(x), right.max(x)),
                });
            }
        }
    }
    found
}

/// The page placed on the head: centred, the paper's middle under the
/// head's middle; when the page is wider, the window over it is moved just
/// enough to take in `ink` (the columns that must not be lost).
fn centre(page: &Grey, head: PrintHead, ink: Option<(u32, u32)>) -> Bitmap {
    let head_width = u32::from(head.width_dots);
    let mut bitmap = Bitmap::blank(head_width, page.height);
    // Page column x lands on head column x + offset (offset may be negative).
    let offset: i64 = if page.width <= head_width {
        i64::from((head_width - page.width) / 2)
    } else {
        let mut start = (page.width - head_width) / 2;
        if let Some((left, right)) = ink {
            if left < start {
                start = left;
            }
            if right >= start + head_width {
                start = right + 1 - head_width;
            }
        }
        -i64::from(start)
    };
    for y in 0..page.height {
        for x in 0..page.width {
            let column = i64::from(x) + offset;
            if (0..i64::from(head_width)).contains(&column) && page.is_ink(x, y) {
                bitmap.set_ink(column as u32, y);
            }
        }
    }
    bitmap
}

fn stack(strips: Vec<Bitmap>, head: PrintHead) -> Bitmap {
    let width = u32::from(head.width_dots).div_ceil(8) * 8;
    let bits: Vec<u8> = strips.into_iter().flat_map(|strip| strip.bits).collect();
    let height = (bits.len() / (width / 8) as usize) as u32;
    Bitmap {
        width,
        height,
        bits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_msb_first_and_rows_whole_bytes() {
        let mut bitmap = Bitmap::blank(10, 2);
        assert_eq!(bitmap.width(), 16);
        bitmap.set_ink(0, 0);
        bitmap.set_ink(9, 1);
        assert_eq!(bitmap.rows(0, 2), &[0x80, 0x00, 0x00, 0x40]);
        assert!(bitmap.ink(9, 1));
        assert!(!bitmap.ink(8, 1));
    }

    #[test]
    fn a_wide_page_keeps_its_ink_on_the_head() {
        let head = PrintHead {
            dpi: 203,
            width_dots: 8,
            cutter: true,
        };
        // 12 columns, ink at 1 and 7: the centred window 2..10 would lose
        // column 1, so it moves to 1..9.
        let mut levels = vec![255u8; 12];
        levels[1] = 0;
        levels[7] = 0;
        let page = Grey {
            width: 12,
            height: 1,
            levels,
        };
        let ink = ink_columns(&page);
        assert_eq!(ink, Some((1, 7)));
        let bitmap = centre(&page, head, ink);
        assert_eq!(bitmap.rows(0, 1), &[0b1000_0010]);
    }

    #[test]
    fn what_is_not_a_pdf_is_refused() {
        let error = rasterise(
            &Pdf {
                bytes: b"hello".to_vec(),
                paper: crate::Paper::Roll80,
                height_mm: 10.0,
            },
            PrintHead::ROLL_80,
        )
        .expect_err("not a PDF");
        assert_eq!(error.code(), "document_unprintable");
    }
}
