#!/usr/bin/env bash
# The main job on the default corpus: set up, fetch 20 Newsgroups, build, index its training set, ask
# three questions, show the topics. Re-running reuses the index when it is already complete.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/setup.sh
bash Scripts/fetch-corpora.sh
semhash="$(release_product semhash)"
index=Indexes/20news.sqlite

"$semhash" index Corpora/data/20news-bydate/20news-bydate-train --index "$index" --strip usenet
"$semhash" info --index "$index"
for question in "launching satellites into orbit" \
                "which graphics card works best with linux" \
                "gun control and the second amendment"; do
    echo
    echo "\$ semhash ask \"$question\""
    "$semhash" ask "$question" --index "$index" -k 5
done
echo
"$semhash" topics --index "$index" --count 20
echo
echo "Search the index from a browser (http://127.0.0.1:8080/) or over JSON (/api/ask?q=...); Ctrl-C stops:"
echo "  $semhash serve --index $index"
