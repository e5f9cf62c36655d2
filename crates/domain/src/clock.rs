//! A hybrid logical clock: physical milliseconds plus a logical counter.
//!
//! Ops are ordered by `(hlc, op id)` on every replica. Wall clocks at two
//! counters disagree and jump; the HLC never goes backwards on one device, and
//! after a device has seen another's op its own next op sorts after it, so
//! "edited after" in the fold means what a person at the counter meant.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

const LOGICAL_BITS: u32 = 16;
const LOGICAL_MASK: u64 = (1 << LOGICAL_BITS) - 1;

/// One HLC reading, packed as `physical_ms << 16 | logical` so that it sorts
/// as an integer and fits SQLite's signed 64-bit INTEGER until the year 6429.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Hlc(u64);

impl Hlc {
    pub const ZERO: Hlc = Hlc(0);

    pub const fn new(physical_ms: u64, logical: u16) -> Hlc {
        Hlc((physical_ms << LOGICAL_BITS) | logical as u64)
    }

    pub const fn physical_ms(self) -> u64 {
        self.0 >> LOGICAL_BITS
    }

    pub const fn logical(self) -> u16 {
        (self.0 & LOGICAL_MASK) as u16
    }

    pub const fn to_u64(self) -> u64 {
        self.0
    }

    pub const fn from_u64(raw: u64) -> Hlc {
        Hlc(raw)
    }

    /// The text form (see `Display`), written without the formatting
    /// machinery: every stored state carries several readings, and a fold
    /// writes the state back after each op.
    fn text(self) -> [u8; 17] {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [b'.'; 17];
        // The 16 nibbles, most significant first; the dot stands after the
        // 12 of the physical time.
        for (i, shift) in (0..16).rev().enumerate() {
            let at = if i < 12 { i } else { i + 1 };
            text[at] = HEX[((self.0 >> (4 * shift)) & 0xf) as usize];
        }
        text
    }

    /// The next reading after this one at the same physical time.
    const fn successor(self) -> Hlc {
        Hlc(self.0 + 1)
    }
}

/// `{physical ms as 12 hex digits}.{logical as 4 hex digits}`: fixed width, so
/// text order is time order, and JSON readers without 64-bit integers (the UI)
/// keep it exact.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.text()).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.text();
        let text = std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }
}

impl fmt::Debug for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hlc({self})")
    }
}

impl From<Hlc> for String {
    fn from(hlc: Hlc) -> String {
        hlc.to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a clock reading (expected 12 hex digits, a dot, 4 hex digits)")]
pub struct BadHlc(String);

impl TryFrom<String> for Hlc {
    type Error = BadHlc;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad = || BadHlc(text.clone());
        let (physical, logical) = text.split_once('.').ok_or_else(bad)?;
        if physical.len() != 12 || logical.len() != 4 {
            return Err(bad());
        }
        let physical = u64::from_str_radix(physical, 16).map_err(|_| bad())?;
        let logical = u16::from_str_radix(logical, 16).map_err(|_| bad())?;
        Ok(Hlc::new(physical, logical))
    }
}

/// A remote reading too far ahead of our wall clock: taking it would drag this
/// device's clock into the future with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "remote clock {remote} is {ahead_ms} ms ahead of this device, more than the {max_ms} ms allowed"
)]
pub struct ClockDrift {
    pub remote: Hlc,
    pub ahead_ms: u64,
    pub max_ms: u64,
}

/// The clock of one device. The store seeds it with the highest HLC in the
/// local op log, so it stays monotonic across restarts and processes.
#[derive(Debug, Clone)]
pub struct HlcClock {
    last: Hlc,
    max_drift_ms: u64,
}

impl HlcClock {
    /// Remote clocks more than a day ahead are refused by `observe`.
    pub const DEFAULT_MAX_DRIFT_MS: u64 = 24 * 60 * 60 * 1000;

    pub fn new(last: Hlc) -> HlcClock {
        HlcClock {
            last,
            max_drift_ms: Self::DEFAULT_MAX_DRIFT_MS,
        }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A reading for a local event at wall time `wall_ms`.
    pub fn tick(&mut self, wall_ms: u64) -> Hlc {
        let candidate = Hlc::new(wall_ms, 0);
        self.last = if candidate > self.last {
            candidate
        } else {
            self.last.successor()
        };
        self.last
    }

    /// Takes in a reading from another device, so that the next local reading
    /// sorts after it.
    pub fn observe(&mut self, remote: Hlc, wall_ms: u64) -> Result<Hlc, ClockDrift> {
        let ahead_ms = remote.physical_ms().saturating_sub(wall_ms);
        if ahead_ms > self.max_drift_ms {
            return Err(ClockDrift {
                remote,
                ahead_ms,
                max_ms: self.max_drift_ms,
            });
        }
        if remote > self.last {
            self.last = remote;
        }
        Ok(self.tick(wall_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packs_and_unpacks() {
        let hlc = Hlc::new(1_763_700_000_123, 7);
        assert_eq!(hlc.physical_ms(), 1_763_700_000_123);
        assert_eq!(hlc.logical(), 7);
        assert!(i64::try_from(hlc.to_u64()).is_ok());
    }

    proptest! {
        #[test]
        fn text_form_is_the_formatted_reading(raw in any::<u64>()) {
            let hlc = Hlc::from_u64(raw);
            let formatted = format!("{:012x}.{:04x}", hlc.physical_ms(), hlc.logical());
            prop_assert_eq!(hlc.to_string(), formatted.clone());
            let json = serde_json::to_string(&hlc).expect("serialises");
            prop_assert_eq!(json, format!("\"{formatted}\""));
        }
    }

    #[test]
    fn text_form_round_trips_and_sorts_like_the_number() {
        let a = Hlc::new(1_000, 65_535);
        let b = Hlc::new(1_001, 0);
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(Hlc::try_from(a.to_string()), Ok(a));
        assert!(Hlc::try_from("123".to_owned()).is_err());
        assert!(Hlc::try_from("zzzzzzzzzzzz.0000".to_owned()).is_err());
    }

    #[test]
    fn a_clock_going_backwards_still_ticks_forwards() {
        let mut clock = HlcClock::new(Hlc::ZERO);
        let first = clock.tick(10_000);
        let second = clock.tick(9_000);
        let third = clock.tick(10_000);
        assert!(first < second && second < third);
        assert_eq!(second, Hlc::new(10_000, 1));
    }

    #[test]
    fn observing_a_remote_reading_moves_past_it() {
        let mut clock = HlcClock::new(Hlc::ZERO);
        clock.tick(1_000);
        let remote = Hlc::new(5_000, 3);
        let after = clock.observe(remote, 2_000).expect("within drift");
        assert!(after > remote);
        assert!(clock.tick(2_000) > after);
    }

    #[test]
    fn a_remote_reading_far_in_the_future_is_refused() {
        let mut clock = HlcClock::new(Hlc::ZERO);
        let before = clock.tick(1_000);
        let remote = Hlc::new(1_000 + HlcClock::DEFAULT_MAX_DRIFT_MS + 1, 0);
        assert!(clock.observe(remote, 1_000).is_err());
        assert_eq!(clock.last(), before);
    }

    proptest! {
        #[test]
        fn readings_strictly_increase_whatever_the_wall_clock_does(
            walls in proptest::collection::vec(0u64..1_000_000, 1..200)
        ) {
            let mut clock = HlcClock::new(Hlc::ZERO);
            let mut previous = Hlc::ZERO;
            for wall in walls {
                let next = clock.tick(wall);
                prop_assert!(next > previous);
                previous = next;
            }
        }
    }
}
