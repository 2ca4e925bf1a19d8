#!/usr/bin/env bash
# A validation split of the Reuters-21578 ModApte training set, for choosing settings without looking at the
# test set: the training records (LEWISSPLIT="TRAIN", TOPICS="YES", at least one topic) in file order, every
# fifth one a validation query, the other four fifths the database, written as JSON Lines with the record's
# title, body and topics (`semhash index <file> --format jsonl` reads them as the Reuters reader does, up to
# its finer points: the sign-off line and SGML entities are handled here the same way in spirit, not byte
# for byte).
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
import html, json, os, re, sys
source, output = sys.argv[1], sys.argv[2]
def element(name, text):
    match = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", text, re.S)
    return match.group(1) if match else None
def story(text):
    text = html.unescape(text).replace("\x02", "").replace("\x03", "").strip()
    lines = text.split("\n")
    last = lines[-1].strip().lower()
    if last.endswith("^m"): last = last[:-2]
    if last.rstrip(".") in ("reuter", "reuters"): text = "\n".join(lines[:-1]).strip()
    return text
records = []
for name in sorted(n for n in os.listdir(source) if n.startswith("reut2-") and n.endswith(".sgm")):
    raw = open(os.path.join(source, name), "rb").read().decode("latin-1")
    for record in re.findall(r"<REUTERS(.*?)</REUTERS>", raw, re.S):
        tag = record[:record.index(">")]
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        if attributes.get("LEWISSPLIT") != "TRAIN" or attributes.get("TOPICS") != "YES": continue
        topics = re.findall(r"<D>(.*?)</D>", element("TOPICS", record) or "")
        if not topics: continue
        text = element("TEXT", record) or ""
        title = html.unescape((element("TITLE", text) or "").strip())
        body = element("BODY", text)
        if body is None and re.search(r"<TEXT[^>]*UNPROC", record): body = re.sub(r"<[^>]+>", " ", text)
        records.append({"id": attributes["NEWID"], "title": title, "text": story(body or ""),
                        "labels": [html.unescape(t) for t in topics]})
with open(os.path.join(output, "train.jsonl"), "w") as train, open(os.path.join(output, "validation.jsonl"), "w") as validation:
    for position, record in enumerate(records):
        (validation if position % 5 == 4 else train).write(json.dumps(record) + "\n")
print(f"{len(records) - len(records) // 5} database and {len(records) // 5} validation documents in {output}")
PY
