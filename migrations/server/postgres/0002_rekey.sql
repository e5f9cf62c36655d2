-- Re-keying (sync protocol 2): a counter whose unpushed ops are stamped too
-- far ahead of the server's clock retires its slot and carries on under a
-- new device id, in a new slot of the same branch. The retired slot is
-- revoked and names the slot that replaced it, so a re-key whose answer was
-- lost can be asked again and found done.
ALTER TABLE devices ADD COLUMN replaced_by TEXT REFERENCES devices (id);
