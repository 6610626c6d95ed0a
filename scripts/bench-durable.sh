#!/usr/bin/env bash
# Benchmarks the durable runtime on Azurite: starts a private Azurite (ports 22000-22002, throw-away data), runs
# tests/BrandFlow.Durable.Bench in Release, prints the table and writes tests/BrandFlow.Durable.Bench/results.md.
# Takes about 3-5 minutes. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_node_modules
data=$(mktemp -d -t brandflow-bench-azurite.XXXXXX)
trap 'stop_azurite; rm -rf "$data"' EXIT INT TERM
start_azurite "$data" "${BRANDFLOW_BENCH_AZURITE_PORT:-22000}"
export BRANDFLOW_BENCH_STORAGE="$AZURITE_CONNECTION"
echo "[brandflow] Azurite for the benchmark listening (pid $AZURITE_PID)"

dotnet build tests/BrandFlow.Durable.Bench/BrandFlow.Durable.Bench.csproj -c Release --nologo -v quiet
dotnet run --no-build -c Release --project tests/BrandFlow.Durable.Bench -- "$PWD/tests/BrandFlow.Durable.Bench/results.md"
