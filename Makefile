# plancompare: two commands on a fresh clone -- `make report` and `make test`.
# Each creates .venv on first use and installs the locked environment into it:
# requirements.lock (exact versions with hashes, made by `make lock`), then the project itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= data
# `make report PARAMS='k_max=8 random_state=1'`: notebook parameter overrides (Python literals).
PARAMS ?=

# The lock: Python 3.11 (the supported version), every platform, `dev` extra included.
# Other optional extras get their own requirements-EXTRA.lock, constrained by this one.
LOCK        := requirements.lock
LOCK_PYTHON := 3.11
UV_VERSION  := 0.13.9
UV          := $(BIN)/uv
UV_COMPILE  := $(UV) pip compile pyproject.toml --universal --python-version $(LOCK_PYTHON) \
               --generate-hashes --quiet
EXTRAS = $(shell $(BIN)/python -c "import tomllib; \
  e = tomllib.load(open('pyproject.toml', 'rb'))['project'].get('optional-dependencies', {}); \
  print(' '.join(sorted(set(e) - {'dev'})))")

.PHONY: install report build check test lint format lab lock lock-upgrade clean

install: $(STAMP)

# An optional extra's locked peers, e.g. `make install-bench` from requirements-bench.lock.
install-%: $(STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-$*.lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; v = sys.version_info[:2]; v == (3, 11) or print( \
	  f"note: {sys.executable} is Python {v[0]}.{v[1]}; the lock is made for 3.11", \
	  "(set PYTHON=python3.11)")'

$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 \
	  --display-name "Python 3 (plancompare)" >/dev/null
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/plancompare build --data $(DATA)

check: $(STAMP)
	$(BIN)/plancompare check --data $(DATA)

report: $(STAMP)
	$(BIN)/plancompare build --data $(DATA)
	$(BIN)/plancompare report --data $(DATA) $(foreach p,$(PARAMS),--param '$(p)')

# JupyterLab on notebooks/ with the project's kernel; `make lab LAB_ARGS=--no-browser`.
# (Jupyter refuses to run as root without --allow-root: containers and CI machines run as root.)
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest --nbval --nbval-sanitize-with notebooks/nbval_sanitize.cfg

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the lock(s) from pyproject.toml, keeping every pin that still fits (after adding
# or changing a dependency); `make lock-upgrade` moves every package to its newest release.
lock: $(UV)
	$(UV_COMPILE) --extra dev $(UV_FLAGS) -o $(LOCK)
	@for extra in $(EXTRAS); do \
	  echo "$(UV_COMPILE) --extra dev --extra $$extra -c $(LOCK) -o requirements-$$extra.lock"; \
	  $(UV_COMPILE) --extra dev --extra $$extra -c $(LOCK) $(UV_FLAGS) \
	    -o requirements-$$extra.lock || exit 1; \
	done

lock-upgrade:
	$(MAKE) lock UV_FLAGS=--upgrade

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

clean:
	rm -rf $(VENV) reports data/processed .pytest_cache .ruff_cache
