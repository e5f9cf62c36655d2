-- Checkout: sales, the register's cash drawer and closed days. Every table
-- here is a projection of the op log (`sale.*`, `drawer.*`,
-- `register.day_closed`), rewritten from the folds. `day` columns are the
-- business-local date (YYYY-MM-DD) of the row's own business time, which is
-- what the day's report groups by.

CREATE TABLE sales (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL,              -- receipt number, {register}-{000001}
    register    TEXT NOT NULL,
    customer_id TEXT,
    at          INTEGER NOT NULL,           -- unix ms
    day         TEXT NOT NULL,
    total       INTEGER NOT NULL,
    refunded    INTEGER NOT NULL,
    voided      INTEGER NOT NULL,
    state       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- Not UNIQUE: register codes keep numbers apart, and a clash between two
-- counters must not stop sync; one counter never issues a number twice.
CREATE INDEX sales_by_number ON sales (number);
CREATE INDEX sales_by_customer ON sales (customer_id, at);

-- One row per receipt line, for reports and for "is this booking paid".
CREATE TABLE sale_lines (
    sale_id      TEXT NOT NULL,
    line         INTEGER NOT NULL,
    day          TEXT NOT NULL,
    register     TEXT NOT NULL,
    kind         TEXT NOT NULL,             -- booking, package, treatment, item, top_up
    category     TEXT NOT NULL,
    booking_id   TEXT,
    treatment_id TEXT,
    staff_id     TEXT,
    gross        INTEGER NOT NULL,
    discount     INTEGER NOT NULL,
    tax          INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    voided       INTEGER NOT NULL,
    PRIMARY KEY (sale_id, line)
) STRICT, WITHOUT ROWID;
CREATE INDEX sale_lines_by_day ON sale_lines (day, register);
CREATE INDEX sale_lines_by_booking ON sale_lines (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX sale_lines_by_treatment ON sale_lines (treatment_id) WHERE treatment_id IS NOT NULL;

-- Every movement of money on a sale, signed: payments in (+), cash change
-- handed back (−), refunds and voids paid out (−), each on its own day.
CREATE TABLE sale_money (
    sale_id  TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    day      TEXT NOT NULL,
    register TEXT NOT NULL,
    at       INTEGER NOT NULL,
    tender   TEXT NOT NULL,
    kind     TEXT NOT NULL,                 -- payment, change, refund, void
    amount   INTEGER NOT NULL,
    PRIMARY KEY (sale_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX sale_money_by_day ON sale_money (day, register);
CREATE INDEX sale_money_by_register ON sale_money (register, at);

-- Cash drawer sessions.
CREATE TABLE drawers (
    id        TEXT PRIMARY KEY,
    register  TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER,
    day       TEXT NOT NULL,                -- the day it was opened
    state     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX drawers_by_register ON drawers (register, opened_at);
CREATE INDEX drawers_by_day ON drawers (day);

-- A register's closed business days: locked for good.
CREATE TABLE closed_days (
    register  TEXT NOT NULL,
    day       TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    closed_at INTEGER NOT NULL,             -- the op's HLC time, unix ms
    PRIMARY KEY (register, day)
) STRICT, WITHOUT ROWID;

-- Wallet entries as signed movements, for the liabilities at any moment:
-- real money held, and virtual credit issued, spent and left at expiry.
CREATE TABLE wallet_entries (
    customer_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,          -- business time, unix ms
    real_delta   INTEGER NOT NULL,
    from_virtual INTEGER NOT NULL,          -- virtual credit a spend used
    PRIMARY KEY (customer_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX wallet_entries_by_at ON wallet_entries (at);
ALTER TABLE wallet_credits ADD COLUMN issued_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wallet_credits ADD COLUMN used INTEGER NOT NULL DEFAULT 0;
CREATE INDEX wallet_credits_by_issued ON wallet_credits (issued_at);
