# feelheard: two commands on a fresh machine: `make run` (set up + start the coach) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TRAIN_VENV := .venv-train
TRAIN_BIN := $(TRAIN_VENV)/bin

.PHONY: run test lint typecheck unit bench model install install-dev clean help system-deps

help:
	@echo "make run    - install and start the coach in your browser (http://127.0.0.1:8000)"
	@echo "make test   - install test dependencies, lint, type-check and run the whole test suite"
	@echo "make bench  - accuracy, speed and memory benchmarks, each beside its target"
	@echo "make model  - rebuild every shipped model artifact in a separate training venv (torch==2.13.0)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: $(VENV)/.runtime
	$(BIN)/feelheard serve

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# Debian's chromium (browser tests) and PostgreSQL binaries (storage tests start their own server).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing Debian packages: chromium postgresql"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium postgresql >/dev/null; \
	fi

unit: $(VENV)/.dev system-deps
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

test: lint typecheck unit

bench: $(VENV)/.dev
	$(BIN)/python -m bench

$(TRAIN_BIN)/python:
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch resolves to a multi-GB CUDA build.
	$(TRAIN_BIN)/python -m pip install --quiet torch==2.13.0

$(TRAIN_VENV)/.train: pyproject.toml | $(TRAIN_BIN)/python
	$(TRAIN_BIN)/python -m pip install --quiet -e '.[train,dev]'
	touch $@

model: $(TRAIN_VENV)/.train
	$(TRAIN_BIN)/python -m training.build_all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
