//! Booking benchmarks on a real file: 20 therapists, one service, 200
//! customers and 5,000 bookings.
//!
//! - `slots/*`: criterion timings of the free slots for the service over a
//!   30-day window, with anyone who performs it and with one therapist. The
//!   issue's target is under 20 ms.
//! - `write/*`: `add_booking` against `bare_insert`, a single-row INSERT
//!   committed on the same file with the same pragmas. The target is
//!   a ratio of at most 2.
//! - After criterion, a summary prints p50/p95/p99 of the slot queries (200
//!   runs each), the ratio of medians over interleaved pairs of bare insert
//!   and `add_booking`, and the WAL bytes each kind of commit writes.
//!
//! The data: opening hours 08:00-20:00 every day (the default calendar, with
//! its 90-minute grid on :00 and :30), one 60-minute service with a 30-minute
//! buffer, 20 therapists who perform it and work 08:00-20:00 every day, so
//! each therapist has 8 grid slots a day and the 30-day window holds 4,800.
//! 5,000 bookings cannot all fit in it, so they are spread at random (seeded)
//! over the window and the 15 days before it: about two thirds land in the
//! window (a spa about 70% booked), the rest are the recent past the query
//! must skip. The query's clock is the evening before the window.
//!
//! The file is built once and kept in `target/bench-data/` (keyed by schema
//! version and `DATA_VERSION`); each run works on a fresh copy of it.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::Span;
use caredesk_domain::staff::Role;
use caredesk_store::{
    Ctx, InitSettings, NewBooking, NewItem, NewService, NewStaff, SeedOptions, Store, StoreError,
    WEEK,
};
use common::{bare_commit, bare_connection, checkpoint, compare_writes, latencies};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{Date, Time, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

mod common;

/// Bump when the generated data changes, so a stale cache is not reused.
const DATA_VERSION: u32 = 1;
const STAFF: usize = 20;
const CUSTOMERS: usize = 200;
const BOOKINGS: usize = 5_000;
/// The queried window: `WINDOW_DAYS` days from `window_from()`, inclusive.
const WINDOW_DAYS: i32 = 30;
/// Days before the window that also hold bookings.
const HISTORY_DAYS: i32 = 15;
/// Grid slots in a working day: 08:00, 09:30, ..., 18:30.
const SLOTS_PER_DAY: i32 = 8;
const SLOT_MINUTES: i32 = 90;
const SERVICE_NAME: &str = "Massage 60";

fn window_from() -> Date {
    date(2027, 3, 1)
}

fn window_to() -> Date {
    window_from() + (WINDOW_DAYS - 1).days()
}

/// The clock while building: the day before the first booking.
fn build_now(zone: &TimeZone) -> Timestamp {
    let day = window_from() - (HISTORY_DAYS + 1).days();
    caredesk_domain::hours::instant(day, Time::constant(12, 0, 0, 0), zone)
}

/// The clock of the slot queries: the evening before the window.
fn query_now(zone: &TimeZone) -> Timestamp {
    let day = window_from() - 1.days();
    caredesk_domain::hours::instant(day, Time::constant(19, 0, 0, 0), zone)
}

/// The start of grid slot `k` (0..8) on `day`.
fn grid_start(day: Date, k: i32, zone: &TimeZone) -> Timestamp {
    let time = Time::constant(8, 0, 0, 0) + (k * SLOT_MINUTES).minutes();
    caredesk_domain::hours::instant(day, time, zone)
}

/// What the benches need to know about the built file.
struct Data {
    service: String,
    staff: Vec<String>,
    customers: Vec<String>,
}

fn data(store: &Store, path: &Path) -> Data {
    let service = store
        .catalog()
        .find_service(SERVICE_NAME)
        .expect("the service")
        .id
        .to_string();
    let mut staff: Vec<String> = store
        .staff()
        .expect("staff")
        .into_iter()
        .filter(|m| m.role == Role::Therapist)
        .map(|m| m.id.to_string())
        .collect();
    staff.sort();
    let conn = Connection::open(path).expect("open");
    let mut statement = conn
        .prepare("SELECT id FROM customers WHERE registered ORDER BY num")
        .expect("customers");
    let customers = statement
        .query_map([], |row| row.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<Vec<_>, _>>()
        .expect("customer ids");
    assert_eq!(staff.len(), STAFF);
    assert_eq!(customers.len(), CUSTOMERS);
    Data {
        service,
        staff,
        customers,
    }
}

/// Builds the file: calendar defaults, one service, 20 therapists working
/// every day, 200 customers, 5,000 bookings.
fn build(path: &Path) {
    let started = Instant::now();
    let mut store = Store::init(path, InitSettings::default()).expect("init");
    let zone = store.settings().time_zone();
    let ctx = store.context(Some(build_now(&zone))).expect("ctx");
    store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: SERVICE_NAME.to_owned(),
                category: "Massage".to_owned(),
                minutes: 60,
                buffer_minutes: 30,
                price: 450_000,
                rooms: Vec::new(),
            },
        )
        .expect("service");
    let day = Span::parse("08:00", "20:00").expect("span");
    for n in 1..=STAFF {
        let member = store
            .add_staff(
                &ctx,
                NewStaff {
                    name: format!("Therapist {n:02}"),
                    role: Role::Therapist,
                    pin: None,
                },
            )
            .expect("staff");
        let who = member.id.to_string();
        store
            .schedule_mut()
            .set_staff_services(&ctx, &who, &[SERVICE_NAME.to_owned()])
            .expect("services");
        for weekday in WEEK {
            store
                .schedule_mut()
                .set_staff_hours(&ctx, &who, weekday, vec![day])
                .expect("hours");
        }
    }
    store
        .seed(
            &ctx,
            SeedOptions {
                customers: CUSTOMERS,
                seed: 2026,
            },
        )
        .expect("seed");
    let data = data(&store, path);

    let mut rng = ChaCha8Rng::seed_from_u64(2027);
    let first = window_from() - HISTORY_DAYS.days();
    let (mut made, mut refused) = (0, 0);
    while made < BOOKINGS {
        let day = first + rng.random_range(0..HISTORY_DAYS + WINDOW_DAYS).days();
        let start = grid_start(day, rng.random_range(0..SLOTS_PER_DAY), &zone);
        let staff = &data.staff[rng.random_range(0..STAFF)];
        let customer = &data.customers[rng.random_range(0..CUSTOMERS)];
        match store
            .bookings_mut()
            .add_booking(&ctx, booking(&data.service, staff, customer, start))
        {
            Ok(_) => made += 1,
            Err(StoreError::DoubleBooking { .. }) => refused += 1,
            Err(other) => panic!("booking refused: {other}"),
        }
    }
    drop(store);
    checkpoint(path);
    eprintln!(
        "built {BOOKINGS} bookings ({refused} random picks refused as double bookings) in {:.1?}",
        started.elapsed()
    );
}

fn booking(service: &str, staff: &str, customer: &str, start: Timestamp) -> NewBooking {
    NewBooking {
        customer: customer.to_owned(),
        items: vec![NewItem {
            service: service.to_owned(),
            staff: staff.to_owned(),
            start,
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    }
}

/// A fresh copy of the built database, in a temp dir that lives as long as
/// the returned guard.
fn built_copy() -> (tempfile::TempDir, PathBuf) {
    let name = format!(
        "bookings-v{}-d{DATA_VERSION}.db",
        caredesk_store::schema_version()
    );
    let cache = common::cache_path(&name);
    if cache.exists() && !readable(&cache) {
        // Op bodies that have not shipped change shape without a schema
        // bump; a file built by an older build is rebuilt rather than
        // failing half-way through a run.
        eprintln!("{} no longer reads; rebuilding it", cache.display());
        std::fs::remove_file(&cache).expect("remove stale cache");
    }
    common::cached_copy(&name, build)
}

/// Whether this build reads the cached file: every staff member's state
/// (which a slot query and a booking load) and the bookings' projection.
fn readable(cache: &Path) -> bool {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("check.db");
    std::fs::copy(cache, &path).expect("copy");
    let Ok(store) = Store::open(&path) else {
        return false;
    };
    let zone = store.settings().time_zone();
    let Ok(service) = store.catalog().find_service(SERVICE_NAME) else {
        return false;
    };
    let staff = store.staff().unwrap_or_default();
    staff.len() == STAFF + 1
        && staff
            .iter()
            .all(|m| store.schedule().staff_schedule(&m.id.to_string()).is_ok())
        && store
            .schedule()
            .slots(
                query_now(&zone),
                &service.id.to_string(),
                window_from(),
                window_to(),
                None,
            )
            .is_ok_and(|found| !found.is_empty())
}

fn slots(c: &mut Criterion) {
    let (_dir, path) = built_copy();
    let store = Store::open(&path).expect("open");
    let data = data(&store, &path);
    let now = query_now(&store.settings().time_zone());
    let (from, to) = (window_from(), window_to());
    let mut group = c.benchmark_group("slots");
    group.bench_function("30_days_20_staff_5000_bookings", |b| {
        b.iter(|| {
            black_box(
                store
                    .schedule()
                    .slots(now, black_box(&data.service), from, to, None)
                    .expect("slots"),
            )
        })
    });
    group.bench_function("30_days_one_staff_5000_bookings", |b| {
        b.iter(|| {
            black_box(
                store
                    .schedule()
                    .slots(
                        now,
                        black_box(&data.service),
                        from,
                        to,
                        Some(data.staff[7].as_str()),
                    )
                    .expect("slots"),
            )
        })
    });
    group.finish();
}

/// Free grid slots far beyond the built bookings, in order: day by day,
/// slot by slot, therapist by therapist. A booking made in each never
/// collides, however many the benchmark makes.
struct FreeSlots {
    zone: TimeZone,
    day: Date,
    slot: i32,
    staff: usize,
}

impl FreeSlots {
    fn new(zone: TimeZone) -> FreeSlots {
        FreeSlots {
            zone,
            day: window_to() + 1.days(),
            slot: 0,
            staff: 0,
        }
    }

    fn next(&mut self) -> (usize, Timestamp) {
        let found = (self.staff, grid_start(self.day, self.slot, &self.zone));
        self.staff += 1;
        if self.staff == STAFF {
            self.staff = 0;
            self.slot += 1;
            if self.slot == SLOTS_PER_DAY {
                self.slot = 0;
                self.day = self.day.tomorrow().expect("a later day");
            }
        }
        found
    }
}

/// The measured command: one booking of one item, as the counter makes it.
fn book_one(store: &mut Store, ctx: &Ctx, data: &Data, free: &mut FreeSlots, n: usize) {
    let (staff, start) = free.next();
    let customer = &data.customers[n % CUSTOMERS];
    store
        .bookings_mut()
        .add_booking(
            ctx,
            booking(&data.service, &data.staff[staff], customer, start),
        )
        .expect("booked");
}

fn writes(c: &mut Criterion) {
    let (_dir, path) = built_copy();
    let mut store = Store::open(&path).expect("open");
    let data = data(&store, &path);
    let zone = store.settings().time_zone();
    let ctx = store.context(Some(build_now(&zone))).expect("ctx");
    let bare = bare_connection(&path);
    let mut free = FreeSlots::new(zone);
    let mut n = 0;

    let mut group = c.benchmark_group("write");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("bare_insert", |b| {
        b.iter(|| {
            bare_commit(&bare);
        })
    });
    group.bench_function("add_booking", |b| {
        b.iter(|| {
            n += 1;
            book_one(&mut store, &ctx, &data, &mut free, n);
        })
    });
    group.finish();
}

/// Tail latencies and the write ratio, measured side by side in one run.
fn summary(_c: &mut Criterion) {
    let (_dir, path) = built_copy();
    let mut store = Store::open(&path).expect("open");
    let data = data(&store, &path);
    let zone = store.settings().time_zone();
    let now = query_now(&zone);
    let (from, to) = (window_from(), window_to());

    let in_window: i64 = Connection::open(&path)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM booking_items WHERE start_at >= ?1 AND start_at < ?2",
            [
                caredesk_domain::hours::instant(from, Time::midnight(), &zone).as_millisecond(),
                caredesk_domain::hours::instant(to, Time::MAX, &zone).as_millisecond(),
            ],
            |row| row.get(0),
        )
        .expect("count");
    let any_found = store
        .schedule()
        .slots(now, &data.service, from, to, None)
        .expect("slots")
        .len();
    let one_found = store
        .schedule()
        .slots(now, &data.service, from, to, Some(data.staff[0].as_str()))
        .expect("slots")
        .len();

    let runs = 200;
    let time = |who: Option<&str>| {
        let started = Instant::now();
        black_box(
            store
                .schedule()
                .slots(now, &data.service, from, to, who)
                .expect("slots"),
        );
        started.elapsed()
    };
    // Warm the page cache the way a counter that has been open a while is.
    for _ in 0..20 {
        time(None);
    }
    let any: Vec<Duration> = (0..runs).map(|_| time(None)).collect();
    let one: Vec<Duration> = (0..runs)
        .map(|i| time(Some(data.staff[i % STAFF].as_str())))
        .collect();

    println!(
        "\n== CareDesk booking summary ({STAFF} staff, {BOOKINGS} bookings, {in_window} in the {WINDOW_DAYS}-day window) =="
    );
    println!(
        "free slots found: {any_found} with anyone, {one_found} with one therapist (of {} grid slots)",
        STAFF as i32 * SLOTS_PER_DAY * WINDOW_DAYS
    );
    println!("{}", latencies("slots, any staff", any));
    println!("{}", latencies("slots, one staff", one));
    let ctx = store.context(Some(build_now(&zone))).expect("ctx");
    let mut free = FreeSlots::new(zone);
    compare_writes(&path, "add_booking", 400, |n| {
        book_one(&mut store, &ctx, &data, &mut free, n);
    });
}

criterion_group!(benches, slots, writes, summary);
criterion_main!(benches);
