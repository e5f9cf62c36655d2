//! Printing through a real CUPS: the throwaway scheduler and cups-pdf queue
//! of `scripts/test-cups.sh` (`eval "$(scripts/test-cups.sh env)"`; `make
//! test` does it). The PDF cups-pdf writes is checked with poppler's
//! pdfinfo and pdftoppm. Without that CUPS the tests say so and pass,
//! unless CAREDESK_REQUIRE_CUPS=1.
//!
//! Why not pdftotext on what cups-pdf wrote: cups-pdf takes PostScript, so
//! CUPS turns the PDF into PostScript and cups-pdf's Ghostscript turns it
//! back, and on the way the CID font loses the map from glyphs to Unicode
//! (the text comes back as dingbats). The text is checked in the PDF that
//! went in, and the PDF that came out must look the same: both pages are
//! rendered and their ink compared.

mod common;
mod dispatch_fixture;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use caredesk_print::dispatch::{self, Job, Printed, Target};
use caredesk_print::{Paper, Pdf, ReceiptData, ReceiptOptions, receipt};
use dispatch_fixture::{TEXT, document};

/// The test CUPS, from scripts/test-cups.sh's environment.
struct Cups {
    server: String,
    queue: String,
    closed: String,
    out: PathBuf,
}

fn cups() -> Option<Cups> {
    let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let found = (|| {
        Some(Cups {
            server: var("CAREDESK_TEST_CUPS")?,
            queue: var("CAREDESK_TEST_CUPS_QUEUE")?,
            closed: var("CAREDESK_TEST_CUPS_CLOSED")?,
            out: var("CAREDESK_TEST_CUPS_OUT")?.into(),
        })
    })();
    if found.is_none() {
        if std::env::var("CAREDESK_REQUIRE_CUPS").as_deref() == Ok("1") {
            panic!(
                "CAREDESK_REQUIRE_CUPS=1 but no test CUPS: run \
                 eval \"$(scripts/test-cups.sh env)\" first"
            );
        }
        eprintln!(
            "skipped: no test CUPS (eval \"$(scripts/test-cups.sh env)\" to run this; \
             CAREDESK_REQUIRE_CUPS=1 makes this a failure)"
        );
    }
    found
}

fn target(cups: &Cups, queue: &str) -> Target {
    Target::System {
        queue: queue.to_owned(),
        server: Some(cups.server.clone()),
    }
}

/// The file cups-pdf writes for job `CareDesk-PDF-12` ends in `-job_12.pdf`;
/// it appears once the job has gone through the filters.
fn printed_file(out: &Path, job_id: &str) -> PathBuf {
    let number = job_id.rsplit('-').next().expect("a job number");
    let suffix = format!("-job_{number}.pdf");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = std::fs::read_dir(out)
            .expect("read the cups-pdf output folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| path.to_string_lossy().ends_with(&suffix));
        if let Some(path) = found {
            // cups-pdf writes the file, then gives it its owner and mode:
            // wait until it is a whole PDF.
            let bytes = std::fs::read(&path).expect("read the printed file");
            if bytes.starts_with(b"%PDF-") && bytes.windows(5).any(|tail| tail == b"%%EOF") {
                return path;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no *{suffix} in {} after 60 s",
            out.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .unwrap_or_else(|error| panic!("{program}: {error} (install poppler-utils)"));
    assert!(output.status.success(), "{program} {args:?} failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The page rendered in grey at 100 dpi (pdftoppm), as ink or not.
struct Ink {
    width: usize,
    height: usize,
    dots: Vec<bool>,
}

fn ink(file: &Path) -> Ink {
    let output = Command::new("pdftoppm")
        .args(["-r", "100", "-gray", "-singlefile"])
        .arg(file)
        .output()
        .unwrap_or_else(|error| panic!("pdftoppm: {error} (install poppler-utils)"));
    assert!(
        output.status.success(),
        "pdftoppm {} failed",
        file.display()
    );
    // PGM: "P5\n<width> <height>\n255\n" and a byte a pixel.
    let pgm = output.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray makes a PGM");
    let width: usize = fields[1].parse().expect("a width");
    let height: usize = fields[2].parse().expect("a height");
    let pixels = &pgm[at + 1..];
    assert_eq!(pixels.len(), width * height);
    Ink {
        width,
        height,
        dots: pixels.iter().map(|grey| *grey < 128).collect(),
    }
}

impl Ink {
    fn at(&self, x: i64, y: i64) -> bool {
        (0..self.width as i64).contains(&x)
            && (0..self.height as i64).contains(&y)
            && self.dots[y as usize * self.width + x as usize]
    }

    /// Ink at (x, y) or a pixel next to it.
    fn near(&self, x: i64, y: i64) -> bool {
        (-1..=1).any(|dy| (-1..=1).any(|dx| self.at(x + dx, y + dy)))
    }
}

/// The inked pixels of either page with no ink at or next to the same place
/// on the other, and the ink `sent` has. `printed` is first moved by up to
/// 3 pixels each way to line up (Ghostscript rounds the page to whole
/// points, which can move the picture a fraction of a millimetre); the
/// one-pixel slack absorbs glyph edges drawn from another font format and
/// the hairline seams Ghostscript leaves in filled shapes.
fn ink_difference(sent: &Ink, printed: &Ink) -> (usize, usize) {
    // Only where either page has ink (and a margin for the shift) matters.
    let (mut left, mut top, mut right, mut bottom) = (i64::MAX, i64::MAX, 0, 0);
    for page in [sent, printed] {
        for (index, _) in page.dots.iter().enumerate().filter(|(_, dot)| **dot) {
            let (x, y) = ((index % page.width) as i64, (index / page.width) as i64);
            (left, top) = (left.min(x - 4), top.min(y - 4));
            (right, bottom) = (right.max(x + 5), bottom.max(y + 5));
        }
    }
    let mut shifts = Vec::new();
    for dy in -3..=3 {
        for dx in -3..=3 {
            shifts.push((dx, dy));
        }
    }
    let plain = |(dx, dy): (i64, i64)| {
        let mut differ = 0;
        for y in top..bottom {
            for x in left..right {
                differ += usize::from(sent.at(x, y) != printed.at(x + dx, y + dy));
            }
        }
        differ
    };
    let (dx, dy) = shifts
        .into_iter()
        .min_by_key(|shift| plain(*shift))
        .expect("49 shifts");
    let mut unmatched = 0;
    for y in top..bottom {
        for x in left..right {
            let missing = sent.at(x, y) && !printed.near(x + dx, y + dy);
            let extra = printed.at(x + dx, y + dy) && !sent.near(x, y);
            unmatched += usize::from(missing || extra);
        }
    }
    let inked = sent.dots.iter().filter(|dot| **dot).count();
    (unmatched, inked)
}

/// pdfinfo's `Page size: 226.77 x 113.39 pts`, in millimetres.
fn page_size_mm(file: &Path) -> (f32, f32) {
    let info = tool("pdfinfo", &[&file.to_string_lossy()]);
    let line = info
        .lines()
        .find_map(|line| line.strip_prefix("Page size:"))
        .expect("pdfinfo gives a page size");
    let numbers: Vec<f32> = line
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    let to_mm = |points: f32| points / 72.0 * 25.4;
    (to_mm(numbers[0]), to_mm(numbers[1]))
}

fn print_and_check(cups: &Cups, paper: Paper, title: &str) {
    print_and_compare(cups, &document(paper), TEXT, title);
}

/// Prints `pdf` (which must say `says`) and checks that what cups-pdf wrote
/// has the page size and the picture that went in.
fn print_and_compare(cups: &Cups, pdf: &Pdf, says: &str, title: &str) {
    let paper = pdf.paper;
    let folder = tempfile::tempdir().expect("a temp dir");
    let sent = folder.path().join("sent.pdf");
    std::fs::write(&sent, &pdf.bytes).expect("write the PDF sent");
    let text = tool("pdftotext", &[&sent.to_string_lossy(), "-"]);
    assert!(text.contains(says), "{text:?} has no {says:?}");

    let printed = dispatch::print(pdf, &target(cups, &cups.queue), &Job::new(title))
        .expect("CUPS takes the job");
    let Printed::Queued {
        job_id: Some(job_id),
    } = printed
    else {
        panic!("a queued job with its id, not {printed:?}");
    };
    assert!(job_id.starts_with(&format!("{}-", cups.queue)), "{job_id}");

    let file = printed_file(&cups.out, &job_id);
    let (width, height) = page_size_mm(&file);
    // Ghostscript (behind cups-pdf) rounds the page to whole points.
    assert!(
        (width - paper.width_mm()).abs() < 0.75 && (height - pdf.height_mm).abs() < 0.75,
        "{paper:?}: the page is {width} x {height} mm, not {} x {} mm",
        paper.width_mm(),
        pdf.height_mm
    );
    // The same picture in the same place. The text is about a tenth of
    // the ink: a page without it would be far over the 1% allowed.
    let (differ, inked) = ink_difference(&ink(&sent), &ink(&file));
    assert!(inked > 2000, "the document has ink: {inked} pixels");
    assert!(
        differ * 100 < inked,
        "{paper:?}: {differ} of {inked} inked pixels differ in {}",
        file.display()
    );
    // Checked: it would only pile up run after run.
    std::fs::remove_file(&file).expect("remove the printed file");
}

#[test]
fn a_roll_receipt_prints_on_its_own_custom_media() {
    let Some(cups) = cups() else { return };
    print_and_check(&cups, Paper::Roll80, "Hóa đơn A7Q-000001");
    print_and_check(&cups, Paper::Roll58, "Hóa đơn A7Q-000002");
}

/// The real thing: the test spa's receipt, Vietnamese, a QR code and all,
/// on a roll as long as its content.
#[test]
fn a_real_receipt_prints_whole() {
    let Some(cups) = cups() else { return };
    let mut spa = common::spa();
    let number = common::sale(&mut spa);
    let data = ReceiptData::load(&spa.store, &spa.at("2026-11-21T10:46"), &number).expect("data");
    let pdf = receipt(&data, &ReceiptOptions::new(Paper::Roll80)).expect("receipt");
    assert!(
        pdf.height_mm > 150.0,
        "a long receipt: {} mm",
        pdf.height_mm
    );
    print_and_compare(&cups, &pdf, common::CUSTOMER, &format!("Hóa đơn {number}"));
}

#[test]
fn a_statement_prints_on_its_sheet() {
    let Some(cups) = cups() else { return };
    print_and_check(&cups, Paper::A5, "Thẻ liệu trình");
    print_and_check(&cups, Paper::A4, "Báo cáo ngày");
}

#[test]
fn the_test_queue_is_listed() {
    let Some(cups) = cups() else { return };
    let printers = dispatch::system_printers(Some(&cups.server)).expect("lpstat answers");
    let names: Vec<&str> = printers
        .iter()
        .map(|printer| printer.name.as_str())
        .collect();
    assert!(names.contains(&cups.queue.as_str()), "{names:?}");
    assert!(names.contains(&cups.closed.as_str()), "{names:?}");
    assert!(names.is_sorted(), "{names:?}");
    let defaults: Vec<&str> = printers
        .iter()
        .filter(|printer| printer.is_default)
        .map(|printer| printer.name.as_str())
        .collect();
    assert_eq!(defaults, [cups.queue.as_str()], "the server's default");
}

#[test]
fn a_server_that_never_answers_times_out() {
    // lp is needed here: the deadline is what kills it.
    let Some(_cups) = cups() else { return };
    // It takes the connection (the kernel does, into the backlog) and never
    // says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let target = Target::System {
        queue: "CareDesk-PDF".to_owned(),
        server: Some(silent.local_addr().expect("address").to_string()),
    };
    let mut job = Job::new("x");
    job.timeout = Duration::from_millis(1500);
    let started = Instant::now();
    let error = dispatch::print(&document(Paper::Roll80), &target, &job).expect_err("no answer");
    assert_eq!(error.code(), "printer_timed_out", "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "lp was stopped in time"
    );
    drop(silent);
}

/// What printing the fixture on `queue` of the test CUPS is refused with.
fn refusal(cups: &Cups, queue: &str) -> dispatch::DispatchError {
    dispatch::print(
        &document(Paper::Roll80),
        &target(cups, queue),
        &Job::new("x"),
    )
    .expect_err("refused")
}

#[test]
fn an_unknown_queue_is_named() {
    let Some(cups) = cups() else { return };
    let error = refusal(&cups, "Không-có-máy-này");
    assert_eq!(error.code(), "printer_unknown", "{error}");
    assert!(error.to_string().contains("Không-có-máy-này"), "{error}");
}

#[test]
fn a_queue_that_refuses_jobs_says_so() {
    let Some(cups) = cups() else { return };
    let error = refusal(&cups, &cups.closed);
    assert_eq!(error.code(), "printer_refused", "{error}");
    assert!(error.to_string().contains("not accepting jobs"), "{error}");
}

#[test]
fn a_server_that_is_not_there_is_unreachable() {
    // CUPS itself is needed here too: without lp the error is another.
    let Some(_cups) = cups() else { return };
    let nobody = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port");
    let target = Target::System {
        queue: "CareDesk-PDF".to_owned(),
        server: Some(nobody.to_string()),
    };
    let error = dispatch::print(&document(Paper::Roll80), &target, &Job::new("x"))
        .expect_err("nothing listens there");
    assert_eq!(error.code(), "printer_unreachable", "{error}");
    let listed = dispatch::system_printers(Some(&nobody.to_string())).expect_err("no list");
    assert_eq!(listed.code(), "printer_unreachable", "{listed}");
}

#[test]
fn bad_queue_names_never_reach_lp() {
    // Checked before lp runs, so this needs no CUPS at all.
    let pdf = document(Paper::Roll80);
    for queue in ["", "-d", "hai từ", "a/b", "a#b", &"q".repeat(128)] {
        let target = Target::System {
            queue: queue.to_owned(),
            server: None,
        };
        let error = dispatch::print(&pdf, &target, &Job::new("x")).expect_err(queue);
        assert_eq!(error.code(), "printer_invalid", "{queue:?}: {error}");
    }
    let target = Target::System {
        queue: "CareDesk-PDF".to_owned(),
        server: Some("-h".to_owned()),
    };
    let error = dispatch::print(&pdf, &target, &Job::new("x")).expect_err("bad server");
    assert_eq!(error.code(), "printer_invalid");
}
