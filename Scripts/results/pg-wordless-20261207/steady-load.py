import hashlib, random, subprocess, os
M = "/work/wt-pg/Sources/SemanticHashingPostgres/Migrations"
files = ["v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql", "v4-change-log.sql", "v5-wordless.sql"]
def psql(db, *a, stdin=None):
    r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, *a], input=stdin, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout
def signed(v): return v - (1 << 64) if v >= 1 << 63 else v
count = 1000000
rng = random.Random(15)
codes = [rng.getrandbits(64) for _ in range(count)]
ids = [int.from_bytes(hashlib.sha256(f"doc/{i}".encode()).digest()[:8], "big") & (2**63 - 1) for i in range(count)]
empty = rng.getrandbits(64)
wordless = set(rng.sample(range(count), count * 3 // 100))
for i in wordless: codes[i] = empty
col = "\\\\x" + "00" * 40
for db, n in (("inv5", 6), ("inv4", 5)):
    subprocess.run(["dropdb", "--if-exists", db]); subprocess.run(["createdb", db], check=True)
    for f in files[:n]: psql(db, "-1", "-f", os.path.join(M, f))
    psql(db, "-c", "INSERT INTO semhash.meta VALUES ('hash_bits', '64'), ('code_dimension', '10')")
    flag = n == 6
    rows = "".join(f"{i}\t{col}\t{{{signed(c)}}}" + (f"\t{'t' if x in wordless else 'f'}" if flag else "") + "\n" for x, (i, c) in enumerate(zip(ids, codes)))
    psql(db, "-c", "\\copy semhash.codes (document_id, code, hash" + (", wordless" if flag else "") + ") FROM STDIN", stdin=rows)
    psql(db, "-c", "VACUUM ANALYZE semhash.codes")
print(signed(codes[5] ^ 3))
