#!/usr/bin/env python3
"""Checks the PostgreSQL store's schema and in-database search (Scripts/postgres/test.sh runs it against a
throwaway server; PG* variables say where). For 32-, 64- and 128-bit stores of seeded random codes (a tenth of
them close copies of others, so that neighbourhoods hold several codes and distances tie; one in twenty
documents wordless, most of those with one shared code as the empty bag's, the others with copies of other
documents' codes) it checks that

- semhash_within equals the scan semhash_scan_within, rows and order, for every query and radius 0-4;
- semhash_nearest equals semhash_scan_nearest for k = 1, 3, 10, 50 (ties broken by document id);
- none of the four returns a wordless document, though each is stored with its code (flagged codes.wordless);
- a query made by flipping f bits of a stored code finds that code at distance f within every radius >= f;
- the scans equal a brute-force search over the documents with words computed here, in Python, on a sample of
  queries;
- semhash_within reads the codes through the partial substring indexes alone (no other table);
- a store of format 4 with wordless documents, whose functions return them, upgrades to the latest format
  (the 32-bit store is made so);
- the generated substring columns, the document ids (semhash_document_id) and bad-input errors are right;
- distribute.sql refuses to run without the citus extension, and the server listens on no TCP address.

Prints one line per group of checks and `N passed, N failed` at the end; exits 1 on any failure."""
import hashlib
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The schema's versions, in order: the files semhash applies from Swift (compiled into the binary).
MIGRATIONS = [os.path.join(HERE, "..", "..", "Sources", "SemanticHashingPostgres", "Migrations", name)
              for name in ("v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql", "v4-change-log.sql",
                           "v5-wordless.sql")]
# The files up to format 4, whose search functions still returned wordless documents.
FORMAT_4 = MIGRATIONS[:5]
STORES = [  # (hash bits, codes, near queries, random queries, queries near the wordless code, made at format 4)
    (32, 2000, 30, 4, 4, True),
    (64, 20000, 80, 6, 6, False),
    (128, 2000, 40, 4, 4, False),
]
PARTIAL_INDEXES = {f"codes_by_substring{j}" for j in range(4)}
RADII = range(0, 5)
KS = (1, 3, 10, 50)
passed = failed = 0


def psql(database, sql=None, file=None, stdin=None, expect_error=False):
    command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database]
    command += ["-1", "-f", file] if file else ["-c", sql]
    result = subprocess.run(command, input=stdin, capture_output=True, text=True)
    if expect_error:
        return result
    if result.returncode != 0:
        sys.exit(f"check-search: psql failed on {file or sql[:200]}:\n{result.stderr}")
    return result.stdout


def record(name, good, bad, details=()):
    global passed, failed
    passed += good
    failed += bad
    print(f"{'ok  ' if bad == 0 else 'FAIL'} {name}: {good} passed, {bad} failed")
    for detail in list(details)[:5] if bad else []:
        print(f"     {detail}")


def document_id(external_id):
    return int.from_bytes(hashlib.sha256(external_id.encode("utf-8")).digest()[:8], "big") & (2**63 - 1)


def signed(value, bits):
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def words(code, bits):
    return [signed((code >> (64 * w)) & (2**64 - 1), 64) for w in range((bits + 63) // 64)]


def array(code, bits):
    return "{" + ",".join(map(str, words(code, bits))) + "}"


def plan_nodes(node):
    """A plan node of EXPLAIN's JSON and every node below it."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def flip(code, bits, count, rng):
    for bit in rng.sample(range(bits), count):
        code ^= 1 << bit
    return code


def check_store(bits, count, near, far, near_wordless, upgraded):
    rng = random.Random(bits * 1000 + count)
    database = f"semhash_check_{bits}"
    subprocess.run(["dropdb", "--if-exists", database], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["createdb", database], check=True)
    for migration in FORMAT_4 if upgraded else MIGRATIONS:
        psql(database, file=migration)
    psql(database, f"INSERT INTO semhash.meta VALUES ('hash_bits', '{bits}'), ('code_dimension', '2')")

    external = [f"doc/{index}.txt" if index % 7 else f"dossier/é{index}" for index in range(count)]
    ids = [document_id(name) for name in external]
    codes = []
    for index in range(count):
        if index >= 10 and rng.random() < 0.1:
            codes.append(flip(rng.choice(codes), bits, rng.randint(0, 3), rng))
        else:
            codes.append(rng.getrandbits(bits))
    # One document in twenty is wordless: two in three of those have the empty bag's code, the others a copy of
    # an earlier document's code with at most one bit flipped, so that wordless codes also sit where queries look.
    empty_code = rng.getrandbits(bits)
    wordless = set()
    for index in range(13, count, 20):
        wordless.add(ids[index])
        codes[index] = flip(codes[rng.randrange(index)], bits, rng.randint(0, 1), rng) if index % 60 == 13 else empty_code
    documents = "".join(f"{i}\t{name}\t\t{name}\t[]\t1\t0\t\t\\\\x\t{'t' if i in wordless else 'f'}\n"
                        for i, name in zip(ids, external))
    psql(database, "\\copy semhash.documents (id, external_id, title, source, labels, token_count, oov_count,"
         " excerpt, bag, empty) FROM STDIN", stdin=documents)
    if upgraded:
        rows = "".join(f"{i}\t\\\\x0000803f00000040\t{array(code, bits)}\n" for i, code in zip(ids, codes))
        psql(database, "\\copy semhash.codes (document_id, code, hash) FROM STDIN", stdin=rows)
        found = psql(database, f"""SELECT count(*) FROM semhash.semhash_within('{array(empty_code, bits)}', 0) AS w
            JOIN semhash.documents AS d ON d.id = w.document_id WHERE d.empty""").strip()
        at_empty_code = sum(1 for i, code in zip(ids, codes) if i in wordless and code == empty_code)
        record(f"{bits}-bit store of format 4: its semhash_within returns the {at_empty_code} wordless documents "
               "at the empty bag's code", int(found == str(at_empty_code)), int(found != str(at_empty_code)),
               [f"{found} returned"])
        psql(database, file=MIGRATIONS[-1])
        # What semhash runs after the upgrade commits (PostgresMigrations, `afterwards`): without it, the new
        # indexes keep entries of the rows the upgrade's UPDATE replaced until codes is vacuumed.
        psql(database, "VACUUM ANALYZE semhash.codes")
        state = psql(database, """SELECT (SELECT value FROM semhash.meta WHERE key = 'format_version') || ' '
            || (SELECT count(*) FROM semhash.codes AS c JOIN semhash.documents AS d ON d.id = c.document_id
                WHERE c.wordless <> d.empty)""").strip()
        record(f"{bits}-bit store of format 4 upgrades to format 5, every code's wordless flag = its document's empty",
               int(state == "5 0"), int(state != "5 0"), [f"format and disagreeing flags: {state}"])
    else:
        rows = "".join(f"{i}\t\\\\x0000803f00000040\t{array(code, bits)}\t{'t' if i in wordless else 'f'}\n"
                       for i, code in zip(ids, codes))
        psql(database, "\\copy semhash.codes (document_id, code, hash, wordless) FROM STDIN", stdin=rows)
    psql(database, "ANALYZE semhash.codes")

    mismatched = psql(database, "SELECT id FROM semhash.documents WHERE id <> semhash.semhash_document_id(external_id)")
    record(f"{bits}-bit semhash_document_id = SHA-256 of the external id, computed here ({count} documents)",
           int(not mismatched), int(bool(mismatched)), mismatched.split())
    expected = {i: [signed((code >> (16 * j)) & 0xFFFF, 16) for j in range(4)] for i, code in zip(ids, codes)}
    stored = psql(database, "SELECT document_id, substring0, substring1, substring2, substring3 FROM semhash.codes")
    wrong = [line for line in stored.split() if expected[int(line.split("|")[0])] != list(map(int, line.split("|")[1:]))]
    record(f"{bits}-bit substring columns = the hash's 16-bit substrings ({count} codes)",
           int(not wrong), int(bool(wrong)), wrong)
    expected = sorted(f"{i}|{array(code, bits)}" for i, code in zip(ids, codes) if i in wordless)
    stored = sorted(psql(database, """SELECT c.document_id || '|' || c.hash::text FROM semhash.codes AS c
        JOIN semhash.documents AS d ON d.id = c.document_id WHERE d.empty AND c.wordless""").split())
    record(f"{bits}-bit wordless documents are stored with their codes, flagged wordless ({len(wordless)} of them)",
           int(stored == expected), int(stored != expected), [f"{len(stored)} stored, {len(expected)} written"])
    partial = psql(database, """SELECT indexname FROM pg_indexes WHERE schemaname = 'semhash'
        AND indexname LIKE 'codes_by_substring_' AND indexdef LIKE '%WHERE (NOT wordless)' ORDER BY indexname""").split()
    record(f"{bits}-bit substring indexes hold only the codes of documents with words (partial, WHERE NOT wordless)",
           int(len(partial) == 4), int(len(partial) != 4), [f"partial: {partial}"])

    worded = [(i, code) for i, code in zip(ids, codes) if i not in wordless]
    queries = []  # (query id, code, source document id or None, flips)
    for number in range(near):
        source, code = rng.choice(worded)
        flips = rng.randint(0, 4)
        queries.append((number, flip(code, bits, flips, rng), source, flips))
    for number in range(near, near + far):
        queries.append((number, rng.getrandbits(bits), None, None))
    for number in range(near + far, near + far + near_wordless):
        queries.append((number, flip(empty_code, bits, rng.randint(0, 3), rng), None, None))
    psql(database, "CREATE TABLE queries (id integer PRIMARY KEY, hash bigint[] NOT NULL, source bigint, flips integer)")
    null = "\\N"
    psql(database, "\\copy queries FROM STDIN", stdin="".join(
        f"{number}\t{array(code, bits)}\t{null if source is None else source}\t{null if flips is None else flips}\n"
        for number, code, source, flips in queries))

    listed = ("(SELECT array_agg(array[r.document_id, r.distance] ORDER BY r.position)"
              " FROM semhash.{function}(q.hash, {argument}) WITH ORDINALITY AS r(document_id, distance, position))")
    for function, argument_name, arguments in (("within", "radius", RADII), ("nearest", "k", KS)):
        outcome = psql(database, f"""
            SELECT q.id, a.value, {listed.format(function=f'semhash_{function}', argument='a.value')}
                IS NOT DISTINCT FROM {listed.format(function=f'semhash_scan_{function}', argument='a.value')},
                coalesce({listed.format(function=f'semhash_scan_{function}', argument='a.value')}::text, '{{}}')
            FROM queries AS q, unnest('{{{",".join(map(str, arguments))}}}'::integer[]) AS a(value)""")
        lines = [line.split("|") for line in outcome.split("\n") if line]
        bad = [f"query {l[0]} {argument_name} {l[1]}: scan gives {l[3][:120]}" for l in lines if l[2] != "t"]
        found = sum(l[3].count("{") - 1 for l in lines if l[3] != "{}")
        record(f"{bits}-bit semhash_{function} = semhash_scan_{function} ({len(queries)} queries, "
               f"{argument_name} {min(arguments)}-{max(arguments)}; {found} rows in all)", len(lines) - len(bad), len(bad), bad)

    for function, arguments in (("within", RADII), ("scan_within", RADII), ("nearest", KS), ("scan_nearest", KS)):
        outcome = psql(database, f"""
            SELECT count(*), count(*) FILTER (WHERE d.empty OR d.id IS NULL)
            FROM queries AS q, unnest('{{{",".join(map(str, arguments))}}}'::integer[]) AS a(value),
                semhash.semhash_{function}(q.hash, a.value) AS r LEFT JOIN semhash.documents AS d ON d.id = r.document_id
            """).strip()
        returned, wrong = map(int, outcome.split("|"))
        record(f"{bits}-bit semhash_{function} returns no wordless document ({returned} rows, "
               f"{near_wordless} queries near the wordless code)", int(wrong == 0), int(wrong != 0),
               [f"{wrong} rows of wordless documents"])

    outcome = psql(database, """
        SELECT q.id, r.value, EXISTS (SELECT 1 FROM semhash.semhash_within(q.hash, r.value) AS w
                                      WHERE w.document_id = q.source AND w.distance = q.flips)
        FROM queries AS q, generate_series(0, 4) AS r(value) WHERE q.source IS NOT NULL AND r.value >= q.flips""")
    lines = [line.split("|") for line in outcome.split()]
    bad = [f"query {l[0]} radius {l[1]} misses its source" for l in lines if l[2] != "t"]
    record(f"{bits}-bit semhash_within finds the code a query was made from", len(lines) - len(bad), len(bad), bad)

    sample = queries[:8] + queries[-2:]
    good = bad = 0
    details = []
    for number, code, _, _ in sample:
        distances = sorted((bin(code ^ other).count("1"), i) for i, other in worded)
        for kind, sql, expected_rows in (
            ("within 4", f"semhash_scan_within('{array(code, bits)}', 4)", [d for d in distances if d[0] <= 4]),
            ("nearest 10", f"semhash_scan_nearest('{array(code, bits)}', 10)", distances[:10]),
        ):
            rows = [tuple(map(int, line.split("|")[::-1])) for line in psql(database, f"SELECT * FROM semhash.{sql}").split()]
            if rows == expected_rows:
                good += 1
            else:
                bad += 1
                details.append(f"query {number} {kind}: SQL {rows[:4]}..., Python {expected_rows[:4]}...")
    record(f"{bits}-bit scans = brute force over the documents with words in Python ({len(sample)} queries)",
           good, bad, details)

    if bits == 32:
        everything = psql(database, f"""SELECT {listed.format(function='semhash_nearest', argument=count + 500)}
            IS NOT DISTINCT FROM {listed.format(function='semhash_scan_nearest', argument=count + 500)},
            (SELECT count(*) FROM semhash.semhash_nearest(q.hash, {count + 500})) FROM queries AS q WHERE q.id = 0""")
        record("k larger than the store gives every code of a document with words",
               int(everything.strip() == f"t|{len(worded)}"), int(everything.strip() != f"t|{len(worded)}"),
               [everything.strip()])

    # The plan of the query semhash_within runs, as auto_explain logs it, for the empty bag's code at radius 0
    # (substring 0 probed alone): the partial indexes of codes and no other table, and no index entry read
    # but those of the codes with words that share the substring.
    session = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database], input=f"""
        LOAD 'auto_explain';
        SET auto_explain.log_min_duration = 0;
        SET auto_explain.log_analyze = on;
        SET auto_explain.log_nested_statements = on;
        SET auto_explain.log_format = json;
        SET auto_explain.log_level = notice;
        SELECT count(*) FROM semhash.semhash_within('{array(empty_code, bits)}', 0);
        """, capture_output=True, text=True)
    plans = [json.loads(text[text.index("{"):]) for text in session.stderr.split("NOTICE:")[1:]]
    searches = [plan["Plan"] for plan in plans if "FROM semhash.codes AS c" in plan["Query Text"]]
    nodes = list(plan_nodes(searches[0])) if len(searches) == 1 else []
    relations = sorted({node["Relation Name"] for node in nodes if "Relation Name" in node})
    indexes = sorted({node["Index Name"] for node in nodes if "Index Name" in node})
    entries = sum(node["Actual Rows"] for node in nodes if node["Node Type"] == "Bitmap Index Scan")
    sharing = sum(1 for _, code in worded if (code ^ empty_code) & 0xFFFF == 0)
    good = (session.returncode == 0 and relations == ["codes"] and len(indexes) > 0
            and set(indexes) <= PARTIAL_INDEXES and entries == sharing)
    record(f"{bits}-bit semhash_within reads the partial substring indexes alone, no entry of a wordless code",
           int(good), int(not good), [f"exit {session.returncode}, {len(searches)} plans of the search, tables "
                                      f"{relations}, indexes {indexes}, {entries} index entries read, "
                                      f"{sharing} codes with words share the substring; {session.stderr[-300:]}"])

    errors = [
        ("a query of the wrong length", "SELECT * FROM semhash.semhash_within('{1,2,3}', 2)", "must be a"),
        ("a negative radius", f"SELECT * FROM semhash.semhash_within('{array(0, bits)}', -1)", "non-negative"),
        ("k = 0", f"SELECT * FROM semhash.semhash_nearest('{array(0, bits)}', 0)", "positive"),
    ]
    good = bad = 0
    details = []
    for name, sql, message in errors:
        result = psql(database, sql, expect_error=True)
        if result.returncode != 0 and message in result.stderr:
            good += 1
        else:
            bad += 1
            details.append(f"{name}: exit {result.returncode}, {result.stderr.strip() or result.stdout.strip()}")
    record(f"{bits}-bit bad queries are refused with a clear error", good, bad, details)

    if bits == 64:
        result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", database, "-f",
                                 os.path.join(HERE, "distribute.sql")], capture_output=True, text=True)
        left = psql(database, "SELECT count(*) FROM semhash.codes")
        good = result.returncode != 0 and "citus extension is not installed" in result.stderr and int(left) == count
        record("distribute.sql without Citus stops with a clear error and changes nothing", int(good), int(not good),
               [f"exit {result.returncode}: {result.stderr.strip()}; {left.strip()} codes left"])
    subprocess.run(["dropdb", database], check=True)


settings = psql("postgres", "SELECT current_setting('listen_addresses') || '|' || current_setting('unix_socket_directories')")
folder = os.environ.get("SEMHASH_POSTGRES_DIR", "")
local_only = settings.strip() == f"|{folder}/socket"
record("the server listens on its own Unix socket only (no TCP address)", int(local_only), int(not local_only),
       [f"listen_addresses|unix_socket_directories = {settings.strip()}, folder {folder}"])
for store in STORES:
    check_store(*store)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
