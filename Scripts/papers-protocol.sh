#!/usr/bin/env bash
# The 20 Newsgroups protocol of the published semantic-hashing papers (VDSH, NASH, AMMI, SNUH), rebuilt from
# the bydate files so that semhash can stand beside their P@100 figures (issue 12, item 7):
#   - each post keeps its Subject line and its body (quotes and signatures too); other headers are dropped;
#   - Porter stemming (`--stem porter`), a 10,000-word vocabulary chosen on the training set;
#   - documents with fewer than 10 or more than 500 distinct vocabulary terms are removed (the papers report
#     11,016 database documents);
#   - half of the test set (every other remaining test post, in path order) are the queries (3,668 in the
#     papers); the other half is the validation half on which settings may be chosen.
# Difference: the papers use the SMART stop-word list; semhash uses its own English list (StopWords.english).
#
#   bash Scripts/papers-protocol.sh prepare     # writes Corpora/papers/{database,queries,validation}.jsonl
#   bash Scripts/papers-protocol.sh validate    # the settings under choice, on the validation half only
#   PAPERS_OPTIONS="..." bash Scripts/papers-protocol.sh evaluate
#                                               # the chosen settings: 32- and 64-bit hashes, P@k on the queries
#
# `validate` and `evaluate` train the default recipe (a 10-D real code and a hash head of 32 or 64 bits) on the
# database and write Scripts/results/papers-<step>-<date>/. SEMHASH=path/to/semhash uses that build.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="${SEMHASH:-$(release_product semhash)}"
news=Corpora/data/20news-bydate
out=Corpora/papers
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

prepare() {
    # Subject + body of every post as JSONL, labelled by newsgroup.
    python3 - "$news" "$work" <<'PY'
import json, os, sys
news, work = sys.argv[1], sys.argv[2]
for part in ("train", "test"):
    root = os.path.join(news, f"20news-bydate-{part}")
    with open(os.path.join(work, f"{part}.jsonl"), "w") as out:
        for group in sorted(os.listdir(root)):
            for name in sorted(os.listdir(os.path.join(root, group)), key=lambda n: n.encode()):
                raw = open(os.path.join(root, group, name), "rb").read()
                try: text = raw.decode("utf-8")
                except UnicodeDecodeError: text = raw.decode("latin-1")
                head, _, body = text.partition("\n\n")
                subject = next((line[8:].strip() for line in head.splitlines() if line.lower().startswith("subject:")), "")
                out.write(json.dumps({"id": f"{part}/{group}/{name}", "text": subject + "\n" + body, "labels": [group]}) + "\n")
PY
    # Count each document's distinct vocabulary terms with a throwaway index (a tiny model: only the bags matter).
    "$semhash" index "$work/train.jsonl" --format jsonl --index "$work/count.sqlite" --stem porter --vocabulary 10000 \
        --layers 4 --code 2 --code-units logistic --pretrain-epochs 0 --neighbours 0 --fine-tune-epochs 1 --quiet >/dev/null
    "$semhash" add "$work/test.jsonl" --format jsonl --index "$work/count.sqlite" --quiet >/dev/null
    python3 - "$work" "$out" <<'PY'
import json, os, sqlite3, sys
work, out = sys.argv[1], sys.argv[2]
distinct = dict(sqlite3.connect(os.path.join(work, "count.sqlite")).execute(
    "SELECT external_id, length(bag) / 8 FROM documents"))
kept = lambda line: 10 <= distinct[json.loads(line)["id"]] <= 500
train = [line for line in open(os.path.join(work, "train.jsonl")) if kept(line)]
test = [line for line in open(os.path.join(work, "test.jsonl")) if kept(line)]
open(os.path.join(out, "database.jsonl"), "w").writelines(train)
open(os.path.join(out, "queries.jsonl"), "w").writelines(test[0::2])
open(os.path.join(out, "validation.jsonl"), "w").writelines(test[1::2])
print(f"{len(train)} database documents, {len(test[0::2])} queries, {len(test[1::2])} validation documents in {out}")
PY
}

# train BITS OPTIONS...: one model of the papers' protocol (the default recipe with a BITS-bit hash head) into
# $work/papers-BITS.sqlite; each run's training report goes beside its results.
train() {
    local bits="$1"; shift
    run index "$out/database.jsonl" --format jsonl --index "$work/papers-$bits.sqlite" --stem porter \
        --vocabulary 10000 --bits "$bits" "$@" --quiet
    "$semhash" info --index "$work/papers-$bits.sqlite" --json --terms 0 > "$results/papers-$bits-info.json"
}

# measure BITS PART: Hamming P@k of the BITS-bit hash on PART (validation or queries), with the real codes, the
# default metric and the baselines in the same run.
measure() {
    run eval --index "$work/papers-$1.sqlite" --queries "$out/$2.jsonl" --format jsonl \
        --metric hamming --metric cosine --metric hybrid --baseline tfidf,bm25,lsa-bits --quiet > "$results/papers-$1-$2.md"
}

# validate: the settings under choice, each measured on the validation half only. PAPERS_ROWS names rows of
# the table below (default: all).
validate() {
    declare -A rows=(
        [default]=""
        [glorot]="--pretrain-epochs 0"
        [hash-retrained]="--fine-tune-epochs 20 --hash-word-layers retrained --hash-epochs 20"
        [hash-softmax-kept]="--fine-tune-epochs 20 --hash-word-layers softmaxKept --hash-epochs 20"
        [hash-kept]="--fine-tune-epochs 20 --hash-word-layers kept --hash-epochs 20"
        [hash-softmax-kept-h15]="--fine-tune-epochs 20 --hash-word-layers softmaxKept --hash-epochs 15"
    )
    for row in ${PAPERS_ROWS:-${!rows[@]}}; do
        for bits in 32 64; do
            train "$bits" ${rows[$row]}
            measure "$bits" validation
            mv "$results/papers-$bits-validation.md" "$results/$row-$bits-validation.md"
            mv "$results/papers-$bits-info.json" "$results/$row-$bits-info.json"
        done
    done
}

# evaluate: the chosen settings (PAPERS_OPTIONS, default none: the default recipe) on the queries, and on the
# validation half again in the same run.
evaluate() {
    for bits in 32 64; do
        train "$bits" ${PAPERS_OPTIONS:-}
        measure "$bits" validation
        measure "$bits" queries
    done
    head -n 8 "$results"/papers-*-queries.md
}

step="${1:-prepare}"
case "$step" in
    prepare) prepare ;;
    validate|evaluate)
        [ -f "$out/database.jsonl" ] || prepare
        results="Scripts/results/papers-$step-$(date -u +%Y%m%d-%H%M%S)"
        mkdir -p "$results"
        echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$results/commands.txt"
        "$step" ;;
    *) echo "Error: unknown step $step; use prepare, validate or evaluate" >&2; exit 1 ;;
esac
