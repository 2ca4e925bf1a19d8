#!/usr/bin/env bash
# Load test of `semhash serve` on the 20 Newsgroups index with wrk (a real HTTP load generator): latency
# p50/p99 and throughput of GET /api/ask (questions drawn in turn from a list of 12, k = 10, metric=euclidean
# unless METRIC says otherwise: the figures in BENCHMARKS.md were first taken with it, before hybrid became the
# default ranking) at 1, 8 and 64 concurrent connections; the server's resident memory after start and after
# 100,000 and 200,000 requests (MEMORY_CHECKS=0 leaves these out); and, in the same run, the median of a whole
# `semhash ask` process for comparison. The server and wrk share this machine's cores. Only 127.0.0.1 is used.
# Needs Indexes/20news.sqlite (Scripts/demo.sh builds it), or INDEX=path; QUESTIONS=file replaces the 12
# questions (one per line; each must have a word of the index's vocabulary). SEMHASH=path/to/semhash uses that
# build instead of building one. Writes Scripts/results/serve-<date>.txt.
#
#   [INDEX=…] [QUESTIONS=…] [METRIC=hybrid] [SECONDS_PER_RUN=10] [MEMORY_CHECKS=0] [SEMHASH=…] bash Scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
index=${INDEX:-Indexes/20news.sqlite}
seconds=${SECONDS_PER_RUN:-10}
metric=${METRIC:-euclidean}
memory_checks=${MEMORY_CHECKS:-1}
[ -f "$index" ] || { echo "bench-serve: $index is missing: run Scripts/demo.sh first" >&2; exit 1; }
command -v wrk > /dev/null || { echo "bench-serve: wrk is missing: run Scripts/setup.sh" >&2; exit 1; }
semhash="${SEMHASH:-$(release_product semhash)}"
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p Scripts/results
out="Scripts/results/serve-$(date -u +%Y%m%d-%H%M%S).txt"

cat > "$work/ask.lua" <<'LUA'
-- Each request asks the next question of the list; every answer must be 200.
local questions = {"launching satellites into orbit", "which graphics card works best with linux",
  "gun control and the second amendment", "is there life after death", "hockey playoff scores",
  "selling a used car", "encryption and the clipper chip", "motorcycle helmets and safety",
  "middle east peace talks", "windows printer driver problems", "baseball pitching statistics",
  "medical treatment for migraines"}
local file = os.getenv("QUESTIONS")
if file and file ~= "" then
  questions = {}
  for line in io.lines(file) do if line ~= "" then questions[#questions + 1] = line end end
end
local counter = 0
request = function()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]:gsub(" ", "+")
  return wrk.format("GET", "/api/ask?q=" .. q .. "&k=10&metric=" .. os.getenv("METRIC"))
end
LUA
export METRIC="$metric" QUESTIONS="${QUESTIONS:-}"
first_question=$(if [ -n "${QUESTIONS:-}" ]; then head -n 1 "$QUESTIONS"; else echo "launching satellites into orbit"; fi)

start_serve "$semhash" "$index" "$work/serve.log" 120

python3 - "$semhash" "$index" "$url" "$server" "$work" "$seconds" "$metric" "$memory_checks" "$first_question" <<'PY' | tee "$out"
import json, os, re, statistics, subprocess, sys, time, urllib.parse, urllib.request
semhash, index, url, pid, work, seconds, metric, memory_checks, question = sys.argv[1:10]
seconds = int(seconds)

def rss_mib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"): return int(line.split()[1]) / 1024

def wrk(connections, duration):
    threads = min(connections, 2)
    done = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s", "--latency",
                           "-s", f"{work}/ask.lua", url], capture_output=True, text=True, check=True)
    text = done.stdout
    if "Non-2xx" in text or "Socket errors" in text: sys.exit("wrk saw failed requests:\n" + text)
    def latency(p):
        value, unit = re.search(rf"\s{p}%\s+([0-9.]+)(us|ms|s)\b", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
    return latency(50), latency(99), rate, requests

load = open("/proc/loadavg").read().split()[:3]
print(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {os.cpu_count()} cores, load {' '.join(load)}")
answer = json.load(urllib.request.urlopen(url + f"api/ask?q={urllib.parse.quote_plus(question)}&k=10&metric={metric}"))
assert [h["rank"] for h in answer["hits"]] == list(range(1, 11)), "the server answers 10 ranked hits"
info = json.load(urllib.request.urlopen(url + "api/info?terms=0"))
print(f"semhash serve on {index} ({info['documents']} documents); GET /api/ask, k = 10, {metric}, {seconds} s per run")
print(f"  resident memory after start: {rss_mib():.0f} MiB")
total = 0
print("  connections   p50 ms   p99 ms   requests/s")
for connections in (1, 8, 64):
    p50, p99, rate, requests = wrk(connections, seconds)
    total += requests
    print(f"  {connections:11d} {p50:8.2f} {p99:8.2f} {rate:12.0f}")
checkpoints = []
for target in (100_000, 200_000) if memory_checks != "0" else ():
    while total < target:
        total += wrk(8, 5)[3]
    checkpoints.append((total, rss_mib()))
for count, rss in checkpoints:
    print(f"  resident memory after {count} requests: {rss:.0f} MiB")

times = []
for run in range(11):
    start = time.perf_counter()
    subprocess.run([semhash, "ask", question, "--index", index, "-k", "10", "--json",
                    "--metric", metric],
                   capture_output=True, check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"  the same question as a `semhash ask` process: median {statistics.median(times):.1f} ms (11 runs)")
PY
