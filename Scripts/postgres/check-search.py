#!/usr/bin/env python3
"""Checks the PostgreSQL store's schema and in-database search (Scripts/postgres/test.sh runs it against a
throwaway server; PG* variables say where). For 32-, 64- and 128-bit stores of seeded random codes (a tenth of
them close copies of others, so that neighbourhoods hold several codes and distances tie) it checks that

- semhash_within equals the scan semhash_scan_within, rows and order, for every query and radius 0-4;
- semhash_nearest equals semhash_scan_nearest for k = 1, 3, 10, 50 (ties broken by document id);
- a query made by flipping f bits of a stored code finds that code at distance f within every radius >= f;
- the scans equal a brute-force search computed here, in Python, on a sample of queries;
- the generated substring columns, the document ids (semhash_document_id) and bad-input errors are right;
- distribute.sql refuses to run without the citus extension, and the server listens on no TCP address.

Prints one line per group of checks and `N passed, N failed` at the end; exits 1 on any failure."""
import hashlib
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The schema's versions, in order: the files semhash applies from Swift (compiled into the binary).
MIGRATIONS = [os.path.join(HERE, "..", "..", "Sources", "SemanticHashingPostgres", "Migrations", name)
              for name in ("v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql", "v4-change-log.sql")]
STORES = [  # (hash bits, codes, near queries, random queries)
    (32, 2000, 30, 4),
    (64, 20000, 80, 6),
    (128, 2000, 40, 4),
]
RADII = range(0, 5)
KS = (1, 3, 10, 50)
passed = failed = 0


def psql(database, sql=None, file=None, stdin=None, expect_error=False):
    command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database]
    command += ["-f", file] if file else ["-c", sql]
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


def flip(code, bits, count, rng):
    for bit in rng.sample(range(bits), count):
        code ^= 1 << bit
    return code


def check_store(bits, count, near, far):
    rng = random.Random(bits * 1000 + count)
    database = f"semhash_check_{bits}"
    subprocess.run(["dropdb", "--if-exists", database], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["createdb", database], check=True)
    for migration in MIGRATIONS:
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
    documents = "".join(f"{i}\t{name}\t\t{name}\t[]\t1\t0\t\t\\\\x\tf\n" for i, name in zip(ids, external))
    psql(database, "\\copy semhash.documents (id, external_id, title, source, labels, token_count, oov_count,"
         " excerpt, bag, empty) FROM STDIN", stdin=documents)
    rows = "".join(f"{i}\t\\\\x0000803f00000040\t{array(code, bits)}\n" for i, code in zip(ids, codes))
    psql(database, "\\copy semhash.codes (document_id, code, hash) FROM STDIN", stdin=rows)
    psql(database, "ANALYZE semhash.codes")

    mismatched = psql(database, "SELECT id FROM semhash.documents WHERE id <> semhash.semhash_document_id(external_id)")
    record(f"{bits}-bit semhash_document_id = SHA-256 of the external id, computed here ({count} documents)",
           int(not mismatched), int(bool(mismatched)), mismatched.split())
    expected = {i: [signed((code >> (16 * j)) & 0xFFFF, 16) for j in range(4)] for i, code in zip(ids, codes)}
    stored = psql(database, "SELECT document_id, substring0, substring1, substring2, substring3 FROM semhash.codes")
    wrong = [line for line in stored.split() if expected[int(line.split("|")[0])] != list(map(int, line.split("|")[1:]))]
    record(f"{bits}-bit substring columns = the hash's 16-bit substrings ({count} codes)",
           int(not wrong), int(bool(wrong)), wrong)

    queries = []  # (query id, code, source document id or None, flips)
    for number in range(near):
        source = rng.randrange(count)
        flips = rng.randint(0, 4)
        queries.append((number, flip(codes[source], bits, flips, rng), ids[source], flips))
    for number in range(near, near + far):
        queries.append((number, rng.getrandbits(bits), None, None))
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
        distances = sorted((bin(code ^ other).count("1"), i) for i, other in zip(ids, codes))
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
    record(f"{bits}-bit scans = brute force in Python ({len(sample)} queries)", good, bad, details)

    if bits == 32:
        everything = psql(database, f"""SELECT {listed.format(function='semhash_nearest', argument=count + 500)}
            IS NOT DISTINCT FROM {listed.format(function='semhash_scan_nearest', argument=count + 500)},
            (SELECT count(*) FROM semhash.semhash_nearest(q.hash, {count + 500})) FROM queries AS q WHERE q.id = 0""")
        record("k larger than the store gives every code", int(everything.strip() == f"t|{count}"),
               int(everything.strip() != f"t|{count}"), [everything.strip()])

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
