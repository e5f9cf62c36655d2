//! Selling treatments, extending them, the daily expiry job, and the ledger
//! entries bookings write: every check that counts sessions runs inside the
//! booking's IMMEDIATE transaction, so two receptionists cannot both book a
//! card's last session.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::{BookingItem, BookingStatus};
use caredesk_domain::id::{BookingId, CustomerId, TreatmentId};
use caredesk_domain::treatment::{
    HomeVisit, QuotaLapsed, ReturnReason, SessionPunched, SessionReserved, SessionReturned,
    SessionState, TreatmentEvent, TreatmentExpired, TreatmentExtended, TreatmentSold,
    TreatmentState,
};
use jiff::ToSpan;
use jiff::civil::Date;

use super::TreatmentView;
use super::projection::load;
use crate::Treatments;
use crate::error::{Result, StoreError};
use crate::packages::PackageInfo;
use crate::writer::Writer;
use crate::{Ctx, Store};

impl<S: Deref<Target = Store>> Treatments<S> {
    /// Sells a package to a customer: a treatment with the package's
    /// sessions, valid from today for the package's days (today counts).
    /// A home-visit package is sold with `sell_home_visit`.
    pub fn sell_treatment(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        package: &str,
    ) -> Result<TreatmentView>
    where
        S: DerefMut,
    {
        let sale = self.prepare_sale(ctx, customer, package)?;
        if sale.package.package.home_visit {
            return Err(StoreError::FirstVisitRequired(sale.package.package.name));
        }
        let id = TreatmentId::new();
        let mut writer = self.writer(ctx)?;
        writer.append(id, TreatmentEvent::from(sale.sold(None)))?;
        writer.commit()?;
        self.treatment(id, ctx)
    }

    /// The checks every sale makes, and the dates it runs between.
    pub(crate) fn prepare_sale(&self, ctx: &Ctx, customer: &str, package: &str) -> Result<Sale> {
        let customer = self.customers().resolve_customer(customer)?;
        let package = self.catalog().find_package(package)?;
        if !package.package.active {
            return Err(StoreError::PackageInactive(package.package.name));
        }
        let sold_on = self.today(ctx);
        let expires_on = days_after(sold_on, package.package.valid_days)?;
        Ok(Sale {
            customer,
            package,
            sold_on,
            expires_on,
        })
    }

    /// A manager moves the expiry later, with a reason.
    pub fn extend_treatment(
        &mut self,
        ctx: &Ctx,
        id: TreatmentId,
        to: Date,
        reason: &str,
    ) -> Result<TreatmentView>
    where
        S: DerefMut,
    {
        let reason = caredesk_domain::text::required("reason", reason, 500)?;
        let state = self.treatment_state(id)?;
        // Later than now and than the current expiry: an extension that
        // leaves the card expired would only clutter the statement.
        if to <= state.expires_on || to < self.today(ctx) {
            return Err(StoreError::ExtensionNotLater {
                name: state.name,
                expires_on: state.expires_on,
            });
        }
        self.authorize(ctx, Action::ExtendTreatment)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            id,
            TreatmentEvent::from(TreatmentExtended {
                expires_on: to,
                reason,
            }),
        )?;
        writer.commit()?;
        self.treatment(id, ctx)
    }

    /// The daily job: records in the op log every treatment that has
    /// expired with sessions left, and every home visit whose booking window
    /// has closed with sessions unbooked, that is not recorded yet. Both
    /// hold from the date whether or not this ran; this writes them down
    /// for the statement, reports and other counters, as the system (see
    /// `jobs`). Returns the ids.
    pub fn record_expiries(&mut self, ctx: &Ctx) -> Result<Vec<TreatmentId>>
    where
        S: DerefMut,
    {
        let today = self.today(ctx);
        let mut writer = self.job_writer()?;
        let due: Vec<String> = {
            let mut statement = writer.tx().prepare_cached(
                "SELECT id FROM treatments
                 WHERE (expires_on < ?1 AND used + lapsed + refunded < total + granted + charged)
                    OR (schedule_by < ?1
                        AND used + reserved + lapsed + refunded < total + granted + charged)",
            )?;
            let rows = statement.query_map([today.to_string()], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut recorded = Vec::new();
        for id in due {
            let id: TreatmentId = crate::catalog::parse_id(&id, "treatment")?;
            let Some(state) = load(writer.tx(), id)? else {
                continue;
            };
            if let Some(home) = state.home.as_ref().filter(|_| state.quota_closed(today))
                && state.unscheduled() > 0
            {
                writer.append(
                    id,
                    TreatmentEvent::from(QuotaLapsed {
                        on: home.schedule_by.tomorrow().unwrap_or(home.schedule_by),
                        sessions: state.unscheduled(),
                    }),
                )?;
                recorded.push(id);
            }
            // Read again: a lapse just written leaves fewer sessions to expire.
            let Some(state) = load(writer.tx(), id)? else {
                continue;
            };
            if today > state.expires_on && state.remaining() > 0 && state.expiry_recorded.is_none()
            {
                writer.append(
                    id,
                    TreatmentEvent::from(TreatmentExpired {
                        on: state.expires_on.tomorrow().unwrap_or(state.expires_on),
                        sessions: state.remaining(),
                    }),
                )?;
                if recorded.last() != Some(&id) {
                    recorded.push(id);
                }
            }
        }
        if recorded.is_empty() {
            return Ok(recorded);
        }
        writer.commit()?;
        Ok(recorded)
    }

    pub(crate) fn treatment_state(&self, id: TreatmentId) -> Result<TreatmentState> {
        load(&self.conn, id)?.ok_or_else(|| StoreError::TreatmentNotFound(id.to_string()))
    }

    /// The business's date when the clock says `ctx.now`.
    /// The business day `ctx.now` falls on, in the business's zone.
    pub fn today(&self, ctx: &Ctx) -> Date {
        ctx.now.to_zoned(self.settings.time_zone()).date()
    }
}

/// A package sale that passed its checks.
pub(crate) struct Sale {
    pub(crate) customer: CustomerId,
    pub(crate) package: PackageInfo,
    pub(crate) sold_on: Date,
    pub(crate) expires_on: Date,
}

impl Sale {
    /// The op that records it; `home` for a home visit.
    pub(crate) fn sold(&self, home: Option<HomeVisit>) -> TreatmentSold {
        let package = &self.package.package;
        TreatmentSold {
            customer: self.customer,
            package: self.package.id,
            name: package.name.clone(),
            service: package.service,
            total: package.sessions,
            price: package.price,
            sold_on: self.sold_on,
            expires_on: self.expires_on,
            home,
        }
    }
}

/// The last day of a period of `days` days that starts on `from` (which
/// counts as the first).
pub(super) fn days_after(from: Date, days: u16) -> Result<Date> {
    from.checked_add(i64::from(days.saturating_sub(1)).days())
        .map_err(|e| StoreError::BadDate(format!("{from} + {days} days: {e}")))
}

/// Inside a booking's write transaction: checks that each treatment can pay
/// for the items that name it (counting the other items of this booking),
/// then appends a reservation per item. Call after the booking's own op.
pub(crate) fn reserve_sessions(
    writer: &mut Writer<'_>,
    booking: BookingId,
    customer: CustomerId,
    items: &[BookingItem],
    zone: &jiff::tz::TimeZone,
    today: Date,
) -> Result<()> {
    let mut by_treatment: BTreeMap<TreatmentId, Vec<(u16, &BookingItem)>> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(treatment) = item.treatment {
            let index = u16::try_from(index).unwrap_or(u16::MAX);
            by_treatment
                .entry(treatment)
                .or_default()
                .push((index, item));
        }
    }
    for (treatment, items) in by_treatment {
        let state = load(writer.tx(), treatment)?
            .ok_or_else(|| StoreError::TreatmentNotFound(treatment.to_string()))?;
        let count = u16::try_from(items.len()).unwrap_or(u16::MAX);
        for (_, item) in &items {
            let date = item.start.to_zoned(zone.clone()).date();
            state
                .can_book(customer, (item.service, item.staff), date, today, count)
                .map_err(|refusal| StoreError::Treatment {
                    treatment: state.name.clone(),
                    refusal,
                })?;
        }
        for (index, item) in items {
            writer.append(
                treatment,
                TreatmentEvent::from(SessionReserved {
                    booking,
                    item: index,
                    service: item.service,
                    staff: item.staff,
                    start: item.start,
                }),
            )?;
        }
    }
    Ok(())
}

/// Inside the transaction of a booking's status change: the ledger entry
/// each of its treatment sessions gets. Completing punches; a forfeit or a
/// no-show punches as forfeited; a cancellation in time returns the
/// session; undoing a completion takes the punch back.
pub(crate) fn follow_booking(
    writer: &mut Writer<'_>,
    booking: BookingId,
    items: &[BookingItem],
    from: BookingStatus,
    to: BookingStatus,
) -> Result<()> {
    for (index, item) in items.iter().enumerate() {
        let Some(treatment) = item.treatment else {
            continue;
        };
        let index = u16::try_from(index).unwrap_or(u16::MAX);
        let Some(state) = load(writer.tx(), treatment)? else {
            continue;
        };
        let Some(session) = state.session(booking, index) else {
            continue;
        };
        let event = match (session.state, to) {
            (SessionState::Reserved, BookingStatus::Completed) => {
                state.can_punch().map_err(|refusal| StoreError::Treatment {
                    treatment: state.name.clone(),
                    refusal,
                })?;
                TreatmentEvent::from(SessionPunched {
                    booking,
                    item: index,
                    forfeited: false,
                })
            }
            (SessionState::Reserved, BookingStatus::Forfeited | BookingStatus::NoShow) => {
                TreatmentEvent::from(SessionPunched {
                    booking,
                    item: index,
                    forfeited: true,
                })
            }
            (SessionState::Reserved, BookingStatus::Cancelled) => {
                TreatmentEvent::from(SessionReturned {
                    booking,
                    item: index,
                    reason: ReturnReason::Cancelled,
                })
            }
            (SessionState::Punched, BookingStatus::InProgress)
                if from == BookingStatus::Completed =>
            {
                TreatmentEvent::from(SessionReturned {
                    booking,
                    item: index,
                    reason: ReturnReason::Undone,
                })
            }
            _ => continue,
        };
        writer.append(treatment, event)?;
    }
    Ok(())
}
