# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint pytest pytest-postgres lock messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	scripts/run

test: $(VENV)/.installed-dev lint pytest pytest-postgres

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	ICTSPACE_DEBUG=true $(BIN)/ictspace makemigrations --check --dry-run

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

# The same suite on a throwaway PostgreSQL cluster. Skipped (exit 77) when the server
# binaries are absent, unless REQUIRE_POSTGRES=1.
pytest-postgres: $(VENV)/.installed-dev
	@scripts/with-postgres $(BIN)/pytest -q; rc=$$?; \
	if [ $$rc = 77 ]; then \
	  if [ "$${REQUIRE_POSTGRES:-0}" = 1 ]; then echo "PostgreSQL is required (REQUIRE_POSTGRES=1) but not installed"; exit 1; fi; \
	  echo "PostgreSQL not installed: the PostgreSQL run was skipped"; \
	else exit $$rc; fi

# Regenerate the pinned, hashed lock files from pyproject.toml.
lock: $(BIN)/activate
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile -q pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

# Refresh the fr/nl/es catalogues from the code and compile them (needs GNU gettext).
# The compiled .mo files are committed, so `make run` needs no gettext on a fresh machine.
# COMPENDIUM=dir: untranslated messages take the translations of dir/<lang>.po.
messages: $(VENV)/.installed-dev
	ICTSPACE_DEBUG=true $(BIN)/ictspace messages $(if $(COMPENDIUM),--compendium $(COMPENDIUM))

clean:
	rm -rf $(VENV) var/static
