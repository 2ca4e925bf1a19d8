#!/usr/bin/env bash
# Fuzzes the tokenizer, the --strip usenet cleaner, text decoding and the JSONL, Reuters and folder readers
# under libFuzzer (with AddressSanitizer when it builds) for a fixed time per target, seeded from the test
# fixtures and the sample corpus; falls back to the seeded random-input harness when libFuzzer cannot be
# built. Writes Scripts/results/fuzz-<date>.txt; crash inputs are kept under .build-fuzz/crashes/.
# Usage: Scripts/fuzz.sh [seconds-per-target]   (default 60; long-line runs take a quarter of that more)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
seconds="${1:-60}"
long_seconds=$(( (seconds + 3) / 4 ))
work=.build-fuzz
targets=(tokenizer usenet decoding jsonl reuters folder)
long_targets=(tokenizer usenet decoding jsonl reuters)
mkdir -p "$work"/{seeds,corpus,crashes,logs,tmp} Scripts/results
export TMPDIR="$PWD/$work/tmp"

# Build: libFuzzer + ASan, else libFuzzer alone, else the plain harness.
base=(--scratch-path "$work" -c release --product semhash-fuzz -Xswiftc -DFUZZING)
mode=""
if swift build "${base[@]}" -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
    >"$work/logs/build.log" 2>&1; then
    mode="libFuzzer + AddressSanitizer"
elif swift build "${base[@]}" -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link \
    >>"$work/logs/build.log" 2>&1; then
    mode="libFuzzer (AddressSanitizer did not build; see $work/logs/build.log)"
else
    echo "fuzz.sh: libFuzzer build failed (see $work/logs/build.log); using the seeded random-input harness" >&2
    swift build --product semhash-fuzz >/dev/null
    mode="seeded random-input harness (libFuzzer did not build; see $work/logs/build.log)"
fi

out="Scripts/results/fuzz-$(date -u +%Y%m%d-%H%M%S).txt"
{
    echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# mode: $mode; $seconds s per target, plus $long_seconds s with long inputs (up to 1 MiB)"
} | tee "$out"

if [[ "$mode" == seeded* ]]; then
    harness=("$(swift build --show-bin-path)/semhash-fuzz" --seconds "$seconds" --iterations 1000000000
             --artifacts "$work/harness")
    status=0
    for target in "${targets[@]}"; do
        echo "\$ ${harness[*]} --target $target" >>"$out"
        if "${harness[@]}" --target "$target" >>"$out" 2>"$work/logs/$target.log"; then :; else
            status=1
            cp "$work/harness/current-$target" "$work/crashes/$target-harness-crash"
            echo "$target: CRASH, input saved as $work/crashes/$target-harness-crash (log $work/logs/$target.log)" \
                | tee -a "$out"
        fi
    done
    exit "$status"
fi
fuzzer="$work/release/semhash-fuzz"

# Seeds: the fixture files as each target reads them (see SeedInputs.swift for the harness's equivalent).
fixtures=(Tests/SemanticHashingTests/Fixtures Corpora/samples)
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
for target in "${targets[@]}" long; do mkdir -p "$work/seeds/$target" "$work/corpus/$target"; done
index=0
while IFS= read -r -d '' file; do
    index=$((index + 1))
    relative="${file#*/*/}"
    for target in usenet decoding jsonl reuters; do cp "$file" "$work/seeds/$target/$index"; done
    { printf "\\x$(printf %02x $((index % 4)))"; cat "$file"; } >"$work/seeds/tokenizer/$index"
    { printf '%s\n' "$relative"; cat "$file"; } >"$work/seeds/folder/$index"
    { printf '%s\n' "$relative"; cat "$file"; printf '\0\0'; } >>"$work/seeds/folder/all"
done < <(find "${fixtures[@]}" -type f -not -name '.*' -print0 | sort -z)
# Long lines: a 512 KiB word-and-space line in each format.
line=$(head -c 98304 /dev/zero | tr '\0' 'x' | sed 's/x/word /g' | head -c 524288)
printf '\x00%s' "$line" >"$work/seeds/long/tokenizer"
printf 'Subject: long\n\n%s\n-- \nsig\n' "$line" >"$work/seeds/long/usenet"
printf '%s' "$line" >"$work/seeds/long/decoding"
printf '{"id":"long","text":"%s"}\n' "$line" >"$work/seeds/long/jsonl"
printf '<REUTERS NEWID="1">\n<TEXT><BODY>%s\n</BODY></TEXT>\n</REUTERS>\n' "$line" >"$work/seeds/long/reuters"

# Runs one target and appends its line to the summary. Arguments: target, seconds, max_len, a label for the
# run, then more libFuzzer flags and the seed folders. Long runs use -len_control=0 so that mutations reach
# max_len at once instead of growing slowly from short inputs.
status=0
run() {
    local target=$1 time=$2 max_len=$3 label=$4
    shift 4
    local log="$work/logs/$target-$label.log"
    local command=(env SEMHASH_FUZZ_TARGET="$target" "$fuzzer" -max_total_time="$time" -max_len="$max_len"
                   -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/crashes/$target-"
                   "$work/corpus/$target" "$@")
    echo "\$ ${command[*]}" >>"$out"
    local before
    before=$(ls "$work/crashes")
    "${command[@]}" >"$log" 2>&1 || status=1
    local runs speed found
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    found=$(comm -13 <(echo "$before") <(ls "$work/crashes") | sed "s|^|$work/crashes/|" | tr '\n' ' ')
    printf '%-9s %-5s %9s executions, %6s exec/s, max_len %7s, crashes: %s\n' "$target" "$label" "${runs:-?}" \
        "${speed:-?}" "$max_len" "${found:-none}" | tee -a "$out"
    [[ -n "$found" ]] && echo "  log: $log; first report: $(grep -m1 -E 'ERROR|Fatal error|fuzz invariant' "$log")" \
        | tee -a "$out"
    return 0
}
for target in "${targets[@]}"; do run "$target" "$seconds" 65536 short "$work/seeds/$target"; done
for target in "${long_targets[@]}"; do
    mkdir -p "$work/seeds/long-$target"
    cp "$work/seeds/long/$target" "$work/seeds/long-$target/"
    run "$target" "$long_seconds" 1048576 long -len_control=0 "$work/seeds/long-$target" "$work/seeds/$target"
done
echo "summary: $out"
exit "$status"
