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
import json, re, sys
def snake(value):
    # Builds before 2026-12-07 printed the training report's keys in camelCase: read either.
    if isinstance(value, dict):
        return {re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower(): snake(inner) for key, inner in value.items()}
    return [snake(inner) for inner in value] if isinstance(value, list) else value
index = snake(json.load(open(sys.argv[1]))); add = json.load(open(sys.argv[2]))
report = index["training"]
print(f"training {index['model']} on {report['training_documents']} documents, {report['threads']} BLAS threads: "
      f"{report['total_seconds']:.1f} s in all (index command {index['seconds']:.1f} s)")
for stage in report["stages"]:
    name = f"{stage['phase']} {stage['shape']}"
    rate = stage["flops"] / stage["seconds"] / 1e9 if stage["seconds"] else 0
    print(f"  {name:40s} {stage['seconds']:7.1f} s  {stage['flops'] / 1e9:8.1f} GFLOP  {rate:6.1f} GFLOP/s  "
          f"({rate / report['reference_product_gflops'] * 100:.0f}% of the plain sgemm)")
if report.get("neighbour_graph_seconds") is not None:
    print(f"  {'neighbour graph':40s} {report['neighbour_graph_seconds']:7.1f} s")
print(f"  plain cblas_sgemm of the first layer's shape, same run: {report['reference_product_gflops']:.1f} GFLOP/s")
print(f"encoding: `semhash add` of {add['documents_read']} test documents (read, tokenize, encode, store): {add['seconds']:.2f} s")
PY
} | tee "$out"
