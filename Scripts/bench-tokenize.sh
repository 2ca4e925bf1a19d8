#!/usr/bin/env bash
# Foundation benchmark: tokenize + count throughput over the 20 Newsgroups training set (--strip usenet),
# release build, median of runs. Writes Scripts/results/tokenize-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/fetch-corpora.sh >/dev/null
bench="$(release_product semhash-bench)"
mkdir -p Scripts/results
out="Scripts/results/tokenize-$(date -u +%Y%m%d-%H%M%S).txt"
{
    echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$bench" tokenize Corpora/data/20news-bydate/20news-bydate-train --strip usenet --repeats "${REPEATS:-5}"
} | tee "$out"
