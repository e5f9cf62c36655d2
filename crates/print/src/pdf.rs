//! Writing laid-out pages as a PDF file: text in the embedded font (subset
//! to the glyphs used), rules, the QR code's squares and the logo.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix, XObjectTransform,
};

use crate::font::{MM_PER_PT, Weight, faces};
use crate::layout::{Laid, Mark};
use crate::paper::Pdf;

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

/// The document as PDF bytes; `logo` is drawn where the layout put it.
pub(crate) fn write(laid: Laid, title: &str, logo: Option<&RawImage>) -> Pdf {
    let mut doc = PdfDocument::new(title);
    let regular = doc.add_font(faces().face(Weight::Regular));
    let bold = doc.add_font(faces().face(Weight::Bold));
    let logo = logo.map(|image| (doc.add_image(image), image.width));
    let (width, height) = (laid.paper.width_mm(), laid.height);
    let font = |weight| match weight {
        Weight::Regular => regular.clone(),
        Weight::Bold => bold.clone(),
    };
    let pages = laid
        .pages
        .into_iter()
        .map(|marks| {
            let ops = page_ops(marks, height, &font, logo.as_ref());
            PdfPage::new(Mm(width), Mm(height), ops)
        })
        .collect();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let bytes = doc.with_pages(pages).save(&options, &mut Vec::new());
    Pdf {
        bytes,
        paper: laid.paper,
        height_mm: height,
    }
}

fn page_ops(
    marks: Vec<Mark>,
    height: f32,
    font: &dyn Fn(Weight) -> FontId,
    logo: Option<&(printpdf::XObjectId, usize)>,
) -> Vec<Op> {
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
        Op::SetOutlineThickness { pt: Pt(0.5) },
    ];
    let mut text = Vec::new();
    let mut current: Option<(Weight, f32)> = None;
    for mark in marks {
        match mark {
            Mark::Text {
                x,
                baseline,
                size,
                weight,
                text: line,
            } => {
                if current != Some((weight, size)) {
                    text.push(Op::SetFont {
                        font: PdfFontHandle::External(font(weight)),
                        size: Pt(size),
                    });
                    current = Some((weight, size));
                }
                text.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(pt(x), pt(height - baseline)),
                });
                text.push(Op::ShowText {
                    items: vec![TextItem::Text(line)],
                });
            }
            Mark::Rule { x, y, width } => {
                let at = |x: f32| LinePoint {
                    p: Point {
                        x: pt(x),
                        y: pt(height - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![at(x), at(x + width)],
                        is_closed: false,
                    },
                });
            }
            Mark::Block { x, y, w, h } => ops.push(Op::DrawRectangle {
                // Without a paint mode printpdf ends the path unpainted.
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(pt(x), pt(height - y - h), pt(w), pt(h))
                },
            }),
            Mark::Logo { x, y, w, h } => {
                if let Some((id, pixels)) = logo {
                    // At this dpi the image's pixels span exactly `w`.
                    let dpi = *pixels as f32 * 25.4 / w;
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(pt(x)),
                            translate_y: Some(pt(height - y - h)),
                            dpi: Some(dpi),
                            ..XObjectTransform::default()
                        },
                    });
                }
            }
        }
    }
    if !text.is_empty() {
        ops.push(Op::StartTextSection);
        ops.extend(text);
        ops.push(Op::EndTextSection);
    }
    ops
}
