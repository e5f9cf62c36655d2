-- Staff accounts: PINs, active flag, approvals, sign-in lockout.

-- The manager who approved an op on the spot (NULL when none was needed).
ALTER TABLE ops ADD COLUMN approver TEXT;

ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN pin_hash TEXT;

-- Wrong PINs in a row, per staff member, on this counter. Device-local on
-- purpose: a lockout protects this keyboard, and failed guesses are not
-- business facts to sync.
CREATE TABLE pin_attempts (
    staff_id     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER                      -- unix ms
) STRICT;
