# Sourced by the scripts: the environment semhash builds and runs in.
# Debian's OpenBLAS predates this machine's CPU; the machine selects the Haswell kernels. Keep a value
# already set, and fall back to the same choice where the environment has none.
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
# Flags for release builds that need speed (POPCNT, FMA; the Swift runtime and Foundation linked in, which
# takes a sixth off a short command's time: BENCHMARKS.md, "semhash ask"); a plain `swift build` works without them.
SEMHASH_RELEASE_FLAGS=(-c release -Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell --static-swift-stdlib)
# run ARGS...: runs "$semhash" ARGS after appending the command line to "$results/commands.txt" (and stderr), so
# that each result folder lists the commands that made it; the calling script sets $semhash and $results.
run() { echo "\$ semhash $*" | tee -a "$results/commands.txt" >&2; "$semhash" "$@"; }
# release_product NAME: builds product NAME for speed (build output on stderr) and prints its executable's path.
release_product() {
    swift build "${SEMHASH_RELEASE_FLAGS[@]}" --product "$1" >&2 || return 1
    echo "$(swift build "${SEMHASH_RELEASE_FLAGS[@]}" --show-bin-path)/$1"
}
# start_serve SEMHASH INDEX LOG SECONDS: starts `semhash serve` on INDEX on a free loopback port in the
# background (stderr to LOG), and waits up to SECONDS for it to print its address. Sets $server (its pid) and
# $url; returns 1, printing LOG, when the server exits or does not start in time.
start_serve() {
    "$1" serve --index "$2" --host 127.0.0.1 --port 0 2> "$3" &
    server=$!
    url=""
    local tries
    for tries in $(seq 1 $(($4 * 10))); do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$3" | head -n 1 || true)
        [ -n "$url" ] && return 0
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    echo "semhash serve did not start:" >&2
    cat "$3" >&2
    return 1
}

