#!/usr/bin/env bash
# Retrieval benchmark, end to end: `semhash ask` (process start, open the index, encode, search, print) on the
# 20 Newsgroups index, median of runs per metric; then the same and its peak memory on an index of 1,000,000
# synthetic documents (random words of the 20 Newsgroups vocabulary, encoded with the same model, no training).
# Needs Indexes/20news.sqlite (Scripts/demo.sh or Scripts/evaluate.sh builds it). Writes Scripts/results/ask-<date>.txt.
#
# REFERENCE=path/to/other/semhash times that build too, interleaved run by run with this one on the 20 Newsgroups
# index, and prints each metric's ratio (a noisy shared machine slows both alike); the floor of any command,
# `semhash --version` (process start), is timed the same way. DOCUMENTS=0 skips the synthetic index;
# SEMHASH=path/to/semhash uses that build instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
index=Indexes/20news.sqlite
[ -f "$index" ] || { echo "bench-ask: $index is missing: run Scripts/demo.sh first" >&2; exit 1; }
semhash="${SEMHASH:-$(release_product semhash)}"
documents="${DOCUMENTS:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p Scripts/results
out="Scripts/results/ask-$(date -u +%Y%m%d-%H%M%S).txt"

python3 - "$semhash" "$index" "$work" "$documents" "${REFERENCE:-}" <<'PY' | tee "$out"
import json, os, random, statistics, subprocess, sys, time
semhash, index, work, documents, reference = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
load = open("/proc/loadavg").read().split()[:3]
print(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {os.cpu_count()} cores, load {' '.join(load)}")
questions = ["launching satellites into orbit", "which graphics card works best with linux",
             "gun control and the second amendment", "is there life after death", "hockey playoff scores"]

def ask_times(index_path, metric, runs=21, binaries=None):
    binaries = binaries or [semhash]
    times = {binary: [] for binary in binaries}
    for run in range(runs):
        question = questions[run % len(questions)]
        for binary in binaries:
            start = time.perf_counter()
            done = subprocess.run([binary, "ask", question, "--index", index_path, "-k", "10", "--metric", metric, "--json"],
                                  capture_output=True, text=True)
            times[binary].append((time.perf_counter() - start) * 1000)
            if done.returncode != 0: sys.exit(f"ask failed: {done.stderr}")
            hits = json.loads(done.stdout)["hits"]
            if len(hits) != 10 or [h["rank"] for h in hits] != list(range(1, 11)): sys.exit("ask returned a wrong hit list")
    if len(binaries) == 1: return statistics.median(times[semhash]), min(times[semhash])
    return {binary: (statistics.median(t), min(t)) for binary, t in times.items()}

def start_times(runs=21):
    times = {binary: [] for binary in (semhash, reference)}
    for run in range(runs):
        for binary in times:
            start = time.perf_counter()
            subprocess.run([binary, "--version"], capture_output=True, check=True)
            times[binary].append((time.perf_counter() - start) * 1000)
    return {binary: statistics.median(t) for binary, t in times.items()}

def peak_memory(index_path, metric):
    done = subprocess.run(["/usr/bin/time", "-f", "%M", semhash, "ask", questions[0], "--index", index_path,
                           "--metric", metric, "--json"], capture_output=True, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024

count = json.loads(subprocess.run([semhash, "info", "--index", index, "--json"], capture_output=True, text=True).stdout)["documents"]
print(f"ask on {index} ({count} documents), 21 runs each, k = 10:")
for metric in ("euclidean", "hamming", "cascade", "hybrid"):
    median, best = ask_times(index, metric)
    print(f"  {metric:9s} median {median:6.1f} ms (best {best:.1f} ms), peak memory {peak_memory(index, metric):.0f} MiB")
if reference:
    print(f"interleaved with the reference build {reference}, 21 runs each:")
    starts = start_times()
    print(f"  process start (--version): this build {starts[semhash]:.1f} ms, reference {starts[reference]:.1f} ms")
    for metric in ("hybrid", "hamming"):
        both = ask_times(index, metric, binaries=[semhash, reference])
        print(f"  {metric:9s} this build median {both[semhash][0]:6.1f} ms, reference {both[reference][0]:6.1f} ms: "
              f"ratio {both[semhash][0] / both[reference][0]:.2f}")
if documents == 0: sys.exit(0)

vocabulary = [t["term"] for t in json.loads(subprocess.run([semhash, "info", "--index", index, "--json", "--terms", "2000"],
              capture_output=True, text=True).stdout)["top_terms"]]
rng = random.Random(1)
corpus = os.path.join(work, "synthetic.jsonl")
with open(corpus, "w") as f:
    for i in range(documents):
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(20, 80)))
        f.write(json.dumps({"id": f"s{i}", "text": words}) + "\n")
big = os.path.join(work, "big.sqlite")
start = time.perf_counter()
done = subprocess.run([semhash, "index", corpus, "--format", "jsonl", "--index", big, "--model", index, "--quiet", "--json"],
                      capture_output=True, text=True)
if done.returncode != 0: sys.exit(f"indexing the synthetic corpus failed: {done.stderr}")
print(f"indexed {documents} synthetic documents with the 20 Newsgroups model in {time.perf_counter() - start:.1f} s "
      f"({os.path.getsize(big) / 2**20:.0f} MiB file)")
for metric in ("euclidean", "hamming", "cascade", "hybrid"):
    median, best = ask_times(big, metric, runs=7)
    print(f"  {metric:9s} median {median:6.1f} ms (best {best:.1f} ms), peak memory {peak_memory(big, metric):.0f} MiB")
PY
