//! What the Settings screens send and receive. These are the boundary's own
//! types: the store's are converted here, so the screens see plain ids,
//! `HH:MM` strings and field names that match their inputs.

use std::collections::BTreeMap;

use caredesk_domain::business::BankAccount;
use caredesk_domain::calendar::CalendarSettings;
use caredesk_domain::hours::{DayHours, Span, WeekHours, parse_weekday, weekday_key};
use caredesk_domain::money::{Currency, Money};
use caredesk_domain::{BusinessSettings, Role};
use caredesk_store::{
    NewPackage, NewService, PackageEdit, RoomEdit, RoomInfo, ServiceEdit, ServiceInfo, StaffMember,
    StaffSchedule, WEEK,
};
use jiff::civil::Weekday;
use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// The business as the Business section shows it. Country and currency are
/// shown, not edited: they are fixed once the business exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BusinessView {
    pub name: String,
    pub country: String,
    pub currency: Currency,
    pub timezone: String,
    pub customer_code_prefix: String,
    pub address: String,
    pub tax_code: String,
    /// The bank account a receipt's VietQR code pays into (đồng): the
    /// bank's NAPAS BIN, the account number and the holder's name; empty
    /// when none is given.
    pub bank_bin: String,
    pub bank_account: String,
    pub bank_holder: String,
    /// The merchant's static QRIS payload (rupiah); empty when none.
    pub qris: String,
}

impl From<&BusinessSettings> for BusinessView {
    fn from(settings: &BusinessSettings) -> Self {
        let account = settings.bank_account.as_ref();
        BusinessView {
            name: settings.name.clone(),
            country: settings.country.code().to_owned(),
            currency: settings.currency,
            timezone: settings.timezone.clone(),
            customer_code_prefix: settings.customer_code_prefix.clone(),
            address: settings.address.clone(),
            tax_code: settings.tax_code.clone(),
            bank_bin: account.map(|a| a.bin.clone()).unwrap_or_default(),
            bank_account: account.map(|a| a.number.clone()).unwrap_or_default(),
            bank_holder: account.map(|a| a.name.clone()).unwrap_or_default(),
            qris: settings.qris.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct BusinessInput {
    pub name: String,
    pub timezone: String,
    pub customer_code_prefix: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub address: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub tax_code: Option<String>,
    /// The VietQR bank account: all three blank (or absent) means none.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub bank_bin: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub bank_account: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub bank_holder: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub qris: Option<String>,
}

/// The account from the form's three fields, checked by the domain when
/// the business is saved; `None` when all three are blank.
fn bank_account(
    bin: Option<String>,
    number: Option<String>,
    name: Option<String>,
) -> Option<BankAccount> {
    let [bin, number, name] = [bin, number, name].map(Option::unwrap_or_default);
    if [&bin, &number, &name]
        .iter()
        .all(|text| text.trim().is_empty())
    {
        None
    } else {
        Some(BankAccount { bin, number, name })
    }
}

impl BusinessInput {
    /// The business as it is, with this input's fields.
    pub fn onto(self, current: &BusinessSettings) -> BusinessSettings {
        BusinessSettings {
            name: self.name,
            timezone: self.timezone,
            customer_code_prefix: self.customer_code_prefix,
            address: self.address.unwrap_or_default(),
            tax_code: self.tax_code.unwrap_or_default(),
            bank_account: bank_account(self.bank_bin, self.bank_account, self.bank_holder),
            qris: self.qris.unwrap_or_default(),
            ..current.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub minutes: u16,
    pub buffer_minutes: u16,
    pub price: Money,
    /// Ids of the rooms that can host it; empty when it needs none.
    pub rooms: Vec<String>,
    pub active: bool,
}

impl From<ServiceInfo> for ServiceView {
    fn from(info: ServiceInfo) -> Self {
        let service = info.service;
        ServiceView {
            id: info.id.to_string(),
            name: service.name,
            category: service.category,
            minutes: service.minutes,
            buffer_minutes: service.buffer_minutes,
            price: service.price,
            rooms: service.rooms.iter().map(ToString::to_string).collect(),
            active: service.active,
        }
    }
}

/// A new service; the price is whole đồng or rupiah and may not be negative.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    pub name: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub category: Option<String>,
    pub minutes: u16,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub buffer_minutes: Option<u16>,
    pub price: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub rooms: Option<Vec<String>>,
}

impl From<ServiceInput> for NewService {
    fn from(input: ServiceInput) -> Self {
        NewService {
            name: input.name,
            category: input.category.unwrap_or_default(),
            minutes: input.minutes,
            buffer_minutes: input.buffer_minutes.unwrap_or(0),
            price: input.price,
            rooms: input.rooms.unwrap_or_default(),
        }
    }
}

/// What changes in a service; an absent field stays as it is.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ServiceEditInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub category: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub minutes: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub buffer_minutes: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub price: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub rooms: Option<Vec<String>>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub active: Option<bool>,
}

impl From<ServiceEditInput> for ServiceEdit {
    fn from(input: ServiceEditInput) -> Self {
        ServiceEdit {
            name: input.name,
            category: input.category,
            minutes: input.minutes,
            buffer_minutes: input.buffer_minutes,
            price: input.price,
            rooms: input.rooms,
            active: input.active,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RoomView {
    pub id: String,
    pub name: String,
    pub capacity: u16,
    pub active: bool,
}

impl From<RoomInfo> for RoomView {
    fn from(info: RoomInfo) -> Self {
        RoomView {
            id: info.id.to_string(),
            name: info.room.name,
            capacity: info.room.capacity,
            active: info.room.active,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    pub name: String,
    pub capacity: u16,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RoomEditInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub capacity: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub active: Option<bool>,
}

impl From<RoomEditInput> for RoomEdit {
    fn from(input: RoomEditInput) -> Self {
        RoomEdit {
            name: input.name,
            capacity: input.capacity,
            active: input.active,
        }
    }
}

/// A new package (punch card). What it holds is fixed once sold; only its
/// name, price and whether it is on sale change later.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PackageInput {
    pub name: String,
    /// The service id its sessions are for; none when any service.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub service: Option<String>,
    pub sessions: u16,
    pub valid_days: u16,
    pub price: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub home_visit: Option<bool>,
}

impl From<PackageInput> for NewPackage {
    fn from(input: PackageInput) -> Self {
        NewPackage {
            name: input.name,
            service: input.service.filter(|s| !s.trim().is_empty()),
            sessions: input.sessions,
            valid_days: input.valid_days,
            price: input.price,
            home_visit: input.home_visit.unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PackageEditInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub price: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub active: Option<bool>,
}

impl From<PackageEditInput> for PackageEdit {
    fn from(input: PackageEditInput) -> Self {
        PackageEdit {
            name: input.name,
            price: input.price,
            active: input.active,
        }
    }
}

/// One stretch of a day, `HH:MM` to `HH:MM` (`24:00` for midnight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SpanInput {
    pub from: String,
    pub to: String,
}

/// A weekday's hours: `mon`..`sun` and its spans; none is a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DayInput {
    pub day: String,
    pub spans: Vec<SpanInput>,
}

/// Each day of the week, Monday first, as the hours editor shows them.
pub fn week_view(week: &WeekHours) -> Vec<DayInput> {
    WEEK.iter()
        .map(|day| DayInput {
            day: weekday_key(*day).to_owned(),
            spans: week.day(*day).spans().iter().map(span_view).collect(),
        })
        .collect()
}

fn span_view(span: &Span) -> SpanInput {
    span_from_text(&span.to_string())
}

/// `08:00-17:30` (how the store writes a span) as the editor's two fields.
fn span_from_text(text: &str) -> SpanInput {
    let (from, to) = text.split_once('-').unwrap_or((text, ""));
    SpanInput {
        from: from.to_owned(),
        to: to.to_owned(),
    }
}

/// The days of the editor as the store takes them. A bad day or span is
/// refused on the field `hours.<day>`, so the editor marks that row.
pub fn parse_week(days: &[DayInput]) -> Result<Vec<(Weekday, Vec<Span>)>, IpcError> {
    days.iter()
        .map(|input| {
            let day = parse_weekday(&input.day)
                .map_err(|e| IpcError::new("invalid_hours", e.to_string()).on_field("hours"))?;
            let field = format!("hours.{}", weekday_key(day));
            let spans = input
                .spans
                .iter()
                .map(|span| Span::parse(&span.from, &span.to))
                .collect::<Result<Vec<_>, _>>()
                .and_then(|spans| DayHours::new(spans.clone()).map(|_| spans))
                .map_err(|e| IpcError::new("invalid_hours", e.to_string()).on_field(&field))?;
            Ok((day, spans))
        })
        .collect()
}

/// A staff member with their week, as the Staff & schedules section lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StaffView {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub has_pin: bool,
    /// Ids of the services they perform.
    pub services: Vec<String>,
    pub hours: Vec<DayInput>,
}

impl StaffView {
    pub fn new(member: StaffMember, schedule: StaffSchedule) -> StaffView {
        let by_day: BTreeMap<&str, &Vec<String>> =
            schedule.hours.iter().map(|(k, v)| (*k, v)).collect();
        let hours = WEEK
            .iter()
            .map(|day| {
                let key = weekday_key(*day);
                let spans = by_day
                    .get(key)
                    .map(|spans| spans.iter().map(|text| span_from_text(text)).collect())
                    .unwrap_or_default();
                DayInput {
                    day: key.to_owned(),
                    spans,
                }
            })
            .collect();
        StaffView {
            id: member.id.to_string(),
            name: member.name,
            role: member.role,
            active: member.active,
            has_pin: member.has_pin,
            services: schedule.services.iter().map(ToString::to_string).collect(),
            hours,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct StaffInput {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pin: Option<String>,
}

/// How bookings are taken and what the counter's policies are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct BookingPolicies {
    pub slot_minutes: u16,
    pub align_minutes: u16,
    /// A booking for today must start more than this many minutes from now.
    pub lead_minutes: u16,
    /// Cancelling later than this before the start forfeits the session.
    pub cancel_cutoff_minutes: u16,
    /// The business's opening hours, Monday first.
    pub opening: Vec<DayInput>,
}

impl From<&CalendarSettings> for BookingPolicies {
    fn from(calendar: &CalendarSettings) -> Self {
        BookingPolicies {
            slot_minutes: calendar.slot_minutes,
            align_minutes: calendar.align_minutes,
            lead_minutes: calendar.lead_minutes,
            cancel_cutoff_minutes: calendar.cancel_cutoff_minutes,
            opening: week_view(&calendar.opening),
        }
    }
}

impl BookingPolicies {
    /// `current` with these policies; the profile fields required stay.
    pub fn onto(&self, current: &CalendarSettings) -> Result<CalendarSettings, IpcError> {
        let mut calendar = current.clone();
        calendar.slot_minutes = self.slot_minutes;
        calendar.align_minutes = self.align_minutes;
        calendar.lead_minutes = self.lead_minutes;
        calendar.cancel_cutoff_minutes = self.cancel_cutoff_minutes;
        for (day, spans) in parse_week(&self.opening)? {
            let hours = DayHours::new(spans)
                .map_err(|e| IpcError::new("invalid_hours", e.to_string()).on_field("hours"))?;
            calendar.opening.set(day, hours);
        }
        Ok(calendar)
    }
}

/// Tax and the discount a receptionist may give alone, in basis points
/// (800 = 8 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SalePolicies {
    pub tax_rate: u16,
    pub prices_include_tax: bool,
    pub discount_limit: u16,
}
