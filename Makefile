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
	@echo "Dashboard: $(BIN)/sukien serve --db $(DB)  → then open http://127.0.0.1:8000/ (API docs: /docs)"

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

test-slow: install
	$(BIN)/pytest -m slow

bench: install  # e.g. make bench BENCH_ARGS="--limit 2000"
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) out $(DB) $(DB).wal $(DB).index
