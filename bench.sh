#!/usr/bin/env bash
# Runs Varde's benchmarks (docs/benchmarks.md): builds Release, starts a private PostgreSQL cluster (temp folder, own
# port, 127.0.0.1), runs the benchmarks against the server as its own process, writes bench/results/<name>.json,
# and stops what it started. Never part of ./test.sh.
#   ./bench.sh [--quick] [b1 b2 b3 b4 b5 b6]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

export VARDE_PG_DIR
VARDE_PG_DIR=$(mktemp -d /tmp/varde-bench-pg.XXXXXX)
cleanup() { scripts/postgres-test-cluster.sh stop || true; rm -rf /tmp/varde-bench; }
trap cleanup EXIT

echo "==> Starting a private PostgreSQL cluster"
VARDE_BENCH_POSTGRES=$(VARDE_PG_DURABLE=1 scripts/postgres-test-cluster.sh start)
export VARDE_BENCH_POSTGRES

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium from Debian (B2 needs it)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null || { echo "ERROR: could not install Chromium." >&2; exit 1; }
fi
export VARDE_CHROMIUM=/usr/bin/chromium

echo "==> Building (Release)"
dotnet build src/Varde.Server -c Release -v quiet -nologo
dotnet build bench/Varde.Bench -c Release -v quiet -nologo
# The server runs as a deployment would: published ReadyToRun, so its own and its packages' code is compiled ahead
# and a freshly started server does not spend its first minutes compiling (docs/benchmarks.md). VARDE_BENCH_READY_TO_RUN=0
# runs the plain Release build instead (every method compiled by the JIT at first use).
if [ "${VARDE_BENCH_READY_TO_RUN:-1}" != 0 ]; then
  echo "==> Publishing the server ReadyToRun"
  rm -rf bench/server
  dotnet publish src/Varde.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o bench/server -v quiet -nologo
  export VARDE_BENCH_SERVER_DLL="$PWD/bench/server/Varde.Server.dll"
fi

echo "==> Running benchmarks $*"
dotnet bench/Varde.Bench/bin/Release/net10.0/Varde.Bench.dll "$@"
