# Two entry points: `make build` (set up + build the example site) and `make test` (set up + run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test tools bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

build: $(STAMP)
	$(PY) build.py build

tools:
	scripts/install-tools.sh

test: $(STAMP) tools
	$(PY) -m ruff check clinicsite tests build.py benchmarks
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/run.py --pages 1000 --pages 10000

clean:
	rm -rf output .pytest_cache
