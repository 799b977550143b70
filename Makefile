# Lantern: the two commands are `make run` and `make test`.
# Python 3.13 (Lambda's python3.13 runtime). Where `python3.13` is a pyenv shim that needs
# PYENV_VERSION, the newest installed 3.13 is chosen; PYTHON=... overrides the search.
PYTHON ?= $(shell command -v python3.13 >/dev/null 2>&1 && python3.13 -c 'import sys' >/dev/null 2>&1 && echo python3.13 || \
	(command -v pyenv >/dev/null 2>&1 && v=$$(pyenv versions --bare 2>/dev/null | grep '^3\.13' | tail -1) && [ -n "$$v" ] && \
	 echo "env PYENV_VERSION=$$v python3.13"))
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# Where `make run` keeps its secret, outbox and backend record; a second server needs its own.
STATE_DIR ?= .local
STAGE ?= dev
# worksteal: each worker starts on one contiguous half of the tests (one Chromium and one
# live server for the browser tests, one module world per sweep file), then steals from
# the other when it runs dry, so a long test (the deploy) does not leave a worker idle.
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: run test fuzz bench deploy destroy clean

$(STAMP): requirements.txt requirements-dev.txt
	@if [ ! -x $(PY) ]; then \
	  if [ -z "$(PYTHON)" ]; then \
	    echo "Lantern needs Python 3.13: install it (e.g. 'pyenv install 3.13', or your system's python3.13 package) and run make again." >&2; exit 1; \
	  fi; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' || \
	  { echo "$(VENV) is not Python 3.13: run 'make clean' and try again." >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	# Both files are pip-compile lock files with hashes: pip checks every download.
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m ops.devserver --port $(PORT) --state-dir $(STATE_DIR)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# The property tests, searching afresh and SCALE times as long as in `make test` (which
# runs them derandomized, the same examples every time): a find becomes an @example.
SCALE ?= 20
fuzz: $(STAMP)
	LANTERN_FUZZ_SCALE=$(SCALE) $(PY) -m pytest $(PYTEST_ARGS) tests/test_return_paths.py \
	  tests/test_markup.py tests/test_hardening_forms.py tests/test_form_sweep.py

bench: $(STAMP)
	$(PY) bench/run_all.py

# Create or update STAGE (dev or prod) in AWS: tables, queue, topic, secret, code, smoke check.
deploy: $(STAMP)
	$(PY) -m ops.cli deploy --stage $(STAGE)

# Remove STAGE's code; every table, the queue, topic and secret stay. YES=1 skips the question.
destroy: $(STAMP)
	$(PY) -m ops.cli destroy --stage $(STAGE) $(if $(YES),--yes,)

clean:
	rm -rf $(VENV) .local .pytest_cache
