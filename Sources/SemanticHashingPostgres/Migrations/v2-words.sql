-- Format version 2: the surface word of each vocabulary term, as in the SQLite file's format 2
-- (Sources/SemanticHashing/Index/SCHEMA.md): NULL until recorded, the term shown meanwhile.
ALTER TABLE semhash.vocabulary ADD COLUMN word text;
UPDATE semhash.meta SET value = '2' WHERE key = 'format_version';
