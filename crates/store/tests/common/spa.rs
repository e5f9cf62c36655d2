//! A small Saigon spa for the treatment tests, on a real database file:
//! "Massage body", "Gội đầu" and "Massage tại nhà" (a home visit, no room);
//! therapists Mai (all three) and Hoa (massages only), both 08:00-20:00
//! every day; Lan at the desk; customers An (with an address) and Bích; and
//! the package "Massage 10 buổi" (massage only, 90 days).

use caredesk_domain::Role;
use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::Span;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_store::{
    BookingMove, BookingView, Ctx, CustomerEdit, InitSettings, NewBooking, NewItem, NewPackage,
    NewService, NewStaff, TreatmentView, WEEK,
};

use super::TestDb;

/// The day of the sale.
pub const NOW: &str = "2026-11-21T10:00";

/// When `Spa::open_drawer` opens the drawer: the morning of `NOW`.
pub const DRAWER_OPEN: &str = "2026-11-21T07:00";

/// An's address, on her file.
pub const AN_HOME: &str = "12 Lý Tự Trọng, Quận 1";

pub struct Spa {
    pub db: TestDb,
    pub an: String,
    pub bich: String,
    pub massage: String,
    pub hair: String,
    pub home: String,
}

pub fn spa() -> Spa {
    let mut db = super::with(InitSettings {
        owner_name: "Hương".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let an = db.add("Nguyễn Văn An", "0912 345 678").id.to_string();
    let bich = db.add("Trần Thị Bích", "0983 111 222").id.to_string();
    let ctx = db.ctx();
    db.store
        .customers_mut()
        .edit_customer(
            &ctx,
            an.parse().expect("id"),
            CustomerEdit {
                address: Some(AN_HOME.to_owned()),
                ..CustomerEdit::default()
            },
        )
        .expect("address");
    let mut service = |name: &str| {
        db.store
            .catalog_mut()
            .add_service(
                &ctx,
                NewService {
                    name: name.into(),
                    minutes: 60,
                    buffer_minutes: 30,
                    price: 450_000,
                    ..NewService::default()
                },
            )
            .expect("service")
            .id
            .to_string()
    };
    let massage = service("Massage body");
    let hair = service("Gội đầu");
    let home = service("Massage tại nhà");
    let mut therapist = |name: &str, pin: &str, services: &[&String]| {
        let id = db
            .store
            .add_staff(
                &ctx,
                NewStaff {
                    name: name.into(),
                    role: Role::Therapist,
                    pin: Some(pin.into()),
                },
            )
            .expect("therapist")
            .id
            .to_string();
        let services: Vec<String> = services.iter().map(|s| (*s).clone()).collect();
        db.store
            .schedule_mut()
            .set_staff_services(&ctx, &id, &services)
            .expect("services");
        for day in WEEK {
            db.store
                .schedule_mut()
                .set_staff_hours(
                    &ctx,
                    &id,
                    day,
                    vec![Span::parse("08:00", "20:00").expect("span")],
                )
                .expect("hours");
        }
    };
    therapist("Mai", "2222", &[&massage, &hair, &home]);
    therapist("Hoa", "3333", &[&massage]);
    db.store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Lan".into(),
                role: Role::Receptionist,
                pin: Some("1111".into()),
            },
        )
        .expect("receptionist");
    let mut spa = Spa {
        db,
        an,
        bich,
        massage,
        hair,
        home,
    };
    spa.package("Massage 10 buổi", 10, 90, false);
    spa
}

impl Spa {
    pub fn ctx_at(&self, local: &str) -> Ctx {
        self.db.ctx_at(local)
    }

    /// Opens the register's drawer with a float of 1 000 000 at `DRAWER_OPEN`,
    /// before anything the tests ring up: cash is taken and given back only
    /// through an open drawer that holds it.
    pub fn open_drawer(&mut self) {
        let ctx = self.ctx_at(DRAWER_OPEN);
        self.db
            .store
            .drawers_mut()
            .open_drawer(&ctx, 1_000_000)
            .expect("drawer open");
    }

    /// Adds a package of `sessions` of massage (at home or not).
    pub fn package(&mut self, name: &str, sessions: u16, valid_days: u16, home: bool) -> String {
        let ctx = self.ctx_at(NOW);
        let service = if home { &self.home } else { &self.massage };
        self.db
            .store
            .catalog_mut()
            .add_package(
                &ctx,
                NewPackage {
                    name: name.into(),
                    service: Some(service.clone()),
                    sessions,
                    valid_days,
                    price: 400_000 * i64::from(sessions),
                    home_visit: home,
                },
            )
            .expect("package")
            .id
            .to_string()
    }

    /// Sells a new 30-day card of `sessions` massages to `customer`.
    pub fn sell(&mut self, customer: &str, sessions: u16) -> TreatmentView {
        let name = format!("Massage {sessions} buổi ({})", TreatmentId::new());
        let package = self.package(&name, sessions, 30, false);
        let ctx = self.ctx_at(NOW);
        self.db
            .store
            .treatments_mut()
            .sell_treatment(&ctx, customer, &package)
            .expect("sold")
    }

    /// A booking of one item by Mai, paid by treatment `t`.
    pub fn request(
        &self,
        customer: &str,
        service: &str,
        start: &str,
        t: TreatmentId,
    ) -> NewBooking {
        self.request_by(customer, service, "Mai", start, t)
    }

    pub fn request_by(
        &self,
        customer: &str,
        service: &str,
        staff: &str,
        start: &str,
        t: TreatmentId,
    ) -> NewBooking {
        NewBooking {
            customer: customer.to_owned(),
            items: vec![NewItem {
                service: service.to_owned(),
                staff: staff.to_owned(),
                start: self.db.at(start),
                end: None,
                room: None,
                treatment: Some(t),
            }],
            source: BookingSource::Phone,
            notes: String::new(),
        }
    }

    /// An's massage with Mai at `start` on treatment `t`, booked at `NOW`.
    pub fn book(&mut self, t: TreatmentId, start: &str) -> caredesk_store::Result<BookingView> {
        let ctx = self.ctx_at(NOW);
        let request = self.request(&self.an.clone(), &self.massage.clone(), start, t);
        self.db.store.bookings_mut().add_booking(&ctx, request)
    }

    pub fn step(&mut self, now: &str, id: BookingId, to: BookingMove) -> BookingView {
        let ctx = self.ctx_at(now);
        self.db
            .store
            .bookings_mut()
            .move_booking(&ctx, id, to, "")
            .expect("moved")
    }

    /// The session is given: checked in and started at `start`, completed
    /// at `end`.
    pub fn serve(&mut self, id: BookingId, start: &str, end: &str) -> BookingView {
        self.step(start, id, BookingMove::CheckIn);
        self.step(start, id, BookingMove::Start);
        self.step(end, id, BookingMove::Complete)
    }

    pub fn card(&self, id: TreatmentId, now: &str) -> TreatmentView {
        self.db
            .store
            .treatments()
            .treatment(id, &self.ctx_at(now))
            .expect("treatment")
    }

    /// Expects `attempt` refused with `code` and nothing written; returns
    /// the refusal's text.
    pub fn refused<T: std::fmt::Debug>(
        &mut self,
        code: &str,
        attempt: impl FnOnce(&mut Spa) -> caredesk_store::Result<T>,
    ) -> String {
        let path = self.db.path.clone();
        let mut message = String::new();
        super::refused(self, &path, code, |s| {
            let result = attempt(s);
            if let Err(error) = &result {
                message = error.to_string();
            }
            result
        });
        message
    }
}
