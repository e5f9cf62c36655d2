//! Customer benchmarks on a real file with 200,000 seeded customers.
//!
//! - `search/*`: criterion timings of typical name, phone and code queries.
//! - `add_customer` vs `bare_insert`: registering a customer (op, projection,
//!   search rows, one durable commit) against the cheapest durable write
//!   there is, a single-row INSERT committed on the same file with the same
//!   pragmas. The issue's target is a ratio of at most 2.
//! - After criterion, a latency pass runs 2,000 varied queries of each kind
//!   and prints p50/p95/p99, since criterion reports means, not tails.
//!
//! The seeded file is built once and kept in `target/bench-data/` (keyed by
//! schema version and size); each run works on a fresh copy of it.
//! `CAREDESK_BENCH_CUSTOMERS` changes the size.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caredesk_store::{Ctx, InitSettings, NewCustomer, SeedOptions, Store};
use common::{bare_commit, bare_connection, cached_copy, compare_writes, latencies};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

use rusqlite::Connection;

fn customers() -> usize {
    std::env::var("CAREDESK_BENCH_CUSTOMERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200_000)
}

/// A fresh copy of the seeded database, in a temp dir that lives as long as
/// the returned guard.
fn seeded_copy() -> (tempfile::TempDir, PathBuf) {
    let size = customers();
    let name = format!("customers-v{}-{size}.db", caredesk_store::schema_version());
    cached_copy(&name, |path| {
        let mut store = Store::init(path, InitSettings::default()).expect("init");
        let ctx = store.context(None).expect("ctx");
        store
            .seed(
                &ctx,
                SeedOptions {
                    customers: size,
                    seed: 2026,
                },
            )
            .expect("seed");
    })
}

/// Queries a receptionist types, drawn from the seeded data itself.
struct Workload {
    names: Vec<String>,
    phones: Vec<String>,
}

fn workload(path: &Path, count: usize) -> Workload {
    let conn = Connection::open(path).expect("open");
    let mut statement = conn
        .prepare("SELECT name, phone FROM customers WHERE registered ORDER BY (num * 7919) % 1000003 LIMIT ?1")
        .expect("sample");
    let rows: Vec<(String, String)> = statement
        .query_map([count as i64], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("sample rows");
    let mut names = Vec::new();
    let mut phones = Vec::new();
    for (i, (name, phone)) in rows.iter().enumerate() {
        let folded = caredesk_domain::text::fold(name);
        let words: Vec<&str> = folded.split(' ').collect();
        // Family name alone, family + middle, the given name, a whole name,
        // a prefix being typed: the shapes of real searches.
        names.push(match i % 5 {
            0 => words[0].to_owned(),
            1 => words[..words.len().min(2)].join(" "),
            2 => words[words.len() - 1].to_owned(),
            3 => name.clone(),
            _ => folded.chars().take(4).collect(),
        });
        let national = format!("0{}", &phone[3..]);
        phones.push(match i % 4 {
            0 => format!("{} {}", &national[1..4], &national[4..7]),
            1 => format!("+{} {}", &phone[1..3], &phone[3..6]),
            2 => national.clone(),
            _ => national[national.len() - 4..].to_owned(),
        });
    }
    Workload { names, phones }
}

fn search(c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let store = Store::open(&path).expect("open");
    let mut group = c.benchmark_group("search");
    for query in ["nguyen", "nguyen van", "dang thi anh", "anh", "tran thi h"] {
        group.bench_function(format!("name {query:?}"), |b| {
            b.iter(|| {
                black_box(
                    store
                        .customers()
                        .find_customers(black_box(query), 20)
                        .expect("search"),
                )
            })
        });
    }
    for query in ["912 345", "+84 98", "0903-2", "5678"] {
        group.bench_function(format!("phone {query:?}"), |b| {
            b.iter(|| {
                black_box(
                    store
                        .customers()
                        .find_customers(black_box(query), 20)
                        .expect("search"),
                )
            })
        });
    }
    group.finish();
}

/// Fresh valid phones that no seeded customer holds.
fn fresh_phones(store: &Store, count: usize) -> Vec<String> {
    let mut phones = Vec::with_capacity(count);
    let mut n = 0u32;
    while phones.len() < count {
        let phone = format!("0599{:06}", n);
        n += 1;
        if store.customers().resolve_customer(&phone).is_err() {
            phones.push(phone);
        }
    }
    phones
}

fn writes(c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let mut store = Store::open(&path).expect("open");
    let ctx = store.context(None).expect("ctx");
    let bare = bare_connection(&path);
    let mut phones = fresh_phones(&store, 200_000).into_iter();

    let mut group = c.benchmark_group("write");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("bare_insert", |b| {
        b.iter(|| {
            bare_commit(&bare);
        })
    });
    group.bench_function("add_customer", |b| {
        b.iter(|| {
            let phone = phones.next().expect("enough phones");
            add_one(&mut store, &ctx, phone)
        })
    });
    group.finish();
}

/// The measured command: one customer, as the counter adds them.
fn add_one(store: &mut Store, ctx: &Ctx, phone: String) {
    store
        .customers_mut()
        .add_customer(
            ctx,
            NewCustomer {
                name: "Nguyễn Văn An".to_owned(),
                phone,
                ..NewCustomer::default()
            },
        )
        .expect("added");
}

/// Tail latencies and the write ratio, measured side by side in one run.
fn summary(_c: &mut Criterion) {
    let (_dir, path) = seeded_copy();
    let mut store = Store::open(&path).expect("open");
    let work = workload(&path, 2_000);
    let time = |query: &str| {
        let started = Instant::now();
        black_box(store.customers().find_customers(query, 20).expect("search"));
        started.elapsed()
    };
    // Warm the page cache the way a counter that has been open a while is.
    for q in work.names.iter().chain(&work.phones).take(200) {
        time(q);
    }
    let names: Vec<Duration> = work.names.iter().map(|q| time(q)).collect();
    let phones: Vec<Duration> = work.phones.iter().map(|q| time(q)).collect();

    println!(
        "\n== CareDesk customer summary ({} customers) ==",
        customers()
    );
    println!("{}", latencies("name search", names));
    println!("{}", latencies("phone-fragment search", phones));
    let ctx = store.context(None).expect("ctx");
    let pairs = 400;
    let mut fresh = fresh_phones(&store, pairs + 20).into_iter();
    compare_writes(&path, "add_customer", pairs, |_| {
        add_one(&mut store, &ctx, fresh.next().expect("enough phones"));
    });
}

criterion_group!(benches, search, writes, summary);
criterion_main!(benches);
