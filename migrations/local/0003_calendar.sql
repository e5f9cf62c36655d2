-- The calendar: services and rooms in the catalog, bookings and their items.
-- Staff services, weekly hours and shift exceptions live in staff.state;
-- the calendar settings in business.state.

-- Projection of services. `state` is the folded ServiceState.
CREATE TABLE services (
    id     TEXT PRIMARY KEY,
    name   TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    state  TEXT NOT NULL
) STRICT;

-- Projection of rooms and other resources.
CREATE TABLE rooms (
    id     TEXT PRIMARY KEY,
    name   TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    state  TEXT NOT NULL
) STRICT;

-- Projection of bookings. Times are unix milliseconds (UTC).
CREATE TABLE bookings (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    state       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX bookings_by_customer ON bookings (customer_id, start_at);

-- One row per booking item: what the overlap checks and the day sheet read.
-- `holds_time` is 0 once the booking is cancelled, forfeited or a no-show.
CREATE TABLE booking_items (
    booking_id TEXT NOT NULL,
    item       INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    room_id    TEXT,
    start_at   INTEGER NOT NULL,
    end_at     INTEGER NOT NULL,
    busy_until INTEGER NOT NULL,              -- end_at plus the buffer
    holds_time INTEGER NOT NULL,
    PRIMARY KEY (booking_id, item)
) STRICT, WITHOUT ROWID;
CREATE INDEX booking_items_by_staff ON booking_items (staff_id, start_at);
CREATE INDEX booking_items_by_room ON booking_items (room_id, start_at) WHERE room_id IS NOT NULL;
