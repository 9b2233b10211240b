#!/usr/bin/env bash
# A throwaway PostgreSQL server for the ledger (tests, CI, trying out several replicas on one machine).
#
#   scripts/postgres.sh [start]   start it if needed (installing Debian's postgresql when root and missing),
#                                 create the database, print GOVDASH_DATABASE_URL on stdout
#   scripts/postgres.sh url       print the URL of the running server (exit 1 if it is not running)
#   scripts/postgres.sh status    say whether it runs
#   scripts/postgres.sh stop      stop it (the data stays for the next start)
#   scripts/postgres.sh purge     stop it and delete its data
#
# Usage: export GOVDASH_DATABASE_URL="$(scripts/postgres.sh)"
#
# The cluster lives in GOVDASH_PG_DIR (default /tmp/govdash-pg-$USER), listens on 127.0.0.1 and on a unix
# socket in that folder only, on a free port chosen at first start (or GOVDASH_PG_PORT), and trusts local
# connections: it is for tests and trials, never for real data. PostgreSQL refuses to run as root, so when
# root the server runs as the 'postgres' user (created by the Debian package). Safe to run again and from
# several processes at once (a lock serialises them). GOVDASH_PG_NO_INSTALL=1: never install, only use.
set -euo pipefail

mode="${1:-start}"
user_name="$(id -un)"
dir="${GOVDASH_PG_DIR:-/tmp/govdash-pg-${user_name}}"
db="${GOVDASH_PG_DATABASE:-govdash}"
role="govdash"
data="$dir/data"

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgres() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -z "${GOVDASH_PG_NO_INSTALL:-}" ]; then
    say "installing Debian's postgresql (apt-get)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    say "PostgreSQL is not installed. Install it with: sudo apt-get install -y postgresql"
    exit 3
  fi
}

# Run a PostgreSQL program as the unprivileged owner of the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url() { echo "postgresql+psycopg://${role}@127.0.0.1:$(cat "$dir/port")/${db}"; }

running() { [ -f "$dir/port" ] && [ -d "$data" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner_missing=1
else
  owner="$user_name"
fi

bin="$(find_bin || true)"
case "$mode" in
  start) ;;
  url | status | stop | purge)
    if [ -z "$bin" ]; then
      [ "$mode" = purge ] && rm -rf "$dir"
      [ "$mode" = url ] && exit 1
      say "PostgreSQL is not installed"; exit 0
    fi ;;
  *) say "unknown mode '$mode' (start | url | status | stop | purge)"; exit 2 ;;
esac

mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9

case "$mode" in
  url) running && url || exit 1; exit 0 ;;
  status)
    if running; then echo "running: $(url)"; else echo "stopped"; fi
    exit 0 ;;
  stop | purge)
    if running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    [ "$mode" = purge ] && rm -rf "$dir"
    exit 0 ;;
esac

if [ -z "$bin" ]; then
  install_postgres
  bin="$(find_bin)"
fi
if [ "${owner_missing:-0}" = 1 ]; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
fi
[ "$(id -u)" = 0 ] && chown "$owner" "$dir"

if ! running; then
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    as_owner "$bin/initdb" -D "$data" -U "$role" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  port="${GOVDASH_PG_PORT:-$(free_port)}"
  echo "$port" >"$dir/port"
  # 9>&-: the server must not inherit the lock, or it would hold it for its whole life.
  # fsync stays on: the ledger is the system of record, and the tests should meet real durability costs.
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null 9>&- \
    || { tail -n 30 "$dir/server.log" >&2; exit 1; }
fi

port="$(cat "$dir/port")"
exists="$(as_owner "$bin/psql" -h "$dir" -p "$port" -U "$role" -d postgres -Atc \
  "select 1 from pg_database where datname = '$db'")"
[ "$exists" = 1 ] || as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$role" "$db"
url
