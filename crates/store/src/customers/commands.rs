//! Commands on customers. Each one: check the input, check it against the
//! database, append the op(s), commit, all inside one transaction.

use std::ops::{Deref, DerefMut};

use caredesk_domain::customer::{
    CustomerEdited, CustomerEvent, CustomerNoteAdded, CustomerRegistered, CustomerTagged,
    CustomerUntagged, Limits, check_code, check_email, check_name, check_note, check_tag,
    check_text_field,
};
use caredesk_domain::id::{CustomerId, NoteId};
use caredesk_domain::phone::Phone;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Customer, CustomerEdit, NewCustomer, projection};
use crate::Customers;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store};

impl<S: Deref<Target = Store>> Customers<S> {
    /// Registers a new customer. A phone or code already used by another
    /// customer is refused with an error that names that customer.
    pub fn add_customer(&mut self, ctx: &Ctx, input: NewCustomer) -> Result<Customer>
    where
        S: DerefMut,
    {
        let country = self.settings.country;
        let name = check_name(&input.name)?;
        let phone = Phone::parse(&input.phone, country)?;
        let email = check_email(input.email.as_deref())?;
        let address = check_text_field("address", input.address.as_deref(), Limits::ADDRESS)?;
        let code = input.code.as_deref().map(check_code).transpose()?;
        let prefix = self.settings.customer_code_prefix.clone();
        let register = self.register_code.clone();
        let mut writer = self.writer(ctx)?;
        let registration = Registration {
            name,
            phone,
            email,
            address,
            code,
        };
        let id = register_in(&mut writer, ctx, (&prefix, &register), registration)?;
        writer.commit()?;
        self.customer(id)
    }

    /// Changes some fields of a customer's file. Only the fields that really
    /// change are written, each on its own (last writer wins per field). An
    /// edit that changes nothing writes nothing.
    pub fn edit_customer(
        &mut self,
        ctx: &Ctx,
        id: CustomerId,
        edit: CustomerEdit,
    ) -> Result<Customer>
    where
        S: DerefMut,
    {
        if edit.is_empty() {
            return Err(StoreError::NothingToChange);
        }
        let country = self.settings.country;
        let name = edit.name.as_deref().map(check_name).transpose()?;
        let phone = edit
            .phone
            .as_deref()
            .map(|p| Phone::parse(p, country))
            .transpose()?;
        let email = edit
            .email
            .as_deref()
            .map(|e| check_email(Some(e)))
            .transpose()?;
        let address = edit
            .address
            .as_deref()
            .map(|a| check_text_field("address", Some(a), Limits::ADDRESS))
            .transpose()?;

        let mut writer = self.writer(ctx)?;
        let current = registered(writer.tx(), id)?;
        let mut change = CustomerEdited::default();
        if let Some(name) = name.filter(|n| Some(n.as_str()) != current.name()) {
            change.name = Some(name);
        }
        if let Some(phone) = phone.filter(|p| Some(p) != current.phone()) {
            ensure_phone_free(writer.tx(), &phone, Some(id))?;
            change.phone = Some(phone);
        }
        let record = current.record();
        if let Some(email) = email.filter(|e| Some(e) != record.as_ref().map(|r| &r.email)) {
            change.email = Some(email);
        }
        if let Some(address) = address.filter(|a| Some(a) != record.as_ref().map(|r| &r.address)) {
            change.address = Some(address);
        }
        if change.is_empty() {
            // Saving a form unchanged is not an error, and not an op either.
            drop(writer);
        } else {
            writer.append(id, CustomerEvent::Edited(change))?;
            writer.commit()?;
        }
        self.customer(id)
    }

    /// Writes a note on the customer's file (allergies, preferences...).
    pub fn add_customer_note(&mut self, ctx: &Ctx, id: CustomerId, text: &str) -> Result<Customer>
    where
        S: DerefMut,
    {
        let text = check_note(text)?;
        let mut writer = self.writer(ctx)?;
        registered(writer.tx(), id)?;
        writer.append(
            id,
            CustomerEvent::NoteAdded(CustomerNoteAdded {
                note_id: NoteId::new(),
                text,
                written_at: ctx.now,
            }),
        )?;
        writer.commit()?;
        self.customer(id)
    }

    /// Tags (`on`) or untags a customer. Tagging twice writes nothing.
    pub fn tag_customer(
        &mut self,
        ctx: &Ctx,
        id: CustomerId,
        tag: &str,
        on: bool,
    ) -> Result<Customer>
    where
        S: DerefMut,
    {
        let tag = check_tag(tag)?;
        let mut writer = self.writer(ctx)?;
        let current = registered(writer.tx(), id)?;
        if current.has_tag(&tag) != on {
            let event = if on {
                CustomerEvent::Tagged(CustomerTagged { tag })
            } else {
                CustomerEvent::Untagged(CustomerUntagged { tag })
            };
            writer.append(id, event)?;
            writer.commit()?;
        } else {
            drop(writer);
        }
        self.customer(id)
    }
}

fn registered(conn: &Connection, id: CustomerId) -> Result<caredesk_domain::CustomerState> {
    projection::load(conn, id)?
        .filter(|state| state.is_registered())
        .ok_or_else(|| StoreError::CustomerNotFound(id.to_string()))
}

/// One counter never lets two customers share a phone number. (Two counters
/// offline can; sync reports it as a conflict.)
fn ensure_phone_free(conn: &Connection, phone: &Phone, except: Option<CustomerId>) -> Result<()> {
    let holder: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT id, name, code FROM customers
             WHERE phone = ?1 AND registered AND id IS NOT ?2 ORDER BY num LIMIT 1",
        )?
        .query_row(
            params![phone.e164(), except.map(|e| e.to_string())],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match holder {
        None => Ok(()),
        Some((id, name, code)) => Err(StoreError::DuplicatePhone {
            phone: phone.e164().to_owned(),
            id,
            name,
            code,
        }),
    }
}

/// A code is taken for good: a merged file's code still means the file it
/// was merged into (it is on the customer's card), and the refusal names
/// that file.
fn ensure_code_free(conn: &Connection, code: &str, except: Option<CustomerId>) -> Result<()> {
    let holder: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM customers
             WHERE code_key = ?1 AND registered AND id IS NOT ?2 ORDER BY num LIMIT 1",
        )?
        .query_row(
            params![code.to_uppercase(), except.map(|e| e.to_string())],
            |row| row.get(0),
        )
        .optional()?;
    let Some(holder) = holder else {
        return Ok(());
    };
    let holder: CustomerId = holder
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("customer id {holder:?}")))?;
    let kept = super::merge::follow(conn, holder)?;
    let name = registered(conn, kept)?
        .record()
        .map(|r| r.name)
        .unwrap_or_default();
    Err(StoreError::DuplicateCode {
        code: code.to_owned(),
        id: kept.to_string(),
        name,
    })
}

/// A new customer's checked fields.
pub(crate) struct Registration {
    pub(crate) name: String,
    pub(crate) phone: Phone,
    pub(crate) email: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) code: Option<String>,
}

/// Registers a customer inside an open transaction (on its own, or with the
/// ticket that brought them): the phone and code checks, the register's
/// next code, the op. `(prefix, register)` make the code.
pub(crate) fn register_in(
    writer: &mut Writer<'_>,
    ctx: &Ctx,
    (prefix, register): (&str, &str),
    input: Registration,
) -> Result<CustomerId> {
    let id = CustomerId::new();
    ensure_phone_free(writer.tx(), &input.phone, None)?;
    let code = match input.code {
        Some(code) => {
            ensure_code_free(writer.tx(), &code, None)?;
            code
        }
        None => next_code(writer.tx(), prefix, register)?,
    };
    writer.append(
        id,
        CustomerEvent::Registered(CustomerRegistered {
            name: input.name,
            phone: input.phone,
            email: input.email,
            address: input.address,
            code,
            registered_at: ctx.now,
        }),
    )?;
    Ok(id)
}

/// The register's next customer code, `{prefix}-{register}-{00001}`. The
/// register code keeps counters apart; the series skips any number a
/// hand-entered code already took.
pub(crate) fn next_code(conn: &Connection, prefix: &str, register: &str) -> Result<String> {
    let series = format!("customer:{prefix}-{register}");
    loop {
        let number = crate::series::next_number(conn, &series)?;
        let code = format!("{prefix}-{register}-{number:05}");
        if ensure_code_free(conn, &code, None).is_ok() {
            return Ok(code);
        }
    }
}
