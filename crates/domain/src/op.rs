//! The op envelope and the typed events inside it.
//!
//! An op is an immutable fact: who (`actor`) did what (`kind`, `body`) to which
//! entity, on which device (`device_id`, `device_seq`), when (`hlc`). Bodies are
//! JSON tagged with a `schema` version per kind, so a kind can grow without
//! breaking devices that still hold old ops, and a device that meets a kind
//! or schema it does not know keeps the op untouched instead of losing it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::clock::Hlc;
use crate::id::{DeviceId, EntityId, OpId, StaffId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub id: OpId,
    pub device_id: DeviceId,
    /// Gapless per device, from 1: the server refuses a gap on push.
    pub device_seq: u64,
    pub hlc: Hlc,
    /// The staff member signed in when the op was made.
    pub actor: StaffId,
    /// The manager who approved it on the spot, when the actor's role may not
    /// do it alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<StaffId>,
    pub kind: String,
    pub schema: u16,
    pub entity: EntityId,
    pub body: serde_json::Value,
}

impl Op {
    /// Where this op sorts among the ops of its entity, on every replica.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            hlc: self.hlc,
            op: self.id,
        }
    }
}

/// The canonical position of an op: HLC first, op id to break ties between
/// devices that read the same clock value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub hlc: Hlc,
    pub op: OpId,
}

impl Stamp {
    /// Before every op: where a state that no op has touched yet stands.
    pub const ORIGIN: Stamp = Stamp {
        hlc: Hlc::new(0, 0),
        op: OpId::from_uuid(uuid::Uuid::nil()),
    };
}

/// An entity whose fold is a state machine (a booking, a class): ops must be
/// applied in canonical order, from the one that creates it.
pub trait Machine: Sized {
    type Event;

    /// The state after the first op; `None` when it is not the op that
    /// creates the entity.
    fn begin(stamp: Stamp, event: &Self::Event) -> Option<Self>;
    /// Applies the next op in canonical order.
    fn apply(&mut self, stamp: Stamp, event: &Self::Event);
    /// The stamp of the last op folded in: an op that sorts before it means
    /// the entity must be folded again from its whole log.
    fn last(&self) -> Stamp;

    /// Folds ops already in canonical order. `None` while the creating op
    /// is missing (not yet received from its device); ops before it are
    /// skipped.
    fn fold<'a>(ops: impl IntoIterator<Item = (Stamp, &'a Self::Event)>) -> Option<Self>
    where
        Self::Event: 'a,
    {
        let mut state: Option<Self> = None;
        for (stamp, event) in ops {
            match &mut state {
                Some(state) => state.apply(stamp, event),
                None => state = Self::begin(stamp, event),
            }
        }
        state
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("op {kind} has schema {schema}, newer than the {known} this build knows")]
    NewerSchema {
        kind: &'static str,
        schema: u16,
        known: u16,
    },
    #[error("op {kind} schema {schema} has a body this build cannot read: {reason}")]
    Malformed {
        kind: &'static str,
        schema: u16,
        reason: String,
    },
}

/// One op kind's body. `KIND` is a past-tense fact (`customer.registered`);
/// `SCHEMA` is bumped whenever the body changes shape, and `upgrade` reads
/// bodies written under older schemas.
pub trait OpBody: Serialize + DeserializeOwned {
    const KIND: &'static str;
    const SCHEMA: u16;

    /// Reads a body written with an older `schema`. Kinds that have only ever
    /// had one schema keep this default.
    fn upgrade(schema: u16, _body: serde_json::Value) -> Result<Self, DecodeError> {
        Err(DecodeError::Malformed {
            kind: Self::KIND,
            schema,
            reason: format!("no upgrade from schema {schema}"),
        })
    }

    /// The upgrade for a schema bump that only added fields with defaults:
    /// the old body reads as the new one.
    fn with_defaults(schema: u16, body: serde_json::Value) -> Result<Self, DecodeError> {
        serde_json::from_value(body).map_err(|e| DecodeError::Malformed {
            kind: Self::KIND,
            schema,
            reason: e.to_string(),
        })
    }

    fn read(schema: u16, body: serde_json::Value) -> Result<Self, DecodeError> {
        if schema > Self::SCHEMA {
            return Err(DecodeError::NewerSchema {
                kind: Self::KIND,
                schema,
                known: Self::SCHEMA,
            });
        }
        if schema < Self::SCHEMA {
            return Self::upgrade(schema, body);
        }
        serde_json::from_value(body).map_err(|e| DecodeError::Malformed {
            kind: Self::KIND,
            schema,
            reason: e.to_string(),
        })
    }
}

/// Declares the events of one area (customers, staff, ...) as an enum, with
/// its kind, schema, body and decoding derived from each variant's `OpBody`.
macro_rules! op_events {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident($body:ty)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $($variant($body)),+
        }

        impl $name {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$body as $crate::op::OpBody>::KIND),+
                }
            }

            pub fn schema(&self) -> u16 {
                match self {
                    $(Self::$variant(_) => <$body as $crate::op::OpBody>::SCHEMA),+
                }
            }

            pub fn body(&self) -> serde_json::Value {
                // Bodies are plain structs with string keys: serialising them
                // cannot fail.
                match self {
                    $(Self::$variant(body) => serde_json::to_value(body)
                        .expect("op bodies serialise to JSON")),+
                }
            }

            /// `None` when `kind` is not one of this area's kinds.
            pub fn decode(
                kind: &str,
                schema: u16,
                body: &serde_json::Value,
            ) -> Option<Result<Self, $crate::op::DecodeError>> {
                $(
                    if kind == <$body as $crate::op::OpBody>::KIND {
                        return Some(
                            <$body as $crate::op::OpBody>::read(schema, body.clone())
                                .map(Self::$variant),
                        );
                    }
                )+
                None
            }
        }

        $(
            impl From<$body> for $name {
                fn from(body: $body) -> Self {
                    Self::$variant(body)
                }
            }
        )+
    };
}
pub(crate) use op_events;

#[cfg(test)]
mod tests;
