#!/usr/bin/env bash
set -euo pipefail
S=/work/main/.build/x86_64-unknown-linux-gnu/release/semhash
split=/work/main/Corpora/validation/reuters
export OPENBLAS_CORETYPE=Haswell
cd /work/exp/ens
for seed in 1 2 3 4 5 6; do
  rm -f D$seed.sqlite Q$seed.sqlite
  /usr/bin/time -f "seed $seed index %e s" "$S" index "$split/train.jsonl" --format jsonl --index D$seed.sqlite --seed $seed --quiet > /dev/null
  "$S" index "$split/validation.jsonl" --format jsonl --index Q$seed.sqlite --model D$seed.sqlite --quiet > /dev/null
  echo "seed $seed done"
done
