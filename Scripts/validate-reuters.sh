#!/usr/bin/env bash
# Settings for Reuters-21578, chosen on the validation split of its ModApte training set
# (Scripts/validation-split-reuters.sh), never on the test set: the default recipe against variants of its
# neighbour-aware targets, the Glorot start and the hash head's word layers and epochs, each measured with its
# baselines (BM25, LSA-128, LSA's thresholded codes) in the same run. Each row spells out its options.
# Writes Scripts/results/validate-reuters-<date>/.
#
#   bash Scripts/validate-reuters.sh [row ...]      # default: every row
#
# SEMHASH=path/to/semhash uses that build instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="${SEMHASH:-$(release_product semhash)}"
bash Scripts/validation-split-reuters.sh >/dev/null
split=Corpora/validation/reuters
results="Scripts/results/validate-reuters-$(date -u +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"

declare -A rows=(
    [default]=""
    [k40]="--neighbours 40"
    [k10]="--neighbours 10"
    [f25]="--fine-tune-epochs 25"
    [k40-f25]="--neighbours 40 --fine-tune-epochs 25"
    [w8]="--neighbour-weight 0.8"
    [w5]="--neighbour-weight 0.5"
    [glorot]="--pretrain-epochs 0"
    [hash-retrained]="--fine-tune-epochs 20 --hash-word-layers retrained --hash-epochs 20"
    [hash-softmax-kept-h15]="--fine-tune-epochs 20 --hash-word-layers softmaxKept --hash-epochs 15"
    [f15-softmax-kept-h15]="--fine-tune-epochs 15 --hash-word-layers softmaxKept --hash-epochs 15"
    [f15-softmax-kept-h10]="--fine-tune-epochs 15 --hash-word-layers softmaxKept --hash-epochs 10"
    [f15-softmax-kept-h6]="--fine-tune-epochs 15 --hash-word-layers softmaxKept --hash-epochs 6"
)
for row in ${@:-default k40 k10 f25 k40-f25 w8 w5 glorot hash-retrained hash-softmax-kept-h15 f15-softmax-kept-h15 f15-softmax-kept-h10 f15-softmax-kept-h6}; do
    [ -n "${rows[$row]+set}" ] || { echo "Error: unknown row $row; rows: ${!rows[*]}" >&2; exit 1; }
    echo "# $row: $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/commands.txt"
    # shellcheck disable=SC2086
    run index "$split/train.jsonl" --format jsonl --index "$work/$row.sqlite" --quiet ${rows[$row]}
    run eval --index "$work/$row.sqlite" --queries "$split/validation.jsonl" --format jsonl \
        --metric hybrid --metric cosine --metric euclidean --metric hamming --baseline bm25,lsa128,lsa-bits --quiet > "$results/$row.md"
done
grep -H "semhash-\|bm25 \|lsa-" "$results"/*.md
