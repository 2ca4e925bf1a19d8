-- Format version 3: the change log serving replicas follow. Each write that adds, replaces or removes
-- documents appends one row per document in its own transaction, then notifies the channel
-- semhash_changes. Writers append under a transaction-level advisory lock held until they commit, so
-- positions are in commit order: a replica that has applied every change up to position p never later sees a
-- change below p commit. A local table (on the Citus coordinator), like checkpoints.
CREATE TABLE semhash.changes (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
UPDATE semhash.meta SET value = '3' WHERE key = 'format_version';
