# The two commands in the README are `make serve` and `make test`; both set up from scratch first.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve test lint bench
setup: $(VENV)/.casewise-setup
$(VENV)/.casewise-setup: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

serve: setup
	$(BIN)/casewise serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# Every benchmark in turn; each prints its table and writes bench/out/<name>.json.
BENCHES := reading tcga extraction answers polling e2e
bench: setup
	for b in $(BENCHES); do $(BIN)/python bench/$$b.py || exit 1; done
