-- CareDesk server, SQLite storage, first schema. Append-only like the
-- counter's migrations: a change is a new NNNN_name.sql file.

CREATE TABLE tenants (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- A branch is one sync stream: its devices share every op pushed to it.
CREATE TABLE branches (
    id         TEXT PRIMARY KEY,
    tenant     TEXT NOT NULL REFERENCES tenants (id),
    name       TEXT NOT NULL,
    -- The last server_seq handed out on this branch. Taken inside the push
    -- transaction, so sequence order is commit order.
    last_seq   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    branch          TEXT NOT NULL REFERENCES branches (id),
    name            TEXT NOT NULL,
    -- SHA-256 of the one-time pairing code; cleared when it is used.
    code_hash       TEXT UNIQUE,
    code_expires_at INTEGER,
    -- SHA-256 of the bearer token; the token itself is never stored.
    token_hash      TEXT UNIQUE,
    -- The counter's own device id, the `device_id` of its ops.
    op_device       TEXT,
    register_code   TEXT,
    paired_at       INTEGER,
    revoked_at      INTEGER,
    last_seen       INTEGER,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX devices_by_op_device ON devices (op_device);

CREATE TABLE ops (
    branch     TEXT NOT NULL REFERENCES branches (id),
    server_seq INTEGER NOT NULL,
    id         TEXT NOT NULL UNIQUE,
    op_device  TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    op         TEXT NOT NULL,                 -- the op as the device sent it, JSON
    PRIMARY KEY (branch, server_seq),
    UNIQUE (op_device, device_seq)
) STRICT, WITHOUT ROWID;

-- Which tenant an entity belongs to: the first tenant to write it. Entities
-- with well-known ids (the business itself) are every tenant's own and are
-- not listed.
CREATE TABLE entities (
    entity TEXT PRIMARY KEY,
    tenant TEXT NOT NULL
) STRICT, WITHOUT ROWID;
