-- Distributes a semhash store (created by semhash, or by the files in Sources/SemanticHashingPostgres/Migrations/)
-- across a Citus cluster. Run once, on the
-- coordinator, before loading documents (create_distributed_table also moves rows already present):
--
--   psql -v ON_ERROR_STOP=1 -1 -f Scripts/postgres/distribute.sql
--
-- Without the citus extension it stops with an error and changes nothing. Untested here: Citus cannot be
-- installed on this project's machine; every statement is one the Citus documentation describes (see
-- Scripts/postgres/SCHEMA-postgres.md, "Citus").

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'the citus extension is not installed in database %', current_database()
            USING HINT = 'Install Citus and run CREATE EXTENSION citus on the coordinator first; a store on plain '
                         'PostgreSQL needs no distribute.sql.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'semhash') THEN
        RAISE EXCEPTION 'database % has no semhash store: create one with semhash copy <index file> <url> first', current_database();
    END IF;
END $$;

-- Small tables every node reads: one shard, copied to every worker. Reference tables first, so that the
-- foreign key document_topics -> topics (distributed -> reference) is allowed when document_topics is
-- distributed.
SELECT create_reference_table('semhash.meta');
SELECT create_reference_table('semhash.vocabulary');
SELECT create_reference_table('semhash.model');
SELECT create_reference_table('semhash.topics');
SELECT create_reference_table('semhash.substring_masks');

-- The per-document tables: hash-distributed by document id, co-located, so that one document's rows live on
-- one shard and joins on the document id are pushed down to the workers.
SELECT create_distributed_table('semhash.documents', 'id');
SELECT create_distributed_table('semhash.codes', 'document_id', colocate_with => 'semhash.documents');
SELECT create_distributed_table('semhash.document_topics', 'document_id', colocate_with => 'semhash.documents');

-- The functions queries run on the workers' shards (the distance in the search filters, the id function
-- writers may call in INSERT ... SELECT) must exist there.
SELECT create_distributed_function('semhash.semhash_distance(bigint[], bigint[])');
SELECT create_distributed_function('semhash.semhash_document_id(text)');

-- semhash.checkpoints stays a local table on the coordinator (only a training process reads it), and so does
-- semhash.changes, the change log writers append to and replicas read (format 3).
