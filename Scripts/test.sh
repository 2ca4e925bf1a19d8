#!/usr/bin/env bash
# Sets up the machine, then runs the whole test suite (debug build), then the PostgreSQL store's tests
# against a throwaway PostgreSQL 15 server (skipped, saying so, when the server binaries are absent), then the
# browser test of `semhash serve` (Scripts/test-browser.sh; skipped, saying so, when Chromium is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh
bash Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    bash Scripts/postgres/test.sh
else
    echo "PostgreSQL tests skipped: PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin/initdb; Scripts/setup.sh installs it)"
fi
if [ $# -gt 0 ]; then
    echo "test: browser test not run (arguments given to swift test)" >&2
    exit 0
fi
status=0
bash Scripts/test-browser.sh || status=$?
if [ "$status" -eq 77 ]; then
    echo "test: browser test SKIPPED: Chromium is not installed (Scripts/setup.sh installs it)" >&2
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi
