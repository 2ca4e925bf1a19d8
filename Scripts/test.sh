#!/usr/bin/env bash
# Sets up the machine, then runs the whole test suite (debug build), then the PostgreSQL store's tests
# against a throwaway PostgreSQL 15 server (skipped, saying so, when the server binaries are absent).
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
