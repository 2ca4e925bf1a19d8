#!/usr/bin/env bash
# Tests the PostgreSQL store's schema and in-database search against a real PostgreSQL 15: starts a
# throwaway server in a temporary folder, runs Scripts/postgres/check-search.py, stops the server (also on
# failure or interruption). Prints `N passed, N failed`; exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH
SEMHASH_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/semhash-postgres-test.XXXXXX")
export SEMHASH_POSTGRES_DIR
trap 'bash "$here/server.sh" stop' EXIT
bash "$here/server.sh" start
bash "$here/server.sh" start  # a second start finds the server running and does nothing
eval "$(bash "$here/server.sh" env)"
python3 "$here/check-search.py"
