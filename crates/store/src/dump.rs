//! Every projection in a canonical order. Two replicas that hold the same ops
//! print the same bytes: the check that sync converged.

use caredesk_domain::business::BusinessSettings;
use caredesk_domain::customer::{CustomerEvent, CustomerRecord, CustomerState};
use caredesk_domain::id::{CustomerId, EntityId};
use caredesk_domain::op::Event;
use serde::Serialize;

use crate::Store;
use crate::customers::projection;
use crate::error::{Result, StoreError};
use crate::oplog::entity_ops;
use crate::staff::{self, StaffMember};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dump {
    pub business: BusinessSettings,
    pub staff: Vec<StaffMember>,
    /// By id.
    pub customers: Vec<CustomerRecord>,
}

impl Store {
    pub fn dump(&self) -> Result<Dump> {
        let mut staff = staff::list(&self.conn)?;
        staff.sort_by_key(|s| s.id);
        Ok(Dump {
            business: self.settings.clone(),
            staff,
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
        Ok(mismatches)
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
