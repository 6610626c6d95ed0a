#!/bin/sh
# azd preprovision hook: makes the two random keys of the environment once (kept in the azd environment, then in Key
# Vault by main.bicep) and asks for the SendGrid settings when they are not set. Regenerating a key would break every
# emailed link (signing key) or every session and pending form (data-protection key), so an existing value is kept.
set -eu
need_key() {
  if [ -z "$(azd env get-value "$1" 2>/dev/null || true)" ]; then
    azd env set "$1" "$(openssl rand -base64 32)"
    echo "[brandflow] $1 generated"
  fi
}
need_key BRANDFLOW_LINK_SIGNING_KEY
need_key BRANDFLOW_DATA_PROTECTION_KEY
for name in SENDGRID_API_KEY BRANDFLOW_MAIL_FROM; do
  if [ -z "$(azd env get-value "$name" 2>/dev/null || true)" ]; then
    echo "[brandflow] $name 未设置 / is not set: azd env set $name <value>" >&2
    exit 1
  fi
done
