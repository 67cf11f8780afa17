# Two commands do all set-up: `make run` (dashboard on the seeds) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: run test lint format bench eval clean fuzz load

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt constraints.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

run: $(RUNTIME_STAMP)
	$(PY) -m streamlit run dashboard/app.py

test: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(DEV_STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(DEV_STAMP)
	$(PY) -m benchmarks

# The hypothesis properties of tests/test_fuzz_*.py with the long "fuzz" profile (tests/conftest.py).
fuzz: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_fuzz_loaders.py tests/test_fuzz_scorer.py -q -p no:randomly

# 30 concurrent browser sessions on one localhost server for two minutes (stops by itself);
# a smoke run: `$(PY) -m benchmarks.load --sessions 5 --seconds 20`.
load: $(DEV_STAMP)
	$(PY) -m benchmarks.load

eval: $(RUNTIME_STAMP)
	$(PY) -m analysis evaluate --basil ../shared/eval/basil_dev.jsonl --babe ../shared/eval/babe_dev.csv --ptc ../shared/eval/ptc_train.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
