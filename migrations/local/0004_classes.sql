-- Group classes and workshops, and one view of all time taken on the
-- calendar (booking items and classes), which the overlap checks and the
-- slot engine read.

-- Projection of classes. Times are unix milliseconds (UTC). `seated` and
-- `waiting` are counts the fold derives; `state` is the folded ClassState.
CREATE TABLE classes (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    room_id     TEXT,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    busy_until  INTEGER NOT NULL,              -- end_at plus the buffer
    holds_time  INTEGER NOT NULL,              -- 0 once cancelled
    seats       INTEGER NOT NULL,
    seated      INTEGER NOT NULL,
    waiting     INTEGER NOT NULL,
    state       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX classes_by_start ON classes (start_at);
CREATE INDEX classes_by_staff ON classes (staff_id, start_at);
CREATE INDEX classes_by_room ON classes (room_id, start_at) WHERE room_id IS NOT NULL;

-- Each customer's current place in a class: for the customer's file.
-- `standing` is 'seated' or 'waiting' while the place holds, else NULL.
CREATE TABLE class_places (
    class_id    TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    standing    TEXT,
    PRIMARY KEY (class_id, customer_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX class_places_by_customer ON class_places (customer_id);

-- Time taken on staff and rooms. A booking item takes one place in its
-- room; a class takes its room whole. SQLite pushes the WHERE of a query
-- into both arms, so each still reads its own index.
CREATE VIEW calendar_time AS
    SELECT booking_id AS owner, staff_id, room_id, start_at, busy_until, 0 AS whole_room
    FROM booking_items WHERE holds_time
    UNION ALL
    SELECT id, staff_id, room_id, start_at, busy_until, 1
    FROM classes WHERE holds_time;
