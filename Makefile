# Set-up and everyday commands. Only Python 3.11+ and make are needed; everything else is
# installed into .venv. With no DATABASE_URL, an embedded PostgreSQL in .pgdata/ is used.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := ENVIRONMENT=local $(BIN)/python manage.py

.PHONY: run test lint install manage clean-db

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

# Any manage.py command against the local database: make manage ARGS="createsuperuser"
manage: install
	$(MANAGE) $(ARGS)

# Forget the embedded database (it is re-created on the next run).
clean-db:
	rm -rf .pgdata
