-- Sync with the central server. Local to this counter, never synced and
-- never dumped: two replicas holding the same ops differ only here.

-- The server this counter is paired with. One row once paired. The token
-- is a bearer secret: it lives in the counter's own database file, which
-- holds the customers' data anyway.
CREATE TABLE sync_link (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    server    TEXT NOT NULL,                  -- base URL
    token     TEXT NOT NULL,
    device    TEXT NOT NULL,                  -- the server's id of this counter
    tenant    TEXT NOT NULL,
    branch    TEXT NOT NULL,
    paired_at INTEGER NOT NULL                -- unix ms
) STRICT;

-- Where sync stands. `pushed` and `cursor` only ever move forward, except
-- that a server reporting a gap may move `pushed` back to what it holds.
CREATE TABLE sync_state (
    singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
    -- The highest device_seq of this counter the server acknowledged.
    pushed        INTEGER NOT NULL DEFAULT 0,
    -- The server_seq of the branch this counter has pulled through.
    cursor        INTEGER NOT NULL DEFAULT 0,
    last_attempt  INTEGER,
    last_success  INTEGER,
    -- Since when every attempt has failed (NULL while sync works).
    failing_since INTEGER,
    last_error    TEXT
) STRICT;
