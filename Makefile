# Two commands for a newcomer: `make serve` and `make test`. Only python3 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KATEX_VERSION := 0.19.1
export NO_MKDOCS_2_WARNING := 1

NPM_TOOLS := axe-core@4.14.1 vnu-jar@26.9.27

.PHONY: serve test test-fast test-package test-page dist build bench bench-serve katex lint format screenshots test-browser browser-tools system-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the dependencies change.
$(VENV)/.docs-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.docs-installed

# --dirty: an edit rebuilds the pages it touches, not the whole site (a page whose figures
# must be drawn again counts as touched); `make serve-full` rebuilds everything each time.
serve: $(VENV)/.dev-installed  ## live site on http://127.0.0.1:8000, rebuilt as you edit
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

serve-full: $(VENV)/.dev-installed  ## as serve, but every edit rebuilds every page (nav edits)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(VENV)/.dev-installed  ## every test (the site's strict build among them), the distribution
	$(BIN)/python -m pytest --require-doc-examples
	$(MAKE) --no-print-directory dist

# The inner loop: quicker subsets of `make test`.
test-package: $(VENV)/.dev-installed  ## the package alone: its unit tests and docstring examples
	$(BIN)/python -m pytest -q tests/test_activations.py tests/test_network.py tests/test_sums.py \
	  tests/test_regions.py tests/test_training.py tests/test_dead.py tests/test_import.py relu_explained

test-fast: $(VENV)/.dev-installed  ## everything that needs neither the built site nor a browser
	$(BIN)/python -m pytest -q -m "not slow and not browser"

PAGE ?= index
test-page: $(VENV)/.dev-installed  ## one page's checks: make test-page PAGE=shifted-sums
	$(BIN)/python -m pytest -q -k "$(PAGE) or test_the_site_builds_strictly"

# What a release uploads (.github/workflows/release.yml runs the same two commands).
dist: $(VENV)/.dev-installed  ## sdist and wheel into dist/, checked as PyPI would check them
	rm -rf dist
	$(BIN)/python -m build --outdir dist
	$(BIN)/twine check --strict dist/*

build: $(VENV)/.docs-installed  ## the site into site/
	$(BIN)/mkdocs build --strict

bench: $(VENV)/.dev-installed  ## build and package timings, with ratios; edit-to-visible under serve
	$(BIN)/python tools/bench.py

bench-serve: $(VENV)/.dev-installed  ## only the edit-to-visible times under mkdocs serve
	$(BIN)/python tools/serve_bench.py

LINTED := relu_explained build_hooks tests tools conftest.py

lint: $(VENV)/.dev-installed  ## check, without rewriting: the code, and the pages' snippets
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/python tools/snippet_lint.py check

format: $(VENV)/.dev-installed  ## rewrite: format the code and the pages' snippets, fix what ruff can
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/python tools/snippet_lint.py format

katex:  ## refresh docs/vendor/katex from the npm registry
	$(PYTHON) tools/vendor_katex.py $(KATEX_VERSION)

screenshots: $(VENV)/.dev-installed  ## full-page PNGs, 375 and 1280 px, light and dark, into screenshots/
	tmp=$$(mktemp -d) && $(BIN)/mkdocs build --strict --site-dir "$$tmp" \
	  && $(BIN)/python tools/screenshots.py "$$tmp" screenshots && rm -rf "$$tmp"

# The browser gates' tools: Chromium and Java from Debian, Node.js and npm to fetch axe-core
# and the Nu checker, installed when run as root (otherwise the tests say what to install,
# and skip). Playwright for Python comes with the `browser` extra, part of `dev`.
BROWSER_PACKAGES := chromium:chromium java:default-jre-headless npm:npm

node_modules/.installed: | system-tools
	npm install --no-save --no-package-lock --silent $(NPM_TOOLS) && touch $@

system-tools:
	@missing=""; for pair in $(BROWSER_PACKAGES); do \
	  command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "please install:$$missing (apt-get install$$missing)"; exit 1; fi; \
	fi

browser-tools: system-tools node_modules/.installed  ## Chromium, Java, axe-core, Nu checker

test-browser: $(VENV)/.dev-installed browser-tools  ## only the browser gates, tools required
	REQUIRE_BROWSER=1 $(BIN)/python -m pytest -m browser

clean:
	rm -rf site .cache screenshots
