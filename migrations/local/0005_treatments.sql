-- Packages in the catalog and treatments (packages sold to customers: punch
-- cards). A treatment's status depends on the date, so it is not stored:
-- readers derive it from `expires_on` and the counts.

CREATE TABLE packages (
    id     TEXT PRIMARY KEY,
    name   TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    state  TEXT NOT NULL
) STRICT;

-- Projection of treatments. `used` and `reserved` are counts of the
-- ledger entries in `state`; `expires_on` is YYYY-MM-DD in the business zone.
CREATE TABLE treatments (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    package_id  TEXT NOT NULL,
    total       INTEGER NOT NULL,
    used        INTEGER NOT NULL,
    reserved    INTEGER NOT NULL,
    expires_on  TEXT NOT NULL,
    state       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX treatments_by_customer ON treatments (customer_id, expires_on);
CREATE INDEX treatments_by_expiry ON treatments (expires_on);
