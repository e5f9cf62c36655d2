-- Sales, slimmed for the write path (what each receipt costs to commit).
--
-- * `sales.state` repeated the `sale.recorded` body (about 2 KB) on every
--   receipt, so a row hardly fitted a page and most commits split one. A
--   sale has a handful of ops (the sale, its refunds): it is folded from
--   them when read, like any entity, and the table keeps only what queries
--   select by.
-- * Receipt lines are stored in the order the day's report reads them,
--   (day, register, sale, line): the report scans the table itself, and a
--   new receipt's lines go at the end of the tree instead of into a second
--   index.
-- * Money rows keep one index, (day, register, at), for the report and for
--   what a drawer should hold, instead of two.
-- * Walk-in receipts (no customer) stay out of the customer index.

ALTER TABLE sales DROP COLUMN state;
DROP INDEX sales_by_customer;
CREATE INDEX sales_by_customer ON sales (customer_id, at) WHERE customer_id IS NOT NULL;

CREATE TABLE sale_lines_new (
    day          TEXT NOT NULL,
    register     TEXT NOT NULL,
    sale_id      TEXT NOT NULL,
    line         INTEGER NOT NULL,
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
    PRIMARY KEY (day, register, sale_id, line)
) STRICT, WITHOUT ROWID;
INSERT INTO sale_lines_new
    SELECT day, register, sale_id, line, kind, category, booking_id, treatment_id, staff_id,
           gross, discount, tax, total, voided
    FROM sale_lines;
DROP TABLE sale_lines;
ALTER TABLE sale_lines_new RENAME TO sale_lines;
CREATE INDEX sale_lines_by_booking ON sale_lines (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX sale_lines_by_treatment ON sale_lines (treatment_id) WHERE treatment_id IS NOT NULL;

DROP INDEX sale_money_by_day;
DROP INDEX sale_money_by_register;
CREATE INDEX sale_money_by_day ON sale_money (day, register, at);
