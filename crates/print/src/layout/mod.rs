//! Placing things on paper, apart from what any document says: a `Flow`
//! goes down the page line by line (text wrapped to the width, rows of
//! columns, rules, a QR code, a logo), starts a new sheet when one is full,
//! and, on a roll, ends the page where the content ends. Positions are kept
//! from the top of the page in millimetres and turned into PDF coordinates
//! (points from the bottom) only once the page's height is known.

mod wrap;

pub(crate) use wrap::wrap;

use crate::font::{MM_PER_PT, Weight, faces};
use crate::paper::Paper;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// In points.
    pub size: f32,
    pub weight: Weight,
    pub align: Align,
}

impl Style {
    pub(crate) fn new(size: f32) -> Style {
        Style {
            size,
            weight: Weight::Regular,
            align: Align::Left,
        }
    }

    pub(crate) fn bold(self) -> Style {
        Style {
            weight: Weight::Bold,
            ..self
        }
    }

    pub(crate) fn centered(self) -> Style {
        Style {
            align: Align::Center,
            ..self
        }
    }

    pub(crate) fn right(self) -> Style {
        Style {
            align: Align::Right,
            ..self
        }
    }

    /// The distance between baselines, in millimetres.
    pub(crate) fn line_height(self) -> f32 {
        self.size * 1.3 * MM_PER_PT
    }
}

/// One column of a row: its share of the width and its text.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub text: String,
    /// A share of the content width (the shares of a row add up to 1).
    pub share: f32,
    pub style: Style,
}

/// Something placed on a page, in millimetres from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
    },
    /// A filled black rectangle (the QR code's dark modules).
    Block {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// The logo (there is at most one image per document).
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// The margins of a page, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Margins {
    pub top: f32,
    pub side: f32,
    pub bottom: f32,
}

/// Pages laid out, ready to be written as PDF.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Laid {
    pub paper: Paper,
    pub height: f32,
    pub pages: Vec<Vec<Mark>>,
}

#[derive(Debug)]
pub(crate) struct Flow {
    paper: Paper,
    margins: Margins,
    pages: Vec<Vec<Mark>>,
    /// Where the next line starts, from the current page's top.
    y: f32,
}

/// The space kept between columns of a row.
const COLUMN_GAP: f32 = 1.5;

impl Flow {
    pub(crate) fn new(paper: Paper, margins: Margins) -> Flow {
        Flow {
            paper,
            margins,
            pages: vec![Vec::new()],
            y: margins.top,
        }
    }

    /// The width text may take.
    pub(crate) fn width(&self) -> f32 {
        self.paper.width_mm() - 2.0 * self.margins.side
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Whether `height` more millimetres fit on this page (always on a roll).
    pub(crate) fn fits(&self, height: f32) -> bool {
        match self.paper.sheet_height_mm() {
            Some(sheet) => self.y + height <= sheet - self.margins.bottom,
            None => true,
        }
    }

    /// Starts a new sheet unless `height` fits on this one.
    pub(crate) fn keep(&mut self, height: f32) {
        if !self.fits(height) && self.y > self.margins.top {
            self.pages.push(Vec::new());
            self.y = self.margins.top;
        }
    }

    pub(crate) fn gap(&mut self, height: f32) {
        self.y += height;
    }

    fn place(&mut self, mark: Mark) {
        self.pages
            .last_mut()
            .expect("a flow always has a page")
            .push(mark);
    }

    /// Lines of `text` wrapped to `width` at `style`.
    pub(crate) fn lines(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let f = faces();
        wrap(&f.clean(text), width, &|t: &str| {
            f.width_mm(t, style.size, style.weight)
        })
    }

    fn set_line(&mut self, line: String, left: f32, width: f32, style: Style) {
        let used = faces().width_mm(&line, style.size, style.weight);
        let x = match style.align {
            Align::Left => left,
            Align::Center => left + (width - used) / 2.0,
            Align::Right => left + width - used,
        };
        // The baseline sits at about four fifths of the line, as the
        // font's ascender over its whole height.
        let baseline = self.y + style.line_height() * 0.78;
        if !line.is_empty() {
            self.place(Mark::Text {
                x,
                baseline,
                size: style.size,
                weight: style.weight,
                text: line,
            });
        }
    }

    /// A paragraph across the whole width.
    pub(crate) fn text(&mut self, text: &str, style: Style) {
        let (left, width) = (self.margins.side, self.width());
        for line in self.lines(text, width, style) {
            self.keep(style.line_height());
            self.set_line(line, left, width, style);
            self.y += style.line_height();
        }
    }

    /// Each cell's left edge, width and wrapped lines.
    fn columns(&self, cells: &[Cell]) -> Vec<(f32, f32, Vec<String>, Style)> {
        let total = self.width();
        let mut left = self.margins.side;
        let mut columns = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            let full = total * cell.share;
            let inner = if i + 1 < cells.len() {
                full - COLUMN_GAP
            } else {
                full
            };
            columns.push((
                left,
                inner,
                self.lines(&cell.text, inner, cell.style),
                cell.style,
            ));
            left += full;
        }
        columns
    }

    fn height_of(columns: &[(f32, f32, Vec<String>, Style)]) -> f32 {
        columns
            .iter()
            .map(|(_, _, lines, style)| lines.len() as f32 * style.line_height())
            .fold(0.0, f32::max)
    }

    /// How tall `row(cells)` would be.
    pub(crate) fn row_height(&self, cells: &[Cell]) -> f32 {
        Flow::height_of(&self.columns(cells))
    }

    /// Columns side by side, each wrapped in its own width; the row is as
    /// tall as its tallest cell and is not split across sheets.
    pub(crate) fn row(&mut self, cells: &[Cell]) {
        let columns = self.columns(cells);
        let height = Flow::height_of(&columns);
        self.keep(height);
        let top = self.y;
        for (left, width, lines, style) in columns {
            self.y = top;
            for line in lines {
                self.set_line(line, left, width, style);
                self.y += style.line_height();
            }
        }
        self.y = top + height;
    }

    /// A label and an amount on one line, the amount flush right; the label
    /// wraps in what the amount leaves, or the amount goes under it when
    /// that is too little (a narrow roll).
    pub(crate) fn pair(&mut self, label: &str, amount: &str, style: Style) {
        let f = faces();
        let amount = f.clean(amount);
        let amount_width = f.width_mm(&amount, style.size, style.weight) + COLUMN_GAP;
        let total = self.width();
        if amount_width > total * 0.55 {
            self.text(label, style);
            self.text(&amount, style.right());
            return;
        }
        let share = amount_width / total;
        self.row(&[
            Cell {
                text: label.to_owned(),
                share: 1.0 - share,
                style: Style {
                    align: Align::Left,
                    ..style
                },
            },
            Cell {
                text: amount,
                share,
                style: style.right(),
            },
        ]);
    }

    /// A thin line across the width, with a little air around it.
    pub(crate) fn rule(&mut self) {
        self.keep(2.0);
        self.y += 1.0;
        let (x, y, width) = (self.margins.side, self.y, self.width());
        self.place(Mark::Rule { x, y, width });
        self.y += 1.0;
    }

    /// `count` short lines side by side, one centred in each equal column:
    /// where people sign.
    pub(crate) fn signature_lines(&mut self, count: usize) {
        let column = self.width() / count.max(1) as f32;
        let y = self.y;
        for i in 0..count {
            let x = self.margins.side + column * i as f32 + column * 0.15;
            self.place(Mark::Rule {
                x,
                y,
                width: column * 0.7,
            });
        }
        self.y += 2.0;
    }

    /// A QR code's modules (`true` dark), `size` millimetres square, centred,
    /// with the quiet zone of four modules the standard asks for kept white.
    pub(crate) fn qr(&mut self, modules: &[Vec<bool>], size: f32) {
        let count = modules.len().max(1) as f32;
        let module = size / (count + 8.0);
        self.keep(size);
        let left = self.margins.side + (self.width() - size) / 2.0 + 4.0 * module;
        let top = self.y + 4.0 * module;
        for (row, cells) in modules.iter().enumerate() {
            // One rectangle per run of dark modules: a fifth of the marks,
            // and no hairline seams between neighbours in a viewer.
            let mut col = 0;
            while col < cells.len() {
                if !cells[col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < cells.len() && cells[col] {
                    col += 1;
                }
                self.place(Mark::Block {
                    x: left + start as f32 * module,
                    y: top + row as f32 * module,
                    w: (col - start) as f32 * module,
                    h: module,
                });
            }
        }
        self.y += size;
    }

    /// The logo, centred, scaled to fit `max_w` by `max_h` keeping its shape.
    pub(crate) fn logo(&mut self, pixels: (u32, u32), max_w: f32, max_h: f32) {
        let (pw, ph) = (pixels.0.max(1) as f32, pixels.1.max(1) as f32);
        let scale = (max_w / pw).min(max_h / ph);
        let (w, h) = (pw * scale, ph * scale);
        self.keep(h);
        let x = self.margins.side + (self.width() - w) / 2.0;
        let y = self.y;
        self.place(Mark::Logo { x, y, w, h });
        self.y += h;
    }

    /// Writes `footer(page, pages)` at the bottom of every sheet (page
    /// numbers); a roll has no footer.
    pub(crate) fn footer(&mut self, style: Style, footer: impl Fn(usize, usize) -> String) {
        let Some(sheet) = self.paper.sheet_height_mm() else {
            return;
        };
        let total = self.pages.len();
        let (left, width) = (self.margins.side, self.width());
        for page in 0..total {
            let text = faces().clean(&footer(page + 1, total));
            let used = faces().width_mm(&text, style.size, style.weight);
            let x = match style.align {
                Align::Left => left,
                Align::Center => left + (width - used) / 2.0,
                Align::Right => left + width - used,
            };
            self.pages[page].push(Mark::Text {
                x,
                baseline: sheet - self.margins.bottom / 2.0,
                size: style.size,
                weight: style.weight,
                text,
            });
        }
    }

    /// The pages, with a roll cut just below its content.
    pub(crate) fn finish(self) -> Laid {
        let height = match self.paper.sheet_height_mm() {
            Some(sheet) => sheet,
            None => self.y + self.margins.bottom,
        };
        Laid {
            paper: self.paper,
            height,
            pages: self.pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn margins() -> Margins {
        Margins {
            top: 5.0,
            side: 4.0,
            bottom: 10.0,
        }
    }

    fn texts(laid: &Laid) -> Vec<(f32, String)> {
        laid.pages
            .iter()
            .flatten()
            .filter_map(|m| match m {
                Mark::Text { x, text, .. } => Some((*x, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_roll_is_as_tall_as_its_content() {
        let mut short = Flow::new(Paper::Roll80, margins());
        short.text("Một dòng", Style::new(9.0));
        let mut long = Flow::new(Paper::Roll80, margins());
        for _ in 0..10 {
            long.text("Một dòng", Style::new(9.0));
        }
        let (short, long) = (short.finish(), long.finish());
        let line = Style::new(9.0).line_height();
        assert!((short.height - (5.0 + line + 10.0)).abs() < 0.01);
        assert!((long.height - short.height - 9.0 * line).abs() < 0.01);
        assert_eq!(long.pages.len(), 1);
    }

    #[test]
    fn a_sheet_flows_onto_more_pages() {
        let mut flow = Flow::new(Paper::A5, margins());
        for i in 0..200 {
            flow.text(&format!("Buổi {i}"), Style::new(10.0));
        }
        flow.footer(Style::new(8.0), |page, pages| format!("{page}/{pages}"));
        let laid = flow.finish();
        assert!(laid.pages.len() > 3, "{}", laid.pages.len());
        assert_eq!(laid.height, 210.0);
        for page in &laid.pages {
            for mark in page {
                if let Mark::Text { baseline, .. } = mark {
                    assert!(*baseline < 210.0 - 2.0);
                }
            }
        }
        let all = texts(&laid);
        assert!(all.iter().any(|(_, t)| t == "Buổi 199"));
        assert!(
            all.iter()
                .any(|(_, t)| *t == format!("{0}/{0}", laid.pages.len()))
        );
    }

    #[test]
    fn right_aligned_amounts_end_at_the_margin() {
        let mut flow = Flow::new(Paper::Roll58, margins());
        flow.pair("Tổng cộng", "1.250.000 ₫", Style::new(8.0).bold());
        let laid = flow.finish();
        let (x, amount) = texts(&laid).pop().expect("the amount");
        let end = x + faces().width_mm(&amount, 8.0, Weight::Bold);
        assert!((end - (58.0 - 4.0)).abs() < 0.01, "{end}");
    }

    #[test]
    fn qr_modules_become_runs() {
        let mut flow = Flow::new(Paper::Roll80, margins());
        let modules = vec![
            vec![true, true, false, true],
            vec![false; 4],
            vec![true; 4],
            vec![false, true, false, false],
        ];
        flow.qr(&modules, 24.0);
        let laid = flow.finish();
        let blocks = laid.pages[0].len();
        assert_eq!(blocks, 4);
    }
}
