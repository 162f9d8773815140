# RMN Portal — the two commands of the quick start, and a few helpers.
#   make run    serve the portal with demo data on http://127.0.0.1:5000 (PORT= to change)
#   make test   run the whole test suite (SQLite, then PostgreSQL when it answers)
#   make audit  known vulnerabilities in the dependencies (pip-audit), insecure code (bandit)
#   make bench  the main pages under load (wrk), SQLite and PostgreSQL; BENCH_SCALE=1 for full size

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
RMN_INSTANCE_PATH ?= instance
export RMN_INSTANCE_PATH
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?= -n auto -q
FLASK := $(BIN)/flask --app rmn_portal
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test test-sqlite test-postgres lint audit i18n i18n-check migrations-check bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,postgres,redis,server]"
	@rm -f $(VENV)/.installed-*
	@touch $@

# Test-only tools from npm (axe-core, the Nu Html Checker); skipped without npm.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-audit --no-fund --ignore-scripts --silent && touch $@; \
	else echo "npm not found: accessibility and HTML checks will be skipped"; fi

install: $(STAMP) node_modules/.installed

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: test-sqlite test-postgres

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (RMN_TEST_DATABASE_URL or the local server);
# skipped with a message on machines without one.
test-postgres: install
	@if $(BIN)/python -c "import sys, psycopg; psycopg.connect(sys.argv[1].replace('+psycopg', ''), connect_timeout=3).close()" \
	    "$${RMN_TEST_DATABASE_URL:-$(PG_TEST_URL)}" 2>/dev/null; then \
	  RMN_TEST_DATABASE_URL="$${RMN_TEST_DATABASE_URL:-$(PG_TEST_URL)}" $(BIN)/pytest $(PYTEST_ARGS); \
	else \
	  echo "PostgreSQL does not answer at $${RMN_TEST_DATABASE_URL:-$(PG_TEST_URL)}: PostgreSQL run skipped."; \
	fi

lint: install
	$(BIN)/ruff check .

# bandit: medium severity and above must be clean (justified exceptions carry
# `# nosec BXXX` with the reason). pip-audit needs PyPI's vulnerability data:
# without network access it says so and the audit is skipped.
audit: install
	$(BIN)/bandit -q -r rmn_portal --severity-level medium
	$(BIN)/python .ci/audit_dependencies.py

i18n: install
	$(BIN)/python -m rmn_portal.i18n_tools

i18n-check: install
	$(BIN)/python -m rmn_portal.i18n_tools --check

# Minutes, not part of `make test`: see docs/performance.md. BENCH_DATABASE=sqlite or pg
# for one database only; BENCH_DURATION (seconds per page), BENCH_CONNECTIONS, BENCH_WORKERS.
BENCH_SCALE ?= 0.1
bench: install
	@mkdir -p test-artifacts
	$(BIN)/python bench/run.py --database $${BENCH_DATABASE:-both} --scale $(BENCH_SCALE) \
	  --markdown test-artifacts/bench.md

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
