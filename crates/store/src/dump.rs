//! Every projection in a canonical order. Two replicas that hold the same ops
//! print the same bytes: the check that sync converged.

use caredesk_domain::booking::BookingState;
use caredesk_domain::business::BusinessSettings;
use caredesk_domain::calendar::CalendarSettings;
use caredesk_domain::class::ClassState;
use caredesk_domain::customer::{CustomerEvent, CustomerRecord, CustomerState};
use caredesk_domain::drawer::DrawerState;
use caredesk_domain::event::Event;
use caredesk_domain::id::{BookingId, ClassId, DrawerId, SaleId, TicketId, TreatmentId};
use caredesk_domain::id::{CustomerId, EntityId};
use caredesk_domain::sale::{CheckoutSettings, SaleState};
use caredesk_domain::staff::StaffState;
use caredesk_domain::ticket::{TicketSettings, TicketState};
use caredesk_domain::treatment::TreatmentState;
use caredesk_domain::wallet::WalletState;
use serde::Serialize;

use crate::Store;
use crate::catalog::{RoomInfo, ServiceInfo};
use crate::customers::projection;
use crate::error::{Result, StoreError};
use crate::oplog::entity_ops;
use crate::schedule::StaffSchedule;
use crate::staff::{self, StaffMember};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dump {
    pub business: BusinessSettings,
    pub calendar: CalendarSettings,
    pub checkout: CheckoutSettings,
    pub ticket_settings: TicketSettings,
    pub staff: Vec<StaffMember>,
    /// Services, hours and exceptions per staff member, by staff id.
    pub schedules: Vec<StaffSchedule>,
    /// Share rates, earnings, payouts and balance per staff member, by id.
    pub pay: Vec<crate::payroll::StaffPay>,
    /// By id.
    pub customers: Vec<CustomerRecord>,
    /// By id.
    pub services: Vec<ServiceInfo>,
    /// By id.
    pub rooms: Vec<RoomInfo>,
    /// By id, with their history.
    pub bookings: Vec<(BookingId, BookingState)>,
    /// By id, with their places and history.
    pub classes: Vec<(ClassId, ClassState)>,
    /// By id.
    pub packages: Vec<crate::packages::PackageInfo>,
    /// By id, with their ledger.
    pub treatments: Vec<(TreatmentId, TreatmentState)>,
    /// By customer id, with their ledger.
    pub wallets: Vec<(CustomerId, WalletState)>,
    /// By id, with their refunds.
    pub sales: Vec<(SaleId, SaleState)>,
    /// By id.
    pub drawers: Vec<(DrawerId, DrawerState)>,
    /// (register, date), sorted.
    pub closed_days: Vec<(String, String)>,
    /// By id, with their history.
    pub tickets: Vec<(TicketId, TicketState)>,
}

impl Store {
    pub fn dump(&self) -> Result<Dump> {
        let mut staff = staff::list(&self.conn)?;
        staff.sort_by_key(|s| s.id);
        let schedules = staff
            .iter()
            .map(|m| self.schedule().staff_schedule(&m.id.to_string()))
            .collect::<Result<Vec<_>>>()?;
        let pay = staff
            .iter()
            .map(|m| self.payroll().staff_pay(&m.id.to_string()))
            .collect::<Result<Vec<_>>>()?;
        let mut services = self.catalog().services()?;
        services.sort_by_key(|s| s.id);
        let mut rooms = self.catalog().rooms()?;
        rooms.sort_by_key(|r| r.id);
        Ok(Dump {
            business: self.settings.clone(),
            calendar: self.schedule().calendar()?,
            checkout: self.sales().checkout()?,
            ticket_settings: self.tickets().ticket_settings()?,
            staff,
            schedules,
            pay,
            services,
            rooms,
            bookings: self
                .booking_ids()?
                .into_iter()
                .map(|id| Ok((id, self.bookings().booking_state(id)?)))
                .collect::<Result<_>>()?,
            classes: self
                .ids("classes", "class")?
                .into_iter()
                .map(|id| Ok((id, self.classes().class_state(id)?)))
                .collect::<Result<_>>()?,
            packages: {
                let mut packages = self.catalog().packages()?;
                packages.sort_by_key(|p| p.id);
                packages
            },
            treatments: self
                .ids("treatments", "treatment")?
                .into_iter()
                .map(|id| Ok((id, self.treatments().treatment_state(id)?)))
                .collect::<Result<_>>()?,
            wallets: self
                .wallet_ids()?
                .into_iter()
                .filter_map(|id| {
                    crate::wallets::projection::load(&self.conn, id)
                        .map(|w| w.map(|w| (id, w)))
                        .transpose()
                })
                .collect::<Result<_>>()?,
            sales: self
                .ids::<SaleId>("sales", "sale")?
                .into_iter()
                .filter_map(|id| {
                    crate::sales::projection::load(&self.conn, id)
                        .map(|s| s.map(|s| (id, s)))
                        .transpose()
                })
                .collect::<Result<_>>()?,
            drawers: self
                .ids::<DrawerId>("drawers", "drawer")?
                .into_iter()
                .filter_map(|id| {
                    crate::drawer::load(&self.conn, id)
                        .map(|s| s.map(|s| (id, s)))
                        .transpose()
                })
                .collect::<Result<_>>()?,
            closed_days: {
                let mut statement = self
                    .conn
                    .prepare("SELECT register, day FROM closed_days ORDER BY register, day")?;
                let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            },
            tickets: self
                .ids::<TicketId>("tickets", "ticket")?
                .into_iter()
                .filter_map(|id| {
                    crate::tickets::projection::load(&self.conn, id)
                        .map(|s| s.map(|s| (id, s)))
                        .transpose()
                })
                .collect::<Result<_>>()?,
            customers: self
                .customer_ids()?
                .into_iter()
                .filter_map(|id| projection::load(&self.conn, id).transpose())
                .filter_map(|state| state.map(|s| s.record()).transpose())
                .collect::<Result<_>>()?,
        })
    }

    /// Re-folds every customer from the op log and lists those whose stored
    /// projection differs. Empty means the projections are exactly the folds
    /// of the log.
    pub fn verify_projections(&self) -> Result<Vec<String>> {
        let mut mismatches = Vec::new();
        for id in self.customer_ids()? {
            let ops = entity_ops(&self.conn, EntityId::from(id))?;
            let mut events = Vec::with_capacity(ops.len());
            for op in &ops {
                if let Some(Event::Customer(event)) = op.event()? {
                    events.push((op.stamp(), op.actor, event));
                }
            }
            let folded = CustomerState::fold(
                id,
                events
                    .iter()
                    .map(|(s, a, e): &(_, _, CustomerEvent)| (*s, *a, e)),
            );
            let stored = projection::load(&self.conn, id)?
                .ok_or_else(|| StoreError::Corrupt(format!("customer {id} vanished")))?;
            if stored != folded {
                mismatches.push(format!("customer {id}: projection differs from its ops"));
            }
        }
        for member in staff::list(&self.conn)? {
            let mut folded = StaffState::new(member.id);
            for op in entity_ops(&self.conn, EntityId::from(member.id))? {
                if let Some(Event::Staff(event)) = op.event()? {
                    folded.apply(op.stamp(), &event);
                }
            }
            if staff::load(&self.conn, member.id)? != Some(folded) {
                mismatches.push(format!(
                    "staff {}: projection differs from its ops",
                    member.id
                ));
            }
        }
        for id in self.booking_ids()? {
            let folded = crate::bookings::projection::refold(&self.conn, id)?;
            if Some(self.bookings().booking_state(id)?) != folded {
                mismatches.push(format!("booking {id}: projection differs from its ops"));
            }
        }
        for id in self.ids::<ClassId>("classes", "class")? {
            let folded = crate::classes::projection::refold(&self.conn, id)?;
            if Some(self.classes().class_state(id)?) != folded {
                mismatches.push(format!("class {id}: projection differs from its ops"));
            }
        }
        for id in self.ids::<TreatmentId>("treatments", "treatment")? {
            let folded = crate::treatments::projection::refold(&self.conn, id)?;
            if Some(self.treatments().treatment_state(id)?) != folded {
                mismatches.push(format!("treatment {id}: projection differs from its ops"));
            }
        }
        let zone = self.settings.time_zone();
        mismatches.extend(crate::days::stale(&self.conn, &zone)?);
        for id in self.ids::<SaleId>("sales", "sale")? {
            if !crate::sales::projection::rows_hold(&self.conn, id, &zone)? {
                mismatches.push(format!("sale {id}: projection differs from its ops"));
            }
        }
        for id in self.ids::<DrawerId>("drawers", "drawer")? {
            if crate::drawer::load(&self.conn, id)? != crate::drawer::refold(&self.conn, id)? {
                mismatches.push(format!("drawer {id}: projection differs from its ops"));
            }
        }
        for id in self.ids::<TicketId>("tickets", "ticket")? {
            let folded = crate::tickets::projection::refold(&self.conn, id)?;
            if crate::tickets::projection::load(&self.conn, id)? != folded {
                mismatches.push(format!("ticket {id}: projection differs from its ops"));
            }
        }
        for id in self.wallet_ids()? {
            let folded = crate::wallets::projection::refold(&self.conn, id)?;
            if crate::wallets::projection::load(&self.conn, id)? != folded {
                mismatches.push(format!("wallet {id}: projection differs from its ops"));
            }
        }
        Ok(mismatches)
    }

    fn wallet_ids(&self) -> Result<Vec<CustomerId>> {
        let mut statement = self
            .conn
            .prepare("SELECT customer_id FROM wallets ORDER BY customer_id")?;
        let ids = statement.query_map([], |row| row.get::<_, String>(0))?;
        ids.map(|id| crate::catalog::parse_id(&id?, "customer"))
            .collect()
    }

    fn booking_ids(&self) -> Result<Vec<BookingId>> {
        self.ids("bookings", "booking")
    }

    /// Every id of a projection table, sorted.
    fn ids<T: std::str::FromStr>(&self, table: &'static str, what: &str) -> Result<Vec<T>> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?;
        let ids = statement.query_map([], |row| row.get::<_, String>(0))?;
        ids.map(|id| crate::catalog::parse_id(&id?, what)).collect()
    }

    fn customer_ids(&self) -> Result<Vec<CustomerId>> {
        let mut statement = self.conn.prepare("SELECT id FROM customers ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get::<_, String>(0))?;
        ids.map(|id| {
            let id = id?;
            id.parse()
                .map_err(|_| StoreError::Corrupt(format!("customer id {id:?}")))
        })
        .collect()
    }
}
