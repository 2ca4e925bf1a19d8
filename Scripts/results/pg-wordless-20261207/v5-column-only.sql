-- The old SQL for a failing-check demonstration: the column only, the search functions and indexes of format 4.
ALTER TABLE semhash.codes ADD COLUMN wordless boolean NOT NULL DEFAULT false;
UPDATE semhash.codes AS c SET wordless = true FROM semhash.documents AS d WHERE d.id = c.document_id AND d.empty;
ALTER TABLE semhash.codes ALTER COLUMN wordless DROP DEFAULT;
UPDATE semhash.meta SET value = '5' WHERE key = 'format_version';
