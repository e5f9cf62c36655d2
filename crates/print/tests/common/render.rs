//! Looking at a PDF as poppler's tools see it: pages rasterised with
//! `pdftoppm`, text and word boxes with `pdftotext`, and pages compared with
//! committed reference PNGs within a tolerance.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Dots per inch of the rasters: a thermal head's 203, near enough.
pub const DPI: u32 = 200;
/// The share of the ink that may differ from the reference (after a
/// black/white threshold): antialiasing and poppler versions move edges by
/// a pixel, a changed word moves far more. Measured against the ink, not
/// the page: on an A4 sheet a changed word is a few hundredths of a percent
/// of the page, and would pass.
pub const TOLERANCE: f64 = 0.01;

/// A grey page: width, height and one byte a pixel.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Raster {
    pub fn ink(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 128
    }
}

fn write_pdf(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("document.pdf");
    std::fs::write(&path, bytes).expect("PDF written");
    path
}

fn run(command: &mut Command) -> Vec<u8> {
    let output = command.output().unwrap_or_else(|e| {
        panic!("{command:?} did not run ({e}): install poppler-utils (scripts/install-deps.sh)")
    });
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

pub fn read_png(path: &Path) -> Raster {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut buffer).expect("a frame");
    let channels = frame.color_type.samples();
    let pixels = buffer[..frame.buffer_size()]
        .chunks(channels)
        .map(|px| px[0])
        .collect();
    Raster {
        width: frame.width as usize,
        height: frame.height as usize,
        pixels,
    }
}

pub fn write_png(path: &Path, raster: &Raster) {
    let file = std::fs::File::create(path).expect("reference file");
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(file),
        raster.width as u32,
        raster.height as u32,
    );
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(&raster.pixels).expect("PNG data");
}

/// Every page of the PDF, rasterised in grey.
pub fn pages(bytes: &[u8]) -> Vec<Raster> {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), bytes);
    let mut pages = Vec::new();
    for page in 1.. {
        let prefix = dir.path().join(format!("page{page}"));
        let output = Command::new("pdftoppm")
            .args(["-gray", "-png", "-singlefile", "-r", &DPI.to_string()])
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg(&prefix)
            .output()
            .expect("pdftoppm runs (poppler-utils)");
        let png = prefix.with_extension("png");
        if !output.status.success() || !png.exists() {
            break;
        }
        pages.push(read_png(&png));
    }
    assert!(!pages.is_empty(), "pdftoppm made no page");
    pages
}

/// The PDF's text as `pdftotext` extracts it (UTF-8, layout kept).
pub fn text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), bytes);
    let out = run(Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-"));
    String::from_utf8(out).expect("UTF-8 text")
}

/// A word's box in points from the page's top left, and the page's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub page_width: f64,
    pub page_height: f64,
}

/// Every word's box, from `pdftotext -bbox`.
pub fn words(bytes: &[u8]) -> Vec<Word> {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), bytes);
    let html = String::from_utf8(run(Command::new("pdftotext")
        .arg("-bbox")
        .arg(&pdf)
        .arg("-")))
    .expect("UTF-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("a number")
    };
    let mut words = Vec::new();
    let (mut width, mut height) = (0.0, 0.0);
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            width = attr(line, "width");
            height = attr(line, "height");
        } else if line.starts_with("<word ") {
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</word>"))
                .map(|(t, _)| t.to_owned())
                .expect("a word");
            words.push(Word {
                text,
                x_min: attr(line, "xMin"),
                x_max: attr(line, "xMax"),
                y_min: attr(line, "yMin"),
                y_max: attr(line, "yMax"),
                page_width: width,
                page_height: height,
            });
        }
    }
    words
}

/// The pixels that are ink in one raster and paper in the other, as a
/// share of the pixels that are ink in either; 1.0 when the sizes differ.
pub fn difference(a: &Raster, b: &Raster) -> f64 {
    if (a.width, a.height) != (b.width, b.height) {
        return 1.0;
    }
    let (mut differing, mut inked) = (0usize, 0usize);
    for (x, y) in a.pixels.iter().zip(&b.pixels) {
        let (x, y) = (*x < 128, *y < 128);
        differing += usize::from(x != y);
        inked += usize::from(x || y);
    }
    differing as f64 / inked.max(1) as f64
}

/// Compares each page with `tests/references/{name}-{page}.png`, or
/// rewrites the references when CAREDESK_UPDATE_REFERENCES=1.
pub fn assert_matches_references(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/references");
    let update = std::env::var("CAREDESK_UPDATE_REFERENCES").is_ok_and(|v| v == "1");
    let rendered = pages(bytes);
    for (i, page) in rendered.iter().enumerate() {
        let path = dir.join(format!("{name}-{}.png", i + 1));
        if update {
            write_png(&path, page);
            continue;
        }
        assert!(
            path.exists(),
            "no reference {}: run with CAREDESK_UPDATE_REFERENCES=1 and look at it",
            path.display()
        );
        let reference = read_png(&path);
        let diff = difference(page, &reference);
        if diff > TOLERANCE {
            let seen = std::env::temp_dir().join(format!("{name}-{}-rendered.png", i + 1));
            write_png(&seen, page);
            panic!(
                "{name} page {}: {:.3}% of the ink differs from {} (rendered: {})",
                i + 1,
                diff * 100.0,
                path.display(),
                seen.display()
            );
        }
    }
    if !update {
        let extra = dir.join(format!("{name}-{}.png", rendered.len() + 1));
        assert!(
            !extra.exists(),
            "{name} has fewer pages than its references"
        );
    }
}
