#!/usr/bin/env bash
# Measures exact Hamming search (semhash-bench search: scan top-k at 1 and 2 threads over 1M and 10M random
# 64-bit codes; multi-index radius lookups against the scan over 10M codes), FAISS IndexBinaryFlat on the same
# sizes in the same run, and the memory of holding 1M codes. Writes Scripts/results/search-<date>.txt.
# Takes a few minutes. SEMHASH_SEARCH_SIZES (default 1000000,10000000) and SEMHASH_SEARCH_RUNS (default 5) set
# the code counts and timed runs of both semhash and FAISS.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh

mkdir -p Scripts/results
out="Scripts/results/search-$(date +%Y-%m-%d).txt"
swift_out="$(mktemp)"
trap 'rm -f "$swift_out"' EXIT

bench="$(release_product semhash-bench)"

{
    echo "# semhash search benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;" \
         "load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Build: swift build ${SEMHASH_RELEASE_FLAGS[*]}. \"CPU ns/code\" is process CPU time per code"
    echo "(all threads): on a shared machine it shows the work done when wall time includes waiting for a core."
    echo
} | tee "$out"

sizes="${SEMHASH_SEARCH_SIZES:-1000000,10000000}"
runs="${SEMHASH_SEARCH_RUNS:-5}"
"$bench" search --sizes "$sizes" --runs "$runs" --queries 100 --k 100 | tee "$swift_out" | tee -a "$out"

faiss_block() {
    python3 - "$swift_out" "$runs" <<'PY'
import re, sys, time
import numpy as np
import faiss

swift_rows = {}
for line in open(sys.argv[1]):
    if line.startswith("## Radius"):
        break
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 8 and cells[0].isdigit():
        swift_rows[(int(cells[0]), int(cells[1]))] = [float(c) for c in cells[2:]]
sizes = sorted({size for size, _ in swift_rows})
threads = sorted({t for _, t in swift_rows})
queries, k, runs = 100, 100, int(sys.argv[2])
rng = np.random.default_rng(2024)

def timed(body):
    walls, cpus = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        body()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return float(np.median(walls)), float(np.median(cpus))

def popcount64(x):
    x = x.view(np.uint8)
    return np.unpackbits(x).reshape(-1, 64).sum(axis=1)

print("\n## FAISS IndexBinaryFlat (faiss-cpu %s), same sizes, %d queries, k = %d, median of %d\n"
      % (faiss.__version__, queries, k, runs))
print("| codes | threads | batch ns/code | batch CPU ns/code | batch queries/s | single ns/code | single CPU ns/code | single queries/s |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
faiss_rows = {}
for size in sizes:
    db = rng.integers(0, 2**64 - 1, size=size, dtype=np.uint64, endpoint=True)
    qs = rng.integers(0, 2**64 - 1, size=queries, dtype=np.uint64, endpoint=True)
    index = faiss.IndexBinaryFlat(64)
    index.add(db.view(np.uint8).reshape(size, 8))
    q8 = qs.view(np.uint8).reshape(queries, 8)
    # Correctness: FAISS's k-th distance equals the exact k-th distance for one query.
    distances, _ = index.search(q8[:1], k)
    exact = np.sort(popcount64(db ^ qs[0]))[:k]
    assert (np.sort(distances[0]) == exact).all(), "FAISS distances differ from the exact ones"
    for t in threads:
        faiss.omp_set_num_threads(t)
        batch = timed(lambda: index.search(q8, k))
        single = timed(lambda: index.search(q8[:1], k))
        row = [batch[0] / (queries * size) * 1e9, batch[1] / (queries * size) * 1e9, queries / batch[0],
               single[0] / size * 1e9, single[1] / size * 1e9, 1 / single[0]]
        faiss_rows[(size, t)] = row
        print("| %d | %d | %.3f | %.3f | %.1f | %.3f | %.3f | %.1f |" % ((size, t) + tuple(row)))

print("\n## semhash scan against FAISS (FAISS time / semhash time; above 1: semhash faster)\n")
print("| codes | threads | batch wall | batch CPU | single wall | single CPU |")
print("|---:|---:|---:|---:|---:|---:|")
for key in sorted(swift_rows):
    if key in faiss_rows:
        s, f = swift_rows[key], faiss_rows[key]
        print("| %d | %d | %.2fx | %.2fx | %.2fx | %.2fx |"
              % (key + (f[0] / s[0], f[1] / s[1], f[3] / s[3], f[4] / s[4])))
PY
}

if ! python3 -c "import faiss" 2>/dev/null; then
    python3 -m pip install --quiet faiss-cpu >&2 2>/dev/null || true
fi
if python3 -c "import faiss, numpy" 2>/dev/null; then
    faiss_block | tee -a "$out"
else
    echo -e "\nFAISS unavailable (python3 -m pip install faiss-cpu failed): no FAISS comparison." | tee -a "$out"
fi

max_rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
if [ -x /usr/bin/time ]; then
    base=$(max_rss "$bench" search --hold-codes 0)
    codes=$(max_rss "$bench" search --hold-codes 1000000)
    indexed=$(max_rss "$bench" search --hold-codes 1000000 --with-index)
    {
        echo
        echo "## Memory (max RSS, /usr/bin/time -v)"
        echo
        echo "| process | max RSS KiB | above empty KiB |"
        echo "|---|---:|---:|"
        echo "| no codes | $base | 0 |"
        echo "| 1M 64-bit codes | $codes | $((codes - base)) |"
        echo "| 1M codes + multi-index tables | $indexed | $((indexed - base)) |"
        echo
        echo "1M 64-bit codes are 7,813 KiB of packed words."
        echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
    } | tee -a "$out"
else
    echo -e "\n/usr/bin/time not found: memory not measured." | tee -a "$out"
fi
echo "wrote $out" >&2
