#!/usr/bin/env bash
# Runs every BrandFlow test: installs Azurite (npm, locally), starts it on private ports with a
# throw-away data folder, runs `dotnet test` on the solution, and stops Azurite again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_node_modules
. scripts/chromium.sh && ensure_chromium
data=$(mktemp -d -t brandflow-test-azurite.XXXXXX)
trap 'stop_azurite; rm -rf "$data"' EXIT INT TERM
start_azurite "$data" "${BRANDFLOW_TEST_AZURITE_PORT:-21000}"
export BRANDFLOW_TEST_STORAGE="$AZURITE_CONNECTION"
echo "[brandflow] Azurite for tests listening (pid $AZURITE_PID)"

# A test project (or folder) as the first argument narrows the run; by default the whole solution.
target=BrandFlow.sln
if [ $# -gt 0 ] && { [ -d "$1" ] || [[ "$1" == *.csproj ]]; }; then target=$1; shift; fi
dotnet test "$target" --nologo "$@"
