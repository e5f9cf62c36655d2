-- CareDesk local database, first schema: the op log, the device, and the
-- projections of the business, staff and customers.
--
-- Append-only: once shipped, a migration is never edited; a change is a new
-- NNNN_name.sql file.

-- This counter. One row.
CREATE TABLE device (
    singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
    id            TEXT NOT NULL,
    -- Short code printed in this register's human-readable numbers
    -- (customer codes, later receipt numbers), so that counters never
    -- hand out the same number without talking to each other.
    register_code TEXT NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;

-- Every change, from this device and from others. Immutable: see triggers.
CREATE TABLE ops (
    seq        INTEGER PRIMARY KEY,           -- local arrival order
    id         TEXT NOT NULL UNIQUE,
    device_id  TEXT NOT NULL,
    device_seq INTEGER NOT NULL CHECK (device_seq > 0),
    hlc        INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    schema     INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX ops_by_entity ON ops (entity, hlc, id);
CREATE INDEX ops_by_hlc ON ops (hlc);

CREATE TRIGGER ops_are_immutable BEFORE UPDATE ON ops
BEGIN
    SELECT RAISE(ABORT, 'ops are immutable');
END;
CREATE TRIGGER ops_are_never_deleted BEFORE DELETE ON ops
BEGIN
    SELECT RAISE(ABORT, 'ops are never deleted');
END;

-- Per-register number series (customer codes now; receipts later). Local to
-- this device: the numbers themselves travel inside the ops.
CREATE TABLE register_series (
    series TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
) STRICT;

-- Projection of the business entity.
CREATE TABLE business (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    settings  TEXT NOT NULL,                  -- BusinessSettings, JSON
    state     TEXT NOT NULL                   -- BusinessState, JSON
) STRICT;

-- Projection of staff members.
CREATE TABLE staff (
    id    TEXT PRIMARY KEY,
    name  TEXT,
    role  TEXT,
    state TEXT NOT NULL
) STRICT;

-- Projection of customers. `state` is the folded CustomerState; the other
-- columns are read from it for queries and search.
CREATE TABLE customers (
    num           INTEGER PRIMARY KEY,        -- stable key for the search indexes
    id            TEXT NOT NULL UNIQUE,
    registered    INTEGER NOT NULL,
    code          TEXT,
    code_key      TEXT,                       -- upper case
    name          TEXT,
    name_key      TEXT,                       -- text::fold(name)
    phone         TEXT,                       -- E.164
    email         TEXT,
    address       TEXT,
    registered_at INTEGER,                    -- unix ms
    state         TEXT NOT NULL
) STRICT;
-- Not UNIQUE: two counters offline can register the same phone; the fold
-- keeps both and sync reports the conflict. One counter refuses it.
CREATE INDEX customers_by_phone ON customers (phone);
CREATE INDEX customers_by_code ON customers (code_key);
CREATE INDEX customers_by_name ON customers (name_key, id);

-- Word-prefix search over folded names ("nguyen van", "anh").
CREATE VIRTUAL TABLE customer_names USING fts5 (
    name_key,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61',
    prefix = '1 2 3'
);

-- Substring search over phone digits, international and national
-- ("912 345", "+84 912", "0912-345-678").
CREATE VIRTUAL TABLE customer_phones USING fts5 (
    digits,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);
