#!/usr/bin/env bash
# The recipe choices of BENCHMARKS.md ("a pretrained deep belief net fine-tuned with neighbour-aware
# targets", "Choices made on the validation split"), on the validation split of the 20 Newsgroups training
# set (Scripts/validation-split.sh), never on the test set: neighbour-aware targets (k, w), DBN pretraining
# against the Glorot start, the deep stack, and the hybrid fusion's lexical weight. Each row spells out its
# options, so the table does not depend on the defaults of the day. Writes Scripts/results/validate-recipe-<date>/.
#
#   bash Scripts/validate-recipe.sh [row ...]      # default: every row (hours on a loaded 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="$(release_product semhash)"
bash Scripts/validation-split.sh >/dev/null
split=Corpora/validation/20news
results="Scripts/results/validate-recipe-$(date -u +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"

declare -A rows=(
    [base]="--pretrain-epochs 0 --neighbours 0"
    [pre20]="--layers 500,250,125 --pretrain-epochs 20 --input scaledLogTFIDF --neighbours 0"
    [n10w5]="--pretrain-epochs 0 --neighbours 10 --neighbour-weight 0.5"
    [n20w5]="--pretrain-epochs 0 --neighbours 20 --neighbour-weight 0.5"
    [n40w5]="--pretrain-epochs 0 --neighbours 40 --neighbour-weight 0.5"
    [n20w7]="--pretrain-epochs 0 --neighbours 20 --neighbour-weight 0.7"
    [p20n20]="--pretrain-epochs 20 --input scaledLogTFIDF --neighbours 20 --neighbour-weight 0.5"
    [p20n20w7]="--pretrain-epochs 20 --input scaledLogTFIDF --neighbours 20 --neighbour-weight 0.7"
    [p20n20w7s3]="--pretrain-epochs 20 --input scaledLogTFIDF --neighbours 20 --neighbour-weight 0.7 --pretrain-learning-rate-scale 3"
)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=(base pre20 n10w5 n20w5 n40w5 n20w7 p20n20 p20n20w7 p20n20w7s3)
for row in "${selected[@]}"; do
    [ -n "${rows[$row]:-}" ] || { echo "Error: no row named $row (rows: ${!rows[*]})" >&2; exit 1; }
    # shellcheck disable=SC2086
    run index "$split/train" --index "$work/$row.sqlite" --strip usenet --quiet ${rows[$row]}
    run eval --index "$work/$row.sqlite" --queries "$split/validation" --strip usenet \
        --metric cosine --metric euclidean --metric hybrid --quiet > "$results/$row.md"
    run topics --index "$work/$row.sqlite" --count 20 --json --quiet > "$results/$row.topics.json"
    if [ "$row" = p20n20w7 ]; then
        for weight in 0.5 0.6 0.7; do
            run eval --index "$work/$row.sqlite" --queries "$split/validation" --strip usenet --metric hybrid \
                --baseline bm25 --lexical-weight "$weight" --quiet > "$results/lex-w$weight.md"
        done
    fi
done
grep -H "semhash-10" "$results"/*.md
