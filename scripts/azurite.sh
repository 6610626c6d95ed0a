#!/usr/bin/env bash
# Shared helpers for the start and test commands: install the pinned Azurite from npm and run it.
# Sourced, not executed.

AZURITE_ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# Installs npm dependencies (Azurite) locally when missing or out of date with the lockfile.
ensure_node_modules() {
  # A copy of the lockfile marks a completed install, so an interrupted one is redone and a current one is not.
  if [ ! -x node_modules/.bin/azurite ] || ! cmp -s package-lock.json node_modules/.brandflow-installed-lock; then
    echo "[brandflow] installing Azurite from npm (package-lock.json)..."
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.brandflow-installed-lock
  fi
}

# start_azurite DATA_DIR BLOB_PORT: starts Azurite on loopback (blob, queue = +1, table = +2) and waits until it listens.
# With AZURITE_IN_MEMORY=1 nothing is persisted to disk (Azurite otherwise re-serialises its whole table database to
# JSON every few seconds, which dominates its CPU once the data reaches hundreds of megabytes).
start_azurite() {
  local dir=$1 blob=$2 queue=$(( $2 + 1 )) table=$(( $2 + 2 ))
  mkdir -p "$dir"
  local storage=(--location "$dir")
  if [ -n "${AZURITE_IN_MEMORY:-}" ]; then storage=(--inMemoryPersistence); fi
  node_modules/.bin/azurite --silent "${storage[@]}" --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null \
       && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then
      AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
      export AZURITE_CONNECTION
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "[brandflow] Azurite exited early; see $dir/azurite.log" >&2; cat "$dir/azurite.log" >&2; return 1
    fi
    sleep 0.2
  done
  echo "[brandflow] Azurite did not start listening on ports $blob-$table" >&2
  return 1
}

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
