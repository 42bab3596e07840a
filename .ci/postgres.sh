#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the store's tests, as a fresh CI machine needs it, and prints its JDBC URL.
#
#   .ci/postgres.sh            start it (or find it running) and print jdbc:postgresql://127.0.0.1:5432/wren_test
#   .ci/postgres.sh stop       stop it
#
# The cluster lives in $WREN_PG_DIR (default /tmp/wren-pg), listens on 127.0.0.1:$WREN_PG_PORT (default 5432) only,
# and takes user postgres with password postgres (scram-sha-256). It is for tests: never for data you want to keep.
# Idempotent: a second run finds the server answering and only makes sure the database exists.
set -euo pipefail

PG_BIN=${WREN_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${WREN_PG_DIR:-/tmp/wren-pg}
PG_PORT=${WREN_PG_PORT:-5432}
PG_DB=wren_test
DATA="$PG_DIR/data"
LOG="$PG_DIR/server.log"
export PGPASSWORD=postgres

# initdb and postgres refuse to run as root: run them as the postgres user (created by Debian's package).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ready() {
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DATA/postmaster.pid" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop
    fi
    exit 0
fi

if [ ! -x "$PG_BIN/postgres" ]; then
    echo "postgres.sh: no PostgreSQL 15 server in $PG_BIN; installing Debian's postgresql-15" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2; }
    # Debian's package may start its own cluster on 5432: this script's cluster takes the port instead.
    pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir "$PG_DIR" --shell /bin/sh postgres
fi

if ! ready; then
    if [ ! -f "$DATA/PG_VERSION" ]; then
        mkdir -p "$PG_DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
        pwfile=$(mktemp)
        echo postgres > "$pwfile"
        chmod 644 "$pwfile"
        as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
            || { cat "$PG_DIR/initdb.log" >&2; rm -f "$pwfile"; exit 1; }
        rm -f "$pwfile"
    fi
    # The socket goes into the cluster's own directory: /var/run/postgresql may not exist or be writable.
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR" start >/dev/null \
        || { tail -n 30 "$LOG" >&2; exit 1; }
fi

for _ in $(seq 1 60); do
    ready && break
    sleep 1
done
ready || { echo "postgres.sh: PostgreSQL on 127.0.0.1:$PG_PORT did not become ready" >&2; tail -n 30 "$LOG" >&2; exit 1; }

psql_admin() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $PG_DB"
fi

echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
