-- Three tables of the same 1,000,000 random 64-bit codes (3 in 100 flagged wordless), in three row layouts:
-- f4 as format 4 (no flag), f5 as format 5 (the flag added last), f6 with the flag second and the hash before
-- the code (a rewrite that would put both in the rows' fixed-offset prefix). Run on a throwaway server:
--   psql -X -d postgres -f layout.sql
DROP DATABASE IF EXISTS layout;
CREATE DATABASE layout;
\c layout
CREATE FUNCTION d(a bigint[], b bigint[]) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN bit_count((a[1] # b[1])::bit(64))::integer
        + coalesce(bit_count((a[2] # b[2])::bit(64))::integer, 0)
        + coalesce(bit_count((a[3] # b[3])::bit(64))::integer, 0)
        + coalesce(bit_count((a[4] # b[4])::bit(64))::integer, 0);
CREATE TABLE f5 (document_id bigint PRIMARY KEY, code bytea NOT NULL, hash bigint[] NOT NULL,
  s0 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 48) >> 48)::smallint) STORED,
  s1 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 32) >> 48)::smallint) STORED,
  s2 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 16) >> 48)::smallint) STORED,
  s3 smallint NOT NULL GENERATED ALWAYS AS ((hash[1] >> 48)::smallint) STORED,
  wordless boolean NOT NULL);
CREATE TABLE f6 (document_id bigint PRIMARY KEY, wordless boolean NOT NULL, hash bigint[] NOT NULL, code bytea NOT NULL,
  s0 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 48) >> 48)::smallint) STORED,
  s1 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 32) >> 48)::smallint) STORED,
  s2 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 16) >> 48)::smallint) STORED,
  s3 smallint NOT NULL GENERATED ALWAYS AS ((hash[1] >> 48)::smallint) STORED);
CREATE TABLE f4 (document_id bigint PRIMARY KEY, code bytea NOT NULL, hash bigint[] NOT NULL,
  s0 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 48) >> 48)::smallint) STORED,
  s1 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 32) >> 48)::smallint) STORED,
  s2 smallint NOT NULL GENERATED ALWAYS AS (((hash[1] << 16) >> 48)::smallint) STORED,
  s3 smallint NOT NULL GENERATED ALWAYS AS ((hash[1] >> 48)::smallint) STORED);
-- A code of 40 bytes (10 floats), as the default model's.
INSERT INTO f5 (document_id, code, hash, wordless)
  SELECT i, decode(repeat(md5(i::text), 2) || substr(md5((i+1)::text), 1, 16), 'hex'),
         ARRAY[(random() * 9.2e18)::bigint * (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)], random() < 0.03
  FROM generate_series(1, 1000000) AS i;
INSERT INTO f6 (document_id, wordless, hash, code) SELECT document_id, wordless, hash, code FROM f5;
INSERT INTO f4 (document_id, code, hash) SELECT document_id, code, hash FROM f5;
VACUUM ANALYZE f4;
VACUUM ANALYZE f5;
VACUUM ANALYZE f6;
