# Set-up and everyday commands. Only Python 3.11+ and make are needed; everything else is
# installed into .venv. With no DATABASE_URL, an embedded PostgreSQL in .pgdata/ is used.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := ENVIRONMENT=local $(BIN)/python manage.py

.PHONY: run test lint install manage clean-db bench

$(BIN)/.installed: pyproject.toml
	@echo "==> Creating $(VENV) and installing dependencies"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --progress-bar off -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	@echo "==> Migrating the database"
	$(MANAGE) migrate --no-input
	@echo "==> Loading the seed archive"
	$(MANAGE) seed
	$(MANAGE) create_demo_editor
	@echo "==> Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops the site and its database)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install lint
	@echo "==> Checking for missing migrations"
	$(MANAGE) makemigrations --check --dry-run
	@echo "==> Running the test suite"
	ENVIRONMENT=local $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Search relevance and speed, in a separate database (archive_bench on the same server), written
# to docs/benchmarks.md; progress is shown here. Takes several minutes (100,000 synthetic Q&As).
bench: install
	@echo "==> Benchmarking search; the report goes to docs/benchmarks.md"
	@set -e; { \
		echo "# Search benchmarks"; echo; \
		echo "Written by \`make bench\` on $$(date -u +%Y-%m-%d), on a $$(nproc)-core machine; \
	the numbers are from that run. Both parts run in a database of their own (\`archive_bench\`), never the archive's."; \
		echo; $(MANAGE) bench_search_relevance; echo; $(MANAGE) bench_search_speed; \
	} > docs/benchmarks.md.tmp
	@mv docs/benchmarks.md.tmp docs/benchmarks.md
	@echo "==> Wrote docs/benchmarks.md"

# Any manage.py command against the local database: make manage ARGS="createsuperuser"
manage: install
	$(MANAGE) $(ARGS)

# Forget the embedded database (it is re-created on the next run).
clean-db:
	rm -rf .pgdata
