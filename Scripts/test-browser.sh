#!/usr/bin/env bash
# The browser test of `semhash serve`: indexes the sample corpus (small model, 4 topics), serves it on a
# free port of this machine, and drives the search page in Debian's Chromium with Playwright for Python
# (pinned to the release whose browser build matches Debian's Chromium; installed into .build/ on first
# run). Screenshots go to .build/browser-shots/, or to $SEMHASH_BROWSER_SHOTS (the README's
# Scripts/results/serve-page.png was taken on the 20 Newsgroups index, as below).
#
#   Scripts/test-browser.sh                     # the sample corpus
#   SEMHASH_BROWSER_INDEX=Indexes/20news.sqlite SEMHASH_BROWSER_SHOTS=Scripts/results \
#       SEMHASH_BROWSER_QUESTION="which graphics card works best with linux" Scripts/test-browser.sh
#
# Exit status 77 (skipped) when Chromium is not installed (Scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
    echo "test-browser: SKIPPED: $chromium is not installed (Scripts/setup.sh installs it: apt-get install chromium)" >&2
    exit 77
fi

playwright_version=1.64.1
venv=.build/playwright-$playwright_version
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import playwright" 2>/dev/null; then
    echo "test-browser: installing Playwright $playwright_version for Python into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "playwright==$playwright_version"
fi

swift build --product semhash >&2
semhash="$(swift build --show-bin-path)/semhash"
scratch=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

index=${SEMHASH_BROWSER_INDEX:-}
question=${SEMHASH_BROWSER_QUESTION:-rockets launch into orbit}
if [ -z "$index" ]; then
    index=$scratch/samples.sqlite
    "$semhash" index Corpora/samples --index "$index" --min-df 1 --quiet \
        --layers 32 --code 8 --pretrain-epochs 1 --fine-tune-epochs 3
    "$semhash" topics --index "$index" --count 4 --quiet > /dev/null
fi

start_serve "$semhash" "$index" "$scratch/serve.log" 10

shots=${SEMHASH_BROWSER_SHOTS:-.build/browser-shots}
mkdir -p "$shots"
"$venv/bin/python" Scripts/browser_test.py "$url" "$question" "$shots"
echo "test-browser: passed ($(grep -c ' ms$' "$scratch/serve.log") requests served)" >&2
