#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests and benchmarks: its data and its Unix socket live in one
# temporary folder, it listens on no TCP address, and `stop` removes the folder.
#
#   Scripts/postgres/server.sh start    start the server (does nothing when it already runs)
#   Scripts/postgres/server.sh env      print the connection settings: eval "$(Scripts/postgres/server.sh env)"
#   Scripts/postgres/server.sh stop     stop the server and delete its folder (does nothing when none runs)
#
# The folder is $SEMHASH_POSTGRES_DIR, by default one per checkout under ${TMPDIR:-/tmp}. PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` user (runuser); its superuser is `postgres`
# and local connections are trusted (the socket folder is the only way in). fsync is off unless
# SEMHASH_POSTGRES_FSYNC=on: the data is thrown away anyway.
set -euo pipefail

bin=${SEMHASH_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
checkout=$(cd "$(dirname "$0")/../.." && pwd)
folder=${SEMHASH_POSTGRES_DIR:-${TMPDIR:-/tmp}/semhash-postgres-$(printf '%s' "$checkout" | cksum | cut -d' ' -f1)}
port=${SEMHASH_POSTGRES_PORT:-5432}
data=$folder/data
socket=$folder/socket

fail() { echo "postgres: $*" >&2; exit 1; }

# Runs a server binary as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

start() {
    [ -x "$bin/initdb" ] || fail "PostgreSQL 15 is not installed ($bin/initdb is missing): run Scripts/setup.sh"
    if running; then return 0; fi
    if [ ! -f "$data/PG_VERSION" ]; then
        rm -rf "$folder"
        mkdir -p "$data" "$socket"
        chmod 700 "$folder"
        if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$folder"; fi
        as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; fail "initdb failed"; }
    fi
    as_owner "$bin/pg_ctl" start -D "$data" -w -t 60 -l "$folder/server.log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$socket' -p $port -c fsync=${SEMHASH_POSTGRES_FSYNC:-off}" \
        >/dev/null || { cat "$folder/server.log" >&2; fail "the server did not start (log above)"; }
}

stop() {
    if running; then
        as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null || fail "the server did not stop"
    fi
    rm -rf "$folder"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) printf 'export PGHOST=%q PGPORT=%q PGUSER=postgres PGDATABASE=postgres\n' "$socket" "$port" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
