//! The business, its policies, this counter's printers and pairing.

use super::*;

#[test]
fn the_business_and_its_policies_change_and_bad_values_are_refused() {
    let mut counter = manager();
    let s = &mut counter.session;
    let input = BusinessInput {
        name: "Spa Hoa Sen".into(),
        timezone: "Asia/Ho_Chi_Minh".into(),
        customer_code_prefix: "KH".into(),
        address: Some("12 Lý Tự Trọng, Quận 1".into()),
        tax_code: Some("0101234567".into()),
        bank_bin: Some("970436".into()),
        bank_account: Some("0071 0006 95123".into()),
        bank_holder: Some("Spa Hoa Sen".into()),
        qris: None,
    };
    let saved = business::set_business(s, input.clone(), None).expect("saved");
    assert_eq!(
        (saved.name.as_str(), saved.tax_code.as_str()),
        ("Spa Hoa Sen", "0101234567")
    );
    assert_eq!(
        (
            saved.bank_bin.as_str(),
            saved.bank_account.as_str(),
            saved.bank_holder.as_str()
        ),
        ("970436", "0071000695123", "Spa Hoa Sen"),
        "the number as VietQR carries it"
    );
    assert_eq!(business::business(s).expect("read"), saved);
    for (bin, number, field) in [
        ("123456", "0071000695123", "bank_bin"),
        ("970436", "", "bank_account"),
    ] {
        assert_refused(
            business::set_business(
                s,
                BusinessInput {
                    bank_bin: Some(bin.into()),
                    bank_account: Some(number.into()),
                    ..input.clone()
                },
                None,
            ),
            "invalid_settings",
            Some(field),
        );
    }
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                qris: Some("000201010211".into()),
                ..input.clone()
            },
            None,
        ),
        "invalid_settings",
        Some("qris"),
    );
    let cleared = business::set_business(
        s,
        BusinessInput {
            bank_bin: Some(" ".into()),
            bank_account: None,
            bank_holder: Some(String::new()),
            ..input.clone()
        },
        None,
    )
    .expect("blank means no account");
    assert_eq!(
        (cleared.bank_bin.as_str(), cleared.bank_account.as_str()),
        ("", "")
    );
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                bank_holder: Some("x".repeat(200)),
                ..input.clone()
            },
            None,
        ),
        "too_long",
        Some("bank_holder"),
    );
    let again = business::set_business(s, input.clone(), None).expect("saved again");
    assert_eq!(again.bank_account, "0071000695123");
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                name: String::new(),
                ..input.clone()
            },
            None,
        ),
        "empty_field",
        Some("name"),
    );
    assert_refused(
        business::set_business(
            s,
            BusinessInput {
                tax_code: Some("01;02".into()),
                ..input
            },
            None,
        ),
        "invalid_settings",
        Some("tax_code"),
    );

    let mut booking = business::booking_policies(s).expect("read");
    booking.cancel_cutoff_minutes = 180;
    booking.opening = week(&[("mon", "09:00", "21:00")]);
    let saved = business::set_booking_policies(s, booking.clone(), None).expect("saved");
    assert_eq!(saved, booking);
    let bad = BookingPolicies {
        align_minutes: 7,
        ..booking.clone()
    };
    assert_refused(
        business::set_booking_policies(s, bad, None),
        "invalid_settings",
        Some("align_minutes"),
    );
    let backwards = BookingPolicies {
        opening: week(&[("sun", "20:00", "08:00")]),
        ..booking
    };
    assert_refused(
        business::set_booking_policies(s, backwards, None),
        "invalid_hours",
        Some("hours.sun"),
    );

    let sale = SalePolicies {
        tax_rate: 800,
        prices_include_tax: false,
        discount_limit: 1_000,
    };
    assert_eq!(
        business::set_sale_policies(s, sale, None).expect("saved"),
        sale
    );
    assert_eq!(business::sale_policies(s).expect("read"), sale);
    assert_refused(
        business::set_sale_policies(
            s,
            SalePolicies {
                tax_rate: 10_001,
                ..sale
            },
            None,
        ),
        "invalid_settings",
        Some("tax_rate"),
    );
}

/// Listing CUPS's queues is `dispatch::system_printers`, tested against a
/// real CUPS in crates/print; here the choice is saved per counter.
#[test]
fn printers_are_listed_from_the_system_and_chosen_per_counter() {
    let mut counter = manager();
    let file = counter.dir.path().join("counter-settings.json");
    let view = printers::printers(&mut counter.session, &file).expect("read");
    assert_eq!(view.settings, PrinterSettings::default());
    if view.found.is_empty() {
        assert!(view.problem.is_some() || which("lpstat"), "{view:?}");
    }
    if let Some(default) = &view.system_default {
        assert!(view.found.contains(default), "{view:?}");
    }
    let chosen = PrinterSettings {
        receipt_printer: Some(ReceiptPrinter::Network {
            address: "192.168.1.50:9100".into(),
        }),
        receipt_width_mm: 58,
        sheet_printer: Some("VanPhong_A4".into()),
        statement_paper: Paper::A4,
    };
    let saved =
        printers::set_printers(&mut counter.session, &file, chosen.clone(), None).expect("saved");
    assert_eq!(saved, chosen);
    assert_eq!(
        printers::printers(&mut counter.session, &file)
            .expect("read")
            .settings,
        chosen
    );
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

#[test]
fn pairing_with_a_real_server_refuses_a_bad_url_or_code_and_then_pairs() {
    let mut counter = manager();
    let s = &mut counter.session;
    assert_refused(
        pairing::pair(s, "sync.example", "ABCD", None),
        "invalid_server_url",
        Some("server"),
    );
    assert_refused(
        pairing::pair(s, "http://127.0.0.1:9", " ", None),
        "empty_field",
        Some("code"),
    );

    let (server, code) = server_with_slot(counter.dir.path());

    assert_refused(
        pairing::pair(s, &server.url(), "WRNG-CODE-0000", None),
        "pairing_code_refused",
        Some("code"),
    );
    let status = s.store().sync_status().expect("status");
    assert!(!status.paired && status.server.is_none(), "still unpaired");

    let status = pairing::pair(s, &format!("{}/", server.url()), &code, None).expect("paired");
    assert!(status.paired);
    assert_eq!(status.server.as_deref(), Some(server.url().as_str()));
    assert!(status.device.is_some());
    assert_refused(
        pairing::pair(s, &server.url(), &code, None),
        "already_paired",
        None,
    );

    server.stop();
}

#[test]
fn a_receptionist_may_not_pair_and_an_unreachable_server_leaves_the_counter_unpaired() {
    let mut counter = receptionist();
    assert_refused(
        pairing::pair(
            &mut counter.session,
            "http://127.0.0.1:9",
            "ABCD-EFGH",
            None,
        ),
        "permission_denied",
        None,
    );
    let mut counter = manager();
    // Nothing listens on the discard port.
    assert_refused(
        pairing::pair(
            &mut counter.session,
            "http://127.0.0.1:9",
            "ABCD-EFGH",
            None,
        ),
        "server_unreachable",
        Some("server"),
    );
    assert!(
        !counter
            .session
            .store()
            .sync_status()
            .expect("status")
            .paired
    );
}
