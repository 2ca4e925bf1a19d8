#!/usr/bin/env bash
# Hash figures of BENCHMARKS.md ("A real hash in every index"): indexes the 20 Newsgroups training set
# (--strip usenet) with the default model (10-D real code and a 64-bit hash head) and with --bits 32 and
# --bits 128, and the Reuters-21578 ModApte training set with the default model; evaluates each hash by
# Hamming distance on the test set beside LSA's thresholded codes of the same length (lsa-bits takes the
# model's hash length) and LSH, with the real codes (Euclidean) in the same run. Also run by evaluate.sh.
#
#   bash Scripts/evaluate-hashes.sh [results-folder]
#
# SEMHASH=path/to/semhash uses that build instead of building one. Writes Indexes/20news-bits-*.sqlite,
# Indexes/reuters-bits-64.sqlite and, per run, a summary and the training report (from `semhash info`).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="${SEMHASH:-$(release_product semhash)}"
results="${1:-Scripts/results/hashes-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$results"
news=Corpora/data/20news-bydate
reuters=Corpora/data/reuters21578
[ -d "$news" ] && [ -d "$reuters" ] || bash Scripts/fetch-corpora.sh >/dev/null
report() {
    # report NAME INDEX: the training report and the quality summary of one run.
    "$semhash" info --index "$2" --json --terms 0 > "$results/$1-info.json"
    python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))["model"]; t = m["training"]
t["total_seconds"] = t.get("total_seconds", t.get("totalSeconds"))  # camelCase before 2026-12-07
print("%s (%s): trained in %.0f s; real-code fine-tuning %.0f s, hash fine-tuning %.0f s" % (m["architecture"]["layers"],
      m["architecture"].get("hash_bits", m["architecture"].get("hashBits")), t["total_seconds"],
      sum(s["seconds"] for s in t["stages"] if s["phase"] == "fine-tuning"),
      sum(s["seconds"] for s in t["stages"] if s["phase"] == "hash fine-tuning")))' "$results/$1-info.json" \
        | tee "$results/$1-training.txt"
    uptime >> "$results/$1-training.txt"
}

for bits in ${SEMHASH_BITS:-64 32 128}; do
    name="20news-bits-$bits"
    # 64 bits is the default: that index is made with no model option at all.
    options=()
    [ "$bits" = 64 ] || options=(--bits "$bits")
    rm -f "Indexes/$name.sqlite"*
    run index "$news/20news-bydate-train" --index "Indexes/$name.sqlite" --strip usenet "${options[@]}" --quiet
    report "$name" "Indexes/$name.sqlite"
    run eval --index "Indexes/$name.sqlite" --queries "$news/20news-bydate-test" --strip usenet \
        --metric hamming --metric euclidean --baseline lsa-bits,lsh --out "$results/$name" --quiet > "$results/$name.md"
done
if [ "${SEMHASH_REUTERS:-1}" = 1 ]; then
    rm -f Indexes/reuters-bits-64.sqlite*
    run index "$reuters" --format reuters --split train --index Indexes/reuters-bits-64.sqlite --quiet
    report reuters-bits-64 Indexes/reuters-bits-64.sqlite
    run eval --index Indexes/reuters-bits-64.sqlite --queries "$reuters" --format reuters --split test \
        --metric hamming --metric euclidean --baseline lsa-bits,lsh --out "$results/reuters-bits-64" --quiet \
        > "$results/reuters-bits-64.md"
fi
for summary in "$results"/*/summary.md; do
    echo "## $(basename "$(dirname "$summary")")"
    cat "$summary"
done | tee "$results/summary.md"
