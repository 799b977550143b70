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
STAGE ?= dev
PYTEST_ARGS ?= -n 2

.PHONY: run test bench deploy destroy clean

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
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m ops.devserver --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/requests_per_page.py
	$(PY) bench/coldstart.py
	$(PY) bench/enumeration.py
	$(PY) bench/jobs.py
	$(PY) bench/journal_chart.py
	$(PY) bench/search.py

# Create or update STAGE (dev or prod) in AWS: tables, queue, topic, secret, code, smoke check.
deploy: $(STAMP)
	$(PY) -m ops.cli deploy --stage $(STAGE)

# Remove STAGE's code; every table, the queue, topic and secret stay. YES=1 skips the question.
destroy: $(STAMP)
	$(PY) -m ops.cli destroy --stage $(STAGE) $(if $(YES),--yes,)

clean:
	rm -rf $(VENV) .local .pytest_cache
