# One-word commands. `make test` works on a fresh Debian/Ubuntu machine: it installs what the tests need.
PYTHON ?= python3
PIP := $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore

.PHONY: run test test-fast lint bench screenshots render deps deps-dev browser office axe

# axe-core, the accessibility checker the browser tests inject into every page (from npm, kept out of git)
AXE_DIR := .cache/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

## run: install the runtime dependencies and open the dashboard on the bundled sample data, in local mode (this computer only)
run: deps
	EFFECTIVE_OFFICES_LOCAL_MODE=1 $(PYTHON) -m streamlit run app.py

## test: install test dependencies, Debian's Chromium, LibreOffice and poppler, and axe-core, then run the whole suite
## (browser and render tests included). Needs nothing outside the repository; the checks against ../shared run apart:
## `python -m pytest -m real_exports`.
test: deps-dev browser office axe
	$(PYTHON) -m pytest

## test-fast: the everyday lane, a few minutes: all but the browser tests and those marked slow, on every core.
## (-p no:benchmark: a pytest-benchmark that something else installed warns under xdist, and warnings are errors.)
test-fast: deps-dev
	$(PYTHON) -m pytest -m "not e2e and not slow" -n auto -p no:benchmark

## lint: ruff, including the rule that keeps streamlit out of the core packages
lint:
	$(PYTHON) -m ruff check .

## bench: run every benchmark in bench/ (figures are ratios against a baseline timed in the same run)
bench: deps
	@if [ -f bench/__main__.py ]; then PYTHONPATH=. $(PYTHON) -m bench; exit $$?; fi; \
	found=0; \
	for f in bench/*.py; do \
		[ -e "$$f" ] || continue; \
		case "$$(basename "$$f")" in _*) continue ;; esac; \
		found=1; echo "== $$f"; \
		PYTHONPATH=. $(PYTHON) "$$f" || exit $$?; \
	done; \
	if [ "$$found" = 0 ]; then echo "no benchmarks in bench/"; exit 1; fi

## screenshots: start the app, visit every page in headless Chromium at 1280x720 and 1440x900, write screenshots/<W>x<H>/<page>.png
screenshots: deps-dev browser
	$(PYTHON) scripts/screenshots.py

## render: build the board pack (whole sample and the State Office) from a fresh sample store with `python -m reports`,
## convert the deck and workbook to PDF with LibreOffice and every PDF to PNG pages; prints where the PNGs are
## (.cache/render/<scope>/png/, git-ignored)
render: deps office
	$(PYTHON) scripts/render_pack.py

deps:
	$(PIP) -r requirements.txt

deps-dev:
	$(PIP) -r requirements-dev.txt

browser:
	bash scripts/ensure_browser.sh

## office: install LibreOffice (Impress, Calc), poppler-utils, the fonts the pack falls back on and WeasyPrint's Pango
office:
	bash scripts/ensure_office.sh

## axe: install axe-core from npm for the accessibility checks of the browser tests (once; needs npm)
axe: $(AXE)

$(AXE):
	npm install --prefix $(AXE_DIR) --no-save --no-package-lock --no-audit --no-fund --silent axe-core@4.14
