#!/usr/bin/env bash
# Starts BrandFlow locally: Azurite (npm, data kept in .azurite/), the policy catalog loaded into
# Table Storage, and the service on http://127.0.0.1:7071. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_node_modules
trap 'stop_azurite' EXIT INT TERM
start_azurite "$PWD/.azurite" "${BRANDFLOW_AZURITE_PORT:-10000}"
echo "[brandflow] Azurite listening (data in .azurite/, pid $AZURITE_PID)"

export BrandFlow__Storage="$AZURITE_CONNECTION"
export BrandFlow__PoliciesPath="$PWD/policies"
dotnet build functions/BrandFlow.App/BrandFlow.App.csproj --nologo -v quiet
dotnet run --no-build --project functions/BrandFlow.App -- load-policies
dotnet run --no-build --project functions/BrandFlow.App -- serve --urls "${BRANDFLOW_URLS:-http://127.0.0.1:7071}"
