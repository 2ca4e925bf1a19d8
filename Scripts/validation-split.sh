#!/usr/bin/env bash
# A validation split of the 20 Newsgroups training set, for choosing settings without looking at the test
# set: every fifth file of each newsgroup (in byte order of name) becomes a validation query, the other four
# fifths the database. Both halves are folders of symbolic links into the training set, so `semhash index`
# and `semhash eval --queries` read them like the original folders (labels from the newsgroup folder).
#
#   bash Scripts/validation-split.sh [train-folder] [output-folder]
#
# Defaults: Corpora/data/20news-bydate/20news-bydate-train and Corpora/validation/20news (git-ignored);
# writes <output>/train and <output>/validation, replacing earlier ones.
set -euo pipefail
cd "$(dirname "$0")/.."
source=$(realpath "${1:-Corpora/data/20news-bydate/20news-bydate-train}")
output="${2:-Corpora/validation/20news}"
[ -d "$source" ] || { echo "Error: $source is not a folder; run Scripts/fetch-corpora.sh first" >&2; exit 1; }
rm -rf "$output/train" "$output/validation"
mkdir -p "$output/train" "$output/validation"
for group in "$source"/*/; do
    name=$(basename "$group")
    mkdir -p "$output/train/$name" "$output/validation/$name"
    position=0
    while IFS= read -r file; do
        part=train
        [ $((position % 5)) -eq 4 ] && part=validation
        ln -s "$group$file" "$output/$part/$name/$file"
        position=$((position + 1))
    done < <(LC_ALL=C ls "$group")
done
echo "$(find "$output/train" -type l | wc -l) database and $(find "$output/validation" -type l | wc -l) validation documents in $output"
