//! Service tickets on real database files: opening one for a customer found
//! by phone or a new one, every move of the workflow and every refusal
//! (each writing nothing), compensation written with the resolution or not
//! at all, codes per register, the deadline job at a given time, lists and
//! statistics, and the customer 360.

mod common;

use caredesk_domain::sale::Tender;
use caredesk_domain::ticket::{
    CompensationKind, Priority, TicketChange, TicketSettings, TicketStatus, TicketType, WaitingOn,
};
use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{
    InitSettings, LineRef, NewLine, NewPayment, NewSale, NewTicket, Resolution, ResolutionView,
    StatusFilter, TicketCustomer, TicketEdit, TicketFilter, TicketView,
};
use common::spa::{NOW, Spa, spa};

fn ticket(customer: &str, kind: &str, subject: &str) -> NewTicket {
    NewTicket {
        customer: customer.to_owned(),
        kind: kind.to_owned(),
        subject: subject.to_owned(),
        ..NewTicket::default()
    }
}

fn open(spa: &mut Spa, input: NewTicket) -> TicketView {
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .tickets_mut()
        .open_ticket(&ctx, input)
        .expect("opened")
}

fn status(
    spa: &mut Spa,
    code: &str,
    to: TicketStatus,
    on: Option<WaitingOn>,
    note: &str,
) -> caredesk_store::Result<TicketView> {
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .tickets_mut()
        .move_ticket(&ctx, code, to, on, note)
}

fn resolve(
    spa: &mut Spa,
    code: &str,
    resolution: Resolution,
) -> caredesk_store::Result<TicketView> {
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&ctx, code, resolution)
}

/// An buys a hair dryer for 800 000 đ, paid in cash into the drawer the
/// morning opened.
fn dryer_sale(spa: &mut Spa) -> String {
    spa.open_drawer();
    let ctx = spa.ctx_at(NOW);
    let sale = NewSale {
        customer: Some(spa.an.clone()),
        lines: vec![NewLine {
            what: LineRef::Item {
                name: "Máy sấy tóc".into(),
                unit_price: 800_000,
                quantity: 1,
            },
            discount: None,
        }],
        payments: vec![NewPayment {
            tender: Tender::Cash,
            amount: 800_000,
            reference: String::new(),
        }],
        ..NewSale::default()
    };
    spa.db
        .store
        .sales_mut()
        .record_sale(&ctx, sale)
        .expect("sold")
        .number
}

#[test]
fn a_ticket_for_a_known_phone_gets_the_registers_code() {
    let mut spa = spa();
    let register = spa.db.store.register_code().to_owned();
    let t = open(
        &mut spa,
        ticket("0912-345-678", "complaint", "Khăn không sạch"),
    );
    assert_eq!(t.code, format!("TV-2026-{register}-00001"));
    assert_eq!(t.status, TicketStatus::New);
    assert_eq!(t.customer.to_string(), spa.an);
    assert_eq!(t.offers, CompensationKind::Credit);
    assert_eq!(t.priority, Priority::Normal);
    let bich = spa.bich.clone();
    let second = open(&mut spa, ticket(&bich, "exchange", "Đổi size áo choàng"));
    assert_eq!(second.code, format!("TV-2026-{register}-00002"));
    // The counter's search finds the customer by the ticket's code.
    let hits = spa
        .db
        .store
        .customers()
        .find_customers(&t.code, 5)
        .expect("search");
    assert_eq!(hits[0].id, t.customer);
    assert_eq!(hits[0].matched, caredesk_store::MatchKind::Ticket);
    // The code is found in any case, and so is the ticket by id.
    let ctx = spa.ctx_at(NOW);
    let lower = t.code.to_lowercase();
    assert_eq!(
        spa.db
            .store
            .tickets()
            .ticket(&lower, &ctx)
            .expect("by code")
            .id,
        t.id
    );
    assert_eq!(
        spa.db
            .store
            .tickets()
            .ticket(&t.id.to_string(), &ctx)
            .expect("by id")
            .code,
        t.code
    );
    spa.db.assert_folds_hold();
}

#[test]
fn a_new_phone_creates_the_customer_with_the_ticket_and_is_told_first() {
    let mut spa = spa();
    let store = &spa.db.store;
    assert!(matches!(
        store
            .tickets()
            .ticket_customer("0912 345 678")
            .expect("known"),
        TicketCustomer::Existing { .. }
    ));
    let TicketCustomer::New {
        phone,
        phone_display,
    } = store
        .tickets()
        .ticket_customer("0977 000 111")
        .expect("new")
    else {
        panic!("0977 000 111 is nobody's phone");
    };
    assert_eq!(
        (phone.as_str(), phone_display.as_str()),
        ("+84977000111", "0977 000 111")
    );

    // A refused ticket does not leave a customer behind.
    spa.refused("unknown_ticket_type", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store
            .tickets_mut()
            .open_ticket(&ctx, ticket("0977000111", "lost_parcel", "Mất hàng"))
    });
    let mut input = ticket("0977000111", "refused_delivery", "Khách không nhận hàng");
    input.name = Some("Lê Thị Cúc".to_owned());
    let t = open(&mut spa, input);
    assert_eq!(t.customer_name, "Lê Thị Cúc");
    let ctx = spa.ctx_at(NOW);
    let found = spa
        .db
        .store
        .customers()
        .resolve_customer("0977 000 111")
        .expect("registered");
    assert_eq!(found, t.customer);
    // Without a name, the phone stands in until someone edits it.
    let t = open(&mut spa, ticket("0966 222 333", "other", "Hỏi về hóa đơn"));
    assert_eq!(t.customer_name, "0966 222 333");
    assert!(
        spa.db
            .store
            .customers()
            .customer_360(t.customer, &ctx)
            .is_ok()
    );
    spa.db.assert_folds_hold();
}

#[test]
fn bad_tickets_are_refused_and_write_nothing() {
    let mut spa = spa();
    let an = spa.an.clone();
    spa.refused("empty_field", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store
            .tickets_mut()
            .open_ticket(&ctx, ticket(&an, "complaint", "  "))
    });
    spa.refused("too_long", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store
            .tickets_mut()
            .open_ticket(&ctx, ticket(&an, "complaint", &"x".repeat(201)))
    });
    spa.refused("invalid_phone", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store
            .tickets_mut()
            .open_ticket(&ctx, ticket("12345", "complaint", "Khiếu nại"))
    });
    spa.refused("not_found", |s| {
        let ctx = s.ctx_at(NOW);
        let mut input = ticket(&an, "complaint", "Khiếu nại");
        input.assignee = Some("Nobody".to_owned());
        s.db.store.tickets_mut().open_ticket(&ctx, input)
    });
    spa.refused("deadline_passed", |s| {
        let ctx = s.ctx_at(NOW);
        let mut input = ticket(&an, "complaint", "Khiếu nại");
        input.deadline = Some(s.db.at("2026-11-21T09:00"));
        s.db.store.tickets_mut().open_ticket(&ctx, input)
    });
    // A receipt of another customer is not this customer's order.
    let number = dryer_sale(&mut spa);
    let bich = spa.bich.clone();
    spa.refused("other_customer", |s| {
        let ctx = s.ctx_at(NOW);
        let mut input = ticket(&bich, "return", "Trả máy sấy");
        input.reference = number.clone();
        s.db.store.tickets_mut().open_ticket(&ctx, input)
    });
    spa.refused("not_found", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store.tickets().ticket("TV-2026-XXX-00001", &ctx)
    });
}

#[test]
fn every_move_of_the_workflow_and_every_refusal() {
    use TicketStatus::*;
    let mut spa = spa();
    let an = spa.an.clone();
    let code = open(&mut spa, ticket(&an, "missing_item", "Thiếu chai dầu")).code;

    let t = status(&mut spa, &code, InProgress, None, "").expect("taken");
    assert_eq!(t.status, InProgress);
    let t = status(
        &mut spa,
        &code,
        Waiting,
        Some(WaitingOn::Carrier),
        "GHN đang kiểm tra",
    )
    .expect("waiting");
    assert_eq!(
        (t.status, t.waiting_on),
        (Waiting, Some(WaitingOn::Carrier))
    );
    spa.refused("invalid_transition", |s| {
        status(s, &code, Waiting, Some(WaitingOn::Carrier), "")
    });
    let t = status(&mut spa, &code, Waiting, Some(WaitingOn::Customer), "").expect("other party");
    assert_eq!(t.waiting_on, Some(WaitingOn::Customer));
    spa.refused("invalid_waiting_on", |s| {
        status(s, &code, InProgress, Some(WaitingOn::Doctor), "")
    });
    spa.refused("invalid_transition", |s| status(s, &code, New, None, ""));
    let t = status(&mut spa, &code, InProgress, None, "").expect("back");
    assert_eq!(t.waiting_on, None);
    spa.refused("note_required", |s| status(s, &code, Cancelled, None, " "));
    let t = status(&mut spa, &code, Completed, None, "Đã gửi bù").expect("completed");
    assert_eq!(t.status, Completed);
    assert_eq!(t.resolution, Some(ResolutionView::None));
    assert!(t.closed_at.is_some());
    // Final: nothing moves it, nothing edits it.
    for to in [New, InProgress, Waiting, Cancelled, Completed] {
        spa.refused("invalid_transition", |s| status(s, &code, to, None, "x"));
    }
    spa.refused("ticket_closed", |s| {
        let ctx = s.ctx_at(NOW);
        let edit = TicketEdit {
            priority: Some(Priority::Urgent),
            ..TicketEdit::default()
        };
        s.db.store.tickets_mut().edit_ticket(&ctx, &code, edit)
    });

    // Cancelled needs a reason, and is final too.
    let other = open(&mut spa, ticket(&an, "other", "Hỏi giờ mở cửa")).code;
    let t = status(&mut spa, &other, Cancelled, None, "Khách tự giải quyết").expect("cancelled");
    assert_eq!(t.status, Cancelled);
    spa.refused("invalid_transition", |s| {
        status(s, &other, InProgress, None, "")
    });
    spa.refused("invalid_transition", |s| {
        resolve(s, &other, Resolution::default())
    });

    // Each change is in the history with who, when and the note.
    let ctx = spa.ctx_at(NOW);
    let history = spa
        .db
        .store
        .tickets()
        .ticket(&code, &ctx)
        .expect("ticket")
        .history;
    assert_eq!(history.len(), 6);
    assert!(history.iter().all(|step| step.by_name == "Hương"));
    assert!(matches!(
        &history[2].change,
        TicketChange::Moved { to: Waiting, note, .. } if note == "GHN đang kiểm tra"
    ));
    spa.db.assert_folds_hold();
}

#[test]
fn a_refund_on_a_ticket_about_a_sale_is_that_sales_refund_or_nothing() {
    let mut spa = spa();
    let number = dryer_sale(&mut spa);
    let mut input = ticket(&spa.an.clone(), "return", "Máy sấy hỏng");
    input.reference = number.clone();
    let t = open(&mut spa, input);
    assert!(t.sale.is_some());
    // More than was paid: the refund fails, and the ticket stays open with
    // nothing given.
    spa.refused("refund_too_large", |s| {
        resolve(
            s,
            &t.code,
            Resolution {
                refund: Some(900_000),
                ..Resolution::default()
            },
        )
    });
    let ctx = spa.ctx_at(NOW);
    assert_eq!(
        spa.db
            .store
            .tickets()
            .ticket(&t.code, &ctx)
            .expect("ticket")
            .status,
        TicketStatus::New
    );
    let done = resolve(
        &mut spa,
        &t.code,
        Resolution {
            refund: Some(500_000),
            note: "Hoàn một phần".into(),
            ..Resolution::default()
        },
    )
    .expect("resolved");
    assert!(matches!(
        done.resolution,
        Some(ResolutionView::Refund { sale: Some(_), .. })
    ));
    let an = spa.an.parse().expect("id");
    let wallet = spa.db.store.wallets().wallet(an, &ctx).expect("wallet");
    assert_eq!(wallet.balance, 500_000);
    let sale = spa.db.store.sales().sale(&number).expect("sale");
    assert_eq!(sale.refunded, 500_000);
    // What the ticket refunded counts against the sale: 300 000 is left.
    spa.refused("refund_too_large", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store.sales_mut().refund_sale(
            &ctx,
            &number,
            caredesk_store::NewRefund {
                amount: Some(300_001),
                to: caredesk_domain::sale::RefundTo::Original,
                note: String::new(),
                ..caredesk_store::NewRefund::default()
            },
        )
    });
    spa.db.assert_folds_hold();
}

#[test]
fn a_closed_day_refuses_a_tickets_sale_refund_and_the_ticket_stays_open() {
    let mut spa = spa();
    let number = dryer_sale(&mut spa);
    let mut input = ticket(&spa.an.clone(), "return", "Máy sấy hỏng");
    input.reference = number;
    let code = open(&mut spa, input).code;
    let ctx = spa.ctx_at("2026-11-21T21:00");
    spa.db
        .store
        .drawers_mut()
        .close_drawer(&ctx, &[], "")
        .expect("drawer closed");
    spa.db
        .store
        .drawers_mut()
        .close_day(&ctx, None)
        .expect("closed");
    spa.refused("day_closed", |s| {
        let ctx = s.ctx_at("2026-11-21T21:30");
        let resolution = Resolution {
            refund: Some(100_000),
            ..Resolution::default()
        };
        s.db.store
            .tickets_mut()
            .resolve_ticket(&ctx, &code, resolution)
    });
}

#[test]
fn goodwill_money_credit_and_free_sessions() {
    let mut spa = spa();
    let an = spa.an.clone();
    let an_id = an.parse().expect("id");
    // Money with no sale behind it: the business's own, into the wallet.
    let code = open(&mut spa, ticket(&an, "complaint", "Chờ quá lâu")).code;
    resolve(
        &mut spa,
        &code,
        Resolution {
            refund: Some(50_000),
            ..Resolution::default()
        },
    )
    .expect("refunded");
    let ctx = spa.ctx_at(NOW);
    let wallet = spa.db.store.wallets().wallet(an_id, &ctx).expect("wallet");
    assert_eq!(wallet.balance, 50_000);
    let entry = wallet.entries.last().expect("an entry");
    assert!(matches!(
        &entry.change,
        WalletChange::Deposited { source: Source::Ticket, reference, .. } if *reference == code
    ));

    // Credit lasts the settings' 15 days unless told otherwise.
    let code = open(&mut spa, ticket(&an, "complaint", "Nước quá nóng")).code;
    let t = resolve(
        &mut spa,
        &code,
        Resolution {
            credit: Some(100_000),
            credit_days: Some(30),
            ..Resolution::default()
        },
    )
    .expect("credit");
    let Some(ResolutionView::Credit { expires_at, .. }) = t.resolution else {
        panic!("a credit resolution");
    };
    assert_eq!(expires_at, "2026-12-21T00:00:00+07:00");
    let wallet = spa.db.store.wallets().wallet(an_id, &ctx).expect("wallet");
    assert_eq!(wallet.virtual_, 100_000);

    // A free session on An's only card.
    let card = spa.sell(&an, 3);
    let code = open(
        &mut spa,
        ticket(&an, "complaint", "Buổi massage bị rút ngắn"),
    )
    .code;
    let t = resolve(
        &mut spa,
        &code,
        Resolution {
            session: Some(None),
            note: "Tặng một buổi".into(),
            ..Resolution::default()
        },
    )
    .expect("session");
    assert_eq!(
        t.resolution,
        Some(ResolutionView::Session {
            treatment: card.id,
            sessions: 1
        })
    );
    let after = spa.card(card.id, NOW);
    assert_eq!((after.total, after.granted, after.remaining), (4, 1, 4));
    spa.db.assert_folds_hold();
}

#[test]
fn compensation_refusals_write_nothing() {
    let mut spa = spa();
    let an = spa.an.clone();
    let code = open(&mut spa, ticket(&an, "complaint", "Khăn không sạch")).code;
    let attempts: Vec<(&str, Resolution)> = vec![
        (
            "one_compensation",
            Resolution {
                refund: Some(10_000),
                credit: Some(10_000),
                ..Resolution::default()
            },
        ),
        (
            "invalid_amount",
            Resolution {
                credit: Some(0),
                ..Resolution::default()
            },
        ),
        (
            "invalid_amount",
            Resolution {
                refund: Some(-5),
                ..Resolution::default()
            },
        ),
        (
            "invalid_amount",
            Resolution {
                refund: Some(i64::MAX),
                ..Resolution::default()
            },
        ),
        (
            "invalid_sessions",
            Resolution {
                session: Some(None),
                sessions: Some(11),
                ..Resolution::default()
            },
        ),
        (
            "no_treatment",
            Resolution {
                session: Some(None),
                ..Resolution::default()
            },
        ),
        (
            "invalid_value",
            Resolution {
                credit: Some(10_000),
                credit_days: Some(0),
                ..Resolution::default()
            },
        ),
    ];
    for (expected, resolution) in attempts {
        spa.refused(expected, |s| resolve(s, &code, resolution));
    }
    // Two cards: say which.
    spa.sell(&an, 3);
    spa.sell(&an, 5);
    spa.refused("which_treatment", |s| {
        resolve(
            s,
            &code,
            Resolution {
                session: Some(None),
                ..Resolution::default()
            },
        )
    });
    // A card past its expiry takes no free session.
    let lapsed = spa.sell(&an, 2).id.to_string();
    spa.refused("treatment_expired", |s| {
        let ctx = s.ctx_at("2027-02-01T10:00");
        let resolution = Resolution {
            session: Some(Some(lapsed)),
            ..Resolution::default()
        };
        s.db.store
            .tickets_mut()
            .resolve_ticket(&ctx, &code, resolution)
    });
    // Someone else's card.
    let bich = spa.bich.clone();
    let hers = spa.sell(&bich, 3).id.to_string();
    spa.refused("other_customer", |s| {
        resolve(
            s,
            &code,
            Resolution {
                session: Some(Some(hers)),
                ..Resolution::default()
            },
        )
    });
}

#[test]
fn money_and_sessions_need_a_manager_and_nothing_else_does() {
    let mut spa = spa();
    let an = spa.an.clone();
    let lan = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at(NOW)))
        .expect("Lan");
    let t = spa
        .db
        .store
        .tickets_mut()
        .open_ticket(&lan, ticket(&an, "complaint", "Phòng lạnh"))
        .expect("a receptionist opens");
    spa.refused("permission_denied", |s| {
        let resolution = Resolution {
            credit: Some(50_000),
            ..Resolution::default()
        };
        s.db.store
            .tickets_mut()
            .resolve_ticket(&lan, &t.code, resolution)
    });
    let approved = spa
        .db
        .store
        .approve(lan, "Hương", "1234")
        .expect("approved");
    let resolution = Resolution {
        credit: Some(50_000),
        ..Resolution::default()
    };
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&approved, &t.code, resolution)
        .expect("with the manager's PIN");
    let other = spa
        .db
        .store
        .tickets_mut()
        .open_ticket(&lan, ticket(&an, "other", "Quên ô"))
        .expect("opened");
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&lan, &other.code, Resolution::default())
        .expect("no compensation needs no manager");
}

#[test]
fn two_counters_offline_never_hand_out_the_same_code() {
    let counter = |register: &str| {
        common::with(InitSettings {
            register_code: Some(register.to_owned()),
            ..InitSettings::default()
        })
    };
    let mut a = counter("A7K");
    let mut b = counter("B2M");
    let mut codes = Vec::new();
    for db in [&mut a, &mut b] {
        let customer = db.add("Phạm Minh Khoa", "0903 456 789").id.to_string();
        let ctx = db.ctx_at("2026-11-21T10:00");
        for n in 0..20 {
            let t = db
                .store
                .tickets_mut()
                .open_ticket(&ctx, ticket(&customer, "complaint", &format!("Lần {n}")))
                .expect("opened");
            codes.push(t.code);
        }
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 40);
    assert!(codes.contains(&"TV-2026-A7K-00020".to_owned()));
    assert!(codes.contains(&"TV-2026-B2M-00001".to_owned()));
    // A new year starts a new series.
    let ctx = a.ctx_at("2027-01-01T08:00");
    let customer = a
        .store
        .customers()
        .resolve_customer("0903456789")
        .expect("found")
        .to_string();
    let t = a
        .store
        .tickets_mut()
        .open_ticket(&ctx, ticket(&customer, "other", "Năm mới"))
        .expect("opened");
    assert_eq!(t.code, "TV-2027-A7K-00001");
}

#[test]
fn a_counter_restored_from_an_old_backup_skips_the_codes_it_already_gave() {
    let mut db = common::vietnam();
    let customer = db.add("Phạm Minh Khoa", "0903 456 789").id.to_string();
    let ctx = db.ctx_at("2026-11-21T10:00");
    db.store
        .tickets_mut()
        .open_ticket(&ctx, ticket(&customer, "other", "Một"))
        .expect("opened");
    // The series falls behind the log, as after restoring an older copy
    // of the series alone.
    let conn = rusqlite::Connection::open(&db.path).expect("second connection");
    conn.execute(
        "DELETE FROM register_series WHERE series LIKE 'ticket:%'",
        [],
    )
    .expect("series reset");
    let t = db
        .store
        .tickets_mut()
        .open_ticket(&ctx, ticket(&customer, "other", "Hai"))
        .expect("opened");
    assert!(t.code.ends_with("-00002"), "{}", t.code);
}

#[test]
fn the_deadline_job_raises_what_is_due_within_a_day_and_lists_overdue_first() {
    let mut spa = spa();
    let an = spa.an.clone();
    let due = |spa: &mut Spa, subject: &str, deadline: Option<&str>, priority| {
        let mut input = ticket(&an, "missing_item", subject);
        input.deadline = deadline.map(|d| spa.db.at(d));
        input.priority = Some(priority);
        open(spa, input).code
    };
    let later = due(
        &mut spa,
        "Giao bù chậm",
        Some("2026-11-24T10:00"),
        Priority::Low,
    );
    let soon = due(
        &mut spa,
        "Hạn hãng vận chuyển",
        Some("2026-11-22T20:00"),
        Priority::Normal,
    );
    let none = due(&mut spa, "Không hạn", None, Priority::Normal);
    let urgent = due(&mut spa, "Gấp", Some("2026-11-23T09:00"), Priority::Urgent);

    // At the opening time nothing is within a day yet (the 20:00 deadline
    // is 34 hours away).
    let ctx = spa.ctx_at(NOW);
    assert!(
        spa.db
            .store
            .tickets_mut()
            .escalate_tickets(&ctx)
            .expect("job")
            .is_empty()
    );

    // Next morning: `soon` is 12 hours away.
    let ctx = spa.ctx_at("2026-11-22T08:00");
    let raised = spa
        .db
        .store
        .tickets_mut()
        .escalate_tickets(&ctx)
        .expect("job");
    assert_eq!(raised.iter().map(|r| &r.code).collect::<Vec<_>>(), [&soon]);
    let t = spa.db.store.tickets().ticket(&soon, &ctx).expect("ticket");
    assert_eq!(t.priority, Priority::High);
    assert!(matches!(
        t.history.last().map(|h| &h.change),
        Some(TicketChange::Escalated {
            from: Priority::Normal,
            to: Priority::High
        })
    ));
    // Running it again changes nothing.
    assert!(
        spa.db
            .store
            .tickets_mut()
            .escalate_tickets(&ctx)
            .expect("job")
            .is_empty()
    );

    // Two days on: `soon` and `urgent` are overdue, `later` is due within a
    // day (raised), urgent stays urgent.
    let ctx = spa.ctx_at("2026-11-23T12:00");
    let raised = spa
        .db
        .store
        .tickets_mut()
        .escalate_tickets(&ctx)
        .expect("job");
    assert_eq!(raised.iter().map(|r| &r.code).collect::<Vec<_>>(), [&later]);
    let list = spa
        .db
        .store
        .tickets()
        .list(&TicketFilter::default(), &ctx)
        .expect("list");
    let order: Vec<&String> = list.iter().map(|t| &t.code).collect();
    assert_eq!(order, [&urgent, &soon, &later, &none]);
    assert!(list[0].overdue && list[1].overdue && !list[2].overdue);
    spa.db.assert_folds_hold();
}

#[test]
fn lists_filter_and_statistics_count() {
    let mut spa = spa();
    let (an, bich) = (spa.an.clone(), spa.bich.clone());
    let first = open(&mut spa, ticket(&an, "complaint", "Khăn không sạch")).code;
    let second = open(&mut spa, ticket(&bich, "complaint", "Đèn phòng hỏng")).code;
    let third = open(&mut spa, ticket(&bich, "exchange", "Đổi dầu gội")).code;
    let ctx = spa.ctx_at("2026-11-21T13:30");
    spa.db
        .store
        .tickets_mut()
        .resolve_ticket(&ctx, &first, Resolution::default())
        .expect("resolved after 3.5 hours");
    status(
        &mut spa,
        &third,
        TicketStatus::Cancelled,
        None,
        "Khách đổi ý",
    )
    .expect("cancelled");

    let store = &spa.db.store;
    let find = |filter: TicketFilter| -> Vec<String> {
        store
            .tickets()
            .list(&filter, &ctx)
            .expect("list")
            .into_iter()
            .map(|t| t.code)
            .collect()
    };
    assert_eq!(find(TicketFilter::default()), [second.as_str()]);
    assert_eq!(
        find(TicketFilter {
            status: Some(StatusFilter::All),
            customer: Some(bich.parse().expect("id")),
            ..TicketFilter::default()
        }),
        [second.as_str(), third.as_str()]
    );
    assert_eq!(
        find(TicketFilter {
            status: Some(StatusFilter::Closed),
            query: Some("khan khong".into()),
            ..TicketFilter::default()
        }),
        [first.as_str()]
    );
    assert_eq!(
        find(TicketFilter {
            status: Some(StatusFilter::All),
            query: Some(second[second.len() - 5..].to_owned()),
            ..TicketFilter::default()
        }),
        [second.as_str()]
    );
    assert_eq!(
        find(TicketFilter {
            status: Some(StatusFilter::Is(TicketStatus::Cancelled)),
            kind: Some("exchange".into()),
            ..TicketFilter::default()
        }),
        [third.as_str()]
    );

    let stats = store.tickets().ticket_stats(&ctx).expect("stats");
    assert_eq!((stats.open, stats.resolved, stats.cancelled), (1, 1, 1));
    assert_eq!(stats.open_by_type.get("complaint"), Some(&1));
    assert_eq!(stats.open_by_type.get("return"), Some(&0));
    assert_eq!(stats.average_resolution_seconds, Some(3 * 3600 + 1800));
    assert_eq!(stats.average_resolution_hours, Some(3.5));

    // The 360 lists them, open first, and tells the story.
    let view = store
        .customers()
        .customer_360(bich.parse().expect("id"), &ctx)
        .expect("360");
    assert_eq!(view.tickets.len(), 2);
    assert_eq!(view.tickets[0].code, second);
    assert!(
        view.timeline
            .iter()
            .any(|e| e.text.contains(&second) && e.kind == "ticket.opened")
    );
    assert!(view.timeline.windows(2).all(|w| w[0].at >= w[1].at));
}

#[test]
fn the_types_and_what_they_offer_are_the_businesss_to_set() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    let mut settings = spa.db.store.tickets().ticket_settings().expect("defaults");
    assert_eq!(
        settings,
        TicketSettings::for_country(caredesk_domain::Country::Vietnam)
    );
    settings.prefix = "YC".to_owned();
    settings.types.push(TicketType {
        code: "late_doctor".to_owned(),
        offers: CompensationKind::Session,
    });
    let saved = spa
        .db
        .store
        .tickets_mut()
        .set_ticket_settings(&ctx, settings.clone())
        .expect("saved");
    assert_eq!(saved, settings);
    let an = spa.an.clone();
    let t = open(&mut spa, ticket(&an, "Late_Doctor", "Bác sĩ đến trễ"));
    assert!(t.code.starts_with("YC-2026-"));
    assert_eq!(
        (t.kind.as_str(), t.offers),
        ("late_doctor", CompensationKind::Session)
    );

    let lan = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at(NOW)))
        .expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store.tickets_mut().set_ticket_settings(
            &lan,
            TicketSettings::for_country(caredesk_domain::Country::Vietnam),
        )
    });
    let mut bad = settings;
    bad.types.clear();
    spa.refused("invalid_settings", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store.tickets_mut().set_ticket_settings(&ctx, bad)
    });
}

#[test]
fn edits_change_only_what_changes() {
    let mut spa = spa();
    let an = spa.an.clone();
    let code = open(&mut spa, ticket(&an, "complaint", "Khăn không sạch")).code;
    let ctx = spa.ctx_at(NOW);
    let deadline = spa.db.at("2026-11-21T18:00");
    let t = spa
        .db
        .store
        .tickets_mut()
        .edit_ticket(
            &ctx,
            &code,
            TicketEdit {
                assignee: Some(Some("Mai".into())),
                deadline: Some(Some(deadline)),
                subject: Some("Khăn không sạch".into()),
                note: "Giao cho Mai".into(),
                ..TicketEdit::default()
            },
        )
        .expect("edited");
    assert_eq!(t.assignee_name.as_deref(), Some("Mai"));
    let Some(TicketChange::Edited { changes, note }) = t.history.last().map(|h| &h.change) else {
        panic!("an edit");
    };
    assert_eq!(changes.len(), 2, "the unchanged subject is not written");
    assert_eq!(note, "Giao cho Mai");
    // Saving the same again writes nothing.
    let before = common::snapshot(&spa.db.path);
    spa.db
        .store
        .tickets_mut()
        .edit_ticket(
            &ctx,
            &code,
            TicketEdit {
                assignee: Some(Some("Mai".into())),
                ..TicketEdit::default()
            },
        )
        .expect("unchanged");
    assert_eq!(common::snapshot(&spa.db.path), before);
    spa.refused("nothing_to_change", |s| {
        s.db.store
            .tickets_mut()
            .edit_ticket(&ctx, &code, TicketEdit::default())
    });
    spa.refused("deadline_passed", |s| {
        let edit = TicketEdit {
            deadline: Some(Some(s.db.at("2026-11-21T08:00"))),
            ..TicketEdit::default()
        };
        s.db.store.tickets_mut().edit_ticket(&ctx, &code, edit)
    });
    let mine = spa
        .db
        .store
        .tickets()
        .list(
            &TicketFilter {
                assignee: Some(spa.db.store.staff_member("Mai").expect("Mai").id),
                ..TicketFilter::default()
            },
            &ctx,
        )
        .expect("Mai's tickets");
    assert_eq!(mine.len(), 1);
}
