#!/usr/bin/env bash
# Starts BrandFlow locally: Azurite (npm, data kept in .azurite/), the policy catalog loaded into
# Table Storage, and the service on http://127.0.0.1:7071. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

APP_PID=""
stop_all() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  stop_azurite
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

ensure_node_modules
start_azurite "$PWD/.azurite" "${BRANDFLOW_AZURITE_PORT:-10000}"
echo "[brandflow] Azurite listening (data in .azurite/, pid $AZURITE_PID)"

export BrandFlow__Storage="$AZURITE_CONNECTION"
export BrandFlow__PoliciesPath="$PWD/policies"
dotnet build functions/BrandFlow.App/BrandFlow.App.csproj --nologo -v quiet -c Release -o .build/app
dotnet .build/app/BrandFlow.App.dll load-policies
url="${BRANDFLOW_URLS:-http://127.0.0.1:7071}"
dotnet .build/app/BrandFlow.App.dll serve --urls "$url" &
APP_PID=$!
echo "[brandflow] BrandFlow on $url (health: $url/health, calculator: POST $url/api/policy/evaluate). Ctrl-C stops everything."
wait "$APP_PID"
