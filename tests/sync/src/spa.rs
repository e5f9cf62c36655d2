//! The business the sync tests run: a spa with two therapists for random
//! work (Mai, Hoa, each earning 40% of the sessions they give) and one kept
//! for the scripted conflicts (Lan Anh), a massage, a two-session package,
//! and "Khách" customers the random work picks from. Võ Em and Phạm Dung
//! belong to the scripted conflicts only.

use caredesk_domain::Role;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::Span;
use caredesk_domain::id::{CustomerId, TreatmentId};
use caredesk_domain::payroll::PayoutMethod;
use caredesk_domain::sale::{RefundTo, Tender};
use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{
    BookingMove, ConflictKind, Ctx, CustomerEdit, InitSettings, LineRef, NewBooking, NewCustomer,
    NewItem, NewLine, NewPackage, NewPayment, NewRefund, NewSale, NewService, NewStaff, NewTicket,
    Resolution, Store, StoreError, TicketFilter, WEEK, WalletMove,
};
use rand::Rng;

use crate::Cluster;

const PHONES: [&str; 8] = [
    "0901 000 001",
    "0901 000 002",
    "0901 000 003",
    "0901 000 004",
    "0901 000 005",
    "0901 000 006",
    "0901 000 007",
    "0901 000 008",
];
const DAYS: [&str; 2] = ["2026-12-02", "2026-12-03"];
const TIMES: [&str; 6] = ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30"];
const EM_PHONE: &str = "0988 555 666";
/// Every share rate of the harness: 40% of the session.
const RATE: u32 = 4_000;

/// The moment every command of the harness runs at. The scripted days
/// (`DAYS`, the conflicts' 5-7 December) lie after it, so they stay in the
/// future whatever day the tests run; the real clock only stamps the ops'
/// hlc, which is what the server compares with its own clock.
pub const NOW: &str = "2026-12-01T08:00";

/// The owner acting at [`NOW`].
pub fn ctx(store: &Store) -> Result<Ctx, StoreError> {
    let now = store.local_time(NOW)?;
    store.context(Some(now))
}

/// The first counter's business, on a new file.
pub fn set_up(path: &std::path::Path) -> Store {
    let mut store = Store::init(
        path,
        InitSettings {
            owner_name: "Hương".to_owned(),
            owner_pin: Some("1234".to_owned()),
            ..InitSettings::default()
        },
    )
    .expect("init");
    let ctx = ctx(&store).expect("owner");
    let massage = store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: "Massage body".into(),
                minutes: 60,
                buffer_minutes: 30,
                price: 450_000,
                ..NewService::default()
            },
        )
        .expect("service")
        .id
        .to_string();
    for name in ["Mai", "Hoa", "Lan Anh"] {
        let id = store
            .add_staff(
                &ctx,
                NewStaff {
                    name: name.into(),
                    role: Role::Therapist,
                    pin: None,
                },
            )
            .expect("therapist")
            .id
            .to_string();
        store
            .schedule_mut()
            .set_staff_services(&ctx, &id, std::slice::from_ref(&massage))
            .expect("services");
        store
            .payroll_mut()
            .set_share_rate(&ctx, &id, RATE, None)
            .expect("share rate");
        for day in WEEK {
            store
                .schedule_mut()
                .set_staff_hours(
                    &ctx,
                    &id,
                    day,
                    vec![Span::parse("08:00", "20:00").expect("span")],
                )
                .expect("hours");
        }
    }
    store
        .catalog_mut()
        .add_package(
            &ctx,
            NewPackage {
                name: "Massage 2 buổi".into(),
                service: Some(massage),
                sessions: 2,
                valid_days: 90,
                price: 800_000,
                home_visit: false,
            },
        )
        .expect("package");
    for (name, phone) in [("Khách An", "0912 345 678"), ("Khách Bình", "0983 111 222")] {
        add(&mut store, name, phone).expect("customer");
    }
    let em = add(&mut store, "Võ Em", EM_PHONE).expect("Em").to_string();
    store
        .wallets_mut()
        .deposit_wallet(
            &ctx,
            &em,
            WalletMove {
                amount: 300_000,
                source: Source::Cash,
                reference: String::new(),
                note: String::new(),
            },
        )
        .expect("deposit");
    store
        .treatments_mut()
        .sell_treatment(&ctx, &em, "Massage 2 buổi")
        .expect("Em's card");
    open_drawer(&mut store);
    store
}

/// Opens the counter's drawer at [`NOW`] with a float: cash is taken only
/// through an open drawer on the register that takes it.
pub fn open_drawer(store: &mut Store) {
    let ctx = ctx(store).expect("owner");
    store
        .drawers_mut()
        .open_drawer(&ctx, 5_000_000)
        .expect("drawer open");
}

fn add(store: &mut Store, name: &str, phone: &str) -> Result<CustomerId, StoreError> {
    let ctx = ctx(store)?;
    let customer = store.customers_mut().add_customer(
        &ctx,
        NewCustomer {
            name: name.into(),
            phone: phone.into(),
            email: None,
            address: None,
            code: None,
        },
    )?;
    Ok(customer.id)
}

fn booking(
    customer: &str,
    staff: &str,
    start: jiff::Timestamp,
    treatment: Option<TreatmentId>,
) -> NewBooking {
    NewBooking {
        customer: customer.to_owned(),
        items: vec![NewItem {
            service: "Massage body".to_owned(),
            staff: staff.to_owned(),
            start,
            end: None,
            room: None,
            treatment,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    }
}

/// One random thing a receptionist does; `Err` when the counter refused it
/// (a refusal writes nothing, which the end checks also prove).
pub fn random_action(store: &mut Store, rng: &mut impl Rng) -> Result<&'static str, StoreError> {
    let ctx = ctx(store)?;
    let pool = store.customers().find_customers("khach", 100)?;
    let pick = |rng: &mut dyn rand::RngCore| pool[rng.random_range(0..pool.len())].id.to_string();
    let customer = pick(rng);
    match rng.random_range(0..16) {
        0 => {
            let phone = PHONES[rng.random_range(0..PHONES.len())];
            add(
                store,
                &format!("Khách {}", rng.random_range(100..999)),
                phone,
            )?;
            Ok("customer.add")
        }
        1 => {
            let edit = CustomerEdit {
                name: Some(format!("Khách {}", rng.random_range(100..999))),
                ..CustomerEdit::default()
            };
            store.customers_mut().edit_customer(
                &ctx,
                customer.parse().map_err(|_| StoreError::NothingToChange)?,
                edit,
            )?;
            Ok("customer.edit")
        }
        2 | 3 => {
            let day = DAYS[rng.random_range(0..DAYS.len())];
            let time = TIMES[rng.random_range(0..TIMES.len())];
            let staff = if rng.random_bool(0.5) { "Mai" } else { "Hoa" };
            let start = store.local_time(&format!("{day}T{time}"))?;
            let treatment = store
                .customers()
                .customer_360(
                    customer.parse().map_err(|_| StoreError::NothingToChange)?,
                    &ctx,
                )?
                .treatments
                .first()
                .map(|t| t.id);
            let with_card = treatment.filter(|_| rng.random_bool(0.5));
            store
                .bookings_mut()
                .add_booking(&ctx, booking(&customer, staff, start, with_card))?;
            Ok("booking.add")
        }
        4 => {
            let id = customer.parse().map_err(|_| StoreError::NothingToChange)?;
            let bookings = store.bookings().customer_bookings(id)?;
            let Some(b) = bookings.first() else {
                return Ok("booking.none");
            };
            store
                .bookings_mut()
                .move_booking(&ctx, b.id, BookingMove::Cancel, "khách báo bận")?;
            Ok("booking.cancel")
        }
        5 => {
            let amount = 100_000 * rng.random_range(1..6);
            store.wallets_mut().deposit_wallet(
                &ctx,
                &customer,
                WalletMove {
                    amount,
                    source: Source::Cash,
                    reference: String::new(),
                    note: String::new(),
                },
            )?;
            Ok("wallet.deposit")
        }
        6 => {
            store.wallets_mut().spend_wallet(
                &ctx,
                &customer,
                100_000 * rng.random_range(1..4),
                "",
                "",
            )?;
            Ok("wallet.spend")
        }
        7 if rng.random_bool(0.5) => {
            store
                .treatments_mut()
                .sell_treatment(&ctx, &customer, "Massage 2 buổi")?;
            Ok("treatment.sell")
        }
        // At checkout, so that a refund of the package line can take its
        // sessions back.
        7 => {
            store.sales_mut().record_sale(
                &ctx,
                NewSale {
                    customer: Some(customer),
                    lines: vec![NewLine {
                        what: LineRef::Package("Massage 2 buổi".into()),
                        discount: None,
                    }],
                    discount: None,
                    payments: vec![NewPayment {
                        tender: Tender::Card,
                        amount: 800_000,
                        reference: String::new(),
                    }],
                    note: String::new(),
                },
            )?;
            Ok("treatment.sell_at_checkout")
        }
        // Merges race with other counters' work on the same files: the
        // late writes must end on the kept file or be listed.
        8 if rng.random_bool(0.3) => {
            let other = pick(rng);
            store
                .customers_mut()
                .merge_customers(&ctx, &[customer, other])?;
            Ok("customer.merge")
        }
        9 => {
            let id = customer.parse().map_err(|_| StoreError::NothingToChange)?;
            let Some(card) = store
                .customers()
                .customer_360(id, &ctx)?
                .treatments
                .first()
                .map(|t| t.id)
            else {
                return Ok("treatment.none");
            };
            store.sales_mut().record_sale(
                &ctx,
                NewSale {
                    customer: Some(customer),
                    lines: vec![NewLine {
                        what: LineRef::Sessions {
                            treatment: card.to_string(),
                            sessions: Some(1),
                        },
                        discount: None,
                    }],
                    discount: None,
                    payments: vec![NewPayment {
                        tender: Tender::Cash,
                        amount: 400_000,
                        reference: String::new(),
                    }],
                    note: String::new(),
                },
            )?;
            Ok("treatment.charge")
        }
        // Counters resolving the same ticket offline each pay out: the
        // fold keeps one resolution and the conflict list the others.
        11 => {
            let open = store.tickets().list(&TicketFilter::default(), &ctx)?;
            let Some(ticket) = open.get(rng.random_range(0..open.len().max(1))) else {
                return Ok("ticket.none");
            };
            let amount = 50_000 * rng.random_range(1..3);
            let resolution = if rng.random_bool(0.5) {
                Resolution {
                    credit: Some(amount),
                    ..Resolution::default()
                }
            } else {
                Resolution {
                    refund: Some(amount),
                    ..Resolution::default()
                }
            };
            store
                .tickets_mut()
                .resolve_ticket(&ctx, &ticket.code, resolution)?;
            Ok("ticket.resolve")
        }
        // Sessions given earn their therapist a share (the bookings lie
        // after `NOW`, and giving them early is allowed).
        12 => {
            let id = customer.parse().map_err(|_| StoreError::NothingToChange)?;
            let bookings = store.bookings().customer_bookings(id)?;
            let Some(b) = bookings.first() else {
                return Ok("booking.none");
            };
            for step in [
                BookingMove::CheckIn,
                BookingMove::Start,
                BookingMove::Complete,
            ] {
                store.bookings_mut().move_booking(&ctx, b.id, step, "")?;
            }
            Ok("booking.complete")
        }
        // Counters paying the same balance offline can pay more than was
        // earned.
        13 => {
            let staff = if rng.random_bool(0.5) { "Mai" } else { "Hoa" };
            let amount = 50_000 * rng.random_range(1..4);
            let (method, note) = if rng.random_bool(0.5) {
                (PayoutMethod::Cash, "tiền mặt")
            } else {
                (PayoutMethod::Transfer, "chuyển khoản")
            };
            store
                .payroll_mut()
                .pay_staff(&ctx, staff, amount, note, method)?;
            Ok("staff.payout")
        }
        // A manager settles a double resolution or an overpayment of the
        // random work (the scripted ones stay for the end's checks), maybe
        // on two counters at once.
        14 => {
            for conflict in store.conflicts()? {
                let about = &conflict.about[0];
                match conflict.kind {
                    ConflictKind::TicketResolvedTwice
                        if store
                            .tickets()
                            .ticket(about, &ctx)?
                            .customer_name
                            .starts_with("Khách") =>
                    {
                        store.tickets_mut().reverse_ticket(&ctx, about, "trùng")?;
                        return Ok("ticket.reverse");
                    }
                    ConflictKind::PayoutOverOwed => {
                        let pay = store.payroll().staff_pay(about)?;
                        if pay.name != "Lan Anh" {
                            store.payroll_mut().adjust_staff_pay(
                                &ctx,
                                about,
                                -pay.balance,
                                "trả dư",
                            )?;
                            return Ok("staff.adjust");
                        }
                    }
                    _ => {}
                }
            }
            Ok("conflict.none")
        }
        // A card's latest receipt refunded into the wallet, in full or one
        // session, racing other counters' bookings and punches of it.
        15 => {
            let id = customer.parse().map_err(|_| StoreError::NothingToChange)?;
            let Some(card) = store
                .customers()
                .customer_360(id, &ctx)?
                .treatments
                .first()
                .map(|t| t.id)
            else {
                return Ok("treatment.none");
            };
            let Some(number) = store.sales().treatment_receipts(card)?.pop() else {
                return Ok("sale.none");
            };
            let refund = NewRefund {
                to: RefundTo::Wallet,
                sessions: rng.random_bool(0.5).then_some(1),
                ..NewRefund::default()
            };
            store.sales_mut().refund_sale(&ctx, &number, refund)?;
            Ok("sale.refund_card")
        }
        _ => {
            store.tickets_mut().open_ticket(
                &ctx,
                NewTicket {
                    customer,
                    name: None,
                    kind: "complaint".into(),
                    subject: "Khăn chưa sạch".into(),
                    details: String::new(),
                    reference: String::new(),
                    assignee: None,
                    priority: None,
                    deadline: None,
                },
            )?;
            Ok("ticket.open")
        }
    }
}

/// Each kind of conflict, made on purpose by counters 0 and 1 while both
/// are offline, then synced. Returns what every counter must list: the kind
/// and the start of `about`.
pub fn offline_conflicts(cluster: &mut Cluster) -> Vec<(ConflictKind, Vec<String>)> {
    assert!(cluster.counters.len() >= 2, "conflicts need two counters");
    let mut expected = Vec::new();
    let em = cluster.counters[0]
        .store
        .customers()
        .resolve_customer(EM_PHONE)
        .expect("Em")
        .to_string();
    let treatment = {
        let store = &cluster.counters[0].store;
        let ctx = ctx(store).expect("ctx");
        store
            .customers()
            .customer_360(em.parse().expect("id"), &ctx)
            .expect("360")
            .treatments
            .first()
            .expect("Em's card")
            .id
    };
    // Before going offline (every drawer is open since the set-up): a
    // complaint of Em's both counters will settle, and a session Lan Anh
    // gave (450.000 at 40%: 180.000 owed) both counters will pay.
    let complaint = {
        let store = &mut cluster.counters[0].store;
        let ctx = ctx(store).expect("ctx");
        let ticket = store
            .tickets_mut()
            .open_ticket(
                &ctx,
                NewTicket {
                    customer: em.clone(),
                    kind: "complaint".into(),
                    subject: "Phòng lạnh".into(),
                    ..NewTicket::default()
                },
            )
            .expect("Em's complaint");
        store
            .payroll_mut()
            .set_share_rate(&ctx, "Lan Anh", RATE, None)
            .expect("rate");
        let start = store.local_time("2026-12-04T09:00").expect("time");
        let given = store
            .bookings_mut()
            .add_booking(&ctx, booking(&em, "Lan Anh", start, None))
            .expect("Lan Anh's session");
        for step in [
            BookingMove::CheckIn,
            BookingMove::Start,
            BookingMove::Complete,
        ] {
            store
                .bookings_mut()
                .move_booking(&ctx, given.id, step, "")
                .expect("given");
        }
        ticket
    };
    for i in [0, 1] {
        cluster.counters[i].sync_clean();
    }
    let mut dung = Vec::new();
    let mut lan_anh = Vec::new();
    for (i, time) in [(0, "12:00"), (1, "15:00")] {
        let store = &mut cluster.counters[i].store;
        let ctx = ctx(store).expect("ctx");
        dung.push(
            add(store, "Phạm Dung", "0977 000 111")
                .expect("Dung")
                .to_string(),
        );
        let start = store.local_time("2026-12-05T09:00").expect("time");
        let a = store
            .bookings_mut()
            .add_booking(&ctx, booking(&em, "Lan Anh", start, None))
            .expect("Lan Anh");
        lan_anh.push(a.id.to_string());
        store
            .wallets_mut()
            .spend_wallet(&ctx, &em, 200_000, "", "")
            .expect("Em spends");
        let later = store
            .local_time(&format!("2026-12-06T{time}"))
            .expect("time");
        // Each counter books both sessions of Em's card: four bookings on a
        // two-session card.
        store
            .bookings_mut()
            .add_booking(&ctx, booking(&em, "Mai", later, Some(treatment)))
            .expect("card");
        let other = store
            .local_time(&format!("2026-12-07T{time}"))
            .expect("time");
        store
            .bookings_mut()
            .add_booking(&ctx, booking(&em, "Hoa", other, Some(treatment)))
            .expect("card");
    }
    // After Em's spends (which they must not pay for): each counter
    // settles her complaint with credit, and pays Lan Anh 100.000.
    for i in [0, 1] {
        let store = &mut cluster.counters[i].store;
        let ctx = ctx(store).expect("ctx");
        let credit = Resolution {
            credit: Some(100_000),
            ..Resolution::default()
        };
        store
            .tickets_mut()
            .resolve_ticket(&ctx, &complaint.code, credit)
            .expect("resolved");
        store
            .payroll_mut()
            .pay_staff(&ctx, "Lan Anh", 100_000, "tiền mặt", PayoutMethod::Cash)
            .expect("paid");
    }
    for i in [0, 1, 0] {
        cluster.counters[i].sync_clean();
    }
    dung.sort();
    lan_anh.sort();
    let staff = cluster.counters[0]
        .store
        .staff_member("Lan Anh")
        .expect("Lan Anh")
        .id
        .to_string();
    expected.push((ConflictKind::DuplicatePhone, dung));
    expected.push((
        ConflictKind::StaffDoubleBooked,
        [vec![staff.clone()], lan_anh].concat(),
    ));
    expected.push((ConflictKind::WalletOverdrawn, vec![em]));
    expected.push((ConflictKind::TreatmentOverused, vec![treatment.to_string()]));
    expected.push((
        ConflictKind::TicketResolvedTwice,
        vec![complaint.id.to_string()],
    ));
    expected.push((ConflictKind::PayoutOverOwed, vec![staff.clone()]));
    expected
}

/// Every wallet's ledger adds up: deposits less real spending, refunds and
/// debits is the balance, each entry starts where the last one ended, and
/// no credit gave more than it had.
pub fn check_ledgers(store: &Store) {
    let ctx = ctx(store).expect("ctx");
    // Every file search finds, and every file merged into one of them (in
    // turn, for a chain): a merged file's wallet keeps its ledger.
    let mut files: Vec<(CustomerId, String)> = store
        .customers()
        .find_customers("", 100_000)
        .unwrap_or_default()
        .into_iter()
        .map(|hit| (hit.id, hit.name))
        .collect();
    let mut next = 0;
    while next < files.len() {
        let (id, name) = files[next].clone();
        for merged in store.customers().customer(id).expect("customer").merged {
            files.push((merged, format!("{name} (merged file {merged})")));
        }
        next += 1;
    }
    for (id, name) in files {
        let wallet = store.wallets().wallet(id, &ctx).expect("wallet");
        let mut real = 0;
        for entry in &wallet.entries {
            assert_eq!(entry.real_before, real, "{}: entries follow on", name);
            real += match &entry.change {
                WalletChange::Deposited { amount, .. } => *amount,
                WalletChange::Spent {
                    from_real,
                    from_virtual,
                    amount,
                    ..
                } => {
                    assert_eq!(from_real + from_virtual, *amount, "a spend is split whole");
                    -from_real
                }
                WalletChange::Refunded { amount, .. } => -amount,
                WalletChange::Adjusted { amount, .. } => *amount,
                WalletChange::MovedOut { from_real, .. } => -from_real,
                WalletChange::MovedIn { real, .. } => *real,
                WalletChange::CompensationReversed { from_real, .. } => -from_real,
                _ => 0,
            };
            assert_eq!(
                entry.real_after, real,
                "{}: the entry moves what it says",
                name
            );
        }
        assert_eq!(
            wallet.balance, real,
            "{}: the balance is the sum of the ledger",
            name
        );
        for credit in &wallet.credits {
            assert!(
                credit.used <= credit.amount,
                "{}: a credit gives at most its amount",
                name
            );
        }
    }
}
