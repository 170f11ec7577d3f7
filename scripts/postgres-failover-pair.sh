#!/usr/bin/env bash
# A private PostgreSQL primary with a synchronous streaming standby, for the failover drill (issue 22 item 7).
# State lives in $VARDE_PG_DIR (a temp folder); both listen on 127.0.0.1 on their own ports.
#   start          -> prints "PRIMARY_PORT STANDBY_PORT" once the standby streams synchronously
#   kill-primary   -> SIGKILL to the primary's postmaster (a machine dying), then its children
#   promote        -> promotes the standby (pg_ctl promote) and waits until it takes writes
#   stop           -> stops both and removes the folder
set -euo pipefail

# Children do not get fd 9 (the start lock): a postmaster holding it would keep every other start waiting.
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@" 9>&-; else "$@" 9>&-; fi
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] || { echo "ERROR: PostgreSQL server binaries not found (install the 'postgresql' package)." >&2; exit 1; }
dir="${VARDE_PG_DIR:?set VARDE_PG_DIR to an empty temp folder}"

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 100))); do
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "ERROR: no free port from $1" >&2
  exit 1
}

psql_at() { as_postgres "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2"; }

case "${1:-}" in
  start)
    # Two pairs starting at once (tests run in parallel) would pick the same free ports: one start at a time.
    exec 9>/tmp/varde-pg-pair.lock
    flock 9
    if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
    primary=$(free_port 55640)
    as_postgres "$bin/initdb" -D "$dir/primary" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { echo "ERROR: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    # Commits wait until the standby has the WAL: an acknowledged write survives the primary.
    as_postgres "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 60 \
      -o "-p $primary -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=on -c synchronous_standby_names=standby" start >&2
    standby=$(free_port $((primary + 1)))
    as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir/standby" -R -X stream --no-sync >&2
    echo "primary_conninfo = 'host=127.0.0.1 port=$primary user=postgres application_name=standby'" | as_postgres tee -a "$dir/standby/postgresql.auto.conf" >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 60 \
      -o "-p $standby -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >&2
    for _ in $(seq 1 100); do
      if [ "$(psql_at "$primary" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" = "sync" ]; then
        echo "$primary" >"$dir/primary.port"; echo "$standby" >"$dir/standby.port"
        echo "$primary $standby"
        exit 0
      fi
      sleep 0.1
    done
    echo "ERROR: the standby did not become synchronous" >&2; cat "$dir/standby.log" >&2; exit 1
    ;;
  kill-primary)
    pid=$(head -1 "$dir/primary/postmaster.pid")
    kill -9 "$pid"
    pkill -9 -P "$pid" || true
    ;;
  promote)
    as_postgres "$bin/pg_ctl" -D "$dir/standby" -w -t 60 promote >&2
    standby=$(cat "$dir/standby.port")
    for _ in $(seq 1 100); do
      [ "$(psql_at "$standby" "SELECT pg_is_in_recovery()")" = "f" ] && exit 0
      sleep 0.1
    done
    echo "ERROR: the standby was not promoted" >&2; exit 1
    ;;
  stop)
    for cluster in primary standby; do
      [ -d "$dir/$cluster" ] && as_postgres "$bin/pg_ctl" -D "$dir/$cluster" -m immediate -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|kill-primary|promote|stop" >&2
    exit 2
    ;;
esac
