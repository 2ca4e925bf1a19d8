-- Format version 4: changes to the whole store, and a change log that does not grow forever.
--
-- A change whose document_id is NULL changed the whole store rather than some documents: a retraining (new
-- model and every code) or a new clustering (every topic and assignment). A replica that meets one reloads
-- the store.
--
-- Writers prune the log when they append to it: they delete the entries older than change_log.retention and
-- record the last position deleted in change_log.pruned_through, in the same transaction. A replica that has
-- not applied every change up to pruned_through may have missed one, so it reloads the store instead of
-- following the log. changed_at is the time the entry is appended (clock_timestamp(), not the start of the
-- writing transaction), so that an entry stays for the whole window after it is committed.
ALTER TABLE semhash.changes ALTER COLUMN document_id DROP NOT NULL;
ALTER TABLE semhash.changes ALTER COLUMN changed_at SET DEFAULT clock_timestamp();
CREATE INDEX changes_by_time ON semhash.changes (changed_at);

-- The change log's settings and pruning state (one row; a local table on the Citus coordinator).
CREATE TABLE semhash.change_log (
    id integer PRIMARY KEY CHECK (id = 1),
    retention interval NOT NULL CHECK (retention >= interval '1 minute'),
    pruned_through bigint NOT NULL
);
INSERT INTO semhash.change_log (id, retention, pruned_through) VALUES (1, interval '1 hour', 0);
UPDATE semhash.meta SET value = '4' WHERE key = 'format_version';
