#!/usr/bin/env bash
# Topic figures of BENCHMARKS.md and the README's map: on the default 20 Newsgroups index (built when
# missing), NMI, purity, the unassigned group and NPMI coherence beside k-means on LSA-100
# (semhash-bench topic-quality), the topics with their tree, and the map as SVG, rendered to PNG when
# rsvg-convert or chromium is installed. Writes Scripts/results/topics-<date>.txt, -map.svg and -map.png.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
semhash="$(release_product semhash)"
bench="$(release_product semhash-bench)"
index=Indexes/20news.sqlite
stamp="$(date -u +%Y%m%d-%H%M%S)"
out="Scripts/results/topics-$stamp"
if [ ! -f "$index" ]; then
    "$semhash" index Corpora/data/20news-bydate/20news-bydate-train --strip usenet --index "$index" --quiet
fi
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "\$ semhash-bench topic-quality --index $index --count 20"
    "$bench" topic-quality --index "$index" --count 20
    echo "\$ semhash topics --index $index --count 20 --tree --plot $out-map.svg"
    "$semhash" topics --index "$index" --count 20 --tree --plot "$out-map.svg" --quiet
} | tee "$out.txt"
if command -v rsvg-convert >/dev/null; then
    rsvg-convert --background-color=white "$out-map.svg" -o "$out-map.png"
elif command -v chromium >/dev/null; then
    chromium --headless --no-sandbox --disable-gpu --window-size=1000,720 --screenshot="$PWD/$out-map.png" \
        "file://$PWD/$out-map.svg" >/dev/null 2>&1
fi
[ -f "$out-map.png" ] && echo "map: $out-map.png" || echo "map: $out-map.svg (no SVG renderer for a PNG)"
