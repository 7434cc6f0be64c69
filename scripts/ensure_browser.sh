#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the end-to-end browser tests and screenshots.
# Playwright drives /usr/bin/chromium; it never downloads a browser of its own.
# Idempotent: silent and instant when Chromium is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_browser: $CHROMIUM is missing and apt-get is not available; install Chromium by hand." >&2
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo)
fi

echo "ensure_browser: installing Debian's chromium (needed by the browser tests)..."
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core >/dev/null

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure_browser: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "ensure_browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium installed)"
