-- What resolving a sync conflict needs to see in the projections.

-- Sessions paid for on top of a card after it was sold (a sale's
-- `sessions` line): the card holds total + granted + charged.
ALTER TABLE treatments ADD COLUMN charged INTEGER NOT NULL DEFAULT 0;

-- A customer file merged into another (two counters registered the same
-- person offline): the surviving file's id. Search and phone lookups skip
-- merged files; their ids and codes lead to the survivor.
ALTER TABLE customers ADD COLUMN merged_into TEXT;
CREATE INDEX customers_merged ON customers (merged_into) WHERE merged_into IS NOT NULL;
