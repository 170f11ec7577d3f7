#!/usr/bin/env bash
# The operations drills of issue 22 (docs/operations.md, "Drills"), at a larger load than ./test.sh runs them:
#   crash-sqlite             Varde on SQLite killed (SIGKILL) under write load, started again on the same file
#   crash-postgres-two-nodes two Varde processes behind nginx on one PostgreSQL; the job leader killed under load
#   failover-postgres        a synchronous standby promoted after the primary is killed under load
#   outage-postgres-*        the database read-only, then refusing connections: 503, and the resend stored once
#   disk-full-sqlite         the data folder's tmpfs filled to the last byte under load, then freed
#   backup-restore-*         a backup taken under load, restored, Varde started on it
# Each prints one line "drill NAME: … acknowledged …, lost N, duplicated N …"; the run fails if any drill does.
# VARDE_DRILL_READINGS (default 1000) readings are acknowledged before each failure and again after it (./test.sh: 100).
# Needs root (tmpfs, and installing nginx or PostgreSQL when missing), like ./test.sh. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export VARDE_DRILL_READINGS="${VARDE_DRILL_READINGS:-1000}"
export VARDE_PG_DIR
VARDE_PG_DIR=$(mktemp -d /tmp/varde-pg.XXXXXX)
trap 'scripts/postgres-test-cluster.sh stop || true; for disk in /tmp/varde-diskfull-*/disk; do [ -d "$disk" ] && umount -l "$disk" 2>/dev/null || true; done' EXIT
VARDE_TEST_POSTGRES=$(scripts/postgres-test-cluster.sh start)
export VARDE_TEST_POSTGRES

if [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" != "0" ]; then echo "ERROR: nginx missing and not root; install 'nginx-light'." >&2; exit 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null
fi

echo "==> Building"
dotnet build Varde.slnx -v quiet -nologo >/dev/null || { echo "ERROR: the build failed." >&2; echo "0 passed, 1 failed"; exit 1; }

echo "==> Drills, $VARDE_DRILL_READINGS readings acknowledged before and after each failure"
log=$(mktemp)
status=0
dotnet test tests/Varde.Server.Tests --no-build --filter "Category=Drill" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
grep -E '^\s*drill ' "$log" | sed 's/^\s*//' | sort
grep -E '^\s+Failed [A-Za-z]' "$log" | sed 's/^\s*/FAILED: /' || true
passed=$(grep -Eo 'Passed:\s+[0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$(grep -Eo 'Failed:\s+[0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
if [ "$status" != "0" ] && [ "$failed" = "0" ]; then failed=1; tail -40 "$log"; fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$status" = "0" ]
