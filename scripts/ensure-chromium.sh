#!/usr/bin/env bash
# `npm test` drives a real browser (the GraphiQL and console tests) through playwright-core, which
# downloads no browser of its own: it needs Debian's Chromium. Installs it when it is missing, so
# the README's test command is enough on a fresh machine. CHROMIUM_PATH names another binary.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
command -v chromium >/dev/null 2>&1 && exit 0

echo "Installing Debian's chromium for the browser tests (apt-get)…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Chromium is missing and this user can't install it: run 'apt-get install chromium' as root, or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "apt-get installed no chromium" >&2; exit 1; }
