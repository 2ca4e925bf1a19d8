#!/usr/bin/env bash
# A validation split of the Reuters-21578 ModApte training set, for choosing settings without looking at the
# test set: the training records (LEWISSPLIT="TRAIN", TOPICS="YES", at least one topic) in file order, every
# fifth one a validation query, the other four fifths the database, written as JSON Lines with the record's
# title, body and topics (`semhash index <file> --format jsonl` reads them as the Reuters reader does, up to
# its finer points: Scripts/reuters_records.py).
#
#   bash Scripts/validation-split-reuters.sh [reuters-folder] [output-folder]
#
# Defaults: Corpora/data/reuters21578 and Corpora/validation/reuters (git-ignored); writes
# <output>/train.jsonl and <output>/validation.jsonl, replacing earlier ones.
set -euo pipefail
cd "$(dirname "$0")/.."
source="${1:-Corpora/data/reuters21578}"
output="${2:-Corpora/validation/reuters}"
[ -d "$source" ] || { echo "Error: $source is not a folder; run Scripts/fetch-corpora.sh first" >&2; exit 1; }
mkdir -p "$output"
python3 - "$source" "$output" <<'PY'
import json, os, sys
sys.path.insert(0, "Scripts")
from reuters_records import records as read
source, output = sys.argv[1], sys.argv[2]
records = [document for attributes, document in read(source)
           if attributes.get("LEWISSPLIT") == "TRAIN" and attributes.get("TOPICS") == "YES" and document["labels"]]
with open(os.path.join(output, "train.jsonl"), "w") as train, open(os.path.join(output, "validation.jsonl"), "w") as validation:
    for position, record in enumerate(records):
        (validation if position % 5 == 4 else train).write(json.dumps(record) + "\n")
print(f"{len(records) - len(records) // 5} database and {len(records) // 5} validation documents in {output}")
PY
