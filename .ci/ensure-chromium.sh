#!/usr/bin/env bash
# The browser tests need a Chromium. Playwright cannot download its own on these machines, so use
# Debian's package: installed here when missing and we may (root), otherwise say how.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
echo "or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
exit 1
