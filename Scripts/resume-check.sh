#!/usr/bin/env bash
# Resuming a killed training on real data: indexes the 20 Newsgroups training set with the 32-bit hashing
# model once uninterrupted, once killed with SIGKILL after KILL_AFTER seconds (default 20) of training and
# then resumed with --resume, and compares the two models and all codes byte for byte. Also reports the
# checkpoint's size and the resumed run's time and peak memory. Writes Scripts/results/resume-<timestamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/fetch-corpora.sh >/dev/null
semhash="$(release_product semhash)"
kill_after="${KILL_AFTER:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p Scripts/results
out="Scripts/results/resume-$(date -u +%Y%m%d-%H%M%S).txt"
say() { echo "$*" | tee -a "$out"; }
corpus=Corpora/data/20news-bydate/20news-bydate-train
flags=(--strip usenet --code 32 --code-units logistic)

say "# resume check $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
say "\$ semhash index $corpus --index reference.sqlite ${flags[*]} --quiet"
"$semhash" index "$corpus" --index "$work/reference.sqlite" "${flags[@]}" --quiet | sed "s|$work/||g" | tee -a "$out"

say "\$ semhash index $corpus --index resumed.sqlite ${flags[*]} --checkpoint-every 0   # SIGKILL ${kill_after} s after training starts"
"$semhash" index "$corpus" --index "$work/resumed.sqlite" "${flags[@]}" --checkpoint-every 0 >/dev/null 2>"$work/first.err" &
pid=$!
until grep -q '^training ' "$work/first.err" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
sleep "$kill_after"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
say "checkpoint: $(sqlite3 -readonly "$work/resumed.sqlite" "SELECT length(data) FROM checkpoints WHERE name = 'training'") bytes"
"$semhash" check --index "$work/resumed.sqlite" | sed "s|$work/||g" | tee -a "$out"

say "\$ semhash index $corpus --index resumed.sqlite ${flags[*]} --resume"
/usr/bin/time -f "resumed run: %e s wall, peak %M KiB" "$semhash" index "$corpus" --index "$work/resumed.sqlite" \
    "${flags[@]}" --resume 2>"$work/second.err" >/dev/null
grep -E '^resuming|^resumed run' "$work/second.err" | tee -a "$out"
"$semhash" check --index "$work/resumed.sqlite" | sed "s|$work/||g" | tee -a "$out"

same_model="$(sqlite3 "$work/resumed.sqlite" "ATTACH '$work/reference.sqlite' AS reference;
    SELECT (SELECT weights FROM model) = (SELECT weights FROM reference.model)")"
differing_codes="$(sqlite3 "$work/resumed.sqlite" "ATTACH '$work/reference.sqlite' AS reference;
    SELECT count(*) FROM documents d JOIN codes c ON c.document_id = d.id
    JOIN reference.documents rd ON rd.external_id = d.external_id JOIN reference.codes rc ON rc.document_id = rd.id
    WHERE c.code != rc.code OR c.hash != rc.hash")"
say "model identical to the uninterrupted run's: $([ "$same_model" = 1 ] && echo yes || echo NO)"
say "codes differing from the uninterrupted run's: $differing_codes of $(sqlite3 "$work/resumed.sqlite" 'SELECT count(*) FROM codes')"
say "# written to $out"
[ "$same_model" = 1 ] && [ "$differing_codes" = 0 ]
