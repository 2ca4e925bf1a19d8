#!/usr/bin/env bash
# Measures the PostgreSQL store against the SQLite path, on N synthetic documents (default 1,000,000) with
# 32-dimensional codes and 32-bit hashes, in one run on a throwaway PostgreSQL 15 server (fsync on):
#
#   1. ingest: `semhash copy` of a SQLite index of N documents into PostgreSQL (COPY into temporary tables,
#      upsert by SHA-256 id, 4 substring indexes, change log; one transaction), documents/s, next to the
#      SQLite path in the same run: `semhash copy` of the store back into a new SQLite file (the same rows
#      written through IndexStore);
#   2. a replica's start-up: `semhash serve --index postgresql://…` from launch to listening (copy of the
#      store to its local file, codes loaded into memory, radius index built), median of SEMHASH_PG_RUNS;
#   3. write-to-visible: with two replicas serving the store, a one-document `semhash add`; the time from
#      the add's exit (its transaction committed) until both replicas serve the document's row, and until
#      its code is in both replicas' in-memory snapshots (searchable), medians of SEMHASH_PG_WRITES writes;
#      then the same document written through replica 0's `POST /api/documents` (the replicas run with a
#      write token): from the response until both serve it;
#   4. with SEMHASH_PG_LARGE=M (e.g. 10000000; long: it builds and copies M synthetic documents), a replica's
#      start-up on a second store of M documents (one run);
#   5. in-database search: Scripts/postgres/bench.sh at the sizes SEMHASH_PG_SEARCH_SIZES (default N; e.g.
#      1000000,10000000): SQL multi-index hashing radius 2 and 3 and top-10 against the bit_count scan and
#      the in-memory engine on the same codes and queries, 64-bit codes, its own server (set it empty to skip
#      this step, e.g. to run bench.sh on its own).
#
# Results go to Scripts/results/postgres-<date>.txt (and bench.sh's own file).
#
#   [SEMHASH_PG_LARGE=10000000] [SEMHASH_PG_SEARCH_SIZES=1000000,10000000] Scripts/bench-postgres.sh [documents]
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
count=${1:-1000000}
runs=${SEMHASH_PG_RUNS:-3}
writes=${SEMHASH_PG_WRITES:-7}
large=${SEMHASH_PG_LARGE:-}
search_sizes=${SEMHASH_PG_SEARCH_SIZES-$count}
mkdir -p Scripts/results
out="Scripts/results/postgres-$(date -u +%Y-%m-%d-%H%M).txt"
semhash="$(release_product semhash)"
export PATH=/usr/lib/postgresql/15/bin:$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/semhash-bench-postgres.XXXXXX")
SEMHASH_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/semhash-postgres-bench.XXXXXX")  # server.sh hands it to postgres
export SEMHASH_POSTGRES_DIR SEMHASH_POSTGRES_FSYNC=on
trap 'bash Scripts/postgres/server.sh stop; rm -rf "$work"' EXIT
bash Scripts/postgres/server.sh start
eval "$(bash Scripts/postgres/server.sh env)"
createdb semhash_bench
store="postgresql://$PGUSER@/semhash_bench?host=$PGHOST&port=$PGPORT"

# A small real index gives the model and vocabulary; N synthetic documents replace its own.
"$semhash" index Corpora/samples --index "$work/samples.sqlite" --min-df 1 --layers 64 --code 32 \
    --fine-tune-epochs 2 --quiet >/dev/null
synthesize() {  # synthesize COUNT TARGET: TARGET gets the samples' model and COUNT synthetic documents
python3 - "$work/samples.sqlite" "$2" "$1" <<'PYTHON'
import random, shutil, sqlite3, struct, sys
source, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.copy(source, target)
db = sqlite3.connect(target)
terms = db.execute("SELECT count(*) FROM vocabulary").fetchone()[0]
dimension = int(db.execute("SELECT value FROM meta WHERE key = 'code_dimension'").fetchone()[0])
for table in ("document_topics", "topics", "codes", "documents"):
    db.execute(f"DELETE FROM {table}")
rng = random.Random(15)
def documents():
    for i in range(1, count + 1):
        ids = sorted(rng.sample(range(terms), 6))
        bag = b"".join(struct.pack("<if", t, float(rng.randint(1, 3))) for t in ids)
        yield (i, f"synthetic/{i}", f"Document {i}", "synthetic", f'["label{i % 20}"]', 12, 0,
               f"synthetic document {i}", bag, 0, "2026-01-01T00:00:00.000Z")
db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", documents())
def codes():
    for i in range(1, count + 1):
        code = [rng.gauss(0, 1) for _ in range(dimension)]
        bits = sum(1 << b for b, value in enumerate(code) if value > 0)
        yield (i, struct.pack(f"<{dimension}f", *code), struct.pack("<Q", bits))
db.executemany("INSERT INTO codes VALUES (?, ?, ?)", codes())
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
PYTHON
}
synthesize "$count" "$work/synthetic.sqlite"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
{
    echo "# semhash PostgreSQL store benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores (shared);" \
         "load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "$(psql -X -At -c 'SHOW server_version') on a Unix socket, fsync on, default settings otherwise."
    echo "Build: swift build ${SEMHASH_RELEASE_FLAGS[*]}. $count synthetic documents: 6 terms each, 32-dimensional"
    echo "codes, 32-bit hashes (the samples' model and vocabulary)."
    echo
} | tee "$out"

into=$("$semhash" copy "$work/synthetic.sqlite" "$store" --json)
into_seconds=$(echo "$into" | json_field seconds)
back=$("$semhash" copy "$store" "$work/back.sqlite" --json)
back_seconds=$(echo "$back" | json_field seconds)
size=$(psql -X -At -d semhash_bench -c "SELECT pg_size_pretty(pg_database_size('semhash_bench'))")
python3 - "$count" "$into_seconds" "$back_seconds" "$size" <<'PYTHON' | tee -a "$out"
import sys
count, into, back, size = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print("## Ingest (one run each)\n")
print("| path | seconds | documents/s |")
print("| --- | ---: | ---: |")
print(f"| SQLite index → PostgreSQL (`semhash copy`: COPY, upsert, indexes, change log; one transaction) | {into:.1f} | {count / into:,.0f} |")
print(f"| PostgreSQL → new SQLite index (`semhash copy`: paged SELECT, IndexStore inserts) | {back:.1f} | {count / back:,.0f} |")
print(f"\nDatabase size after the ingest: {size}.\n")
PYTHON

python3 - "$semhash" "$store" "$work" "$runs" "$writes" <<'PYTHON' | tee -a "$out"
import os, re, signal, statistics, subprocess, sys, time, urllib.error, urllib.request
semhash, store, work, runs, writes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

token_file = os.path.join(work, "token")
with open(token_file, "w") as file:
    file.write("bench-token\n")

def start_replica(name):
    log = open(os.path.join(work, f"{name}.err"), "w+")
    started = time.perf_counter()
    process = subprocess.Popen([semhash, "serve", "--index", store, "--port", "0", "--write-token-file", token_file],
                               stdout=subprocess.DEVNULL, stderr=log)
    while True:
        log.seek(0)
        match = re.search(r"http://127\.0\.0\.1:[0-9]+/", log.read())
        if match:
            return process, match.group(0), time.perf_counter() - started
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"bench: the replica stopped: {log.read()}")
        time.sleep(0.01)

def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code

startups = []
for run in range(runs):
    process, _, seconds = start_replica(f"startup-{run}")
    startups.append(seconds)
    process.send_signal(signal.SIGTERM)
    process.wait()
print(f"## A replica's start-up\n\nFrom launching `semhash serve --index postgresql://…` to listening (copy of the store "
      f"to its local file, codes in memory, radius index): median {statistics.median(startups):.1f} s over {runs} runs "
      f"({', '.join(f'{s:.1f}' for s in startups)}).\n")

import json
def searchable(url):
    """The number of codes the replica's in-memory snapshot holds (what `ask` searches)."""
    with urllib.request.urlopen(url + "healthz", timeout=10) as response:
        return json.load(response)["documents"]

replicas = [start_replica(f"replica-{n}") for n in range(2)]
baseline = searchable(replicas[0][1])
row_delays, search_delays, total_delays = [], [], []
def wait(condition, since, what):
    while not all(condition(url) for _, url, _ in replicas):
        if time.perf_counter() - since > 120:
            sys.exit(f"bench: {what} not visible on both replicas after 120 s")
        time.sleep(0.005)
    return time.perf_counter() - since
for write in range(writes):
    folder = os.path.join(work, f"write-{write}", "space")
    os.makedirs(folder)
    with open(os.path.join(folder, "probe.txt"), "w") as file:
        file.write(f"Probe {write}\n\nrocket orbit moon launch probe {write}")
    began = time.perf_counter()
    subprocess.run([semhash, "add", os.path.dirname(folder), "--index", store, "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    committed = time.perf_counter()
    row_delays.append(wait(lambda url: status(url + "api/documents/space%2Fprobe.txt") == 200, committed, "the row"))
    search_delays.append(wait(lambda url: searchable(url) == baseline + 1, committed, "the code"))
    total_delays.append(time.perf_counter() - began)
    subprocess.run([semhash, "remove", "space/probe.txt", "--index", store], check=True, stdout=subprocess.DEVNULL)
    wait(lambda url: searchable(url) == baseline, time.perf_counter(), "the removal")
# The same through replica 0's HTTP API: POST, then DELETE, each with the token.
post_delays, post_calls = [], []
def request(method, url, body=None):
    sent = urllib.request.Request(url, data=body, method=method, headers={
        "Authorization": "Bearer bench-token", "Content-Type": "application/json"})
    with urllib.request.urlopen(sent, timeout=120) as response:
        return response.status
for write in range(writes):
    body = json.dumps([{"id": "space/posted.txt", "title": f"Posted {write}",
                        "text": f"rocket orbit moon launch posted {write}"}]).encode()
    began = time.perf_counter()
    assert request("POST", replicas[0][1] + "api/documents", body) == 201
    answered = time.perf_counter()
    post_calls.append(answered - began)
    post_delays.append(wait(lambda url: searchable(url) == baseline + 1, answered, "the posted code"))
    assert request("DELETE", replicas[0][1] + "api/documents/space%2Fposted.txt") == 200
    wait(lambda url: searchable(url) == baseline, time.perf_counter(), "the removal")
for process, _, _ in replicas:
    process.send_signal(signal.SIGTERM)
    process.wait()
def ms(values):
    return f"median {statistics.median(values) * 1000:,.0f} ms (max {max(values) * 1000:,.0f} ms)"
print("## Write-to-visible across two replicas\n")
print(f"A one-document `semhash add` while two replicas serve the store ({writes} writes, each removed again before the")
print("next; both replicas polled every 5 ms), measured from the add's exit (its transaction committed):\n")
print(f"- the document's row served by both (`/api/documents/<id>`, read from the replica's local copy): {ms(row_delays)};")
print(f"- its code searchable on both (`/healthz` counts the codes of the in-memory snapshot, which the replica")
print(f"  patches in place with each change): {ms(search_delays)};")
print(f"- searchable on both, from the add's start (its start-up, encoding and transaction included): {ms(total_delays)}.\n")
print(f"The same document written through replica 0's `POST /api/documents` ({writes} writes, each deleted through it")
print("again before the next):\n")
print(f"- the request (encoding with the stored model, the store's transaction): {ms(post_calls)};")
print(f"- from its response until its code is searchable on both replicas: {ms(post_delays)}.\n")
PYTHON

if [ -n "$large" ]; then
    synthesize "$large" "$work/large.sqlite"
    createdb semhash_large
    large_store="postgresql://$PGUSER@/semhash_large?host=$PGHOST&port=$PGPORT"
    large_seconds=$("$semhash" copy "$work/large.sqlite" "$large_store" --json | json_field seconds)
    rm -f "$work/large.sqlite"
    python3 - "$semhash" "$large_store" "$work" "$large" "$large_seconds" <<'PYTHON' | tee -a "$out"
import os, re, signal, subprocess, sys, time
semhash, store, work, large, copied = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
log = open(os.path.join(work, "large.err"), "w+")
started = time.perf_counter()
process = subprocess.Popen([semhash, "serve", "--index", store, "--port", "0"], stdout=subprocess.DEVNULL, stderr=log)
while True:
    log.seek(0)
    if re.search(r"http://127\.0\.0\.1:[0-9]+/", log.read()):
        break
    if process.poll() is not None:
        log.seek(0)
        sys.exit(f"bench: the replica stopped: {log.read()}")
    time.sleep(0.05)
seconds = time.perf_counter() - started
process.send_signal(signal.SIGTERM)
process.wait()
print(f"## A replica's start-up at {large:,} documents\n\n`semhash copy` of {large:,} synthetic documents into a second "
      f"store: {copied:.1f} s ({large / copied:,.0f} documents/s). A replica of it, from launch to listening: "
      f"{seconds:.1f} s (one run).\n")
PYTHON
fi

if [ -n "$search_sizes" ]; then
    echo "## In-database search (Scripts/postgres/bench.sh, $search_sizes 64-bit codes, its own server)" | tee -a "$out"
    echo | tee -a "$out"
    bash Scripts/postgres/bench.sh "$search_sizes" 2>&1 | tee -a "$out"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "bench-postgres: results in $out"
