//! Checkout benchmarks on a real file with a year of sales.
//!
//! - `report/*`: the day's Z report (this register, and the branch) for a
//!   day in the middle of 365 days of history, about 500,000 receipt lines
//!   in all. The target is under 200 ms.
//! - `write/*`: a sale of 5 lines paid 2 ways (cash with change and card)
//!   against the cheapest durable write there is, a single-row INSERT
//!   committed on the same file with the same pragmas. The target is a
//!   ratio of at most 2.
//! - After criterion, 400 interleaved pairs of bare insert and sale give
//!   the ratio of medians and the WAL bytes of each commit.
//!
//! The seeded file is built once and kept in `target/bench-data/` (keyed by
//! schema version and size); each run works on a fresh copy of it.
//! `CAREDESK_BENCH_SALE_LINES` changes the lines per day (default 1,370).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use caredesk_domain::sale::Tender;
use caredesk_store::{Ctx, LineRef, NewLine, NewPayment, NewSale, SalesSeed, Store};
use common::{bare_commit, bare_connection, cached_copy, compare_writes, latencies};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{Date, date};

mod common;

const FIRST_DAY: Date = date(2025, 1, 1);
const DAYS: u16 = 365;
const REPORTED: Date = date(2025, 7, 2);

fn lines_per_day() -> u32 {
    std::env::var("CAREDESK_BENCH_SALE_LINES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_370)
}

fn seeded_copy() -> (tempfile::TempDir, PathBuf) {
    let per_day = lines_per_day();
    let name = format!("sales-v{}-{per_day}.db", caredesk_store::schema_version());
    cached_copy(&name, |path| {
        let mut store = Store::init(path, caredesk_store::InitSettings::default()).expect("init");
        let ctx = store.context(None).expect("ctx");
        let seeded = store
            .seed_sales(
                &ctx,
                SalesSeed {
                    from: FIRST_DAY,
                    days: DAYS,
                    lines_per_day: per_day,
                    seed: 2026,
                },
            )
            .expect("seed");
        eprintln!("seeded {} sales, {} lines", seeded.sales, seeded.lines);
    })
}

/// The evening after the reported day.
fn evening(store: &Store) -> Ctx {
    store
        .context(Some(store.local_time("2025-07-02T21:00").expect("time")))
        .expect("ctx")
}

fn report(c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let store = Store::open(&path).expect("open");
    let ctx = evening(&store);
    let mut group = c.benchmark_group("report");
    group.bench_function("day_register", |b| {
        b.iter(|| black_box(store.day_report(&ctx, REPORTED, false).expect("report")))
    });
    group.bench_function("day_branch", |b| {
        b.iter(|| black_box(store.day_report(&ctx, REPORTED, true).expect("report")))
    });
    group.finish();
}

/// The measured command: five shelf lines, cash with change and a card.
fn ring_up(store: &mut Store, ctx: &Ctx) {
    let item = |name: &str, unit_price: i64| NewLine {
        what: LineRef::Item {
            name: name.to_owned(),
            unit_price,
            quantity: 1,
        },
        discount: None,
    };
    let pay = |tender, amount| NewPayment {
        tender,
        amount,
        reference: String::new(),
    };
    store
        .sales_mut()
        .record_sale(
            ctx,
            NewSale {
                lines: vec![
                    item("Dầu gội thảo dược", 120_000),
                    item("Tinh dầu sả chanh", 180_000),
                    item("Mặt nạ ngủ", 250_000),
                    item("Nến thơm", 90_000),
                    item("Trà thảo mộc", 45_000),
                ],
                payments: vec![pay(Tender::Card, 500_000), pay(Tender::Cash, 200_000)],
                ..NewSale::default()
            },
        )
        .expect("sold");
}

fn writes(c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let mut store = Store::open(&path).expect("open");
    let ctx = store.context(None).expect("ctx");
    store
        .drawers_mut()
        .open_drawer(&ctx, 0)
        .expect("drawer open");
    let bare = bare_connection(&path);
    let mut group = c.benchmark_group("write");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("bare_insert", |b| b.iter(|| bare_commit(&bare)));
    group.bench_function("sale_5_lines_2_payments", |b| {
        b.iter(|| ring_up(&mut store, &ctx))
    });
    group.finish();
}

fn summary(_c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let mut store = Store::open(&path).expect("open");
    let ctx = evening(&store);
    let lines: i64 = rusqlite::Connection::open(&path)
        .expect("open")
        .query_row("SELECT count(*) FROM sale_lines", [], |row| row.get(0))
        .expect("count");
    println!("\n== CareDesk checkout summary ({lines} sale lines over {DAYS} days) ==");
    let reports: Vec<Duration> = (0..200)
        .map(|n| {
            let started = Instant::now();
            black_box(
                store
                    .day_report(&ctx, REPORTED, n % 2 == 0)
                    .expect("report"),
            );
            started.elapsed()
        })
        .collect();
    println!("{}", latencies("Z report (day)", reports));
    let now = store.context(None).expect("ctx");
    store
        .drawers_mut()
        .open_drawer(&now, 0)
        .expect("drawer open");
    compare_writes(&path, "sale 5 lines 2 payments", 400, |_| {
        ring_up(&mut store, &now)
    });
}

criterion_group!(benches, report, writes, summary);
criterion_main!(benches);
