# Qoollege. `make run` serves the site with the demo catalogue; `make test` runs every check.
# Every target is idempotent and quick when nothing changed.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
WORKERS ?= 2
# Tests and checks run with DEBUG off, as production does; they need some secret key.
TEST_ENV := DJANGO_SECRET_KEY=test-only-insecure-key DJANGO_DEBUG=false

.PHONY: help setup run serve test lint format check pytest bench backup restore clean

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
	DJANGO_DEBUG=true $(MANAGE) loadcatalog

run: setup
	DJANGO_DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

serve: setup .secret-key
	DJANGO_SECRET_KEY="$$(cat .secret-key)" $(MANAGE) collectstatic --no-input -v0
	DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_DEBUG=false \
		$(BIN)/gunicorn qoollege.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS)

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(BIN)/.dev
	$(TEST_ENV) $(MANAGE) check --fail-level WARNING
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

pytest: $(BIN)/.dev
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

bench: setup $(BIN)/.dev .secret-key
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
