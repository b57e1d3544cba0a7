#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite and
# prints its URL on stdout (everything else goes to stderr):
#
#   export CALME_TEST_POSTGRES_URL="$(scripts/ci-postgres.sh)"
#
# Idempotent and fast when PostgreSQL is already installed and running: a
# second call only checks the server and prints the same URL.
#   scripts/ci-postgres.sh stop   # stops the cluster and deletes its files
#
# Settings (environment): CALME_PG_DIR (default /tmp/calme-ci-pg),
# CALME_PG_PORT (default 54329), CALME_PG_DB (default calme_test).
set -euo pipefail

DIR="${CALME_PG_DIR:-/tmp/calme-ci-pg}"
PORT="${CALME_PG_PORT:-54329}"
DB="${CALME_PG_DB:-calme_test}"
DATA="$DIR/data"
LOG="$DIR/server.log"

log() { echo "ci-postgres: $*" >&2; }

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
    log "installing PostgreSQL (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN="$(find_bindir)"
fi

# initdb and postgres refuse to run as root: run them as the `postgres` user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "${1:-}" = "stop" ]; then
    if [ -d "$DATA" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped and removed $DIR"
    exit 0
fi

URL="postgres://postgres@127.0.0.1:$PORT/$DB"

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "creating a cluster in $DATA"
        rm -rf "$DIR"
        mkdir -p "$DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
        as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 2>"$DIR/initdb.err" \
            || { cat "$DIR/initdb.err" >&2; exit 1; }
    fi
    log "starting PostgreSQL on 127.0.0.1:$PORT"
    # Throwaway settings: no fsync (tests only), enough connections for two app instances per test.
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2 || { tail -n 20 "$LOG" >&2; exit 1; }
fi

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi

echo "$URL"
