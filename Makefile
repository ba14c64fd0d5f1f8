# plancompare: two commands on a fresh clone -- `make report` and `make test`.
# Each creates .venv on first use and installs the project (with its test tools) into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= data

.PHONY: install report build check test lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/plancompare build --data $(DATA)

check: $(STAMP)
	$(BIN)/plancompare check --data $(DATA)

report: $(STAMP)
	$(BIN)/plancompare build --data $(DATA)
	$(BIN)/plancompare report --data $(DATA)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest --nbval --nbval-sanitize-with notebooks/nbval_sanitize.cfg

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) reports data/processed .pytest_cache .ruff_cache
