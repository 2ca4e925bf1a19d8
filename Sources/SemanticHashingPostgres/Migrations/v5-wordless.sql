-- Format version 5: the search functions leave out wordless documents, as semhash's own searches do. A
-- wordless document (documents.empty: no token in the vocabulary) has the empty bag's code, the same for all
-- of them, which carries no meaning; it is still stored, with its code, and copied like any other.
--
-- codes.wordless repeats documents.empty in the code's row, written by the writers with the code (a copy into
-- the store, add, a retraining), so that a search never reads documents: the four substring indexes become
-- partial (WHERE NOT wordless), so that multi-index hashing finds only codes it may return, and the scans
-- filter on the column. A join on documents would cost a lookup in another table per candidate, and per code
-- for the scans; the wordless codes, all alike, would also crowd the substring keys of the empty bag's code.
-- The column has no default: a writer that does not fill it (a semhash before format 5, which refuses this
-- store, but may have opened it just before the upgrade) fails instead of storing a wordless code searchable.
--
-- Upgrading rebuilds the four substring indexes under a lock on codes that holds off writes and searches
-- (Scripts/postgres/bench.sh times it). The UPDATE below leaves the previous versions of the wordless codes'
-- rows in the new indexes until codes is vacuumed: after this file commits, semhash runs VACUUM ANALYZE
-- semhash.codes (PostgresMigrations.swift); by hand, run it yourself.
ALTER TABLE semhash.codes ADD COLUMN wordless boolean NOT NULL DEFAULT false;
UPDATE semhash.codes AS c SET wordless = true FROM semhash.documents AS d WHERE d.id = c.document_id AND d.empty;
ALTER TABLE semhash.codes ALTER COLUMN wordless DROP DEFAULT;
DROP INDEX semhash.codes_by_substring0;
DROP INDEX semhash.codes_by_substring1;
DROP INDEX semhash.codes_by_substring2;
DROP INDEX semhash.codes_by_substring3;
CREATE INDEX codes_by_substring0 ON semhash.codes (substring0) WHERE NOT wordless;
CREATE INDEX codes_by_substring1 ON semhash.codes (substring1) WHERE NOT wordless;
CREATE INDEX codes_by_substring2 ON semhash.codes (substring2) WHERE NOT wordless;
CREATE INDEX codes_by_substring3 ON semhash.codes (substring3) WHERE NOT wordless;

-- semhash_within of v1-search.sql, restricted to the codes of documents with words: the condition NOT
-- c.wordless is the substring indexes' predicate, so the planner keeps using them (and no other table).
-- semhash_nearest calls it, and the scan, so it needs no change.
CREATE OR REPLACE FUNCTION semhash.semhash_within(query bigint[], radius integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    m integer := semhash.semhash_substring_count(query);
BEGIN
    IF radius IS NULL OR radius < 0 THEN
        RAISE EXCEPTION 'the radius must be a non-negative integer, got %', radius;
    END IF;
    -- substring j is probed within radius / m for j <= radius % m, within radius / m - 1 for the others
    RETURN QUERY EXECUTE $query$
        SELECT c.document_id, semhash.semhash_distance(c.hash, $1) AS distance
        FROM semhash.codes AS c
        WHERE (c.substring0 = ANY ($3) OR c.substring1 = ANY ($4) OR c.substring2 = ANY ($5) OR c.substring3 = ANY ($6))
            AND NOT c.wordless
            AND semhash.semhash_distance(c.hash, $1) <= $2
        ORDER BY distance, c.document_id
    $query$ USING query, radius,
        semhash.semhash_substring_probes(query, 0, radius / m),
        semhash.semhash_substring_probes(query, 1, CASE WHEN m < 2 THEN -1 WHEN 1 <= radius % m THEN radius / m ELSE radius / m - 1 END),
        semhash.semhash_substring_probes(query, 2, CASE WHEN m < 3 THEN -1 WHEN 2 <= radius % m THEN radius / m ELSE radius / m - 1 END),
        semhash.semhash_substring_probes(query, 3, CASE WHEN m < 4 THEN -1 WHEN 3 <= radius % m THEN radius / m ELSE radius / m - 1 END);
END $$;

-- Reference: every document with words within `radius`, by computing the distance to every such code.
CREATE OR REPLACE FUNCTION semhash.semhash_scan_within(query bigint[], radius integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE sql STABLE AS $$
    SELECT c.document_id, semhash.semhash_distance(c.hash, query) AS distance
    FROM semhash.codes AS c
    WHERE NOT c.wordless AND semhash.semhash_distance(c.hash, query) <= radius
    ORDER BY distance, c.document_id
$$;

-- Reference: the k nearest documents with words, by computing the distance to every such code.
CREATE OR REPLACE FUNCTION semhash.semhash_scan_nearest(query bigint[], k integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE sql STABLE AS $$
    SELECT c.document_id, semhash.semhash_distance(c.hash, query) AS distance
    FROM semhash.codes AS c
    WHERE NOT c.wordless
    ORDER BY distance, c.document_id
    LIMIT k
$$;

UPDATE semhash.meta SET value = '5' WHERE key = 'format_version';
