#!/usr/bin/env bash
# Starts or stops a private, throw-away PostgreSQL cluster for the tests: its own temp folder, its own port,
# listening on 127.0.0.1 only. Never touches a cluster someone else runs (e.g. on 5432).
#   start  -> prints the connection string on stdout; state lives in $VARDE_PG_DIR (a temp folder)
#   stop   -> stops the cluster and removes the folder
set -euo pipefail

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ] && [ "$(id -u)" = "0" ]; then
    echo "PostgreSQL is not installed; installing it from Debian..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  if [ -z "$bin" ]; then
    echo "ERROR: PostgreSQL server binaries not found (install the 'postgresql' package)." >&2
    exit 1
  fi
  echo "$bin"
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "ERROR: no free port for PostgreSQL in 55432-55532" >&2
  exit 1
}

case "${1:-}" in
  start)
    bin=$(find_bin)
    dir="${VARDE_PG_DIR:?set VARDE_PG_DIR to an empty temp folder}"
    port=$(free_port)
    if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { echo "ERROR: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    # Tests trade durability for speed; benchmarks (VARDE_PG_DURABLE=1) keep PostgreSQL's durable defaults.
    durability="-c fsync=off -c synchronous_commit=off"
    if [ "${VARDE_PG_DURABLE:-0}" = "1" ]; then durability=""; fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=300" start >&2 \
      || { echo "ERROR: PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir="${VARDE_PG_DIR:?}"
    if [ -d "$dir/data" ]; then
      bin=$(find_bin)
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
