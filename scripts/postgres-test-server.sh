#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (`.ci/run`, or by hand):
#   scripts/postgres-test-server.sh start   # prints the URL to export as TEST_DATABASE_URL
#   scripts/postgres-test-server.sh stop
# Its own data folder (PG_TEST_DIR, default /tmp/tremplin-pg), loopback only, its own port
# (PG_TEST_PORT, default 54329), password authentication, no locale (byte order, like SQLite).
# Durability is off (fsync, synchronous_commit): the data is thrown away after the run.
# Debian's packages: `apt-get install -y postgresql`. PostgreSQL refuses to run as root: as root,
# the server runs as the `postgres` user the package creates.
set -euo pipefail
DIR="${PG_TEST_DIR:-/tmp/tremplin-pg}"
PORT="${PG_TEST_PORT:-54329}"
PASSWORD="${PG_TEST_PASSWORD:-tremplin-test}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "PostgreSQL's server is not installed (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_owner bash -c "umask 077; printf '%s\n' '$PASSWORD' > '$DIR/pw' && '$BIN/initdb' -D '$DIR/data' -U tremplin --pwfile='$DIR/pw' --auth=scram-sha-256 --no-locale -E UTF8 >'$DIR/initdb.log'"
    fi
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    echo "postgres://tremplin:$PASSWORD@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
