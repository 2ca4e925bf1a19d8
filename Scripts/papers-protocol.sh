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
#   bash Scripts/papers-protocol.sh evaluate    # + 32- and 64-bit hashing models, Hamming P@100 on the queries
#
# Writes Scripts/results/papers-<date>/ for `evaluate`.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="$(release_product semhash)"
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
        --layers 4 --code 2 --fine-tune-epochs 1 --quiet >/dev/null
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

evaluate() {
    results="Scripts/results/papers-$(date -u +%Y%m%d-%H%M%S)"
    mkdir -p "$results"
    run() { echo "\$ semhash $*" | tee -a "$results/commands.txt" >&2; "$semhash" "$@"; }
    for bits in 32 64; do
        run index "$out/database.jsonl" --format jsonl --index "$work/papers-$bits.sqlite" --stem porter \
            --vocabulary 10000 --code "$bits" --code-units logistic --quiet
        run eval --index "$work/papers-$bits.sqlite" --queries "$out/queries.jsonl" --format jsonl \
            --metric hamming --metric hybrid --baseline tfidf,lsa-bits --quiet > "$results/papers-$bits.md"
    done
    cat "$results"/papers-*.md
}

case "${1:-prepare}" in
    prepare) prepare ;;
    evaluate) [ -f "$out/database.jsonl" ] || prepare; evaluate ;;
    *) echo "Error: unknown step ${1}; use prepare or evaluate" >&2; exit 1 ;;
esac
