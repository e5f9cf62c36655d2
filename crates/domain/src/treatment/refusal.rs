//! Why a treatment cannot pay for a booking item, with the stable code the
//! counter's screens translate.

use jiff::civil::Date;

/// Why a treatment cannot pay for a booking item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreatmentRefusal {
    #[error("it belongs to another customer")]
    OtherCustomer,
    #[error("it expired on {0}")]
    Expired(Date),
    #[error("all {0} sessions are used")]
    Completed(u16),
    #[error("no session left: {used} used, {reserved} booked and {refunded} refunded of {total}")]
    Exhausted {
        total: u16,
        used: u16,
        reserved: u16,
        refunded: u16,
    },
    /// A refund took its sessions back: nothing is left to book, and a
    /// booking made on it offline meanwhile is not paid for.
    #[error(
        "{sessions} of its sessions were refunded and it holds none for this; charge the session on a sale first"
    )]
    Refunded { sessions: u16 },
    #[error("it expires on {expires_on}, before the booking on {date}")]
    ExpiresBefore { expires_on: Date, date: Date },
    #[error("it pays only for its own service")]
    OtherService,
    #[error("its home visits are locked to another therapist")]
    OtherStaff,
    #[error("its sessions had to be booked by {0}")]
    QuotaLapsed(Date),
}

impl TreatmentRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            TreatmentRefusal::OtherCustomer => "treatment_other_customer",
            TreatmentRefusal::Expired(_) => "treatment_expired",
            TreatmentRefusal::Completed(_) | TreatmentRefusal::Exhausted { .. } => {
                "treatment_exhausted"
            }
            TreatmentRefusal::ExpiresBefore { .. } => "treatment_expires_before",
            TreatmentRefusal::OtherService => "treatment_other_service",
            TreatmentRefusal::OtherStaff => "treatment_other_staff",
            TreatmentRefusal::QuotaLapsed(_) => "treatment_quota_lapsed",
            TreatmentRefusal::Refunded { .. } => "treatment_refunded",
        }
    }
}
