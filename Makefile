# The README's commands. Each target sets up .venv by itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# digestgen is installed as a wheel would be (not editable), so the tests exercise the
# templates as they ship inside the package.
SOURCES := pyproject.toml $(shell find src templates -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: newsletter build test check-fast bench lint clean golden caniemail messages docs install schema

newsletter: $(VENV)/.digestgen  ## render the sample digest into out/
	$(BIN)/digestgen newsletter club-partenaires-2018

build: $(VENV)/.digestgen
	$(BIN)/digestgen build --all

AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

test: $(VENV)/.digestgen $(AXE)  ## the whole suite
	AXE_JS=$(AXE) $(BIN)/pytest

# The developers' loop: the suite on the source tree itself (src/ and templates/ as they are
# now, nothing installed), without the browser tests; `make test` is what CI runs.
check-fast: $(VENV)/.deps
	PYTHONPATH=$(CURDIR)/src:$(CURDIR)/tests $(BIN)/python -m pytest -q -m "not browser" \
		--deselect tests/test_templates.py::test_the_installed_package_uses_its_compiled_templates \
		--deselect tests/test_locale.py::test_the_installed_package_reads_its_compiled_catalog

golden: $(VENV)/.digestgen  ## refresh the golden files; read `git diff tests/golden` before committing
	$(BIN)/pytest tests/test_golden.py --update-golden

MJML := $(VENV)/mjml/node_modules/.bin/mjml

bench: $(VENV)/.digestgen $(MJML)  ## the speed figures, cold and warm, against their targets
	$(BIN)/python bench/bench.py

# The mjml CLI, which the bench compares `digestgen build` with (from the npm registry).
$(MJML): $(VENV)/.deps
	npm install --silent --no-audit --no-fund --prefix $(VENV)/mjml mjml@5
	touch $@

# caniemail's data, as `digestgen check` reads it offline: the npm package's JSON, trimmed to
# the client families reported, with its licence. Read `git diff src/digestgen/data` after.
caniemail: $(VENV)/.deps
	rm -rf $(VENV)/caniemail && mkdir -p $(VENV)/caniemail
	cd $(VENV)/caniemail && npm pack --silent caniemail@latest >/dev/null && tar xzf caniemail-*.tgz
	$(BIN)/python scripts/refresh_caniemail.py $(VENV)/caniemail/package src/digestgen/data

# digestgen's words: every T_/TN_ of the package into locale/digestgen.pot, then merged into
# each language's catalog (new words arrive untranslated: `make test` fails until they are).
LOCALES := src/digestgen/locale
messages: $(VENV)/.deps
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k T_:1c,2 -k TN_:1c,2,3 \
		--no-location --sort-output --width 100 --omit-header -o $(LOCALES)/digestgen.pot .
	$(BIN)/pybabel update -i $(LOCALES)/digestgen.pot -d $(LOCALES) -D digestgen \
		--ignore-obsolete --no-fuzzy-matching --width 100 \
		--ignore-pot-creation-date

# The documentation site: the generated pages of docs/reference/ (the commands from the typer
# app, the check codes from the registry, the content format from the JSON Schema) written
# again, then docs/ built into site/; --strict makes a broken link or a missing page an error.
# (NO_MKDOCS_2_WARNING: Material's banner about its own future, printed on every build.)
docs: $(VENV)/.deps
	PYTHONPATH=$(CURDIR)/src $(BIN)/python scripts/docs_pages.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# `digestgen` on the PATH: with pipx, else uv, else a link in BINDIR to .venv's own (built
# first). `make install PIPX= UV=` makes the link even where pipx or uv is installed.
BINDIR ?= $(HOME)/.local/bin
PIPX ?= pipx
UV ?= uv

install:
	@if [ -n "$(PIPX)" ] && command -v "$(PIPX)" >/dev/null 2>&1; then \
		"$(PIPX)" install --force '.[draft]'; \
	elif [ -n "$(UV)" ] && command -v "$(UV)" >/dev/null 2>&1; then \
		"$(UV)" tool install --force '.[draft]'; \
	else \
		$(MAKE) --no-print-directory $(VENV)/.digestgen && \
		mkdir -p "$(BINDIR)" && \
		ln -sfn "$(CURDIR)/$(BIN)/digestgen" "$(BINDIR)/digestgen" && \
		echo "digestgen: $(BINDIR)/digestgen -> $(CURDIR)/$(BIN)/digestgen" && \
		case ":$$PATH:" in *":$(BINDIR):"*|*":$(BINDIR)/:"*) ;; \
		*) echo "$(BINDIR) is not on your PATH: add it (export PATH=\"$(BINDIR):\$$PATH\" in your shell's profile), or run $(BINDIR)/digestgen";; \
		esac; \
	fi

# The JSON Schemas of the content format the package ships (data/schema/), made from the
# models in every language; a test fails when they differ. Read `git diff src/digestgen/data`.
schema: $(VENV)/.deps
	PYTHONPATH=$(CURDIR)/src $(BIN)/python -m digestgen.content.schema

lint: $(VENV)/.digestgen
	$(BIN)/ruff check src tests bench scripts hatch_build.py
	$(BIN)/ruff format --check src tests bench scripts hatch_build.py
	$(BIN)/mypy src

$(VENV)/.deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check hatchling ".[test,dev,draft,docs]"
	touch $@

# axe-core, the accessibility rules engine the browser tests run on the email and the preview.
$(AXE): $(VENV)/.deps
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4
	touch $@

$(VENV)/.digestgen: $(VENV)/.deps $(SOURCES)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	touch $@

clean:
	rm -rf $(VENV) out build dist
