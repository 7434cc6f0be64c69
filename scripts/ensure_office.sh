#!/usr/bin/env bash
# Make sure LibreOffice (Impress and Calc), poppler's pdftoppm/pdftotext, the fonts the pack falls back on and
# WeasyPrint's Pango are installed, for `make render` and its test (tests/reports/test_render.py).
# Idempotent: silent and instant when everything is already there.
set -euo pipefail

# fonts-liberation2 and fonts-crosextra-carlito have the widths of Arial and Calibri (the deck's and the workbook's
# fonts), so a render wraps and fits text as Office does.
PACKAGES=(libreoffice-impress libreoffice-calc poppler-utils fonts-liberation2 fonts-crosextra-carlito
    fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_office: ${missing[*]} missing and apt-get is not available; install them by hand." >&2
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo)
fi

# Another install on this machine holds the dpkg lock for a while: wait for it rather than fail.
APT=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
echo "ensure_office: installing ${missing[*]} (needed to render the board pack)..."
"${SUDO[@]}" "${APT[@]}" update -qq
"${SUDO[@]}" "${APT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

for tool in soffice pdftoppm pdftotext; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "ensure_office: apt-get finished but $tool is still missing." >&2
        exit 1
    fi
done
echo "ensure_office: $(soffice --version 2>/dev/null || echo LibreOffice installed)"
