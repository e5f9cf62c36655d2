-- Counters that recover by themselves (sync protocol 2). Local to this
-- counter, like the rest of sync's tables: never synced, never dumped.

-- Set by `restore` on a paired counter: the backup may be older than what
-- the counter had already pushed. Until a sync has fetched its own ops back
-- from the server, the counter takes no new work: new ops would take
-- device_seq numbers, receipt numbers and codes those ops already hold.
ALTER TABLE sync_state ADD COLUMN recovering INTEGER NOT NULL DEFAULT 0
    CHECK (recovering IN (0, 1));

-- Re-keys of this counter: its ops stamped too far ahead of the server's
-- clock re-issued under a new device id (see docs/sync-protocol.md).
CREATE TABLE rekeys (
    new_device TEXT PRIMARY KEY,
    old_device TEXT NOT NULL,
    -- The new bearer token, made here and kept before the server is asked,
    -- so a re-key whose answer was lost is asked again as it was. Cleared
    -- when the re-key is done (sync_link holds it then).
    token      TEXT,
    actor      TEXT NOT NULL,                 -- who asked
    approver   TEXT,                          -- the manager who approved
    started_at INTEGER NOT NULL,              -- unix ms
    done_at    INTEGER,                       -- NULL while pending
    -- How far the server held the old device id, and how many ops after
    -- that were re-issued under the new one.
    through    INTEGER,
    reissued   INTEGER
) STRICT;
