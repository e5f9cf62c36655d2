//! Demo and benchmark sales: a spa's past days at the till, priced by the
//! same code as checkout and written through the same op append and
//! projections, one transaction per day. Shelf items only (no bookings or
//! packages behind them), paid in cash, card, transfer or both, with a
//! discount now and then; numbered from the register's own series. Each
//! day's cash goes through a drawer opened before the first sale and
//! counted right after the last, as a counter's day would.

use caredesk_domain::drawer::{Count, DrawerClosed, DrawerEvent, DrawerOpened};
use caredesk_domain::hours::instant;
use caredesk_domain::id::{DrawerId, SaleId};
use caredesk_domain::sale::{
    self, Discount, LineInput, LineKind, Payment, PaymentLine, SaleEvent, SaleLine, SaleRecorded,
    Tender,
};
use jiff::ToSpan;
use jiff::civil::{Date, Time};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

/// What the counter sells most, with its usual price.
const SHELF: [(&str, &str, i64); 8] = [
    ("Dầu gội thảo dược", "retail", 120_000),
    ("Tinh dầu sả chanh", "retail", 180_000),
    ("Mặt nạ ngủ", "retail", 250_000),
    ("Massage body 60 phút", "service", 450_000),
    ("Gội đầu dưỡng sinh", "service", 150_000),
    ("Chăm sóc da mặt", "service", 550_000),
    ("Nến thơm", "retail", 90_000),
    ("Trà thảo mộc", "retail", 45_000),
];

/// The float each seeded day's drawer opens with.
const FLOAT: i64 = 1_000_000;

#[derive(Debug, Clone, Copy)]
pub struct SalesSeed {
    /// The first day (the rest follow it).
    pub from: Date,
    pub days: u16,
    /// Receipt lines per day, about (each sale has 1 to 9 lines).
    pub lines_per_day: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SalesSeeded {
    pub sales: u64,
    pub lines: u64,
}

impl Store {
    /// Adds past days of sales between opening hours (09:00 to 20:00).
    pub fn seed_sales(&mut self, ctx: &Ctx, options: SalesSeed) -> Result<SalesSeeded> {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        let zone = self.settings.time_zone();
        let currency = self.settings.currency;
        let tax = self.sales().checkout()?.tax;
        let register = self.register_code.clone();
        let mut seeded = SalesSeeded { sales: 0, lines: 0 };
        for day in 0..options.days {
            let date = options
                .from
                .checked_add(i64::from(day).days())
                .map_err(|e| StoreError::BadDate(e.to_string()))?;
            let opening = instant(date, Time::constant(9, 0, 0, 0), &zone);
            let mut writer = self.writer(ctx)?;
            let drawer = DrawerId::new();
            writer.append(
                drawer,
                DrawerEvent::from(DrawerOpened {
                    register: register.clone(),
                    float: FLOAT,
                    at: opening - jiff::SignedDuration::from_mins(30),
                }),
            )?;
            let mut taken = [
                (Tender::Cash, FLOAT),
                (Tender::Card, 0),
                (Tender::Transfer, 0),
            ];
            let mut lines_today = 0u32;
            while lines_today < options.lines_per_day {
                let count = rng
                    .random_range(1..=9u32)
                    .min(options.lines_per_day - lines_today);
                let picks: Vec<(&str, &str, i64)> = (0..count)
                    .map(|_| *SHELF.choose(&mut rng).expect("a shelf"))
                    .collect();
                let inputs: Vec<LineInput> = picks
                    .iter()
                    .map(|(_, _, price)| LineInput {
                        unit_price: *price,
                        quantity: rng.random_range(1..=2),
                        discount: rng.random_ratio(1, 20).then_some(Discount::Percent(1_000)),
                        top_up: false,
                    })
                    .collect();
                let priced = sale::price(&inputs, None, tax)?;
                let tender = *[Tender::Cash, Tender::Card, Tender::Transfer]
                    .choose(&mut rng)
                    .expect("tenders");
                let payments = if rng.random_ratio(1, 5) && priced.total > 1 {
                    let first = priced.total / 2;
                    vec![
                        Payment {
                            tender: Tender::Card,
                            amount: first,
                        },
                        Payment {
                            tender: Tender::Cash,
                            amount: priced.total - first,
                        },
                    ]
                } else {
                    vec![Payment {
                        tender,
                        amount: priced.total,
                    }]
                };
                let settled = sale::settle(priced.total, &payments)?;
                for payment in &payments {
                    for (tender, amount) in &mut taken {
                        if *tender == payment.tender {
                            *amount += payment.amount;
                        }
                    }
                }
                taken[0].1 -= settled.change;
                let at = opening + jiff::SignedDuration::from_secs(rng.random_range(0..39_600));
                let number = crate::sales::next_receipt_number(writer.tx(), &register)?;
                let lines = picks
                    .iter()
                    .zip(inputs)
                    .zip(priced.lines)
                    .map(|(((name, category, _), input), priced)| SaleLine {
                        what: LineKind::Item,
                        name: (*name).to_owned(),
                        category: (*category).to_owned(),
                        staff: None,
                        quantity: input.quantity,
                        unit_price: input.unit_price,
                        discount: input.discount,
                        priced,
                    })
                    .collect();
                writer.append(
                    SaleId::new(),
                    SaleEvent::from(SaleRecorded {
                        number,
                        register: register.clone(),
                        customer: None,
                        at,
                        currency,
                        lines,
                        sale_discount: None,
                        tax_rule: tax,
                        subtotal: priced.subtotal,
                        discounts: priced.discounts,
                        tax: priced.tax,
                        added_tax: priced.added_tax,
                        total: priced.total,
                        payments: payments
                            .iter()
                            .map(|p| PaymentLine {
                                tender: p.tender,
                                amount: p.amount,
                                reference: String::new(),
                            })
                            .collect(),
                        change: settled.change,
                        note: String::new(),
                    }),
                )?;
                lines_today += count;
                seeded.sales += 1;
                seeded.lines += u64::from(count);
            }
            // Sales run until 20:00; the drawer is counted, exact, at 20:30.
            writer.append(
                drawer,
                DrawerEvent::from(DrawerClosed {
                    counted: taken
                        .iter()
                        .map(|&(tender, amount)| Count { tender, amount })
                        .collect(),
                    at: opening + jiff::SignedDuration::from_mins(11 * 60 + 30),
                    note: String::new(),
                }),
            )?;
            writer.commit()?;
        }
        Ok(seeded)
    }
}
