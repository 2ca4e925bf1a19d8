#!/usr/bin/env bash
# Measures the in-database search on N random 64-bit codes (default 1,000,000): COPY load time, then the
# latency of semhash_within at radius 2 and 3 and semhash_nearest with k = 10 (multi-index hashing) against
# the bit_count scans, on the same queries (stored codes with 0-3 bits flipped), medians. A throwaway server
# with fsync on. Results go to Scripts/results/postgres-search-<time>.txt.
#
#   Scripts/postgres/bench.sh [codes] [queries]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH
count=${1:-1000000}
queries=${2:-25}
mkdir -p "$here/../results"
output=$here/../results/postgres-search-$(date -u +%Y%m%d-%H%M%S).txt
SEMHASH_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/semhash-postgres-bench.XXXXXX")
export SEMHASH_POSTGRES_DIR SEMHASH_POSTGRES_FSYNC=on
trap 'bash "$here/server.sh" stop' EXIT
bash "$here/server.sh" start
eval "$(bash "$here/server.sh" env)"
python3 - "$here" "$count" "$queries" "$output" <<'PYTHON'
import hashlib, os, random, re, statistics, subprocess, sys, time
here, count, queries, output = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lines = []
def say(text):
    print(text, flush=True)
    lines.append(text)
def psql(*arguments, stdin=None):
    result = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", "semhash_bench", *arguments],
                            input=stdin, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: psql failed: {result.stderr}")
    return result.stdout
def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value

subprocess.run(["createdb", "semhash_bench"], check=True)
migrations = os.path.join(here, "..", "..", "Sources", "SemanticHashingPostgres", "Migrations")
for migration in ("v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql"):
    psql("-1", "-f", os.path.join(migrations, migration))
psql("-c", "INSERT INTO semhash.meta VALUES ('hash_bits', '64'), ('code_dimension', '10')")
say(f"semhash PostgreSQL search benchmark, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
say(f"load average before: {open('/proc/loadavg').read().split()[:3]} (the machine is shared)")
say(psql("-c", "SELECT version()").strip())

rng = random.Random(15)
codes = [rng.getrandbits(64) for _ in range(count)]
ids = [int.from_bytes(hashlib.sha256(f"doc/{i}".encode()).digest()[:8], "big") & (2**63 - 1) for i in range(count)]
code_column = "\\\\x" + "00" * 40  # 10 Float32 values
data = "".join(f"{i}\t{code_column}\t{{{signed(c)}}}\n" for i, c in zip(ids, codes))
started = time.perf_counter()
psql("-c", "\\copy semhash.codes (document_id, code, hash) FROM STDIN", stdin=data)
loaded = time.perf_counter() - started
psql("-c", "VACUUM ANALYZE semhash.codes")
size = psql("-c", "SELECT pg_size_pretty(pg_total_relation_size('semhash.codes'))").strip()
say(f"COPY of {count} codes into semhash.codes (4 substring indexes maintained, fsync on): {loaded:.1f} s, "
    f"{count / loaded:,.0f} codes/s; table and indexes: {size}")

chosen = []
for _ in range(queries):
    code = codes[rng.randrange(count)]
    for bit in rng.sample(range(64), rng.randint(0, 3)):
        code ^= 1 << bit
    chosen.append(signed(code))
def timed(function, argument):
    """Median latency of `function` over the chosen queries, and each query's answer as text."""
    script = "\\timing on\n" + "".join(
        f"SELECT count(*) || ' ' || coalesce(string_agg(document_id || ':' || distance, ','), '') "
        f"FROM semhash.{function}('{{{q}}}', {argument});\n" for q in chosen)
    result = subprocess.run(["psql", "-X", "-At", "-d", "semhash_bench"], input=script, capture_output=True, text=True)
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", result.stdout)]
    answers = [l for l in result.stdout.split("\n") if l and not l.startswith("Time:") and l != "Timing is on."]
    assert len(times) == len(chosen) == len(answers), result.stdout + result.stderr
    return statistics.median(times), answers
say(f"{queries} queries: stored codes with 0-3 bits flipped; median latency in ms (client side, Unix socket), "
    "median rows returned; both methods gave the same rows in the same order on every query")
say("| search | multi-index hashing | bit_count scan | scan / MIH | rows |")
say("| --- | ---: | ---: | ---: | ---: |")
for name, function, argument in (("radius 2", "within", 2), ("radius 3", "within", 3), ("top 10", "nearest", 10)):
    timed(f"semhash_{function}", argument)  # warm the cache
    mih, answers = timed(f"semhash_{function}", argument)
    scan, scan_answers = timed(f"semhash_scan_{function}", argument)
    if answers != scan_answers:
        sys.exit(f"bench: semhash_{function} and semhash_scan_{function} disagree: {answers} {scan_answers}")
    rows = statistics.median(int(answer.split()[0]) for answer in answers)
    say(f"| {name} | {mih:.2f} | {scan:.1f} | {scan / mih:.1f}x | {rows:g} |")
say(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
open(output, "w").write("\n".join(lines) + "\n")
print(f"bench: results in {output}")
PYTHON
