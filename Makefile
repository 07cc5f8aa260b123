# Two commands for a newcomer: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest bench bundle bundle-smoke screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/micromoments run

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

pytest: $(VENV)/.test-installed
	$(BIN)/python -m pytest

test: lint typecheck pytest

# Benchmarks, not tests: each prints figures as ratios against a baseline measured in the same run.
bench: $(VENV)/.test-installed
	$(BIN)/python tests/perf/bench_startup.py
	$(BIN)/python tests/perf/bench_hotkey.py
	$(BIN)/python tests/perf/bench_history.py
	$(BIN)/python tests/perf/bench_idle.py --seconds 60

$(VENV)/.bundle-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $@ $(VENV)/.run-installed

# One folder, dist/MicroMoments/ (and dist/MicroMoments.app on macOS); see build.spec.
bundle: $(VENV)/.bundle-installed
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/MicroMoments

# The bundle on Xvfb + openbox + trayer: start, tray, log, list, quit; prints size and time.
bundle-smoke: bundle
	$(BIN)/python tests/bundle/smoke_bundle.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
