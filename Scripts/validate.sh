#!/usr/bin/env bash
# The settings choices of BENCHMARKS.md ("Choices made on the validation split"), on a validation split of the
# 20 Newsgroups training set (Scripts/validation-split.sh: four fifths database, one fifth queries), never on
# the test set: the term rules (basic against english), the vocabulary size (2,000, 5,000, 10,000) and the
# hybrid metric's shortlist (100, 200, 500). Writes Scripts/results/validate-<date>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="$(release_product semhash)"
bash Scripts/validation-split.sh >/dev/null
split=Corpora/validation/20news
results="Scripts/results/validate-$(date -u +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"
evaluate() { run eval --index "$1" --queries "$split/validation" --strip usenet "${@:2}" --quiet; }

run index "$split/train" --index "$work/basic-2000.sqlite" --strip usenet --vocabulary 2000 --term-rules basic --quiet
evaluate "$work/basic-2000.sqlite" --metric euclidean --metric cosine --baseline tfidf,bm25,lsa128 > "$results/basic-2000.md"
for size in 2000 5000 10000; do
    run index "$split/train" --index "$work/english-$size.sqlite" --strip usenet --vocabulary "$size" --quiet
    evaluate "$work/english-$size.sqlite" --metric euclidean --metric cosine --baseline tfidf,bm25,lsa128 > "$results/english-$size.md"
done
for shortlist in 100 200 500; do
    evaluate "$work/english-5000.sqlite" --metric hybrid --shortlist "$shortlist" > "$results/hybrid-$shortlist.md"
done
grep -H "semhash-10" "$results"/*.md
