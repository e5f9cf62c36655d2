//! A small document for the dispatch tests, made with printpdf and a subset
//! TrueType font as the real receipts are: a line of Vietnamese text and a
//! black block at known places. (When the receipts land, a real receipt
//! can take its place.)

use caredesk_print::{Paper, Pdf};
use printpdf::{
    Color, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem,
};

/// DejaVu Sans (Debian's fonts-dejavu-core, in scripts/install-deps.sh): it
/// covers Vietnamese.
const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

pub const TEXT: &str = "Hóa đơn A7Q-000001";
/// The text's baseline, from the page's top, and where it starts.
pub const TEXT_BASELINE_MM: f32 = 10.0;
pub const TEXT_LEFT_MM: f32 = 6.0;
pub const TEXT_SIZE_PT: f32 = 10.0;
/// The black block, from the page's top-left corner.
pub const BLOCK_LEFT_MM: f32 = 10.0;
pub const BLOCK_TOP_MM: f32 = 20.0;
pub const BLOCK_WIDTH_MM: f32 = 20.0;
pub const BLOCK_HEIGHT_MM: f32 = 10.0;
/// A roll's page height; a sheet keeps its own.
pub const ROLL_HEIGHT_MM: f32 = 40.0;

/// The document laid out for `paper`.
pub fn document(paper: Paper) -> Pdf {
    document_with(paper, paper.sheet_height_mm().unwrap_or(ROLL_HEIGHT_MM), 1)
}

/// The same on `pages` pages `height_mm` tall.
pub fn document_with(paper: Paper, height_mm: f32, pages: usize) -> Pdf {
    let bytes = std::fs::read(FONT)
        .unwrap_or_else(|error| panic!("{FONT}: {error} (install fonts-dejavu-core)"));
    let font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).expect("DejaVu Sans parses");
    let mut doc = PdfDocument::new("CareDesk dispatch test");
    let font = doc.add_font(&font);
    let from_top = |mm: f32| Pt::from(Mm(height_mm - mm));
    let ops = vec![
        Op::SetFillColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        },
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(TEXT_SIZE_PT),
        },
        Op::SetTextCursor {
            pos: Point {
                x: Pt::from(Mm(TEXT_LEFT_MM)),
                y: from_top(TEXT_BASELINE_MM),
            },
        },
        Op::ShowText {
            items: vec![TextItem::Text(TEXT.to_owned())],
        },
        Op::EndTextSection,
        Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                ..Rect::from_xywh(
                    Pt::from(Mm(BLOCK_LEFT_MM)),
                    from_top(BLOCK_TOP_MM + BLOCK_HEIGHT_MM),
                    Pt::from(Mm(BLOCK_WIDTH_MM)),
                    Pt::from(Mm(BLOCK_HEIGHT_MM)),
                )
            },
        },
    ];
    let page = PdfPage::new(Mm(paper.width_mm()), Mm(height_mm), ops);
    let bytes = doc
        .with_pages(vec![page; pages])
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    Pdf {
        bytes,
        paper,
        height_mm,
    }
}
