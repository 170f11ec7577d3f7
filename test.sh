#!/usr/bin/env bash
# Builds and runs ALL of Varde's tests. Sets up what they need and stops what it started:
#   - a private PostgreSQL cluster (temp folder, own port, 127.0.0.1) for the PostgreSQL tests
#   - Debian's Chromium, if a browser test project exists and Chromium is missing
#   - Debian's nginx (nginx-light), if missing: two Varde processes run behind it in a server test (issue 22)
#   - Debian's dbus-daemon, if missing: the reference gateway reads devices through BlueZ on D-Bus in a server test
#   - the JavaScript FHIR clients (Medplum, fhir-kit) in tests/clients, with npm ci (Node.js 20+ must be there)
# Tests never skip silently: if a dependency cannot be set up, this script fails with the reason.
# Tests run at a pinned instant, never the wall clock (VARDE_TEST_NOW, see tests/Varde.Testing/TestClock.cs): all of
# them on a Tuesday at 14:00 in Oslo, then the server and browser tests again at 03:00 the night after, to show that
# the time of day does not matter.
# Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$PWD/test-output"
rm -rf "$results"
mkdir -p "$results"

export VARDE_PG_DIR
VARDE_PG_DIR=$(mktemp -d /tmp/varde-pg.XXXXXX)
# A disk-full drill stopped half-way may leave its tmpfs mounted.
cleanup() {
  scripts/postgres-test-cluster.sh stop || true
  for disk in /tmp/varde-diskfull-*/disk; do [ -d "$disk" ] && umount -l "$disk" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "==> Starting a private PostgreSQL cluster"
VARDE_TEST_POSTGRES=$(scripts/postgres-test-cluster.sh start)
export VARDE_TEST_POSTGRES
echo "    $VARDE_TEST_POSTGRES"

if ls tests/*Browser*/*.csproj >/dev/null 2>&1; then
  if [ ! -x /usr/bin/chromium ]; then
    echo "==> Installing Chromium from Debian (browser tests need it)"
    if [ "$(id -u)" != "0" ]; then echo "ERROR: Chromium missing and not root; install 'chromium'." >&2; exit 1; fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
      || { echo "ERROR: could not install Chromium." >&2; exit 1; }
  fi
  export VARDE_CHROMIUM=/usr/bin/chromium
fi

if [ ! -x /usr/sbin/nginx ]; then
  echo "==> Installing nginx from Debian (the two-node test runs Varde behind it)"
  if [ "$(id -u)" != "0" ]; then echo "ERROR: nginx missing and not root; install 'nginx-light'." >&2; exit 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null \
    || { echo "ERROR: could not install nginx." >&2; exit 1; }
fi

if ! command -v dbus-daemon >/dev/null; then
  echo "==> Installing dbus-daemon from Debian (the gateway's BlueZ test runs a private D-Bus bus)"
  if [ "$(id -u)" != "0" ]; then echo "ERROR: dbus-daemon missing and not root; install 'dbus-daemon'." >&2; exit 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dbus-daemon) >/dev/null \
    || { echo "ERROR: could not install dbus-daemon." >&2; exit 1; }
fi

echo "==> Installing the JavaScript FHIR clients the server tests run (npm ci in tests/clients)"
if ! command -v node >/dev/null; then echo "ERROR: Node.js 20 or later is missing; the Medplum/fhir-kit client tests need it." >&2; exit 1; fi
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "ERROR: npm ci failed in tests/clients." >&2; exit 1; }

echo "==> Building"
if ! dotnet build Varde.slnx -v quiet -nologo; then
  echo "ERROR: the build failed (warnings are errors); no tests were run." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

afternoon=2026-11-24T14:00:00+01:00
night=2026-11-25T03:00:00+01:00
status=0; runs=0
# run <project> <instant> <trx suffix>
run() {
  local name
  name=$(basename "$1" .csproj)
  runs=$((runs + 1))
  echo "==> Running $name at $2"
  VARDE_TEST_NOW=$2 dotnet test "$1" --no-build --logger "trx;LogFileName=$name$3.trx" --results-directory "$results" \
    -- RunConfiguration.TreatNoTestsAsError=true || status=$?
}
for project in tests/*/*.Tests.csproj; do run "$project" "$afternoon" ""; done
for project in tests/Varde.Server.Tests/*.Tests.csproj tests/Varde.Browser.Tests/*.Tests.csproj; do
  if [ -e "$project" ]; then run "$project" "$night" "-0300"; fi
done

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [ "$files" -lt "$runs" ]; then
  echo "ERROR: only $files of $runs test runs produced results (a test host crashed or did not build)." >&2
  [ "$failed" -gt 0 ] || failed=1
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "$passed passed, $failed failed"
exit "$status"
