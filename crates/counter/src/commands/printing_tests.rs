//! Printing from the counter on a real database file, to real printers: a
//! thermal printer played by a TCP listener on 127.0.0.1 that reads the
//! ESC/POS bytes, and, when `scripts/test-cups.sh` runs one, the test CUPS's
//! cups-pdf queue.

use std::io::Read;
use std::net::TcpListener;
use std::thread::JoinHandle;

use super::*;
use crate::commands::test_counter::{Counter, signed_in, tuan, with_customer};
use crate::counter_settings::ReceiptPrinter;

/// A thermal printer on the network: takes one connection and returns
/// what was sent on it.
fn thermal_printer() -> (String, JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    let address = listener.local_addr().expect("address").to_string();
    let printer = std::thread::spawn(move || {
        let (mut connection, _) = listener.accept().expect("a print job");
        let mut bytes = Vec::new();
        connection.read_to_end(&mut bytes).expect("the job's bytes");
        bytes
    });
    (address, printer)
}

fn on_network(address: &str) -> PrinterSettings {
    PrinterSettings {
        receipt_printer: Some(ReceiptPrinter::Network {
            address: address.to_owned(),
        }),
        ..PrinterSettings::default()
    }
}

fn printed_count(counter: &mut Counter, number: &str) -> u32 {
    let (store, _) = counter.session.acting(Timestamp::now()).expect("acting");
    store.sales().sale(number).expect("the sale").printed
}

fn print(counter: &mut Counter, prepared: PrintJob) -> Result<PrintOutcome, IpcError> {
    let printed = send(&prepared)?;
    finish(&mut counter.session, Timestamp::now(), &prepared, printed)
}

/// ESC/POS: `ESC @` first, raster bands (`GS v 0`), a cut (`GS V`) last.
fn assert_escpos_raster(bytes: &[u8]) {
    assert!(bytes.starts_with(&[0x1b, b'@']), "starts with ESC @");
    assert!(
        bytes.windows(3).any(|w| w == [0x1d, b'v', b'0']),
        "has GS v 0 raster"
    );
    assert!(bytes.windows(2).any(|w| w == [0x1d, b'V']), "is cut (GS V)");
    assert!(
        bytes.len() > 10_000,
        "a whole receipt: {} bytes",
        bytes.len()
    );
}

#[test]
fn a_receipt_goes_to_the_thermal_printer_and_the_second_is_a_copy() {
    let mut counter = signed_in("Lan", "1111");
    let number = counter.sell_shampoo().number;
    for (round, expect_copy) in [(1, false), (2, true)] {
        let (address, printer) = thermal_printer();
        let settings = on_network(&address);
        let prepared =
            receipt_job(&mut counter.session, Timestamp::now(), &settings, &number).expect("made");
        let outcome = print(&mut counter, prepared).expect("printed");
        assert_eq!(
            outcome,
            PrintOutcome {
                printer: address,
                job: None,
                copy: expect_copy,
            }
        );
        assert_escpos_raster(&printer.join().expect("the printer's thread"));
        assert_eq!(printed_count(&mut counter, &number), round);
    }
    let (by, approver) = counter.last_op_by();
    assert_eq!((by.as_str(), approver), ("Lan", None), "Lan printed it");
}

#[test]
fn a_58_mm_roll_is_rastered_narrower_than_80() {
    let mut counter = signed_in("Lan", "1111");
    let number = counter.sell_shampoo().number;
    let mut sizes = Vec::new();
    for width in [80, 58] {
        let (address, printer) = thermal_printer();
        let settings = PrinterSettings {
            receipt_width_mm: width,
            ..on_network(&address)
        };
        let prepared =
            receipt_job(&mut counter.session, Timestamp::now(), &settings, &number).expect("made");
        assert_eq!(prepared.pdf.paper, settings.roll());
        print(&mut counter, prepared).expect("printed");
        let bytes = printer.join().expect("the printer's thread");
        // GS v 0 m xL xH: the band's width in bytes (8 dots each).
        let at = bytes
            .windows(3)
            .position(|w| w == [0x1d, b'v', b'0'])
            .expect("a band");
        sizes.push(u16::from_le_bytes([bytes[at + 4], bytes[at + 5]]));
    }
    assert_eq!(sizes, [576 / 8, 384 / 8], "72 and 48 mm of dots");
}

#[test]
fn without_a_printer_nothing_is_printed_or_recorded() {
    let mut counter = signed_in("Lan", "1111");
    let number = counter.sell_shampoo().number;
    let before = counter.ops();
    let error = receipt_job(
        &mut counter.session,
        Timestamp::now(),
        &PrinterSettings::default(),
        &number,
    )
    .expect_err("no printer");
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        ("no_printer", Some("receipt_printer"))
    );
    let error = receipt_job(
        &mut counter.session,
        Timestamp::now(),
        &on_network("127.0.0.1:9"),
        "A7Q-999999",
    )
    .expect_err("no such sale");
    assert_eq!(error.code, "not_found");
    assert_eq!(counter.ops(), before, "nothing written");
}

#[test]
fn a_printer_that_is_off_is_reported_and_the_next_print_is_still_the_original() {
    let mut counter = signed_in("Lan", "1111");
    let number = counter.sell_shampoo().number;
    // A port that was just free: nothing listens on it.
    let address = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .to_string();
    let before = counter.ops();
    let prepared = receipt_job(
        &mut counter.session,
        Timestamp::now(),
        &on_network(&address),
        &number,
    )
    .expect("made");
    let error = print(&mut counter, prepared).expect_err("nobody there");
    assert_eq!(error.code, "printer_unreachable", "{error:?}");
    assert_eq!(counter.ops(), before, "not recorded as printed");
    assert_eq!(printed_count(&mut counter, &number), 0);
}

#[test]
fn statements_and_reports_need_a_sheet_printer_and_reports_a_manager() {
    let (mut counter, customer) = with_customer("Lan");
    let card = counter.sell_card(&customer).id.to_string();
    let now = Timestamp::now();
    let none = PrinterSettings::default();
    let error = statement_job(&mut counter.session, now, &none, &card).expect_err("no printer");
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        ("no_printer", Some("sheet_printer"))
    );
    let error = statement_job(&mut counter.session, now, &none, "thẻ").expect_err("bad id");
    assert_eq!(error.code, "invalid_id");

    let settings = PrinterSettings {
        sheet_printer: Some("VanPhong_A4".into()),
        statement_paper: crate::counter_settings::Paper::A4,
        ..PrinterSettings::default()
    };
    let prepared = statement_job(&mut counter.session, now, &settings, &card).expect("made");
    assert_eq!(prepared.pdf.paper, caredesk_print::Paper::A4);
    assert_eq!(prepared.job.title, "CareDesk Massage 10 buổi");
    assert!(prepared.receipt.is_none());

    let refused = report_job(&mut counter.session, now, &settings, None, None)
        .expect_err("a receptionist alone");
    assert_eq!(refused.code, "permission_denied");
    let approval = tuan(&counter.session, "3333");
    let prepared = report_job(&mut counter.session, now, &settings, None, Some(&approval))
        .expect("with Tuấn's approval");
    assert_eq!(prepared.pdf.paper, caredesk_print::Paper::A4);
    let refused = report_job(&mut counter.session, now, &settings, Some("hôm qua"), None)
        .expect_err("not a day");
    assert_eq!(refused.field.as_deref(), Some("date"));
}

/// The real print path, when the test CUPS runs (`make test` starts it):
/// the receipt reaches the cups-pdf queue and comes back as its job id.
#[test]
fn a_receipt_through_cups_is_queued_and_recorded() {
    let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let (Some(server), Some(queue)) = (var("CAREDESK_TEST_CUPS"), var("CAREDESK_TEST_CUPS_QUEUE"))
    else {
        assert!(
            var("CAREDESK_REQUIRE_CUPS").as_deref() != Some("1"),
            "CAREDESK_REQUIRE_CUPS=1 but no test CUPS: eval \"$(scripts/test-cups.sh env)\""
        );
        eprintln!("skipped: no test CUPS (eval \"$(scripts/test-cups.sh env)\")");
        return;
    };
    let mut counter = signed_in("Lan", "1111");
    let number = counter.sell_shampoo().number;
    let settings = PrinterSettings {
        receipt_printer: Some(ReceiptPrinter::System {
            queue: queue.clone(),
        }),
        ..PrinterSettings::default()
    };
    let mut prepared =
        receipt_job(&mut counter.session, Timestamp::now(), &settings, &number).expect("made");
    // The app asks this computer's CUPS; the test asks the test one.
    prepared.target = Target::System {
        queue: queue.clone(),
        server: Some(server),
    };
    let outcome = print(&mut counter, prepared).expect("queued");
    assert_eq!(outcome.printer, queue);
    assert!(
        outcome
            .job
            .as_deref()
            .is_some_and(|job| job.starts_with(&format!("{queue}-"))),
        "{outcome:?}"
    );
    assert_eq!(printed_count(&mut counter, &number), 1);
}
