# Set-up and everyday commands. Only Python 3.11+ and make are needed; everything else is
# installed into .venv. With no DATABASE_URL, an embedded PostgreSQL in .pgdata/ is used.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := ENVIRONMENT=local $(BIN)/python manage.py
BENCH := ENVIRONMENT=local $(BIN)/python -m tools.bench
# Exact versions of every dependency, used by every install; `make lock` renews it.
LOCK := requirements.lock

.PHONY: run serve test e2e chromium wrk lint audit bench bench-large loadtest faults install lock manage clean-db

$(BIN)/.installed: pyproject.toml $(LOCK)
	@echo "==> Creating $(VENV) and installing dependencies"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --progress-bar off -c $(LOCK) -e '.[dev]'
	touch $@

# Resolve pyproject.toml's ranges afresh, in a throw-away environment, into $(LOCK).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --progress-bar off -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --all --exclude pip --exclude-editable > $(LOCK)
	rm -rf .lock-venv

install: $(BIN)/.installed

run: install
	@echo "==> Migrating the database"
	$(MANAGE) migrate --no-input
	@echo "==> Loading the seed archive"
	$(MANAGE) seed
	$(MANAGE) create_demo_editor
	@echo "==> Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops the site and its database)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The production stack on this machine: collected static files, gunicorn, production settings.
serve: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed
	DEBUG=0 $(MANAGE) collectstatic --no-input -v0
	@echo "==> gunicorn on http://127.0.0.1:$(PORT)/"
	ENVIRONMENT=local DEBUG=0 PORT=$(PORT) $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

test: install lint
	@echo "==> Checking for missing migrations"
	$(MANAGE) makemigrations --check --dry-run
	@echo "==> Running the test suite"
	ENVIRONMENT=local $(BIN)/pytest

# End-to-end tests in headless Chromium (Debian's package; installed here if missing), and the
# Nu HTML checker (npm's vnu-jar, run by Java) over the main pages. Screenshots of failures land
# in test-artifacts/.
VNU_VERSION := 26.9.27
VNU_JAR := .e2e-tools/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	@echo "==> Installing the Nu HTML checker (vnu-jar $(VNU_VERSION)) into .e2e-tools/"
	npm install --prefix .e2e-tools --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)

e2e: install $(VNU_JAR)
	@command -v chromium >/dev/null || $(MAKE) chromium
	@echo "==> Running the browser tests"
	ENVIRONMENT=local VNU_JAR=$(abspath $(VNU_JAR)) $(BIN)/pytest -m e2e tests/e2e

# Debian's packages that the browser tests and the load test drive, installed when missing.
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get

chromium wrk:
	@echo "==> Installing Debian's $@ package"
	$(APT_GET) update -qq
	$(APT_GET) install -y -qq --no-install-recommends $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Many visitors at once, the same server's ceiling, then two app servers sharing one PostgreSQL and
# one Redis; and PostgreSQL, Redis and the mail server going away under load. Both start servers of
# their own on spare loopback ports, stop them at the end, and write docs/load-and-faults.md.
# Too heavy for CI. Options: make loadtest ARGS="--duration 30".
loadtest: install
	@command -v wrk >/dev/null || $(MAKE) wrk
	ENVIRONMENT=local $(BIN)/python -m loadtest load $(ARGS)

faults: install
	ENVIRONMENT=local $(BIN)/python -m loadtest faults $(ARGS)

# Known vulnerabilities in the locked dependencies (asks PyPI's vulnerability API).
audit: install
	$(BIN)/pip-audit --progress-spinner off --no-deps --disable-pip -r $(LOCK)

# A report's opening lines: $(call BENCH_HEADER,title,make target).
BENCH_HEADER = echo "\# $(1)"; echo; \
	echo "Written by \`make $(2)\` on $$(date -u +%Y-%m-%d), on a $$(nproc)-core machine; \
	the numbers are from that run, in a database of its own (\`archive_bench\`), never the archive's."; echo

# Search relevance, spelling and speed, in a separate database (archive_bench on the same server), written
# to docs/benchmarks.md; progress is shown here. Takes several minutes (100,000 synthetic Q&As).
bench: install
	@echo "==> Benchmarking search; the report goes to docs/benchmarks.md"
	@set -e; { \
		$(call BENCH_HEADER,Search benchmarks,bench); \
		$(BENCH) relevance; echo; $(BENCH) spelling; echo; $(BENCH) speed; \
	} > docs/benchmarks.md.tmp
	@mv docs/benchmarks.md.tmp docs/benchmarks.md
	@echo "==> Wrote docs/benchmarks.md"

# The speed part alone at 1,000,000 Q&As (docs/benchmarks.md has 1,000 to 100,000), written to
# docs/benchmarks-large.md. About 70 minutes on two cores, nearly all of it the fill and the
# index build; ~20 GB of disk.
bench-large: install
	@echo "==> Benchmarking search at 1,000,000 Q&As; the report goes to docs/benchmarks-large.md"
	@set -e; { \
		$(call BENCH_HEADER,Search speed at a million Q&As,bench-large); \
		$(BENCH) speed --sizes 1000000; \
	} > docs/benchmarks-large.md.tmp
	@mv docs/benchmarks-large.md.tmp docs/benchmarks-large.md
	@echo "==> Wrote docs/benchmarks-large.md"

# Any manage.py command against the local database: make manage ARGS="createsuperuser"
manage: install
	$(MANAGE) $(ARGS)

# Forget the embedded database (it is re-created on the next run).
clean-db:
	rm -rf .pgdata
