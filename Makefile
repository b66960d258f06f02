# `make run` and `make test` do all set-up on a fresh machine (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test install gazetteer assets browser bench eval clean

run: install gazetteer assets
	$(VENV)/bin/streamlit run streamlit_app.py

test: install gazetteer assets browser
	$(PY) -m pytest

install: $(INSTALLED)

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Compiles the offline place index into the cache unless it is there and current.
gazetteer: install
	$(PY) -m gazetteer build --if-needed

# Leaflet and friends for the offline map, from the npm registry (see scripts/install_assets.sh).
assets: install
	bash scripts/install_assets.sh

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# Every number in the README comes from one of these.
bench: install gazetteer assets browser
	$(PY) benchmarks/gazetteer_bench.py
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/map_bench.py

eval: install gazetteer
	$(PY) scripts/evaluate.py --processes 2

clean:
	rm -rf $(VENV) static/vendor .pytest_cache
