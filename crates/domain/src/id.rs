//! Identifiers. Every id is a UUIDv7: unique without coordination (counters
//! create them offline) and roughly time-ordered, which keeps SQLite's indexes
//! append-mostly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }

        impl From<$name> for EntityId {
            fn from(id: $name) -> Self {
                EntityId(id.0)
            }
        }
    };
}

/// The entity an op is about (a customer, a booking, a wallet...). Ops are
/// grouped and folded per entity.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct EntityId(Uuid);

impl EntityId {
    pub const fn from_uuid(uuid: Uuid) -> Self {
        Self(uuid)
    }

    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntityId({})", self.0.hyphenated())
    }
}

impl FromStr for EntityId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self)
    }
}

id_type!(
    /// One op in the log.
    OpId
);
id_type!(
    /// One counter (a device with its own SQLite file and op sequence).
    DeviceId
);
id_type!(
    /// A staff member: the `actor` of every op.
    StaffId
);

impl StaffId {
    /// The system: the actor of what no person did, such as the counter's
    /// timed jobs (credit and cards expiring, tickets escalated) and ops a
    /// server originates. It has no account: no one signs in or acts as it,
    /// and it holds no role. A fixed id, so every counter and the server
    /// name it alike (the hex spells "SYSTEM").
    pub const SYSTEM: StaffId = StaffId(Uuid::from_u128(0x0000_0000_0000_7000_8000_5359_5354_454d));

    /// Whether this is the system rather than a person.
    pub fn is_system(self) -> bool {
        self == StaffId::SYSTEM
    }
}

id_type!(
    /// A customer of the business.
    CustomerId
);
id_type!(
    /// A note written on a customer's file.
    NoteId
);
id_type!(
    /// A service in the catalog (a massage, a consultation).
    ServiceId
);
id_type!(
    /// A room or other resource a service takes up.
    RoomId
);
id_type!(
    /// A booking: one customer, one or more items.
    BookingId
);
id_type!(
    /// A group class or workshop on one date: seats and a waiting list.
    ClassId
);
id_type!(
    /// A package in the catalog: sessions of a service, valid for some days.
    PackageId
);
id_type!(
    /// A package sold to a customer (a punch card): sessions to book against.
    TreatmentId
);
id_type!(
    /// One exception to a staff member's weekly hours (leave, an extra shift).
    ShiftExceptionId
);
id_type!(
    /// One grant of virtual credit in a customer's wallet, spent first and
    /// gone at its expiry.
    CreditId
);

id_type!(
    /// A sale at checkout: its lines, payments and any refunds.
    SaleId
);
id_type!(
    /// A service ticket: a complaint, a return, an exchange... followed to
    /// its resolution.
    TicketId
);
id_type!(
    /// One session of a register's cash drawer, from its opening float to
    /// its blind count.
    DrawerId
);

/// The business itself is one entity with a fixed id, so that its settings
/// fold like anything else and every replica agrees on where they live.
pub const BUSINESS_ENTITY: EntityId =
    EntityId(Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_round_trip_through_text() {
        let id = CustomerId::new();
        assert_eq!(id.as_uuid().get_version_num(), 7);
        let parsed: CustomerId = id.to_string().parse().expect("parses");
        assert_eq!(parsed, id);
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = OpId::new();
        let b = OpId::new();
        assert!(a < b);
    }

    #[test]
    fn the_system_is_a_fixed_id_no_new_staff_member_gets() {
        assert_eq!(
            StaffId::SYSTEM.to_string(),
            "00000000-0000-7000-8000-53595354454d"
        );
        assert!(StaffId::SYSTEM.is_system());
        assert!(!StaffId::new().is_system());
        assert_ne!(EntityId::from(StaffId::SYSTEM), BUSINESS_ENTITY);
    }

    #[test]
    fn garbage_is_not_an_id() {
        assert!("not-a-uuid".parse::<CustomerId>().is_err());
    }
}
