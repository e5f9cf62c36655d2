//! Fitting a booking item or a class into the calendar inside the write
//! transaction: its staff member must be free and a room must have a place.
//! Both read `calendar_time`, the view of every booking item and class that
//! still holds its time.

use caredesk_domain::booking::BookingItem;
use caredesk_domain::id::RoomId;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Result, StoreError};
use crate::schedule::MAX_BLOCK_MS;

/// A booking item checked against everything but other bookings.
pub(crate) struct Planned {
    pub(crate) item: BookingItem,
    pub(crate) service_name: String,
    pub(crate) staff_name: String,
    /// The rooms that can host it, with capacity; empty when it needs none.
    pub(crate) rooms: Vec<(RoomId, u16)>,
    /// A room the receptionist chose.
    pub(crate) chosen_room: Option<RoomId>,
}

/// How much of a room the item takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RoomUse {
    /// One place (a bed in a room of two).
    Place,
    /// The whole room (a class).
    Whole,
}

pub(crate) fn overlaps(a: &BookingItem, b: &BookingItem) -> bool {
    a.start < b.busy_until() && b.start < a.busy_until()
}

/// The staff member is free and a room has room. `except` is the booking or
/// class being moved (its own time does not count); `others` are items of
/// the same booking already placed. `when` is the item's time as people
/// read it, for the refusal.
pub(crate) fn fit(
    conn: &Connection,
    planned: Planned,
    except: Option<String>,
    others: &[BookingItem],
    use_of_room: RoomUse,
    (start_text, until_text): (String, String),
    room_names: &[(RoomId, String)],
) -> Result<BookingItem> {
    let mut item = planned.item;
    let except = except.unwrap_or_default();
    let window = |key: String| {
        (
            key,
            item.start.as_millisecond() - MAX_BLOCK_MS,
            item.busy_until().as_millisecond(),
            item.start.as_millisecond(),
            except.clone(),
        )
    };
    let clash: Option<String> = conn
        .prepare_cached(
            "SELECT owner FROM calendar_time
             WHERE staff_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4
               AND owner <> ?5
             LIMIT 1",
        )?
        .query_row(window(item.staff.to_string()), |row| row.get(0))
        .optional()?;
    if let Some(booking) = clash {
        return Err(StoreError::DoubleBooking {
            staff: planned.staff_name,
            booking,
            start: start_text,
            until: until_text,
        });
    }
    if planned.rooms.is_empty() {
        return Ok(item);
    }
    let candidates: Vec<(RoomId, u16)> = match planned.chosen_room {
        Some(chosen) => planned
            .rooms
            .iter()
            .filter(|(id, _)| *id == chosen)
            .copied()
            .collect(),
        None => planned.rooms.clone(),
    };
    for (room, capacity) in &candidates {
        let (booked, whole): (i64, bool) = conn
            .prepare_cached(
                "SELECT count(*), coalesce(max(whole_room), 0) FROM calendar_time
                 WHERE room_id = ?1 AND start_at > ?2 AND start_at < ?3 AND busy_until > ?4
                   AND owner <> ?5",
            )?
            .query_row(window(room.to_string()), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        let ours = others
            .iter()
            .filter(|o| o.room == Some(*room) && overlaps(o, &item))
            .count() as i64;
        let used = booked + ours;
        let free = match use_of_room {
            RoomUse::Place => !whole && used < i64::from(*capacity),
            RoomUse::Whole => used == 0,
        };
        if free {
            item.room = Some(*room);
            return Ok(item);
        }
    }
    let name = |id: RoomId| {
        room_names
            .iter()
            .find(|(r, _)| *r == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone())
    };
    match planned.chosen_room {
        Some(room) => Err(StoreError::RoomFull {
            room: name(room),
            start: start_text,
            until: until_text,
        }),
        None => Err(StoreError::NoRoom(planned.service_name)),
    }
}
