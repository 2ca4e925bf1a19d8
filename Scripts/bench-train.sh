#!/usr/bin/env bash
# Model benchmark: wall time and GFLOP/s of the default training on the 20 Newsgroups training set
# (--strip usenet), stage by stage (each RBM, fine-tuning, the hash head's fine-tuning, the neighbour graph),
# beside a plain cblas_sgemm of the first layer's shape measured in the same run (FLOPs as done: the word
# layer's sparse products count their stored entries); then the time to tokenize, encode and store the
# 7,532 test documents with `semhash add`.
# Writes Scripts/results/train-<date>.txt. Options are passed to `semhash index` (e.g. --pretrain-epochs 2).
#
# SEMHASH=path/to/semhash uses that build instead of building one (to time two builds in the same minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/fetch-corpora.sh >/dev/null
semhash="${SEMHASH:-$(release_product semhash)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
news=Corpora/data/20news-bydate
mkdir -p Scripts/results
out="Scripts/results/train-$(date -u +%Y%m%d-%H%M%S).txt"
{
    echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
    "$semhash" index "$news/20news-bydate-train" --index "$work/20news.sqlite" --strip usenet --json --quiet "$@" > "$work/index.json"
    "$semhash" add "$news/20news-bydate-test" --index "$work/20news.sqlite" --strip usenet --json --quiet > "$work/add.json"
    python3 - "$work/index.json" "$work/add.json" <<'PY'
import json, sys
index = json.load(open(sys.argv[1])); add = json.load(open(sys.argv[2]))
report = index["training"]
print(f"training {index['model']} on {report['trainingDocuments']} documents, {report['threads']} BLAS threads: "
      f"{report['totalSeconds']:.1f} s in all (index command {index['seconds']:.1f} s)")
for stage in report["stages"]:
    name = f"{stage['phase']} {stage['shape']}"
    rate = stage["flops"] / stage["seconds"] / 1e9 if stage["seconds"] else 0
    print(f"  {name:40s} {stage['seconds']:7.1f} s  {stage['flops'] / 1e9:8.1f} GFLOP  {rate:6.1f} GFLOP/s  "
          f"({rate / report['referenceProductGFLOPS'] * 100:.0f}% of the plain sgemm)")
if report.get("neighbourGraphSeconds") is not None:
    print(f"  {'neighbour graph':40s} {report['neighbourGraphSeconds']:7.1f} s")
print(f"  plain cblas_sgemm of the first layer's shape, same run: {report['referenceProductGFLOPS']:.1f} GFLOP/s")
print(f"encoding: `semhash add` of {add['documents_read']} test documents (read, tokenize, encode, store): {add['seconds']:.2f} s")
PY
} | tee "$out"
