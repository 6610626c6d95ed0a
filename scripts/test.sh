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

# The Azure Functions app as it is deployed (Release publish): tests/BrandFlow.Functions.Tests checks its
# functions.metadata against the workflow and the API the code defines.
export BRANDFLOW_FUNCTIONS_PUBLISH="$PWD/.build/functions"
dotnet publish functions/BrandFlow.Functions/BrandFlow.Functions.csproj -c Release -o "$BRANDFLOW_FUNCTIONS_PUBLISH" --nologo -v quiet
echo "[brandflow] Functions app published to .build/functions"
# The web app for App Service as it is deployed: tests/BrandFlow.Integration.Tests checks what the publish carries.
export BRANDFLOW_WEB_PUBLISH="$PWD/.build/web"
dotnet publish functions/BrandFlow.Web/BrandFlow.Web.csproj -c Release -o "$BRANDFLOW_WEB_PUBLISH" --nologo -v quiet
echo "[brandflow] web app published to .build/web"

# A test project (or folder) as the first argument narrows the run; by default the whole solution.
target=BrandFlow.sln
if [ $# -gt 0 ] && { [ -d "$1" ] || [[ "$1" == *.csproj ]]; }; then target=$1; shift; fi
dotnet test "$target" --nologo "$@"
