#!/usr/bin/env bash
# Starts BrandFlow locally: Azurite (npm, data kept in .azurite/), the policy catalog loaded into
# Table Storage, a demo (firm, accounts, an open 崇阳县 cycle; idempotent), and the service with its in-process
# workflow worker on http://127.0.0.1:7071. Ctrl-C stops everything it started.
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

url="${BRANDFLOW_URLS:-http://127.0.0.1:7071}"

# The signing key of emailed links and the key that encrypts the session key ring (kept in Azurite's Blob Storage):
# generated once, kept with the local data (never committed).
local_key() {
  if [ ! -s "$1" ]; then
    head -c 32 /dev/urandom | base64 > "$1"
    chmod 600 "$1"
  fi
  cat "$1"
}

export BrandFlowStorage="$AZURITE_CONNECTION"
export BrandFlow__PoliciesPath="$PWD/policies"
export BrandFlow__PublicBaseUrl="$url"
export BrandFlow__Links__SigningKey="$(local_key "$PWD/.azurite/link-signing-key")"
export BrandFlow__DataProtection__KeyEncryptionKey="$(local_key "$PWD/.azurite/data-protection-key")"
# Mail goes through the real SendGrid client to the app's own SendGrid-compatible endpoint (dev mailbox).
export BrandFlow__Mail__LocalEndpoint=true
export BrandFlow__Mail__Host="$url"
export BrandFlow__Mail__ApiKey="local-development-key"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

dotnet build functions/BrandFlow.App/BrandFlow.App.csproj --nologo -v quiet -c Release -o .build/app
dotnet build functions/BrandFlow.Cli/BrandFlow.Cli.csproj --nologo -v quiet -c Release -o .build/cli
dotnet .build/cli/brandflow.dll load-policies
dotnet .build/cli/brandflow.dll seed-demo
dotnet .build/app/BrandFlow.App.dll --urls "$url" &
APP_PID=$!
echo "[brandflow] BrandFlow on $url"
echo "[brandflow]   home:        $url/"
echo "[brandflow]   sign in:     $url/signin   (the link arrives in the dev mailbox)"
echo "[brandflow]   dev mailbox: $url/dev/mailbox"
echo "[brandflow]   health:      $url/health   calculator: POST $url/api/policy/evaluate"
echo "[brandflow] Ctrl-C stops everything."
wait "$APP_PID"
