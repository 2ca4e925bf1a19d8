-- Hamming search inside the database, for clients that do not run semhash (v1-schema.sql first).
--
--   semhash_within(query, radius)       every document within `radius` of `query`, by multi-index hashing
--   semhash_nearest(query, k)           the k nearest documents, by multi-index hashing
--   semhash_scan_within / _nearest      the same answers by scanning every code: the reference
--
-- A query is a hash as stored in codes.hash: its 64-bit words as bigints (bit b is bit b % 64 of word
-- b / 64 + 1). Every function returns (document_id, distance) ordered by distance, then document id.
-- All are exact and give the same rows; Scripts/postgres/test.sh checks that on random codes.
--
-- Multi-index hashing (Norouzi, Punjani & Fleet, CVPR 2012) on the indexed 16-bit substrings of the first
-- 64 bits, m = 4 of them (fewer for hashes shorter than 64 bits): if radius = m·s + a with 0 ≤ a < m, a
-- hash within the radius agrees with the query within s bits on one of the substrings 0…a, or within
-- s − 1 bits on one of the others (pigeonhole; the bits past 64 only add distance). So the candidates are
-- the codes whose substring j equals the query's flipped by a mask of at most that many bits: a lookup in
-- codes_by_substring<j> for each such value. The exact distance of each candidate then decides.

SET search_path = semhash;

-- The Hamming distance between two hashes of the same length (1 to 4 words). Not STRICT, so that the
-- planner inlines it into the queries below (a strict function is only inlined when its body is strict).
CREATE OR REPLACE FUNCTION semhash_distance(a bigint[], b bigint[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN bit_count((a[1] # b[1])::bit(64))::integer
        + coalesce(bit_count((a[2] # b[2])::bit(64))::integer, 0)
        + coalesce(bit_count((a[3] # b[3])::bit(64))::integer, 0)
        + coalesce(bit_count((a[4] # b[4])::bit(64))::integer, 0);

-- The number of indexed 16-bit substrings for the store's hash length (meta hash_bits); checks the query.
CREATE OR REPLACE FUNCTION semhash_substring_count(query bigint[]) RETURNS integer
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    bits integer := (SELECT value::integer FROM semhash.meta WHERE key = 'hash_bits');
BEGIN
    IF bits IS NULL THEN
        RAISE EXCEPTION 'the store holds no codes (meta has no hash_bits)';
    END IF;
    IF query IS NULL OR array_ndims(query) <> 1 OR cardinality(query) <> (bits + 63) / 64
        OR array_position(query, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'the query must be a %-bit hash: % bigint words, got %', bits, (bits + 63) / 64, query;
    END IF;
    RETURN (least(bits, 64) + 15) / 16;
END $$;

-- Substring j (0-3) of the query's first word flipped by every mask of at most probe_radius bits: the
-- values codes_by_substring<j> is probed for (none when probe_radius < 0).
CREATE OR REPLACE FUNCTION semhash_substring_probes(query bigint[], j integer, probe_radius integer)
    RETURNS smallint[]
    LANGUAGE sql STABLE
    RETURN (SELECT coalesce(array_agg((((query[1] << (48 - 16 * j)) >> 48)::smallint # mask)), '{}')
            FROM semhash.substring_masks WHERE weight <= probe_radius);

CREATE OR REPLACE FUNCTION semhash_within(query bigint[], radius integer)
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
            AND semhash.semhash_distance(c.hash, $1) <= $2
        ORDER BY distance, c.document_id
    $query$ USING query, radius,
        semhash.semhash_substring_probes(query, 0, radius / m),
        semhash.semhash_substring_probes(query, 1, CASE WHEN m < 2 THEN -1 WHEN 1 <= radius % m THEN radius / m ELSE radius / m - 1 END),
        semhash.semhash_substring_probes(query, 2, CASE WHEN m < 3 THEN -1 WHEN 2 <= radius % m THEN radius / m ELSE radius / m - 1 END),
        semhash.semhash_substring_probes(query, 3, CASE WHEN m < 4 THEN -1 WHEN 3 <= radius % m THEN radius / m ELSE radius / m - 1 END);
END $$;

-- The k nearest documents: semhash_within at radius m·s + m − 1 (every substring probed within s bits) for
-- s = 0, 1, 2 until it finds at least k documents; then every document nearer than the k-th, and every one
-- tied with it, has been found. Probing within 3 bits would cost about as much as the scan, which answers
-- when s = 2 does not find k.
CREATE OR REPLACE FUNCTION semhash_nearest(query bigint[], k integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    m integer := semhash.semhash_substring_count(query);
    ids bigint[];
    distances integer[];
BEGIN
    IF k IS NULL OR k < 1 THEN
        RAISE EXCEPTION 'k must be a positive integer, got %', k;
    END IF;
    FOR s IN 0..2 LOOP
        SELECT array_agg(w.document_id ORDER BY w.distance, w.document_id),
               array_agg(w.distance ORDER BY w.distance, w.document_id)
            INTO ids, distances FROM semhash.semhash_within(query, m * s + m - 1) AS w;
        IF cardinality(ids) >= k THEN
            RETURN QUERY SELECT * FROM unnest(ids[1:k], distances[1:k]);
            RETURN;
        END IF;
    END LOOP;
    RETURN QUERY SELECT * FROM semhash.semhash_scan_nearest(query, k);
END $$;

-- Reference: every document within `radius`, by computing the distance to every code.
CREATE OR REPLACE FUNCTION semhash_scan_within(query bigint[], radius integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE sql STABLE AS $$
    SELECT c.document_id, semhash.semhash_distance(c.hash, query) AS distance
    FROM semhash.codes AS c
    WHERE semhash.semhash_distance(c.hash, query) <= radius
    ORDER BY distance, c.document_id
$$;

-- Reference: the k nearest documents, by computing the distance to every code.
CREATE OR REPLACE FUNCTION semhash_scan_nearest(query bigint[], k integer)
    RETURNS TABLE (document_id bigint, distance integer)
    LANGUAGE sql STABLE AS $$
    SELECT c.document_id, semhash.semhash_distance(c.hash, query) AS distance
    FROM semhash.codes AS c
    ORDER BY distance, c.document_id
    LIMIT k
$$;
