#!/usr/bin/env bash
# Six more rows on Reuters' validation split: one `semhash index` of its database documents with the row's
# options, one `semhash eval` of its queries by cosine beside LSA-128.
set -euo pipefail
S=/work/main/.build/x86_64-unknown-linux-gnu/release/semhash
split=/work/main/Corpora/validation/reuters
out=/work/main/Scripts/results/reuters-unlabeled-20261207/rows
mkdir -p "$out"
export OPENBLAS_CORETYPE=Haswell
for row in "--input logCounts" "--input counts" "--input wordProbabilities" "--stem none" "--neighbours 0" "--seed 2"; do
    name=$(echo "$row" | tr -d '-' | tr ' ' '-')
    rm -f "/tmp/row.sqlite"
    # shellcheck disable=SC2086
    "$S" index "$split/train.jsonl" --format jsonl --index /tmp/row.sqlite $row --quiet > /dev/null
    echo "# semhash index train.jsonl --format jsonl $row; semhash eval --metric cosine --baseline lsa128" > "$out/$name.md"
    "$S" eval --index /tmp/row.sqlite --queries "$split/validation.jsonl" --format jsonl --metric cosine --baseline lsa128 --quiet >> "$out/$name.md"
done
