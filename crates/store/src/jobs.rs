//! The counter's timed jobs in one call: what the clock decides (credit
//! and treatments expiring, deadlines coming close) written down as ops.
//! Each job is idempotent and the folds take what time decides whether or
//! not a job ran, so running them often, late or on two counters at once
//! changes nothing but the log.

use caredesk_domain::id::{CreditId, CustomerId, TreatmentId};
use serde::Serialize;

use crate::error::Result;
use crate::tickets::Escalated;
use crate::{Ctx, Store};

/// What one run recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JobsRun {
    pub credits_expired: Vec<(CustomerId, CreditId)>,
    pub treatments_expired: Vec<TreatmentId>,
    pub tickets_escalated: Vec<Escalated>,
}

impl JobsRun {
    pub fn is_empty(&self) -> bool {
        self.credits_expired.is_empty()
            && self.treatments_expired.is_empty()
            && self.tickets_escalated.is_empty()
    }
}

impl Store {
    /// Runs every job as of `ctx.now`: credit expiry, treatment expiry and
    /// lapsed home visits, ticket deadlines. Each job is its own
    /// transaction.
    pub fn run_jobs(&mut self, ctx: &Ctx) -> Result<JobsRun> {
        Ok(JobsRun {
            credits_expired: self.record_credit_expiries(ctx)?,
            treatments_expired: self.record_expiries(ctx)?,
            tickets_escalated: self.escalate_tickets(ctx)?,
        })
    }
}
