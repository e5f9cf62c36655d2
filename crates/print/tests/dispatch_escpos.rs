//! ESC/POS thermal printing with real parts: a real TCP listener on
//! 127.0.0.1:0 takes the job as a printer's port 9100 would, a temporary
//! file stands for the USB device, and what arrives is decoded back into
//! the picture and checked against where the document has ink.

mod dispatch_fixture;

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use caredesk_print::Paper;
use caredesk_print::dispatch::raster::Bitmap;
use caredesk_print::dispatch::{self, Job, PrintHead, Printed, Target};
use dispatch_fixture::{
    BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM, BLOCK_WIDTH_MM, ROLL_HEIGHT_MM, TEXT_BASELINE_MM,
    TEXT_LEFT_MM, TEXT_SIZE_PT, document, document_with,
};

const DOTS_PER_MM: f32 = 203.0 / 25.4;

/// A place on the page, in dots.
fn dots(mm: f32) -> u32 {
    (mm * DOTS_PER_MM).round() as u32
}

/// A page's size in dots: the renderer drops the last part-dot.
fn page_dots(mm: f32) -> u32 {
    (mm * DOTS_PER_MM) as u32
}

/// One copy as the printer would print it.
#[derive(Debug)]
struct Copy {
    picture: Bitmap,
    cut: bool,
}

/// Reads a job back: `ESC @`, then per copy `GS v 0` bands of one width and
/// a cut (`GS V 66 0`) or a feed to the tear bar (`ESC d n`). Anything else
/// is an error: a printer would print it as garbage.
fn decode(bytes: &[u8]) -> Result<Vec<Copy>, String> {
    let rest = bytes
        .strip_prefix(&[0x1B, 0x40])
        .ok_or("the job does not start with ESC @")?;
    let mut copies = Vec::new();
    let mut rows: Vec<u8> = Vec::new();
    let mut width_bytes: Option<usize> = None;
    let mut at = 0;
    while at < rest.len() {
        let here = &rest[at..];
        if let Some(band) = here.strip_prefix(&[0x1D, 0x76, 0x30, 0x00]) {
            let [xl, xh, yl, yh, ..] = *band else {
                return Err(format!("a raster header cut short at {at}"));
            };
            let x = usize::from(u16::from_le_bytes([xl, xh]));
            let y = usize::from(u16::from_le_bytes([yl, yh]));
            if width_bytes.is_some_and(|width| width != x) {
                return Err(format!(
                    "a band {x} bytes wide after others of {width_bytes:?}"
                ));
            }
            width_bytes = Some(x);
            let data = band
                .get(4..4 + x * y)
                .ok_or_else(|| format!("a band of {x}x{y} with too few bytes at {at}"))?;
            rows.extend_from_slice(data);
            at += 8 + x * y;
        } else if here.starts_with(&[0x1D, 0x56, 0x42, 0x00]) || here.starts_with(&[0x1B, 0x64]) {
            let cut = here[0] == 0x1D;
            let width = width_bytes.ok_or("a cut before any picture")? as u32 * 8;
            let picture = Bitmap::from_rows(width, std::mem::take(&mut rows))
                .ok_or("rows that do not fill whole lines")?;
            copies.push(Copy { picture, cut });
            at += if cut { 4 } else { 3 };
        } else {
            return Err(format!(
                "unknown bytes at {at}: {:02x?}",
                &here[..here.len().min(4)]
            ));
        }
    }
    if !rows.is_empty() {
        return Err("a picture with no cut or feed after it".to_owned());
    }
    Ok(copies)
}

/// A printer on the network: takes one connection and reads it to the end.
fn printer() -> (SocketAddr, thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("the listener's address");
    let reader = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("the job's connection");
        let mut received = Vec::new();
        stream.read_to_end(&mut received).expect("read the job");
        received
    });
    (address, reader)
}

/// A listener made by hand, for what std does not offer: a chosen backlog
/// and, set before listening so accepted sockets inherit it, a receive
/// buffer size.
fn raw_listener(backlog: i32, receive_buffer: Option<usize>) -> (socket2::Socket, SocketAddr) {
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("a socket");
    if let Some(size) = receive_buffer {
        socket
            .set_recv_buffer_size(size)
            .expect("a small receive buffer");
    }
    let loopback: SocketAddr = "127.0.0.1:0".parse().expect("an address");
    socket.bind(&loopback.into()).expect("bind");
    socket.listen(backlog).expect("listen");
    let address = socket
        .local_addr()
        .expect("address")
        .as_socket()
        .expect("an inet address");
    (socket, address)
}

/// What printing the 80 mm fixture on `target` is refused with.
fn refusal(target: &Target) -> dispatch::DispatchError {
    dispatch::print(&document(Paper::Roll80), target, &Job::new("x")).expect_err("refused")
}

/// The fixture laid out for `paper`, printed on an 80 mm network printer:
/// what `print` said and what the printer received.
fn print_on_network(paper: Paper, title: &str) -> (Printed, Vec<u8>) {
    let (address, printer) = printer();
    let target = Target::Network {
        address: address.to_string(),
        head: PrintHead::ROLL_80,
    };
    let printed =
        dispatch::print(&document(paper), &target, &Job::new(title)).expect("the printer takes it");
    (printed, printer.join().expect("the printer thread"))
}

fn ink_in(picture: &Bitmap, columns: std::ops::Range<u32>, rows: std::ops::Range<u32>) -> u32 {
    let mut count = 0;
    for y in rows {
        for x in columns.clone() {
            if picture.ink(x, y) {
                count += 1;
            }
        }
    }
    count
}

/// Checks where a document from `dispatch_fixture` has ink, given the head
/// column the page's left edge landed on (negative: left of the head).
fn check_picture(picture: &Bitmap, page_left: i64, paper_dots: u32) {
    let column = |mm: f32| (i64::from(dots(mm)) + page_left) as u32;
    assert_eq!(
        picture.height(),
        page_dots(ROLL_HEIGHT_MM),
        "rows: the page's height at 203 dpi"
    );
    // The block is solid (2 dots in from its edges, for anti-aliasing).
    let block_columns = column(BLOCK_LEFT_MM) + 2..column(BLOCK_LEFT_MM + BLOCK_WIDTH_MM) - 2;
    let block_rows = dots(BLOCK_TOP_MM) + 2..dots(BLOCK_TOP_MM + BLOCK_HEIGHT_MM) - 2;
    let block_area = block_columns.len() as u32 * block_rows.len() as u32;
    assert_eq!(
        ink_in(picture, block_columns, block_rows),
        block_area,
        "the block is solid"
    );
    // The text: ink within a cap height above its baseline, from its left.
    let cap = dots(TEXT_SIZE_PT * 0.75 * 25.4 / 72.0);
    let text_rows = dots(TEXT_BASELINE_MM) - cap..dots(TEXT_BASELINE_MM);
    let text_ink = ink_in(
        picture,
        column(TEXT_LEFT_MM)..picture.width(),
        text_rows.clone(),
    );
    assert!(text_ink > 500, "the text has ink: {text_ink} dots");
    assert_eq!(
        ink_in(picture, 0..column(TEXT_LEFT_MM) - 1, text_rows),
        0,
        "nothing left of the text"
    );
    // Blank where the document is blank: above the text, between the text
    // and the block, below the block.
    let everywhere = 0..picture.width();
    let above = 0..dots(TEXT_BASELINE_MM) - cap - 4;
    let between = dots(TEXT_BASELINE_MM) + dots(2.0)..dots(BLOCK_TOP_MM) - 2;
    let below = dots(BLOCK_TOP_MM + BLOCK_HEIGHT_MM) + 2..picture.height();
    for rows in [above, between, below] {
        assert_eq!(
            ink_in(picture, everywhere.clone(), rows.clone()),
            0,
            "rows {rows:?}"
        );
    }
    // Nothing outside the paper.
    let paper_left = page_left.max(0) as u32;
    let paper_right = (page_left + i64::from(paper_dots)).min(i64::from(picture.width())) as u32;
    let all_rows = 0..picture.height();
    assert_eq!(ink_in(picture, 0..paper_left, all_rows.clone()), 0);
    assert_eq!(ink_in(picture, paper_right..picture.width(), all_rows), 0);
}

#[test]
fn a_receipt_goes_to_a_network_printer_as_raster_bands_then_a_cut() {
    let (printed, received) = print_on_network(Paper::Roll80, "Hóa đơn A7Q-000001");
    assert_eq!(
        printed,
        Printed::Sent {
            bytes: received.len()
        }
    );

    let copies = decode(&received).expect("the job decodes");
    assert_eq!(copies.len(), 1);
    let copy = &copies[0];
    assert!(copy.cut, "the receipt is cut");
    assert_eq!(copy.picture.width(), 576, "72 bytes a row: the 80 mm head");
    // The 80 mm page is 639 dots; the head's 576 are its middle.
    let page_dots = page_dots(80.0);
    check_picture(&copy.picture, -i64::from((page_dots - 576) / 2), page_dots);
}

#[test]
fn a_58_mm_receipt_on_an_80_mm_head_is_centred_with_nothing_outside_the_paper() {
    let (_, received) = print_on_network(Paper::Roll58, "58 mm");
    let copies = decode(&received).expect("decodes");
    let page_dots = page_dots(58.0);
    check_picture(
        &copies[0].picture,
        i64::from((576 - page_dots) / 2),
        page_dots,
    );
}

#[test]
fn a_page_whose_ink_is_wider_than_the_head_is_scaled_down_not_cut() {
    let pdf = document(Paper::Roll80);
    let head = PrintHead {
        dpi: 203,
        width_dots: 200,
        cutter: false,
    };
    let bytes = dispatch::thermal_job(&pdf, head, &Job::new("narrow")).expect("rasterised");
    let copies = decode(&bytes).expect("decodes");
    assert!(!copies[0].cut, "no cutter: fed to the tear bar");
    let picture = &copies[0].picture;
    assert_eq!(picture.width(), 200);
    // The whole 80 mm page is squeezed into 200 dots: the block keeps its
    // share of the width (20 of 80 mm).
    let scale = 200.0 / 80.0;
    let block_left = (BLOCK_LEFT_MM * scale).round() as u32;
    let block_right = ((BLOCK_LEFT_MM + BLOCK_WIDTH_MM) * scale).round() as u32;
    let row = (dots(BLOCK_TOP_MM) + dots(BLOCK_HEIGHT_MM) / 2) * 200 / page_dots(80.0);
    let solid = ink_in(picture, block_left + 1..block_right - 1, row..row + 1);
    assert_eq!(
        solid,
        block_right - block_left - 2,
        "the block, scaled, on row {row}"
    );
    assert_eq!(ink_in(picture, block_right + 2..200, row..row + 1), 0);
}

#[test]
fn a_device_file_gets_the_same_job_and_one_cut_a_copy() {
    let pdf = document(Paper::Roll58);
    let device = tempfile::NamedTempFile::new().expect("a temp file for the device");
    let target = Target::Device {
        path: device.path().to_owned(),
        head: PrintHead::ROLL_58,
    };
    let mut job = Job::new("Hai bản");
    job.copies = 2;
    let printed = dispatch::print(&pdf, &target, &job).expect("written");
    let written = std::fs::read(device.path()).expect("read the device file");
    assert_eq!(
        printed,
        Printed::Sent {
            bytes: written.len()
        }
    );
    assert_eq!(
        written,
        dispatch::thermal_job(&pdf, PrintHead::ROLL_58, &job).expect("the job")
    );
    let copies = decode(&written).expect("decodes");
    assert_eq!(copies.len(), 2);
    assert!(copies.iter().all(|copy| copy.cut));
    assert_eq!(copies[0].picture, copies[1].picture);
    // 58 mm is 463 dots, 79 more than the 384-dot head: true size, the
    // middle of the page under the head.
    let page_dots = page_dots(58.0);
    check_picture(
        &copies[0].picture,
        -i64::from((page_dots - 384) / 2),
        page_dots,
    );
}

#[test]
fn pages_are_printed_one_under_the_other_and_cut_once() {
    let pdf = document_with(Paper::Roll58, ROLL_HEIGHT_MM, 2);
    let bytes =
        dispatch::thermal_job(&pdf, PrintHead::ROLL_58, &Job::new("2 trang")).expect("rasterised");
    let copies = decode(&bytes).expect("decodes");
    assert_eq!(copies.len(), 1, "one cut, after the last page");
    let picture = &copies[0].picture;
    let page = page_dots(ROLL_HEIGHT_MM);
    assert_eq!(picture.height(), 2 * page);
    let page_dots = page_dots(58.0);
    for (from, to) in [(0, page), (page, 2 * page)] {
        let one = Bitmap::from_rows(picture.width(), picture.rows(from, to).to_vec())
            .expect("whole rows");
        check_picture(&one, -i64::from((page_dots - 384) / 2), page_dots);
    }
}

#[test]
fn a_missing_device_is_an_unknown_printer_and_no_file_is_made() {
    let folder = tempfile::tempdir().expect("a temp dir");
    let path = folder.path().join("lp0");
    let target = Target::Device {
        path: path.clone(),
        head: PrintHead::ROLL_80,
    };
    let error = refusal(&target);
    assert_eq!(error.code(), "printer_unknown");
    assert!(error.to_string().contains("lp0"), "{error}");
    assert!(!path.exists(), "no file was created in its place");
}

#[test]
fn a_refused_connection_says_so() {
    let address = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address")
        // Dropped here: nothing listens on that port any more.
    };
    let target = Target::Network {
        address: address.to_string(),
        head: PrintHead::ROLL_80,
    };
    let error = refusal(&target);
    assert_eq!(error.code(), "printer_unreachable");
    let message = error.to_string();
    assert!(
        message.contains(&address.to_string()) && message.contains("refused"),
        "{message}"
    );
}

#[test]
fn a_printer_that_never_answers_the_connection_times_out() {
    // A listener with a backlog of 0 that never accepts: once its queue is
    // full the kernel drops new SYNs, so a connection waits forever.
    let (_listener, address) = raw_listener(0, None);
    let mut held = Vec::new();
    let full =
        (0..16).any(
            |_| match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
                Ok(stream) => {
                    held.push(stream);
                    false
                }
                Err(_) => true,
            },
        );
    assert!(full, "the listener's queue never filled");

    let mut job = Job::new("x");
    job.timeout = Duration::from_millis(400);
    let target = Target::Network {
        address: address.to_string(),
        head: PrintHead::ROLL_80,
    };
    let started = Instant::now();
    let error = dispatch::print(&document(Paper::Roll80), &target, &job).expect_err("no answer");
    assert_eq!(error.code(), "printer_timed_out", "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it gave up in time"
    );
    assert!(error.to_string().contains("0.4 s"), "{error}");
}

#[test]
fn a_printer_that_stops_reading_times_out() {
    // It accepts and then reads nothing. Its receive buffer is kept small
    // (set before listening, so the accepted socket has it too), and the
    // job, 99 copies of a 40 cm receipt (some 22 MB), is far more than the
    // sender's buffer (4 MB at most here) can hold: the write waits.
    let (socket, address) = raw_listener(1, Some(4096));
    let listener: TcpListener = socket.into();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let holder = thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        // Held open, unread, until the test has its answer.
        let _ = released.recv();
        drop(stream);
    });
    let mut job = Job::new("x");
    job.copies = 99;
    job.timeout = Duration::from_millis(1500);
    let target = Target::Network {
        address: address.to_string(),
        head: PrintHead::ROLL_80,
    };
    let pdf = document_with(Paper::Roll80, 400.0, 1);
    let started = Instant::now();
    let error = dispatch::print(&pdf, &target, &job).expect_err("stuck");
    assert_eq!(error.code(), "printer_timed_out", "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it gave up in time"
    );
    drop(release);
    holder.join().expect("the holder thread");
}

#[test]
fn bad_jobs_are_refused_before_anything_is_sent() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let network = Target::Network {
        address: listener.local_addr().expect("address").to_string(),
        head: PrintHead::ROLL_80,
    };
    let roll = document(Paper::Roll80);
    let mut not_pdf = roll.clone();
    not_pdf.bytes = b"GIF89a".to_vec();
    let mut no_height = roll.clone();
    no_height.height_mm = f32::NAN;
    let mut no_copies = Job::new("x");
    no_copies.copies = 0;
    let mut too_many = Job::new("x");
    too_many.copies = 100;
    let cases = [
        (
            &document(Paper::A5),
            Job::new("x"),
            "printer_invalid",
            "rolls",
        ),
        (&not_pdf, Job::new("x"), "document_unprintable", "not a PDF"),
        (&no_height, Job::new("x"), "document_unprintable", "NaN"),
        (&roll, no_copies, "print_job_invalid", "copies"),
        (&roll, too_many, "print_job_invalid", "copies"),
        (&roll, Job::new(" "), "print_job_invalid", "title"),
        (&roll, Job::new("a\u{7}b"), "print_job_invalid", "control"),
    ];
    for (pdf, job, code, says) in cases {
        let error = dispatch::print(pdf, &network, &job).expect_err(code);
        assert_eq!(error.code(), code, "{error}");
        assert!(
            error.to_string().contains(says),
            "{error} should say {says}"
        );
    }
    let narrow = Target::Network {
        address: listener.local_addr().expect("address").to_string(),
        head: PrintHead {
            dpi: 203,
            width_dots: 0,
            cutter: true,
        },
    };
    let error = dispatch::print(&roll, &narrow, &Job::new("x")).expect_err("no head");
    assert_eq!(error.code(), "printer_invalid");
    let bad_address = Target::Network {
        address: "máy in:9100".to_owned(),
        head: PrintHead::ROLL_80,
    };
    let error = dispatch::print(&roll, &bad_address, &Job::new("x")).expect_err("bad address");
    assert_eq!(error.code(), "printer_invalid");
    let no_device = Target::Device {
        path: "".into(),
        head: PrintHead::ROLL_80,
    };
    let error = dispatch::print(&roll, &no_device, &Job::new("x")).expect_err("no path");
    assert_eq!(error.code(), "printer_invalid");
    // Nobody connected for any of them.
    assert_eq!(
        listener.accept().map(|_| ()).map_err(|error| error.kind()),
        Err(std::io::ErrorKind::WouldBlock)
    );
}
