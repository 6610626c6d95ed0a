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
# With AZURITE_SPLIT=1 blob, queue and table run as three Node.js processes instead of one, so a long pause in one
# service (the queue extent garbage collector under heavy message churn) does not stall the other two.
# AZURITE_PID holds the process id(s), space separated.
start_azurite() {
  local dir=$1 blob=$2 queue=$(( $2 + 1 )) table=$(( $2 + 2 ))
  mkdir -p "$dir"
  local storage=(--location "$dir")
  if [ -n "${AZURITE_IN_MEMORY:-}" ]; then storage=(--inMemoryPersistence); fi
  local common=(--silent "${storage[@]}" --skipApiVersionCheck --disableTelemetry)
  if [ -n "${AZURITE_SPLIT:-}" ]; then
    node_modules/.bin/azurite-blob "${common[@]}" --blobHost 127.0.0.1 --blobPort "$blob" >"$dir/azurite-blob.log" 2>&1 &
    AZURITE_PID=$!
    node_modules/.bin/azurite-queue "${common[@]}" --queueHost 127.0.0.1 --queuePort "$queue" >"$dir/azurite-queue.log" 2>&1 &
    AZURITE_PID="$AZURITE_PID $!"
    node_modules/.bin/azurite-table "${common[@]}" --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite-table.log" 2>&1 &
    AZURITE_PID="$AZURITE_PID $!"
  else
    node_modules/.bin/azurite "${common[@]}" \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.log" 2>&1 &
    AZURITE_PID=$!
  fi
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null \
       && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then
      AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
      export AZURITE_CONNECTION
      return 0
    fi
    local pid
    for pid in $AZURITE_PID; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "[brandflow] Azurite exited early; see $dir/azurite*.log" >&2; cat "$dir"/azurite*.log >&2
        stop_azurite; return 1
      fi
    done
    sleep 0.2
  done
  echo "[brandflow] Azurite did not start listening on ports $blob-$table" >&2
  stop_azurite
  return 1
}

stop_azurite() {
  local pid
  for pid in ${AZURITE_PID:-}; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
