# Lantern: the two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
STAGE ?= dev
PYTEST_ARGS ?= -n 2

.PHONY: run test bench deploy destroy clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m chalicelib.devserver --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/requests_per_page.py
	$(PY) bench/coldstart.py
	$(PY) bench/enumeration.py
	$(PY) bench/jobs.py
	$(PY) bench/journal_chart.py

# Create or update STAGE (dev or prod) in AWS: tables, queue, topic, secret, code, smoke check.
deploy: $(STAMP)
	$(PY) -m chalicelib.cli deploy --stage $(STAGE)

# Remove STAGE's code; every table, the queue, topic and secret stay. YES=1 skips the question.
destroy: $(STAMP)
	$(PY) -m chalicelib.cli destroy --stage $(STAGE) $(if $(YES),--yes,)

clean:
	rm -rf $(VENV) .local .pytest_cache
