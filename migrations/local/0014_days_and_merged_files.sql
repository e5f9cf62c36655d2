-- A merged customer file's code and phone still find the file it was
-- merged into, and stored business days follow a change of time zone.
--
-- * `former_phone`: a merged file's phone (E.164). Its `phone` stays empty,
--   so a counter may give the number to someone else and no duplicate phone
--   is listed between a file and the one it was merged into; the phone
--   search and lookups read both. Its `code_key` is kept, so its code stays
--   taken and finds the surviving file.
-- * What SQL cannot do is done by the store in the same transaction, after
--   this file (`db::REPAIRS`, "days_and_merged_files"): every merged file's
--   code key, former phone and phone search row, and every stored `day`
--   moved to the business's current zone (a zone changed before this build
--   left them where the old zone put them).

ALTER TABLE customers ADD COLUMN former_phone TEXT;
CREATE INDEX customers_by_former_phone ON customers (former_phone)
    WHERE former_phone IS NOT NULL;
