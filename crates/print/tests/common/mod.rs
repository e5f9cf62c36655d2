//! A spa with a fixed clock, names and register on a real database file, so
//! every document printed from it is the same from run to run: a sale with
//! a 60-character service, a package, a discounted shelf item, a wallet
//! payment, a bank transfer and cash with change; a punch card with
//! sessions given on later days; and the day's report with a closed drawer.

#![allow(dead_code)]

pub mod render;

use caredesk_domain::Country;
use caredesk_domain::Role;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::business::{BankAccount, BusinessSettings};
use caredesk_domain::drawer::Count;
use caredesk_domain::hours::Span;
use caredesk_domain::id::TreatmentId;
use caredesk_domain::sale::{CheckoutSettings, Discount, TaxRule, Tender};
use caredesk_domain::wallet::Source;
use caredesk_store::{
    BookingMove, Ctx, InitSettings, LineRef, NewBooking, NewItem, NewLine, NewPackage, NewPayment,
    NewSale, NewService, NewStaff, Store, WEEK, WalletMove,
};

/// The service whose name is exactly 60 characters long.
pub const LONG_SERVICE: &str = "Chăm sóc da mặt chuyên sâu Collagen-Hyaluronic-Vitamin C 24K";
pub const CUSTOMER: &str = "Đặng Thị Ánh";
pub const PACKAGE: &str = "Massage đá nóng 10 buổi";

pub struct Spa {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub customer: String,
    pub massage: String,
    pub long_service: String,
}

impl Spa {
    pub fn at(&self, local: &str) -> Ctx {
        let now = self.store.local_time(local).expect("local time");
        self.store.context(Some(now)).expect("owner")
    }

    pub fn desk(&self, local: &str) -> Ctx {
        let now = self.store.local_time(local).expect("local time");
        self.store
            .context_as("Lan", Some(now))
            .expect("receptionist")
    }

    /// A booking with Mai at `start`, given and completed an hour later.
    pub fn serve(&mut self, service: &str, start: &str, treatment: Option<TreatmentId>) -> String {
        let ctx = self.at(start);
        let at = self.store.local_time(start).expect("start");
        let booked = self.at("2026-11-20T08:00");
        let booking = self
            .store
            .bookings_mut()
            .add_booking(
                &booked,
                NewBooking {
                    customer: self.customer.clone(),
                    items: vec![NewItem {
                        service: service.to_owned(),
                        staff: "Mai".to_owned(),
                        start: at,
                        end: None,
                        room: None,
                        treatment,
                    }],
                    source: BookingSource::Phone,
                    notes: String::new(),
                },
            )
            .expect("booked");
        let end = (at + jiff::SignedDuration::from_hours(1))
            .to_zoned(self.store.settings().time_zone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string();
        for (when, step) in [
            (&ctx, BookingMove::CheckIn),
            (&ctx, BookingMove::Start),
            (&self.at(&end), BookingMove::Complete),
        ] {
            self.store
                .bookings_mut()
                .move_booking(when, booking.id, step, "")
                .expect("moved");
        }
        booking.id.to_string()
    }
}

/// The business as the documents print it.
pub fn business() -> BusinessSettings {
    BusinessSettings {
        name: "Spa Hoa Sen".to_owned(),
        address: "12 Lý Tự Trọng, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".to_owned(),
        tax_code: "0312345678".to_owned(),
        bank_account: Some(BankAccount {
            bin: "970415".to_owned(),
            number: "0011001932418".to_owned(),
            name: "CONG TY TNHH SPA HOA SEN".to_owned(),
        }),
        ..BusinessSettings::for_country(Country::Vietnam)
    }
}

pub fn spa() -> Spa {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::init(
        &dir.path().join("spa.db"),
        InitSettings {
            business: business(),
            owner_name: "Hương".to_owned(),
            owner_pin: Some("1234".to_owned()),
            register_code: Some("A7Q".to_owned()),
        },
    )
    .expect("init");
    let now = store.local_time("2026-11-20T08:00").expect("time");
    let ctx = store.context(Some(now)).expect("owner");
    let service = |store: &mut Store, name: &str, price: i64| {
        store
            .catalog_mut()
            .add_service(
                &ctx,
                NewService {
                    name: name.to_owned(),
                    category: String::new(),
                    minutes: 60,
                    buffer_minutes: 0,
                    price,
                    rooms: Vec::new(),
                },
            )
            .expect("service")
            .id
            .to_string()
    };
    let massage = service(&mut store, "Massage đá nóng", 450_000);
    let long_service = service(&mut store, LONG_SERVICE, 650_000);
    let mai = store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Mai".into(),
                role: Role::Therapist,
                pin: Some("2222".into()),
            },
        )
        .expect("therapist")
        .id
        .to_string();
    store
        .schedule_mut()
        .set_staff_services(&ctx, &mai, &[massage.clone(), long_service.clone()])
        .expect("services");
    for day in WEEK {
        store
            .schedule_mut()
            .set_staff_hours(
                &ctx,
                &mai,
                day,
                vec![Span::parse("08:00", "20:00").expect("span")],
            )
            .expect("hours");
    }
    store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Lan".into(),
                role: Role::Receptionist,
                pin: Some("1111".into()),
            },
        )
        .expect("receptionist");
    store
        .catalog_mut()
        .add_package(
            &ctx,
            NewPackage {
                name: PACKAGE.into(),
                service: Some(massage.clone()),
                sessions: 10,
                valid_days: 90,
                price: 3_000_000,
                home_visit: false,
            },
        )
        .expect("package");
    store
        .sales_mut()
        .set_checkout(
            &ctx,
            CheckoutSettings {
                tax: TaxRule {
                    rate: 800,
                    prices_include_tax: true,
                },
                discount_limit: 2_000,
                credit_limit: 0,
            },
        )
        .expect("checkout settings");
    let customer = store
        .customers_mut()
        .add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: CUSTOMER.to_owned(),
                phone: "0912 345 678".to_owned(),
                ..Default::default()
            },
        )
        .expect("customer")
        .id
        .to_string();
    Spa {
        dir,
        store,
        customer,
        massage,
        long_service,
    }
}

fn pay(tender: Tender, amount: i64, reference: &str) -> NewPayment {
    NewPayment {
        tender,
        amount,
        reference: reference.to_owned(),
    }
}

/// The day's sale at 10:45 on 21 November 2026, rung up by Lan: the long
/// service just given, the package, two shampoos at 10 % off; paid from
/// the wallet, by transfer and in cash with change. Returns its number.
pub fn sale(spa: &mut Spa) -> String {
    let owner = spa.at("2026-11-21T09:00");
    let desk = spa.desk("2026-11-21T08:55");
    spa.store
        .drawers_mut()
        .open_drawer(&desk, 500_000)
        .expect("drawer");
    spa.store
        .wallets_mut()
        .deposit_wallet(
            &owner,
            &spa.customer,
            WalletMove {
                amount: 500_000,
                source: Source::Cash,
                reference: String::new(),
                note: String::new(),
            },
        )
        .expect("deposit");
    let long_service = spa.long_service.clone();
    let booking = spa.serve(&long_service, "2026-11-21T09:30", None);
    let line = |what| NewLine {
        what,
        discount: None,
    };
    let desk = spa.desk("2026-11-21T10:45");
    let sale = spa
        .store
        .sales_mut()
        .record_sale(
            &desk,
            NewSale {
                customer: Some(spa.customer.clone()),
                lines: vec![
                    line(LineRef::Booking(booking)),
                    line(LineRef::Package(PACKAGE.into())),
                    NewLine {
                        what: LineRef::Item {
                            name: "Dầu gội thảo dược".into(),
                            unit_price: 120_000,
                            quantity: 2,
                        },
                        discount: Some(Discount::Percent(1_000)),
                    },
                ],
                discount: None,
                payments: vec![
                    pay(Tender::Wallet, 300_000, ""),
                    pay(Tender::Transfer, 3_000_000, "VCB-88123"),
                    pay(Tender::Cash, 600_000, ""),
                ],
                note: String::new(),
            },
        )
        .expect("sold");
    sale.number
}

/// The card the sale sold (or, for more than its ten sessions, a bigger
/// card sold at 11:00), with `sessions` massages given on the days after.
pub fn card(spa: &mut Spa, sessions: usize) -> TreatmentId {
    let ctx = spa.at("2026-11-21T11:00");
    let card = if sessions <= 10 {
        spa.store
            .treatments()
            .customer_treatments(spa.customer.parse().expect("id"), &ctx)
            .expect("cards")
            .into_iter()
            .find(|t| t.name == PACKAGE)
            .expect("the package sold")
    } else {
        let package = spa
            .store
            .catalog_mut()
            .add_package(
                &ctx,
                NewPackage {
                    name: format!("Massage đá nóng {sessions} buổi"),
                    service: Some(spa.massage.clone()),
                    sessions: u16::try_from(sessions).expect("a card's size"),
                    valid_days: 365,
                    price: 250_000 * sessions as i64,
                    home_visit: false,
                },
            )
            .expect("package")
            .id
            .to_string();
        spa.store
            .treatments_mut()
            .sell_treatment(&ctx, &spa.customer.clone(), &package)
            .expect("sold")
    };
    let massage = spa.massage.clone();
    for day in 0..sessions {
        let date = jiff::civil::date(2026, 11, 22) + jiff::Span::new().days(day as i64);
        spa.serve(&massage, &format!("{date}T14:00"), Some(card.id));
    }
    card.id
}

/// The sale, then the drawer counted and closed and the day closed.
pub fn closed_day(spa: &mut Spa) {
    let desk = spa.desk("2026-11-21T19:00");
    spa.store
        .drawers_mut()
        .close_drawer(
            &desk,
            &[
                Count {
                    tender: Tender::Cash,
                    amount: 1_066_000,
                },
                Count {
                    tender: Tender::Transfer,
                    amount: 3_000_000,
                },
            ],
            "",
        )
        .expect("drawer closed");
    let owner = spa.at("2026-11-21T19:30");
    spa.store
        .drawers_mut()
        .close_day(&owner, None)
        .expect("day closed");
}
