# TĐKT — the two commands of the setup contract are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PEOPLE ?= 3000

.PHONY: install run serve migrate seed messages test lint bench fuzz load bench-pages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Compile the Vietnamese catalogue (pure Python: no gettext tools needed on the machine).
messages: install
	$(PY) manage.py compile_catalogues

migrate: messages
	$(PY) manage.py migrate --noinput

## Demo data is loaded once; `make seed` rebuilds it from scratch.
seed: migrate
	$(PY) manage.py seed_demo --people $(PEOPLE) --reset

run: migrate
	$(PY) manage.py seed_demo --people $(PEOPLE) --if-empty
	@echo "TĐKT: http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	$(PY) manage.py run_with_worker $(HOST):$(PORT)

## ruff, then the layering contracts of pyproject.toml (import-linter; no cache dir: 0.2 s).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

test: messages lint
	$(VENV)/bin/pytest

bench: migrate
	$(PY) bench/run_all.py

## schemathesis against /api/v1/openapi.json on a scratch database (bench/fuzz_api.py);
## `.ci/run` runs the bounded mode: make fuzz FUZZ_ARGS=--quick
fuzz: messages
	$(PY) bench/fuzz_api.py $(FUZZ_ARGS)

## 50 users for 60 s against gunicorn + a throw-away PostgreSQL with the 100,000-person province
## (bench/load_test.py; not in CI). LOAD_ARGS="--users 10 --seconds 20 --people 3000" for a try.
load: messages
	$(PY) bench/load_test.py $(LOAD_ARGS)

## Every list page (back office and portal) against gunicorn + PostgreSQL with 100,000 people and
## 1,000,000 award records, 8 connections, each page after /healthz (bench/bench_pages.py; not in
## CI). The province is built once and kept under var/bench-pages/; PAGES_ARGS=--rebuild rebuilds.
bench-pages: messages
	$(PY) bench/bench_pages.py $(PAGES_ARGS)

clean:
	rm -rf $(VENV) var
