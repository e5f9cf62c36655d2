-- Tickets two counters resolved offline: the fold keeps the resolution
-- that sorts first and refuses the others, whose compensation was written
-- all the same. `to_reverse` counts the refused resolutions nobody has
-- reversed yet (`ticket.reversed`), so the `ticket_resolved_twice`
-- conflict reads only those tickets, not every closed one at each sync.
-- (A refused resolution that gave nothing is counted too; the conflict
-- query reads its op and lists nothing for it.)
ALTER TABLE tickets ADD COLUMN to_reverse INTEGER NOT NULL DEFAULT 0;

UPDATE tickets SET to_reverse = (
    SELECT count(*) FROM json_each(tickets.state, '$.history') AS step
    WHERE json_extract(step.value, '$.change') = 'refused'
      AND json_extract(step.value, '$.kind') = 'ticket.resolved');

CREATE INDEX tickets_to_reverse ON tickets (id) WHERE to_reverse > 0;
