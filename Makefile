# Two commands for a trainer:
#   make workshop   set everything up (first time) and start the workshop server
#   make test       set everything up (first time) and run the whole test suite
# Needs only Python 3 (>= 3.10), pip and make.

PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
ARGS    ?=
PYTEST_ARGS ?= -n 2 --dist loadgroup
# For a laptop with no internet: `make wheelhouse` on a connected machine, copy the folder,
# then `make workshop WHEELS=wheelhouse`.
WHEELS  ?=
PIP_FROM := $(if $(WHEELS),--no-index --find-links $(WHEELS),)

export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: workshop test test-fast setup setup-test system-deps lint catalogs bench wheelhouse clean

workshop: setup
	$(BIN)/algca workshop $(ARGS)

test: setup-test system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The quick check while working: no browser, no nbgrader, no servers, no notebooks.
test-fast: setup-test
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not slow"

setup: $(VENV)/.ready
setup-test: $(VENV)/.ready-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10 or newer is needed"'
	$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv is not available; trying virtualenv instead"; \
	  $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip $(PIP_FROM)

$(VENV)/.ready: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(PIP_FROM) -e .
	@touch $@

$(VENV)/.ready-test: $(VENV)/.ready
	$(BIN)/python -m pip install --quiet $(PIP_FROM) -e ".[test]"
	-$(BIN)/nbstripout --install --attributes .gitattributes
	@touch $@

# Chromium (browser tests), LibreOffice Writer (Word → PDF) and poppler (PDF text) from Debian.
system-deps:
	@sh scripts/system-deps.sh

lint: setup-test
	$(BIN)/ruff check toolkit tests benchmarks scripts exercises/nbgrader_config.py conftest.py
	$(BIN)/ruff format --check toolkit tests benchmarks scripts exercises/nbgrader_config.py conftest.py

catalogs: setup
	$(BIN)/python scripts/update_catalogs.py

bench: setup-test
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

wheelhouse: | $(BIN)/python
	$(BIN)/python -m pip download -d wheelhouse ".[test]" pip setuptools

clean:
	rm -rf $(VENV) build dist *.egg-info test-artifacts
