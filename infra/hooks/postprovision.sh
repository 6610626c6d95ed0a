#!/bin/sh
# azd postprovision hook: loads the reviewed policy catalog (policies/) into the new account's policy table, as the
# person running azd (main.bicep gives AZURE_PRINCIPAL_ID the storage data roles; the account takes no keys). Loading
# is idempotent: unchanged clauses are left as they are.
set -eu
BrandFlowStorage__accountName="$AZURE_STORAGE_ACCOUNT_NAME" \
  dotnet run --project functions/BrandFlow.Cli -c Release -- load-policies
