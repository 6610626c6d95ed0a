#!/usr/bin/env bash
# Shared helper for the test command: makes sure Debian's chromium is installed for the browser tests
# (Playwright drives /usr/bin/chromium; its own browser download cannot reach its CDN here). Sourced, not executed.

# ensure_chromium: installs chromium from apt when it is missing and we are root; otherwise says what to do.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "[brandflow] /usr/bin/chromium is missing and we are not root: run 'sudo apt-get install -y chromium' (the browser tests need it)" >&2
    return 1
  fi
  echo "[brandflow] installing chromium from apt for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  # An empty package list (fresh container) has no candidate for chromium: update it first.
  if ! apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends chromium >/dev/null
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "[brandflow] chromium did not install to /usr/bin/chromium" >&2
    return 1
  fi
}
