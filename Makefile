# One set of commands everywhere: make serve, make site, make check (the fast lane), make test (CI runs it).
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system-packages
# For the tests only: a SCORM runtime playing the LMS and ADL's schemas (package.json), from the npm registry.
NODE_STAMP := node_modules/.installed
# WeasyPrint needs Pango; the PDFs embed DejaVu fonts; browser tests drive Debian's Chromium.
SYSTEM_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0

.PHONY: serve site check lint test bench clean check-sources

# PROFILE=profiles/<name> builds that organisation's edition (README: "Make your own edition").
PROFILE ?=

# mkdocs.yml reads the profile from $HANDBOOK_PROFILE: serve reloads its configuration on every save.
serve: $(STAMP) $(SYSTEM_STAMP)
	HANDBOOK_PROFILE="$(PROFILE)" $(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

# The same as `mkdocs build` (the online site, which builds the offline copy into build/offline first), in-process.
site: $(STAMP) $(SYSTEM_STAMP)
	$(PYTHON) -m macros.cli.build_site site build/offline --profile "$(PROFILE)"

# The fast lane for authors: lint and types, then unit, data-contract and template tests (tests/unit), no site
# build, no browser.
check: lint $(STAMP) $(SYSTEM_STAMP)
	$(PYTHON) -m pytest -m unit

# ruff (style, import order, bugbear, pyupgrade) and mypy over the package, as configured in pyproject.toml.
lint: $(STAMP)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy

# Everything (CI runs this): two processes, a test file to each in turn (so a file's module fixtures are
# made once): builds, browsers and servers overlap their waits.
test: $(STAMP) $(SYSTEM_STAMP) $(NODE_STAMP)
	$(PYTHON) -m pytest --numprocesses 2 --dist loadfile --no-loadscope-reorder

bench: $(STAMP) $(SYSTEM_STAMP)
	$(PYTHON) -m tests.bench

# Opt-in, needs the network: checks every state source address, one request a second.
# Writes build/source-check/report.md and report.json. Never part of make test.
check-sources: $(STAMP)
	$(PYTHON) -m macros.cli.check_sources

clean:
	rm -rf site build .cache node_modules

$(STAMP): requirements.txt pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt -e .
	touch $@

# Node.js and npm come from Debian's packages when the machine has none.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Installs the Debian packages only when one is missing (needs root or sudo).
$(SYSTEM_STAMP):
	@if dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | grep -vq "install ok installed" \
	    || [ "$$(dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | wc -l)" -ne $(words $(SYSTEM_PACKAGES)) ]; then \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi
	@mkdir -p $(VENV) && touch $@
