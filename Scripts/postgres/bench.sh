#!/usr/bin/env bash
# Measures the in-database search on N random 64-bit codes (default 1,000,000; several sizes comma-separated,
# e.g. 1000000,10000000): COPY load time, then the latency of semhash_within at radius 2 and 3 and
# semhash_nearest with k = 10 (multi-index hashing) against the bit_count scans and against semhash's
# in-memory engine (`semhash-bench codes-file`, release build) on the same codes and the same queries (stored
# codes with 0-3 bits flipped), medians; all three must give the same rows in the same order. A throwaway
# server with fsync on. Results go to Scripts/results/postgres-search-<time>.txt.
#
#   Scripts/postgres/bench.sh [codes[,codes…]] [queries]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../environment.sh"
export PATH=/usr/lib/postgresql/15/bin:$PATH
sizes=${1:-1000000}
queries=${2:-25}
mkdir -p "$here/../results"
output=$here/../results/postgres-search-$(date -u +%Y%m%d-%H%M%S).txt
engine=$(cd "$here/../.." && release_product semhash-bench)
SEMHASH_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/semhash-postgres-bench.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/semhash-search-bench.XXXXXX")
export SEMHASH_POSTGRES_DIR SEMHASH_POSTGRES_FSYNC=on
trap 'bash "$here/server.sh" stop; rm -rf "$work"' EXIT
bash "$here/server.sh" start
eval "$(bash "$here/server.sh" env)"
python3 - "$here" "$sizes" "$queries" "$output" "$engine" "$work" <<'PYTHON'
import hashlib, os, random, re, statistics, subprocess, sys, time
here, sizes, queries, output, engine, work = (sys.argv[1], [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3]),
                                              sys.argv[4], sys.argv[5], sys.argv[6])
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

say(f"semhash PostgreSQL search benchmark, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
say(f"load average before: {open('/proc/loadavg').read().split()[:3]} (the machine is shared)")
migrations = os.path.join(here, "..", "..", "Sources", "SemanticHashingPostgres", "Migrations")
for count in sizes:
    subprocess.run(["dropdb", "--if-exists", "semhash_bench"], check=True)
    subprocess.run(["createdb", "semhash_bench"], check=True)
    for migration in ("v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql", "v4-change-log.sql"):
        psql("-1", "-f", os.path.join(migrations, migration))
    psql("-c", "INSERT INTO semhash.meta VALUES ('hash_bits', '64'), ('code_dimension', '10')")
    if count == sizes[0]:
        say(psql("-c", "SELECT version()").strip())
    say(f"\n### {count:,} codes\n")

    rng = random.Random(15)
    codes = [rng.getrandbits(64) for _ in range(count)]
    ids = [int.from_bytes(hashlib.sha256(f"doc/{i}".encode()).digest()[:8], "big") & (2**63 - 1) for i in range(count)]
    code_column = "\\\\x" + "00" * 40  # 10 Float32 values
    with open(os.path.join(work, "codes.tsv"), "w") as file:
        for i, c in zip(ids, codes):
            file.write(f"{i}\t{signed(c)}\n")
    started = time.perf_counter()
    copy = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "semhash_bench", "-c",
                           "\\copy semhash.codes (document_id, code, hash) FROM STDIN"],
                          input="".join(f"{i}\t{code_column}\t{{{signed(c)}}}\n" for i, c in zip(ids, codes)),
                          capture_output=True, text=True)
    if copy.returncode:
        sys.exit(f"bench: COPY failed: {copy.stderr}")
    loaded = time.perf_counter() - started
    psql("-c", "VACUUM ANALYZE semhash.codes")
    size = psql("-c", "SELECT pg_size_pretty(pg_total_relation_size('semhash.codes'))").strip()
    say(f"COPY of {count:,} codes into semhash.codes (4 substring indexes maintained, fsync on): {loaded:.1f} s, "
        f"{count / loaded:,.0f} codes/s; table and indexes: {size}")

    chosen = []
    for _ in range(queries):
        code = codes[rng.randrange(count)]
        for bit in rng.sample(range(64), rng.randint(0, 3)):
            code ^= 1 << bit
        chosen.append(signed(code))
    del codes, ids
    with open(os.path.join(work, "queries.txt"), "w") as file:
        file.write("".join(f"{q}\n" for q in chosen))
    answers_file = os.path.join(work, "engine-answers.tsv")
    result = subprocess.run([engine, "codes-file", "--codes", os.path.join(work, "codes.tsv"),
                             "--queries", os.path.join(work, "queries.txt"), "--answers", answers_file],
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: semhash-bench codes-file failed: {result.stderr}")
    say(result.stdout.strip().split("\n")[0])
    engine_times = dict(re.findall(r"^(radius \d+|top \d+): median ([0-9.]+) ms", result.stdout, re.M))
    engine_answers = {}
    for line in open(answers_file):
        name, answer = line.rstrip("\n").split("\t")
        engine_answers.setdefault(name, []).append(answer)

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
    say(f"\n{queries} queries: stored codes with 0-3 bits flipped; median latency in ms (SQL: client side, Unix "
        "socket; engine: one search call in the process holding the codes), median rows returned; the three gave "
        "the same rows in the same order on every query")
    say("")
    say("| search | in-memory engine | SQL multi-index hashing | bit_count scan | SQL MIH / engine | scan / SQL MIH | rows |")
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, function, argument in (("radius 2", "within", 2), ("radius 3", "within", 3), ("top 10", "nearest", 10)):
        timed(f"semhash_{function}", argument)  # warm the cache
        mih, answers = timed(f"semhash_{function}", argument)
        scan, scan_answers = timed(f"semhash_scan_{function}", argument)
        if answers != scan_answers:
            sys.exit(f"bench: semhash_{function} and semhash_scan_{function} disagree: {answers} {scan_answers}")
        if answers != engine_answers[name]:
            sys.exit(f"bench: semhash_{function} and the in-memory engine disagree: {answers} {engine_answers[name]}")
        in_memory = float(engine_times[name])
        rows = statistics.median(int(answer.split()[0]) for answer in answers)
        say(f"| {name} | {in_memory:.4f} | {mih:.2f} | {scan:.1f} | {mih / in_memory:,.0f}x | {scan / mih:.1f}x | {rows:g} |")
say(f"\nload average after: {open('/proc/loadavg').read().split()[:3]}")
open(output, "w").write("\n".join(lines) + "\n")
print(f"bench: results in {output}")
PYTHON
