//! Reading customers: one customer, the 360 view, resolving what a person
//! typed (an id or a phone) to a customer.

use std::collections::HashMap;
use std::ops::Deref;

use caredesk_domain::customer::CustomerRecord;
use caredesk_domain::id::{CustomerId, StaffId};
use caredesk_domain::phone::Phone;
use rusqlite::OptionalExtension;

use super::{Customer, Customer360, CustomerNote, projection};
use crate::Customers;
use crate::error::{Result, StoreError};
use crate::{Store, staff};

impl<S: Deref<Target = Store>> Customers<S> {
    pub fn customer(&self, id: CustomerId) -> Result<Customer> {
        let record = projection::load(&self.conn, id)?
            .and_then(|state| state.record())
            .ok_or_else(|| StoreError::CustomerNotFound(id.to_string()))?;
        self.present(record)
    }

    /// Everything about a customer at once; treatments' status as of
    /// `ctx.now`.
    pub fn customer_360(&self, id: CustomerId, ctx: &crate::Ctx) -> Result<Customer360> {
        Ok(Customer360 {
            customer: self.customer(id)?,
            wallet: self.wallets().wallet(id, ctx)?,
            treatments: self.treatments().customer_treatments(id, ctx)?,
            bookings: self.bookings().customer_bookings(id)?,
            classes: self.classes().customer_classes(id)?,
            tickets: self.tickets().customer_tickets(id, ctx)?,
            timeline: self.audit(
                &crate::AuditFilter {
                    customer: Some(id),
                    limit: Some(super::TIMELINE_LENGTH),
                    newest_first: true,
                    ..crate::AuditFilter::default()
                },
                crate::Lang::of(self.settings.country),
            )?,
        })
    }

    /// A customer by id, or by phone number in any common form. The id or
    /// phone of a file merged into another leads to the file it was merged
    /// into.
    pub fn resolve_customer(&self, text: &str) -> Result<CustomerId> {
        let file = self.customer_file(text)?;
        self.follow_merges(file)
    }

    /// A customer file by id or phone, as it is: a merged file is not
    /// followed to the file it was merged into.
    pub(super) fn customer_file(&self, text: &str) -> Result<CustomerId> {
        let not_found = || StoreError::CustomerNotFound(text.trim().to_owned());
        if let Ok(id) = text.parse::<CustomerId>() {
            // The folded state is enough to know they exist; presenting
            // them (notes, staff names) is for whoever shows the customer.
            let registered = projection::load(&self.conn, id)?.is_some_and(|s| s.is_registered());
            return if registered { Ok(id) } else { Err(not_found()) };
        }
        let phone = Phone::parse(text, self.settings.country).map_err(|_| not_found())?;
        // Whoever holds the number now, else the merged file that had it
        // (which `resolve_customer` follows to the file it was merged into).
        let id: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM (
                     SELECT id, 0 AS former, num FROM customers WHERE phone = ?1 AND registered
                     UNION ALL
                     SELECT id, 1 AS former, num FROM customers WHERE former_phone = ?1)
                 ORDER BY former, num LIMIT 1",
            )?
            .query_row([phone.e164()], |row| row.get(0))
            .optional()?;
        id.and_then(|id| id.parse().ok()).ok_or_else(not_found)
    }

    fn present(&self, record: CustomerRecord) -> Result<Customer> {
        let mut names: HashMap<StaffId, Option<String>> = HashMap::new();
        let mut name_of = |id: StaffId| -> Result<Option<String>> {
            if let Some(name) = names.get(&id) {
                return Ok(name.clone());
            }
            let name = staff::name_of(&self.conn, id)?;
            names.insert(id, name.clone());
            Ok(name)
        };
        let merged = super::merge::merged_into(&self.conn, record.id)?;
        let mut all_notes = record.notes.clone();
        for file in &merged {
            if let Some(other) = projection::load(&self.conn, *file)?.and_then(|s| s.record()) {
                all_notes.extend(other.notes);
            }
        }
        if !merged.is_empty() {
            // The merged files' notes among the file's own, by when written.
            all_notes.sort_by_key(|note| note.written_at);
        }
        let notes = all_notes
            .iter()
            .map(|note| {
                Ok(CustomerNote {
                    id: note.id,
                    text: note.text.clone(),
                    at: self.format_time(note.written_at),
                    by: note.by,
                    by_name: name_of(note.by)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Customer {
            id: record.id,
            code: record.code,
            name: record.name,
            phone_display: record.phone.display(self.settings.country),
            phone: record.phone.e164().to_owned(),
            email: record.email,
            address: record.address,
            tags: record.tags,
            notes,
            created_at: self.format_time(record.registered_at),
            created_by: record.registered_by,
            created_by_name: name_of(record.registered_by)?,
            merged_into: record.merged_into,
            merged,
        })
    }
}
