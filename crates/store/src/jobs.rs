//! The counter's timed jobs in one call: what the clock decides (credit
//! and treatments expiring, deadlines coming close) written down as ops.
//! Each job is idempotent and the folds take what time decides whether or
//! not a job ran, so running them often, late or on two counters at once
//! changes nothing but the log.
//!
//! A job acts as the system (`StaffId::SYSTEM`), whoever asked it to run:
//! the clock decided, not the person signed in, and two counters that ran
//! the same job write the same actor. Jobs read only `ctx.now`.

use caredesk_domain::id::{CreditId, CustomerId, StaffId, TreatmentId};
use serde::Serialize;

use crate::error::Result;
use crate::tickets::Escalated;
use crate::writer::Writer;
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
    /// transaction, written as the system.
    pub fn run_jobs(&mut self, ctx: &Ctx) -> Result<JobsRun> {
        Ok(JobsRun {
            credits_expired: self.wallets_mut().record_credit_expiries(ctx)?,
            treatments_expired: self.treatments_mut().record_expiries(ctx)?,
            tickets_escalated: self.tickets_mut().escalate_tickets(ctx)?,
        })
    }

    /// A job's transaction: the system acts, with no approver.
    pub(crate) fn job_writer(&mut self) -> Result<Writer<'_>> {
        Writer::begin(
            &mut self.conn,
            self.device,
            StaffId::SYSTEM,
            None,
            self.clock,
        )
    }
}
