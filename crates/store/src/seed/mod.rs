//! Demo and benchmark data: realistic Vietnamese and Indonesian customers,
//! the same set for the same seed.
//!
//! Seeding goes through the same op append and projections as a receptionist
//! adding customers one by one, in one transaction.

mod names;
mod sales;
pub use sales::{SalesSeed, SalesSeeded};

use std::collections::HashSet;

use caredesk_domain::Country;
use caredesk_domain::customer::{
    CustomerEvent, CustomerNoteAdded, CustomerRegistered, CustomerTagged,
};
use caredesk_domain::id::{CustomerId, NoteId};
use caredesk_domain::phone::Phone;
use jiff::{SignedDuration, Timestamp};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::customers::next_code;
use crate::error::Result;
use crate::{Ctx, Store};

#[derive(Debug, Clone, Copy)]
pub struct SeedOptions {
    pub customers: usize,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeedReport {
    pub customers: usize,
}

impl Store {
    /// Adds `customers` demo customers: names, phones and addresses of the
    /// business's country, with one in thirty from the other country (a
    /// tourist, an expatriate). Phones never clash with existing customers.
    pub fn seed(&mut self, ctx: &Ctx, options: SeedOptions) -> Result<SeedReport> {
        let home = self.settings.country;
        let prefix = self.settings.customer_code_prefix.clone();
        let register = self.register_code.clone();
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);

        let mut writer = self.writer(ctx)?;
        let mut taken: HashSet<String> = {
            let mut statement = writer
                .tx()
                .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL")?;
            let phones = statement.query_map([], |row| row.get::<_, String>(0))?;
            phones.collect::<rusqlite::Result<_>>()?
        };
        for _ in 0..options.customers {
            let origin = if rng.random_ratio(1, 30) {
                other(home)
            } else {
                home
            };
            let phone = loop {
                let phone = random_phone(&mut rng, origin, home);
                if taken.insert(phone.e164().to_owned()) {
                    break phone;
                }
            };
            let female = rng.random_ratio(7, 10); // spas see more women than men
            let name = random_name(&mut rng, origin, female);
            let email = rng.random_ratio(3, 10).then(|| email_for(&mut rng, &name));
            let address = rng
                .random_ratio(4, 10)
                .then(|| random_address(&mut rng, home));
            let days_ago = rng.random_range(0..730);
            let registered_at = ctx
                .now
                .checked_sub(SignedDuration::from_hours(24 * days_ago))
                .unwrap_or(Timestamp::UNIX_EPOCH);

            let id = CustomerId::new();
            let code = next_code(writer.tx(), &prefix, &register)?;
            writer.append(
                id,
                CustomerEvent::Registered(CustomerRegistered {
                    name,
                    phone,
                    email,
                    address,
                    code,
                    registered_at,
                }),
            )?;
            if rng.random_ratio(1, 8) {
                let tag = names::TAGS.choose(&mut rng).copied().unwrap_or("vip");
                writer.append(
                    id,
                    CustomerEvent::Tagged(CustomerTagged {
                        tag: tag.to_owned(),
                    }),
                )?;
            }
            if rng.random_ratio(1, 12) {
                let notes = if origin == Country::Vietnam {
                    names::NOTES_VN
                } else {
                    names::NOTES_ID
                };
                let text = notes
                    .choose(&mut rng)
                    .copied()
                    .unwrap_or_default()
                    .to_owned();
                writer.append(
                    id,
                    CustomerEvent::NoteAdded(CustomerNoteAdded {
                        note_id: NoteId::new(),
                        text,
                        written_at: registered_at,
                    }),
                )?;
            }
        }
        if options.customers > 0 {
            writer.commit()?;
        }
        Ok(SeedReport {
            customers: options.customers,
        })
    }
}

fn other(country: Country) -> Country {
    match country {
        Country::Vietnam => Country::Indonesia,
        Country::Indonesia => Country::Vietnam,
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

fn random_name(rng: &mut ChaCha8Rng, origin: Country, female: bool) -> String {
    match origin {
        Country::Vietnam => {
            let total: u32 = names::VN_FAMILY.iter().map(|(_, w)| w).sum();
            let mut roll = rng.random_range(0..total);
            let family = names::VN_FAMILY
                .iter()
                .find(|(_, weight)| {
                    if roll < *weight {
                        true
                    } else {
                        roll -= weight;
                        false
                    }
                })
                .map_or("Nguyễn", |(name, _)| name);
            let (middle, given) = if female {
                (names::VN_FEMALE_MIDDLE, names::VN_FEMALE_GIVEN)
            } else {
                (names::VN_MALE_MIDDLE, names::VN_MALE_GIVEN)
            };
            format!("{family} {} {}", pick(rng, middle), pick(rng, given))
        }
        Country::Indonesia => {
            let first = pick(
                rng,
                if female {
                    names::ID_FEMALE_FIRST
                } else {
                    names::ID_MALE_FIRST
                },
            );
            // Many Indonesians go by one name.
            if rng.random_ratio(1, 6) {
                first.to_owned()
            } else {
                format!("{first} {}", pick(rng, names::ID_LAST))
            }
        }
    }
}

/// A valid mobile number of `origin`, written the way a customer of that
/// country gives it at a counter in `home`.
fn random_phone(rng: &mut ChaCha8Rng, origin: Country, home: Country) -> Phone {
    loop {
        let national = match origin {
            Country::Vietnam => format!(
                "{}{:07}",
                pick(rng, names::VN_MOBILE),
                rng.random_range(0..10_000_000)
            ),
            Country::Indonesia => {
                let prefix = pick(rng, names::ID_MOBILE);
                if rng.random_bool(0.5) {
                    format!("{prefix}{:07}", rng.random_range(0..10_000_000))
                } else {
                    format!("{prefix}{:08}", rng.random_range(0..100_000_000))
                }
            }
        };
        let typed = if origin == home {
            national
        } else {
            let code = if origin == Country::Vietnam {
                "+84"
            } else {
                "+62"
            };
            format!("{code}{}", &national[1..])
        };
        if let Ok(phone) = Phone::parse(&typed, home) {
            return phone;
        }
    }
}

fn email_for(rng: &mut ChaCha8Rng, name: &str) -> String {
    let local = caredesk_domain::text::fold(name).replace(' ', ".");
    let domain = pick(
        rng,
        &["gmail.com", "yahoo.com", "outlook.com", "icloud.com"],
    );
    format!("{local}{}@{domain}", rng.random_range(1..100))
}

fn random_address(rng: &mut ChaCha8Rng, home: Country) -> String {
    match home {
        Country::Vietnam => format!(
            "{} {}, {}",
            rng.random_range(1..300),
            pick(rng, names::VN_STREETS),
            pick(rng, names::VN_DISTRICTS)
        ),
        Country::Indonesia => format!(
            "{} No. {}, {}",
            pick(rng, names::ID_STREETS),
            rng.random_range(1..200),
            pick(rng, names::ID_CITIES)
        ),
    }
}
