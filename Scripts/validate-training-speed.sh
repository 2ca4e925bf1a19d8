#!/usr/bin/env bash
# What the default training can save towards issue 12's 90-second target without losing answers, on the
# validation split of the 20 Newsgroups training set (Scripts/validation-split.sh), never on the test set:
# fewer epochs, the word-layer RBM's drawn tokens, the hash head's epochs and word layers, the fine-tuning
# batch. Each row spells out every option it varies, so the table does not depend on the defaults of the day;
# each records the training's seconds stage by stage (`index --json`) and measures the real codes (cosine), the
# hash (Hamming) and `ask`'s default (hybrid) with BM25 and LSA-128 in the same run. Rows run one after another,
# so their seconds share the machine's load only roughly (the load is logged beside each row): quote speed from
# Scripts/bench-train.sh. Writes Scripts/results/validate-training-speed-<date>/.
#
#   bash Scripts/validate-training-speed.sh [row ...]      # default: every row
#
# SEMHASH=path/to/semhash uses that build instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="${SEMHASH:-$(release_product semhash)}"
bash Scripts/validation-split.sh >/dev/null
split=Corpora/validation/20news
results="Scripts/results/validate-training-speed-$(date -u +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"

mean="--word-reconstruction meanField"
tokens="--word-reconstruction sampledTokens"
retrained="--hash-word-layers retrained"
b256="--fine-tune-batch-size 256 --fine-tune-learning-rate 0.002 $tokens"
kept="$b256 --hash-word-layers kept"
softmax="$b256 --hash-word-layers softmaxKept"
declare -A rows=(
    [e20]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 128 $mean $retrained"
    [e10]="--pretrain-epochs 10 --fine-tune-epochs 10 --hash-epochs 10 --fine-tune-batch-size 128 $mean $retrained"
    [p10f20]="--pretrain-epochs 10 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 128 $mean $retrained"
    [p20f10]="--pretrain-epochs 20 --fine-tune-epochs 10 --hash-epochs 10 --fine-tune-batch-size 128 $mean $retrained"
    [tokens]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 128 $tokens $retrained"
    [tokens-h10]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 10 --fine-tune-batch-size 128 $tokens $retrained"
    [tokens-b256]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 256 $tokens $retrained"
    [tokens-b256-lr2]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 256 --fine-tune-learning-rate 0.002 $tokens $retrained"
    [tokens-b256-lr2-h10]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 10 --fine-tune-batch-size 256 --fine-tune-learning-rate 0.002 $tokens $retrained"
    [tokens-b512-lr4]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 --fine-tune-batch-size 512 --fine-tune-learning-rate 0.004 $tokens $retrained"
    [kept]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 $kept"
    [kept-h10]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 10 $kept"
    [kept-f15]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 10 $kept"
    [softmax]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 20 $softmax"
    [softmax-h15]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 15 $softmax"
    [softmax-h10]="--pretrain-epochs 20 --fine-tune-epochs 20 --hash-epochs 10 $softmax"
    [f15-softmax-h15]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 15 $softmax"
    [f15-softmax]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 20 $softmax"
    [f15-softmax-h12]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 12 $softmax"
    [f15-softmax-h10]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 10 $softmax"
    [f15-softmax-h8]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 8 $softmax"
    [f15-softmax-h6]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 6 $softmax"
    [f15-softmax-h4]="--pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 4 $softmax"
    [b32-f15-softmax-h15]="--bits 32 --pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 15 $softmax"
    [b32-f15-softmax-h6]="--bits 32 --pretrain-epochs 20 --fine-tune-epochs 15 --hash-epochs 6 $softmax"
)
for row in ${@:-e20 e10 p10f20 p20f10 tokens tokens-h10 tokens-b256 tokens-b256-lr2 tokens-b256-lr2-h10 tokens-b512-lr4 kept kept-h10 kept-f15 softmax softmax-h15 softmax-h10 f15-softmax-h15 f15-softmax f15-softmax-h12 f15-softmax-h10 f15-softmax-h8 f15-softmax-h6 f15-softmax-h4 b32-f15-softmax-h15 b32-f15-softmax-h6}; do
    [ -n "${rows[$row]+set}" ] || { echo "Error: unknown row $row; rows: ${!rows[*]}" >&2; exit 1; }
    echo "# $row: $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/commands.txt"
    # shellcheck disable=SC2086
    run index "$split/train" --index "$work/$row.sqlite" --strip usenet --json --quiet ${rows[$row]} > "$results/$row.index.json"
    run eval --index "$work/$row.sqlite" --queries "$split/validation" --strip usenet \
        --metric hybrid --metric cosine --metric hamming --baseline bm25,lsa128 --quiet > "$results/$row.md"
    python3 - "$results/$row.index.json" <<'PY' | tee -a "$results/seconds.txt"
import json, re, sys
def snake(value):
    # Builds before 2026-12-07 printed the training report's keys in camelCase: read either.
    if isinstance(value, dict):
        return {re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower(): snake(inner) for key, inner in value.items()}
    return [snake(inner) for inner in value] if isinstance(value, list) else value
report = snake(json.load(open(sys.argv[1]))["training"])
stages = ", ".join(f"{stage['phase']} {stage['shape']} {stage['seconds']:.1f} s" for stage in report["stages"])
print(f"{sys.argv[1].split('/')[-1].split('.')[0]}: {report['total_seconds']:.1f} s in all ({stages});"
      f" plain sgemm {report['reference_product_gflops']:.1f} GFLOP/s")
PY
done
grep -H "semhash-\|bm25 \|lsa-128" "$results"/*.md
