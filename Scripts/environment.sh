# Sourced by the scripts: the environment semhash builds and runs in.
# Debian's OpenBLAS predates this machine's CPU; the machine selects the Haswell kernels. Keep a value
# already set, and fall back to the same choice where the environment has none.
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
# Flags for release builds that need speed (POPCNT, FMA); a plain `swift build` works without them.
SEMHASH_RELEASE_FLAGS=(-c release -Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell)
# release_product NAME: builds product NAME for speed (build output on stderr) and prints its executable's path.
release_product() {
    swift build "${SEMHASH_RELEASE_FLAGS[@]}" --product "$1" >&2 || return 1
    echo "$(swift build "${SEMHASH_RELEASE_FLAGS[@]}" --show-bin-path)/$1"
}
