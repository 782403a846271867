# heathub: `make run` starts the app with its embedded defaults; `make test` runs every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LOCAL_ENV := DEBUG=true

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==25.3

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-app
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

install: $(VENV)/.installed-app frontend/node_modules/.installed ## install the app's pinned dependencies and the NHS.UK frontend

install-dev: install $(VENV)/.installed-dev /usr/bin/chromium ## also the test tools and Debian's chromium

run: install ## start the app on http://127.0.0.1:8000 with SQLite and the demo data
	$(LOCAL_ENV) $(BIN)/heathub migrate
	$(LOCAL_ENV) $(BIN)/heathub demo
	@echo "heathub is starting on http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(LOCAL_ENV) $(BIN)/heathub serve

test: install-dev ## run the whole test suite (set DATABASE_URL to use PostgreSQL)
	$(BIN)/pytest -n auto  # pytest-xdist: one worker per core

lint: install-dev ## ruff and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=mypy-only $(BIN)/mypy

.PHONY: help install install-dev run test lint
