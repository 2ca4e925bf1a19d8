-- The semhash store in PostgreSQL, format version 1: the concepts of the SQLite index file
-- (Sources/SemanticHashing/Index/SCHEMA.md) in the schema `semhash`. Documented table by table in
-- Scripts/postgres/SCHEMA-postgres.md.
--
-- Written to be distributed by Citus (Scripts/postgres/distribute.sql) without changes: the per-document
-- tables (documents, codes, document_topics) are keyed by the document id alone and are distributed by it;
-- the small shared tables (meta, vocabulary, model, topics, substring_masks) become reference tables;
-- checkpoints stay a local table on the coordinator. There are no foreign keys between per-document
-- tables (a writer deletes a document's rows from all three in one transaction), no sequences (writers
-- assign document ids: semhash_document_id(external id)), and no unique constraint that leaves out the
-- distribution column.
--
-- Version 1 of the schema, with v1-search.sql; later versions follow in v<version>-<name>.sql. semhash applies
-- them itself (PostgresMigrations.swift); by hand: psql -v ON_ERROR_STOP=1 -1 -f <file>, in order.
-- This file fails if the schema `semhash` exists.

CREATE SCHEMA semhash;
SET search_path = semhash;

-- Facts about the store and the settings it was built with: the keys of SQLite's meta table.
CREATE TABLE meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO meta (key, value) VALUES
    ('format_version', '1'),
    ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));

-- The model's input terms.
CREATE TABLE vocabulary (
    term_id integer PRIMARY KEY CHECK (term_id >= 0),
    term text NOT NULL UNIQUE,
    document_frequency bigint NOT NULL
);

-- One row per indexed document. `id` is assigned by the writer: semhash_document_id(external_id).
CREATE TABLE documents (
    id bigint PRIMARY KEY CHECK (id >= 0),
    external_id text NOT NULL,
    title text NOT NULL,
    source text NOT NULL,
    labels text NOT NULL DEFAULT '[]',
    token_count integer NOT NULL,
    oov_count integer NOT NULL,
    excerpt text NOT NULL,
    bag bytea NOT NULL,
    empty boolean NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_by_external_id ON documents (external_id);

-- The trained autoencoder (at most one row).
CREATE TABLE model (
    id integer PRIMARY KEY CHECK (id = 1),
    architecture text NOT NULL,
    weights bytea NOT NULL,
    vocabulary_fingerprint text NOT NULL,
    trained_at timestamptz NOT NULL,
    training text
);

-- Training state, so that an interrupted training can resume.
CREATE TABLE checkpoints (
    name text PRIMARY KEY,
    data bytea NOT NULL,
    saved_at timestamptz NOT NULL
);

-- Each document's code and hash. The hash is its 64-bit words (bit b is bit b % 64 of word b / 64 + 1,
-- a word read as a two's-complement bigint); substring0..3 are the four 16-bit substrings of the first
-- word (bits 0-15, 16-31, 32-47, 48-63, as two's-complement smallints), indexed for multi-index hashing.
CREATE TABLE codes (
    document_id bigint PRIMARY KEY,
    code bytea NOT NULL,
    hash bigint[] NOT NULL CHECK (
        array_ndims(hash) = 1 AND array_lower(hash, 1) = 1 AND cardinality(hash) BETWEEN 1 AND 4
        AND array_position(hash, NULL) IS NULL),
    substring0 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 48) >> 48)::smallint) STORED,
    substring1 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 32) >> 48)::smallint) STORED,
    substring2 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 16) >> 48)::smallint) STORED,
    substring3 smallint NOT NULL GENERATED ALWAYS AS ((hash[1] >> 48)::smallint) STORED
);
CREATE INDEX codes_by_substring0 ON codes (substring0);
CREATE INDEX codes_by_substring1 ON codes (substring1);
CREATE INDEX codes_by_substring2 ON codes (substring2);
CREATE INDEX codes_by_substring3 ON codes (substring3);

-- Clusters of codes.
CREATE TABLE topics (
    id integer PRIMARY KEY,
    size integer NOT NULL,
    decoder_words text NOT NULL,
    distinctive_words text NOT NULL,
    centroid bytea NOT NULL
);

-- Each document's topic. The key to topics (a reference table) is a foreign key Citus supports.
CREATE TABLE document_topics (
    document_id bigint PRIMARY KEY,
    topic_id integer NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    distance real NOT NULL
);
CREATE INDEX document_topics_by_topic ON document_topics (topic_id);

-- Every 16-bit value with its number of one bits: the flips multi-index hashing applies to a query's
-- substrings (search.sql). Constant.
CREATE TABLE substring_masks (
    mask smallint PRIMARY KEY,
    weight smallint NOT NULL
);
INSERT INTO substring_masks (mask, weight)
    SELECT (value - 32768)::smallint, bit_count((value - 32768)::bit(16)) FROM generate_series(0, 65535) AS value;
CREATE INDEX substring_masks_by_weight ON substring_masks (weight, mask);

-- The id a writer gives the document with this external id: the first 8 bytes of the SHA-256 of its UTF-8
-- bytes, read big-endian, with the sign bit cleared. Writers on any machine agree on it without talking
-- to each other; a writer that finds the id taken by another external id reports the collision.
CREATE FUNCTION semhash_document_id(external_id text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ('x' || encode(substring(sha256(convert_to(external_id, 'UTF8')) FROM 1 FOR 8), 'hex'))::bit(64)::bigint
        & 9223372036854775807;
