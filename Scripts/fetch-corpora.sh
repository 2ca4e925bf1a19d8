#!/usr/bin/env bash
# Puts the real corpora under Corpora/data/ (git-ignored):
#   Corpora/data/20news-bydate/20news-bydate-{train,test}/<group>/<id>   (11,314 + 7,532 posts)
#   Corpora/data/reuters21578/reut2-{000..021}.sgm                      (22 SGML files)
# Each archive comes from the shared copy in ../shared/corpora next to the repository (or the folder in
# SEMHASH_SHARED_CORPORA), checked by SHA-256, else from its public home with curl, checked by counting
# the unpacked files. Idempotent: a corpus already unpacked and complete is left alone.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SEMHASH_SHARED_CORPORA:-$repo/../shared/corpora}"
data="$repo/Corpora/data"

say() { echo "fetch-corpora: $*" >&2; }
fail() { say "error: $*"; exit 1; }

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
    else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

count_files() { if [ -d "$1" ]; then find "$1" -type f | wc -l | tr -d ' '; else echo 0; fi; }
count_sgml() { if [ -d "$1" ]; then find "$1" -maxdepth 1 -name 'reut2-*.sgm' | wc -l | tr -d ' '; else echo 0; fi; }

twenty_complete() {
    [ "$(count_files "$data/20news-bydate/20news-bydate-train")" -eq 11314 ] &&
        [ "$(count_files "$data/20news-bydate/20news-bydate-test")" -eq 7532 ]
}
reuters_complete() { [ "$(count_sgml "$data/reuters21578")" -eq 22 ]; }

# Finds the archive: prints the path of a verified shared copy, or downloads into $2 and prints that.
obtain() { # name checksum url download-path
    local name="$1" checksum="$2" url="$3" download="$4"
    if [ -f "$shared/$name" ]; then
        if [ "$(sha256 "$shared/$name")" = "$checksum" ]; then
            say "$name: using the shared copy $shared/$name (SHA-256 verified)"
            echo "$shared/$name"
            return
        fi
        say "$name: the shared copy $shared/$name has the wrong SHA-256; downloading instead"
    fi
    command -v curl >/dev/null 2>&1 || fail "$name: no shared copy and no curl to download $url"
    say "$name: downloading $url"
    curl -fL --retry 3 --progress-bar -o "$download" "$url" || fail "$name: download from $url failed"
    echo "$download"
}

# Unpacks `archive` into a staging folder and moves the folder that holds `marker` (a file or folder at
# any depth, since archives differ in their top folder) to `target`, replacing it.
unpack() { # archive marker target
    local archive="$1" marker="$2" target="$3" staging found
    staging="$(mktemp -d "$data/.staging.XXXXXX")"
    tar -xzf "$archive" -C "$staging" || { rm -rf "$staging"; fail "cannot unpack $archive"; }
    found="$(find "$staging" -name "$marker" -print -quit)"
    [ -n "$found" ] || { rm -rf "$staging"; fail "$archive does not contain $marker"; }
    rm -rf "$target"
    mv "$(dirname "$found")" "$target"
    rm -rf "$staging"
}

mkdir -p "$data"
trap 'rm -rf "$data"/.staging.* "$data"/.download.*' EXIT

if twenty_complete; then
    say "20 Newsgroups: already in $data/20news-bydate (11,314 train + 7,532 test posts), nothing to do"
else
    download="$data/.download.20news-bydate.tar.gz"
    archive="$(obtain 20news-bydate.tar.gz affe0286b56e1dcbe469c17121bfb0e5d6052681cca6cde83b16c5101b2fedfc \
        http://qwone.com/~jason/20Newsgroups/20news-bydate.tar.gz "$download")"
    # The archive holds 20news-bydate-train/ and 20news-bydate-test/ side by side.
    unpack "$archive" 20news-bydate-train "$data/20news-bydate"
    twenty_complete || fail "20 Newsgroups: expected 11,314 + 7,532 posts, found \
$(count_files "$data/20news-bydate/20news-bydate-train") + $(count_files "$data/20news-bydate/20news-bydate-test")"
    say "20 Newsgroups: unpacked into $data/20news-bydate (11,314 train + 7,532 test posts)"
fi

if reuters_complete; then
    say "Reuters-21578: already in $data/reuters21578 (22 SGML files), nothing to do"
else
    download="$data/.download.reuters21578.tar.gz"
    archive="$(obtain reuters21578.tar.gz 4998a1f61cb0ae00ccac434fd31f201e1aeefbc5df5eaaef113175de89f14a86 \
        https://kdd.ics.uci.edu/databases/reuters21578/reuters21578.tar.gz "$download")"
    unpack "$archive" reut2-000.sgm "$data/reuters21578"
    reuters_complete || fail "Reuters-21578: expected 22 reut2-*.sgm files, found $(count_sgml "$data/reuters21578")"
    say "Reuters-21578: unpacked into $data/reuters21578 (22 SGML files)"
fi
