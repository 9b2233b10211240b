# The two quick-start commands are `make run` and `make test`; each installs what it needs first.
SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: install run demo serve test test-fast system-deps a11y-deps lint format bench clean-store postgres test-postgres lineage

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==0.13.8

install: $(UV)  ## the locked Python environment in .venv
	$(UV) sync --frozen --python $(PYTHON)

demo: install  ## build the demo store (GOVDASH_HOME, default data/store)
	$(VENV)/bin/govdash demo

PORT ?= 8501
ADDRESS ?= localhost

serve: install  ## serve the store at http://$(ADDRESS):$(PORT) (make run PORT=8080 ADDRESS=0.0.0.0)
	$(VENV)/bin/govdash serve --port $(PORT) --address $(ADDRESS)

run: demo serve  ## quick start 1: install, build the demo store, serve http://localhost:8501 (PORT=, ADDRESS=)

system-deps:  ## Chromium and the Korean font for the browser tests (installs them when root on Debian)
	@bash scripts/system-deps.sh

test: install system-deps a11y-deps  ## quick start 2: install and run every test
	$(VENV)/bin/pytest -n 2 --dist loadgroup

test-fast: install  ## everything but the real-browser tests
	$(VENV)/bin/pytest -n 2 -m "not e2e"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

postgres:  ## a throwaway local PostgreSQL for the ledger; prints GOVDASH_DATABASE_URL (stop: scripts/postgres.sh stop)
	@bash scripts/postgres.sh

test-postgres: install  ## the ledger suite against SQLite and a real PostgreSQL (started if needed)
	GOVDASH_TEST_POSTGRES_URL="$$(bash scripts/postgres.sh)" $(VENV)/bin/pytest tests/postgres -q

lineage: install  ## redraw the lineage pictures of docs/data-model.md from sql/ and the Python
	$(VENV)/bin/python -m etl.builder.lineage

bench: install  ## national-scale benchmark; writes docs/benchmarks.md
	$(VENV)/bin/python -m bench.run $(BENCH_ARGS)

clean-store:
	rm -rf data/store

a11y-deps:  ## axe-core (npm, pinned in tests/a11y/package-lock.json) for the accessibility scan
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (apt-get install -y npm)" >&2; exit 1; }
	cd tests/a11y && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
