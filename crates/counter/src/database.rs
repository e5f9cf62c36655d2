//! Where the counter's database lives, and what a first start puts in it.

use std::path::{Path, PathBuf};

use caredesk_domain::Role;
use caredesk_domain::hours::Span;
use caredesk_store::{
    Ctx, InitSettings, NewService, NewStaff, SeedOptions, Store, StoreError, WEEK,
};
use jiff::Timestamp;

/// Overrides the database location; tests point it at a temporary file.
pub const DB_ENV: &str = "CAREDESK_DB";

/// Customers in the demo set a new install starts with, so a first look at
/// the counter shows a realistic search. The fixed seed makes every new
/// install (and every smoke test) show the same people.
const DEMO_CUSTOMERS: usize = 300;
const DEMO_SEED: u64 = 2026;

/// The owner a first start creates, and their PIN.
pub const DEMO_OWNER: (&str, &str) = ("Hoa", "1234");

/// The staff a first start adds, so sign-in, roles and the activity log can be
/// tried at once. Demo PINs (a real business changes or replaces them):
///
/// | name | role         | PIN  |
/// |------|--------------|------|
/// | Hoa  | owner        | 1234 |
/// | Tuấn | manager      | 3333 |
/// | Lan  | receptionist | 1111 |
/// | Minh | therapist    | 2222 |
pub const DEMO_STAFF: [(&str, Role, &str); 3] = [
    ("Tuấn", Role::Manager, "3333"),
    ("Lan", Role::Receptionist, "1111"),
    ("Minh", Role::Therapist, "2222"),
];

pub fn path() -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => caredesk_store::default_db_path(),
    }
}

/// Opens the database at `path`, creating and seeding it when there is no
/// file yet, as of `now` (the counter's clock). The folder must exist.
pub fn open_or_create(path: &Path, now: Timestamp) -> Result<Store, StoreError> {
    if path.exists() {
        return Store::open(path);
    }
    let mut store = create_with_demo_staff(path)?;
    add_demo_data(&mut store, now)?;
    Ok(store)
}

/// The demo calendar (services, who performs them, their hours) and
/// customers a first start adds to a new database, as of `now`.
pub fn add_demo_data(store: &mut Store, now: Timestamp) -> Result<(), StoreError> {
    let ctx = store.context(Some(now))?;
    demo_calendar(store, &ctx)?;
    store.seed(
        &ctx,
        SeedOptions {
            customers: DEMO_CUSTOMERS,
            seed: DEMO_SEED,
        },
    )?;
    Ok(())
}

/// The services a first start offers and who performs them when, so the
/// calendar has columns to book in at once: (name, category, minutes,
/// buffer, price in đồng).
const DEMO_SERVICES: [(&str, &str, u16, u16, i64); 3] = [
    ("Massage body 60 phút", "Massage", 60, 15, 450_000),
    ("Chăm sóc da mặt", "Da mặt", 75, 15, 550_000),
    ("Gội đầu dưỡng sinh", "Gội đầu", 45, 15, 150_000),
];

/// Minh does massages and hair washes, 09:00-19:00; Hoa, the owner, facials
/// and hair washes, 09:00-18:00; every day (a business changes this in
/// its settings).
const DEMO_SHIFTS: [(&str, [usize; 2], &str, &str); 2] = [
    ("Minh", [0, 2], "09:00", "19:00"),
    ("Hoa", [1, 2], "09:00", "18:00"),
];

fn demo_calendar(store: &mut Store, ctx: &Ctx) -> Result<(), StoreError> {
    let mut services = Vec::new();
    for (name, category, minutes, buffer_minutes, price) in DEMO_SERVICES {
        let service = store.catalog_mut().add_service(
            ctx,
            NewService {
                name: name.to_owned(),
                category: category.to_owned(),
                minutes,
                buffer_minutes,
                price,
                rooms: Vec::new(),
            },
        )?;
        services.push(service.id.to_string());
    }
    for (who, performs, from, to) in DEMO_SHIFTS {
        let performs: Vec<String> = performs.iter().map(|i| services[*i].clone()).collect();
        store
            .schedule_mut()
            .set_staff_services(ctx, who, &performs)?;
        let span = Span::parse(from, to).map_err(StoreError::Hours)?;
        let week: Vec<_> = WEEK.iter().map(|day| (*day, vec![span])).collect();
        store.schedule_mut().set_staff_week(ctx, who, &week)?;
    }
    Ok(())
}

/// A new database with the demo owner and staff and no customers.
pub fn create_with_demo_staff(path: &Path) -> Result<Store, StoreError> {
    let (owner, owner_pin) = DEMO_OWNER;
    let mut store = Store::init(
        path,
        InitSettings {
            owner_name: owner.to_owned(),
            owner_pin: Some(owner_pin.to_owned()),
            ..InitSettings::default()
        },
    )?;
    let ctx = store.context(None)?;
    for (name, role, pin) in DEMO_STAFF {
        store.add_staff(
            &ctx,
            NewStaff {
                name: name.to_owned(),
                role,
                pin: Some(pin.to_owned()),
            },
        )?;
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_creates_and_seeds_then_later_starts_only_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("caredesk.db");

        let store = open_or_create(&path, jiff::Timestamp::now()).expect("first start");
        let found = store
            .customers()
            .find_customers("nguyen", 5)
            .expect("search");
        assert!(!found.is_empty(), "the demo set has Nguyễn customers");

        let services = store.schedule().bookable_services().expect("services");
        let minh = store.staff_member("Minh").expect("Minh").id;
        assert_eq!(services.len(), 3, "the calendar has something to book");
        assert!(services.iter().all(|s| !s.staff.is_empty()));
        assert!(services[1].staff.contains(&minh), "{services:?}");
        drop(store);

        let reopened = open_or_create(&path, jiff::Timestamp::now()).expect("second start");
        assert_eq!(
            reopened
                .customers()
                .find_customers("nguyen", 5)
                .expect("search"),
            found,
            "a second start neither reseeds nor loses anything"
        );
    }

    #[test]
    fn the_demo_staff_can_sign_in_with_their_pins() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
        let staff = store.staff().expect("staff");
        let roles: Vec<(&str, Role, bool)> = staff
            .iter()
            .map(|m| (m.name.as_str(), m.role, m.active && m.has_pin))
            .collect();
        assert_eq!(
            roles,
            [
                ("Hoa", Role::Owner, true),
                ("Lan", Role::Receptionist, true),
                ("Minh", Role::Therapist, true),
                ("Tuấn", Role::Manager, true),
            ]
        );
        let now = jiff::Timestamp::now();
        for (name, pin) in [
            DEMO_OWNER,
            ("Tuấn", "3333"),
            ("Lan", "1111"),
            ("Minh", "2222"),
        ] {
            let ctx = store.sign_in(name, pin, now).expect(name);
            assert_eq!(store.staff_member(name).expect(name).id, ctx.actor);
        }
    }
}
