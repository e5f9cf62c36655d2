//! Last-writer-wins registers: the building block of folds that must give
//! the same state whatever order their ops arrive in.

use serde::{Deserialize, Serialize};

use crate::op::Stamp;

/// A value and the stamp of the op that wrote it. Merging keeps the higher
/// stamp, which makes applying ops commutative and idempotent: replicas that
/// hold the same ops hold the same state, whatever order the ops came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Lww<T> {
    pub(crate) value: T,
    pub(crate) at: Stamp,
}

/// Writes `value` into `slot` unless what is there was written later.
pub(crate) fn write<T>(slot: &mut Option<Lww<T>>, value: T, at: Stamp) {
    if slot.as_ref().is_none_or(|current| at > current.at) {
        *slot = Some(Lww { value, at });
    }
}
