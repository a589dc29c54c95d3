# sukien — `make run` (set up, process the example pages, print a timeline) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sukien.duckdb

.PHONY: install run test test-slow bench lint clean

$(BIN)/sukien: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(BIN)/sukien

install: $(BIN)/sukien

run: install
	$(BIN)/sukien run examples --out out/examples --db $(DB)
	$(BIN)/sukien timeline --db $(DB)

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

test-slow: install
	$(BIN)/pytest -m slow

bench: install
	$(BIN)/python benchmarks/run_all.py

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) out $(DB) $(DB).wal
