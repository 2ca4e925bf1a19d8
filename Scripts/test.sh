#!/usr/bin/env bash
# Sets up the machine, then runs the whole test suite (debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
