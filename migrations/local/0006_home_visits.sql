-- Home-visit treatments: sessions must be booked by `schedule_by`
-- (YYYY-MM-DD, business zone); what is not booked then lapses, counted in
-- `lapsed`. Both are projections of the treatment's ops, for the daily job
-- to find what is due without reading every card.

ALTER TABLE treatments ADD COLUMN schedule_by TEXT;
ALTER TABLE treatments ADD COLUMN lapsed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX treatments_by_schedule_by ON treatments (schedule_by)
    WHERE schedule_by IS NOT NULL;
