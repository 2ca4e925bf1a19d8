#!/usr/bin/env bash
# Quality figures of BENCHMARKS.md: trains the default model (10-D real codes and a 64-bit hash head) on the
# 20 Newsgroups training set (--strip usenet) and on the Reuters-21578 ModApte training set, evaluates them on
# the test sets beside the baselines (the hash by Hamming distance beside LSA's thresholded codes of the same
# length), measures --bits 32 and --bits 128 indexes the same way (Scripts/evaluate-hashes.sh), and finds 20
# topics in the default 20 Newsgroups index (NMI and purity against the newsgroups). Writes indexes to
# Indexes/ and reports to Scripts/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/setup.sh
bash Scripts/fetch-corpora.sh >/dev/null
semhash="$(release_product semhash)"
results="Scripts/results/eval-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$results"

news=Corpora/data/20news-bydate
reuters=Corpora/data/reuters21578

rm -f Indexes/20news.sqlite* Indexes/reuters.sqlite*
run index "$news/20news-bydate-train" --index Indexes/20news.sqlite --strip usenet --quiet
run eval --index Indexes/20news.sqlite --queries "$news/20news-bydate-test" --strip usenet \
    --metric hybrid --metric cosine --metric euclidean --metric hamming --baseline tfidf,bm25,lsa,lsa128,lsh,lsa-bits \
    --out "$results/20news" --json --quiet > "$results/20news.json"
run eval --index Indexes/20news.sqlite --queries Corpora/questions/20news-short.tsv --format questions \
    --metric hybrid --metric cosine --metric euclidean --baseline tfidf,bm25,lsa128 \
    --out "$results/20news-short" --json --quiet > "$results/20news-short.json"
run topics --index Indexes/20news.sqlite --count 20 --json --quiet > "$results/20news-topics.json"
SEMHASH="$semhash" SEMHASH_BITS="32 128" SEMHASH_REUTERS=0 bash Scripts/evaluate-hashes.sh "$results/hashes"
run index "$reuters" --format reuters --split train --index Indexes/reuters.sqlite --quiet
run eval --index Indexes/reuters.sqlite --queries "$reuters" --format reuters --split test \
    --metric hybrid --metric cosine --metric euclidean --metric hamming --baseline tfidf,bm25,lsa,lsa128,lsa-bits \
    --out "$results/reuters" --json --quiet > "$results/reuters.json"
for report in 20news 20news-short hashes/20news-bits-32 hashes/20news-bits-128 reuters; do
    echo "## $report"
    cat "$results/$report/summary.md"
done | tee "$results/summary.md"
python3 -c 'import json, sys; a = json.load(open(sys.argv[1])); print("## 20news topics (K = 20)\nNMI %.3f, purity %.3f over the placed documents (NMI %.3f with the %d unassigned as a topic); mean NPMI %.3f" % (a["nmi"], a["purity"], a["nmi_with_unassigned"], a["unassigned"]["count"], a["mean_npmi"]))' \
    "$results/20news-topics.json" | tee -a "$results/summary.md"
