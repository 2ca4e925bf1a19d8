#!/usr/bin/env bash
# The spectral teacher's weight (--spectral-weight: Self-Taught Hashing's spectral bits as targets of the hash
# units) on the validation split of the 20 Newsgroups training set (Scripts/validation-split.sh), never on the
# test set: one index per weight, all trained at the same time by the same binary on one BLAS thread each (so
# that they share the machine alike), then each index's hash measured by Hamming distance.
# Usage: bash Scripts/validate-spectral.sh BITS WEIGHT... (e.g. 32 0 2 10); SEMHASH=path skips the build;
# SEED=n trains with --seed n (default 1, the library's), its files named -seed<n>.
# Writes Scripts/results/spectral-<date>/ (commands.txt, the load, each eval and training report).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bits="$1"
shift
semhash="${SEMHASH:-$(release_product semhash)}"
seed="${SEED:-1}"
tag="bits$bits$([ "$seed" = 1 ] || echo "-seed$seed")"
[ -d Corpora/validation/20news/validation ] || bash Scripts/validation-split.sh >/dev/null
split=Corpora/validation/20news
results="Scripts/results/spectral-$(date -u +%Y%m%d)"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$results" "$work"
echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD), $bits bits, seed $seed, weights $*; load:$(cut -d' ' -f1-3 /proc/loadavg)" \
    >> "$results/commands.txt"
for weight in "$@"; do
    (
        index="$work/$tag-weight$weight.sqlite"
        rm -f "$index"
        run index "$split/train" --index "$index" --strip usenet --quiet --bits "$bits" --spectral-weight "$weight" \
            --threads 1 --seed "$seed"
        run info --index "$index" --json > "$results/info-$tag-weight$weight.json"
        run eval --index "$index" --queries "$split/validation" --strip usenet --metric hamming --quiet \
            > "$results/eval-$tag-weight$weight.md"
    ) &
done
wait
echo "# $(date -u +%FT%TZ) done; load:$(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/commands.txt"
grep -H "semhash" "$results"/eval-"$tag"-weight*.md
