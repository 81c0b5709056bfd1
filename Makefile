# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_VENDORS ?= 200
DEMO_PRODUCTS ?= 2000

.PHONY: run test test-fast lint format migrate demo check bench bench-quick bench-load bench-load-compare clean venv backup restore

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 atau lebih baru diperlukan (PYTHON=python3.11 make ...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo --vendors $(DEMO_VENDORS) --products $(DEMO_PRODUCTS) --seed 2026 --if-empty
	$(PY) manage.py load_initial_content

run: demo
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# One archive (database + media + private vendor documents + manifest) into BACKUP_DIR
# (var/backups); `make restore FILE=var/backups/batang-backup-....tar.gz [FORCE=1]` restores
# it into the configured database and folders and verifies it (docs/deploy.md, "Backups").
backup: $(STAMP)
	$(PY) manage.py backup $(BACKUP_ARGS)

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Sebutkan arsipnya: make restore FILE=var/backups/batang-backup-....tar.gz"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force) $(RESTORE_ARGS)

check: $(STAMP)
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Search bench (bench/README.md): PostgreSQL 10k vendors / 100k products + SQLite 10k and 100k,
# about 25 minutes; bench-quick: 1k / 10k, a few minutes. BENCH_ARGS="--reuse --keep" etc.
bench: $(STAMP)
	$(PY) bench/search_bench.py $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(PY) bench/search_bench.py --quick $(BENCH_ARGS)

# Load bench (bench/README.md, "Load bench"): gunicorn with production settings + wrk on the
# 10k / 100k PostgreSQL data set, 60 s at 16 and 64 connections. LOAD_DURATION=10s,
# LOAD_CONNECTIONS=16,64, LOAD_WORKERS=5, LOAD_APP_DIR=<checkout>, LOAD_ARGS="--py-spy DIR".
# bench-load-compare BASE=<git ref> [HEAD_REF=<git ref>]: interleaved rounds, head/base ratios.
bench-load: $(STAMP)
	$(PY) bench/load/load_bench.py $(LOAD_ARGS)

bench-load-compare: $(STAMP)
	@test -n "$(BASE)" || { echo "Pakai: make bench-load-compare BASE=<git ref>"; exit 2; }
	bench/load/compare.sh "$(BASE)" $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
