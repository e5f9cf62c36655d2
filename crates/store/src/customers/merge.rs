//! Merging customer files (see `caredesk_domain::merge`): the answer to a
//! `duplicate_phone` conflict, and to a person registered twice at one
//! counter. One transaction writes every op the merge needs; a merge that
//! finds nothing to do writes nothing.

use std::collections::BTreeSet;
use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::BookingEvent;
use caredesk_domain::customer::{CustomerEdited, CustomerEvent, CustomerMerged, CustomerTagged};
use caredesk_domain::id::{BookingId, CreditId, CustomerId, TicketId, TreatmentId};
use caredesk_domain::merge::{self, BookingTransferred, TicketTransferred, TreatmentTransferred};
use caredesk_domain::money::Money;
use caredesk_domain::ticket::TicketEvent;
use caredesk_domain::treatment::TreatmentEvent;
use caredesk_domain::wallet::{MovedCredit, MovedIn, MovedOut, WalletEvent};
use jiff::Timestamp;
use rusqlite::Connection;
use serde::Serialize;

use super::projection;
use crate::Customers;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store, wallets};

/// How many merges may chain (a file merged into one that was merged in
/// turn) before the store calls the data corrupt.
const MAX_CHAIN: usize = 64;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Merged {
    /// The file that stays.
    pub id: CustomerId,
    /// The files merged into it by this merge (or whose leftovers moved).
    pub merged: Vec<CustomerId>,
    pub bookings: usize,
    pub treatments: usize,
    pub tickets: usize,
    /// Real money moved into the surviving wallet (below zero for a debt).
    pub wallet_real: i64,
    /// Live virtual credit moved, each credit keeping its expiry.
    pub wallet_credit: i64,
}

/// What a merged file still holds: nothing once merged, unless another
/// counter wrote to it before it learned of the merge.
#[derive(Debug, Default)]
struct Holdings {
    bookings: Vec<BookingId>,
    treatments: Vec<TreatmentId>,
    tickets: Vec<TicketId>,
    real: i64,
    credits: Vec<MovedCredit>,
}

impl Holdings {
    fn is_empty(&self) -> bool {
        self.bookings.is_empty()
            && self.treatments.is_empty()
            && self.tickets.is_empty()
            && self.real == 0
            && self.credits.is_empty()
    }
}

impl<S: Deref<Target = Store>> Customers<S> {
    /// Makes the given customer files one: the file registered first
    /// stays, the others are merged into it with everything they hold.
    /// Files already merged count as the file they lead to, so the same
    /// command also moves what reached a merged file afterwards (another
    /// counter's booking or deposit made before it synced the merge).
    pub fn merge_customers(&mut self, ctx: &Ctx, files: &[String]) -> Result<Merged>
    where
        S: DerefMut,
    {
        self.authorize(ctx, Action::MergeCustomers)?;
        let mut group = BTreeSet::new();
        for text in files {
            let file = self.customer_file(text)?;
            group.insert(file);
            group.insert(self.follow_merges(file)?);
        }
        let ids: Vec<CustomerId> = group.iter().copied().collect();
        let survivor = merge::survivor(&ids).ok_or(StoreError::NothingToMerge)?;
        let currency = self.settings.currency;
        let now = ctx.now;
        let mut writer = self.writer(ctx)?;
        let mut done = Merged {
            id: survivor,
            ..Merged::default()
        };
        let keep = projection::load(writer.tx(), survivor)?
            .ok_or_else(|| StoreError::CustomerNotFound(survivor.to_string()))?;
        let mut fill = CustomerEdited::default();
        let mut tags: BTreeSet<String> = keep.tags().map(str::to_owned).collect();
        for &file in ids.iter().filter(|&&id| id != survivor) {
            let state = projection::load(writer.tx(), file)?
                .ok_or_else(|| StoreError::CustomerNotFound(file.to_string()))?;
            let holdings = holdings(writer.tx(), file, now)?;
            let newly = state.merged_into() != Some(survivor);
            if !newly && holdings.is_empty() {
                continue;
            }
            done.merged.push(file);
            if newly {
                let merged = CustomerMerged {
                    into: survivor,
                    at: now,
                };
                writer.append(file, CustomerEvent::from(merged))?;
                // Blanks in the surviving file are filled from the merged
                // one; what the surviving file says stands.
                if keep.email().is_none() && fill.email.is_none() {
                    fill.email = state.email().map(|e| Some(e.to_owned()));
                }
                if keep.address().is_none() && fill.address.is_none() {
                    fill.address = state.address().map(|a| Some(a.to_owned()));
                }
                for tag in state.tags() {
                    if tags.insert(tag.to_owned()) {
                        let tagged = CustomerTagged {
                            tag: tag.to_owned(),
                        };
                        writer.append(survivor, CustomerEvent::from(tagged))?;
                    }
                }
            }
            move_holdings(
                &mut writer,
                (file, survivor),
                holdings,
                now,
                currency,
                &mut done,
            )?;
        }
        if done.merged.is_empty() {
            return Err(StoreError::NothingToMerge);
        }
        if !fill.is_empty() {
            writer.append(survivor, CustomerEvent::from(fill))?;
        }
        writer.commit()?;
        Ok(done)
    }

    /// The file `id` leads to: itself, or the file it was merged into (and
    /// so on, if that one was merged in turn).
    pub(crate) fn follow_merges(&self, id: CustomerId) -> Result<CustomerId> {
        follow(&self.conn, id)
    }
}

/// The files merged directly into `id`, oldest first.
pub(super) fn merged_into(conn: &Connection, id: CustomerId) -> Result<Vec<CustomerId>> {
    ids(
        conn,
        "SELECT id FROM customers WHERE merged_into = ?1 ORDER BY id",
        id,
    )
}

pub(crate) fn follow(conn: &Connection, mut id: CustomerId) -> Result<CustomerId> {
    for _ in 0..MAX_CHAIN {
        match projection::load(conn, id)?.and_then(|s| s.merged_into()) {
            Some(next) if next != id => id = next,
            _ => return Ok(id),
        }
    }
    Err(StoreError::Corrupt(format!(
        "customer {id} is merged through more than {MAX_CHAIN} files"
    )))
}

fn ids<T: std::str::FromStr>(conn: &Connection, sql: &str, file: CustomerId) -> Result<Vec<T>> {
    let texts = conn
        .prepare_cached(sql)?
        .query_map([file.to_string()], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    texts
        .iter()
        .map(|t| {
            t.parse()
                .map_err(|_| StoreError::Corrupt(format!("bad id {t:?} held by customer {file}")))
        })
        .collect()
}

/// Everything `file` holds at `now`: its bookings, cards and tickets, its
/// real balance and the credits still alive.
fn holdings(conn: &Connection, file: CustomerId, now: Timestamp) -> Result<Holdings> {
    let mut held = Holdings {
        bookings: ids(
            conn,
            "SELECT id FROM bookings WHERE customer_id = ?1 ORDER BY id",
            file,
        )?,
        treatments: ids(
            conn,
            "SELECT id FROM treatments WHERE customer_id = ?1 ORDER BY id",
            file,
        )?,
        tickets: ids(
            conn,
            "SELECT id FROM tickets WHERE customer_id = ?1 ORDER BY id",
            file,
        )?,
        ..Holdings::default()
    };
    if let Some(wallet) = wallets::projection::load(conn, file)? {
        held.real = wallet.real;
        held.credits = wallet
            .credits
            .iter()
            .map(|c| MovedCredit {
                credit: c.id,
                amount: c.alive_at(now),
                expires_at: c.expires_at,
            })
            .filter(|c| c.amount > 0)
            .collect();
    }
    Ok(held)
}

fn move_holdings(
    writer: &mut Writer<'_>,
    (from, to): (CustomerId, CustomerId),
    held: Holdings,
    at: Timestamp,
    currency: caredesk_domain::Currency,
    done: &mut Merged,
) -> Result<()> {
    for booking in &held.bookings {
        writer.append(
            *booking,
            BookingEvent::from(BookingTransferred { from, to, at }),
        )?;
    }
    for treatment in &held.treatments {
        writer.append(
            *treatment,
            TreatmentEvent::from(TreatmentTransferred { from, to, at }),
        )?;
    }
    for ticket in &held.tickets {
        writer.append(
            *ticket,
            TicketEvent::from(TicketTransferred { from, to, at }),
        )?;
    }
    done.bookings += held.bookings.len();
    done.treatments += held.treatments.len();
    done.tickets += held.tickets.len();
    if held.real == 0 && held.credits.is_empty() {
        return Ok(());
    }
    let credit: i64 = held.credits.iter().map(|c| c.amount).sum();
    let real = Money::new(held.real, currency);
    let out = MovedOut {
        to,
        at,
        real,
        credits: held.credits.clone(),
    };
    writer.append(from, WalletEvent::from(out))?;
    let arriving = MovedIn {
        from,
        at,
        real,
        credits: held
            .credits
            .into_iter()
            .map(|c| MovedCredit {
                credit: CreditId::new(),
                ..c
            })
            .collect(),
    };
    let total = held.real.max(0).saturating_add(credit);
    wallets::append_entry(writer, to, currency, WalletEvent::from(arriving), |w| {
        w.check_credit(total)
    })?;
    done.wallet_real += held.real;
    done.wallet_credit += credit;
    Ok(())
}
