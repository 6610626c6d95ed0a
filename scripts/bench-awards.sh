#!/usr/bin/env bash
# Benchmarks the award workflow on Azurite: starts a private Azurite (ports 22100-22102, throw-away data), runs
# tests/BrandFlow.Awards.Bench in Release (the real app in-process, a driver raising the decisions), prints the table
# and writes tests/BrandFlow.Awards.Bench/results.md. Arguments go to the benchmark, e.g. `--applications 50` for a quick
# run (default 2000, about 50 minutes here: Azurite's queue store is the bottleneck, see the project's README.md). Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_node_modules
data=$(mktemp -d -t brandflow-bench-awards.XXXXXX)
trap 'stop_azurite; rm -rf "$data"' EXIT INT TERM
# In memory: the run writes ~200 KB of table data per application, and Azurite's periodic save of its table database
# to disk (one JSON file) would otherwise grow into the bottleneck (103 MB after 500 applications).
AZURITE_IN_MEMORY=1 AZURITE_SPLIT=1 start_azurite "$data" "${BRANDFLOW_BENCH_AZURITE_PORT:-22100}"
export BRANDFLOW_BENCH_AZURITE_MODE="in memory (--inMemoryPersistence), blob, queue and table as separate processes"
export BRANDFLOW_BENCH_STORAGE="$AZURITE_CONNECTION"
BRANDFLOW_BENCH_AZURITE_VERSION=$(node -p "require('./node_modules/azurite/package.json').version")
export BRANDFLOW_BENCH_AZURITE_VERSION
echo "[brandflow] Azurite $BRANDFLOW_BENCH_AZURITE_VERSION for the benchmark listening (pids $AZURITE_PID)"

dotnet build tests/BrandFlow.Awards.Bench/BrandFlow.Awards.Bench.csproj -c Release --nologo -v quiet
dotnet run --no-build -c Release --project tests/BrandFlow.Awards.Bench -- --results "$PWD/tests/BrandFlow.Awards.Bench/results.md" "$@"
