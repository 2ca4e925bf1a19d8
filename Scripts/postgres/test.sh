#!/usr/bin/env bash
# Tests the PostgreSQL store against a real PostgreSQL 15: starts a throwaway server in a temporary folder,
# runs Scripts/postgres/check-search.py (schema and in-database search), then the Swift tests of the store
# (`swift test --filter Postgres`, which skip without the server: SEMHASH_TEST_POSTGRES_URL names it), and
# stops the server (also on failure or interruption). Exits non-zero on any failure.
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
export SEMHASH_TEST_POSTGRES_URL="postgresql://$PGUSER@/$PGDATABASE?host=$PGHOST&port=$PGPORT"
cd "$here/../.."
swift test --filter 'Postgres' "$@"
