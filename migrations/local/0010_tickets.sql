-- Service tickets, and free sessions granted on a treatment.
--
-- `tickets` is the projection of each ticket's fold (`state`), with the
-- columns lists and statistics select and sort by: open tickets by
-- deadline and priority, a customer's tickets, the code people read out.
-- Times are Unix milliseconds. `search` is the code and the subject folded
-- for search (lower case, no diacritics, `đ` as `d`).
--
-- The code is not UNIQUE here: codes are unique by construction (one
-- series per register and year), and a projection must take whatever the
-- log holds; the command checks the code it hands out is free.

CREATE TABLE tickets (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    type        TEXT NOT NULL,
    status      TEXT NOT NULL,
    priority    INTEGER NOT NULL,          -- 0 low, 1 normal, 2 high, 3 urgent
    assignee    TEXT,
    deadline    INTEGER,
    opened_at   INTEGER NOT NULL,
    closed_at   INTEGER,
    search      TEXT NOT NULL,
    state       TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX tickets_by_code ON tickets (code);
CREATE INDEX tickets_by_customer ON tickets (customer_id, opened_at);
CREATE INDEX tickets_open ON tickets (deadline, priority)
    WHERE status IN ('NEW', 'IN_PROGRESS', 'WAITING');

ALTER TABLE treatments ADD COLUMN granted INTEGER NOT NULL DEFAULT 0;
