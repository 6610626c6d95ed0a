#!/usr/bin/env bash
# Benchmarks the local Durable Task engine (functions/BrandFlow.Engine.Local) on Azurite: starts a private Azurite in memory
# (ports 22000-22002, blob, queue and table as separate processes), runs tests/BrandFlow.Engine.Bench in Release with the
# engine's defaults and with the tuned profile, prints the table and writes tests/BrandFlow.Engine.Bench/results.md (and
# results.json). About 10 minutes here. Arguments go to the benchmark, e.g. `--chains 20 --fanout 100 --events 100
# --idle-seconds 20` for a quick run, or `--profile name:PartitionCount=1,MaxQueuePollingInterval=5` (repeatable) to try
# settings. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_node_modules
data=$(mktemp -d -t brandflow-bench-durable.XXXXXX)
trap 'stop_azurite; rm -rf "$data"' EXIT INT TERM
AZURITE_IN_MEMORY=1 AZURITE_SPLIT=1 start_azurite "$data" "${BRANDFLOW_BENCH_AZURITE_PORT:-22000}"
export BRANDFLOW_BENCH_AZURITE_MODE="in memory (--inMemoryPersistence), blob, queue and table as separate processes"
export BRANDFLOW_BENCH_STORAGE="$AZURITE_CONNECTION"
BRANDFLOW_BENCH_AZURITE_VERSION=$(node -p "require('./node_modules/azurite/package.json').version")
export BRANDFLOW_BENCH_AZURITE_VERSION
echo "[brandflow] Azurite $BRANDFLOW_BENCH_AZURITE_VERSION for the benchmark listening (pids $AZURITE_PID)"

dotnet build tests/BrandFlow.Engine.Bench/BrandFlow.Engine.Bench.csproj -c Release --nologo -v quiet
results=${BRANDFLOW_BENCH_RESULTS:-$PWD/tests/BrandFlow.Engine.Bench/results.md}
dotnet run --no-build -c Release --project tests/BrandFlow.Engine.Bench -- \
  --results "$results" --json "${results%.md}.json" "$@"
