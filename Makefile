# Community Connexions publishing pipeline.
#   make          build the site and every PDF (creates .venv on first use)
#   make test     run the tests (installs what they need)
#   make test-fast  the tests that take seconds: no real build, browser or slow test (1.5 min)
#   make check    run every content check (spelling, references, personal data, ...)
#   make dist     a versioned archive of the site and PDFs with its SHA-256
#   make bench    time builds against MkDocs Material and Jupyter Book 1 (bench/results.md)
# Targets follow Sphinx's own Makefile: html, pdf, serve, clean.

PYTHON   ?= $(shell command -v python3.11 || command -v python3)
VENV     := .venv
BIN      := $(VENV)/bin
BUILDDIR := _build
SERVE_PORT ?= 8000
RUNTIME  := $(VENV)/.runtime-installed
TESTDEPS := $(VENV)/.test-installed
NODETOOLS := node_modules/.package-lock.json
DEBIAN_TEST_PACKAGES := $(shell cat tests/debian-packages.txt)
# Noto fonts for scripts the text font lacks (Urdu, Arabic, Bengali, Punjabi);
# Enchant and the British English dictionary for the spelling check; Pango and HarfBuzz
# subsetting for WeasyPrint (the tagged PDFs). Node.js and npm (for the JavaScript tools of
# package.json: formula speech, diagrams) are installed below when npm is missing: a Node.js
# from elsewhere brings its own npm, which Debian's npm package conflicts with.
# Diagrams are drawn in chromium (tests/debian-packages.txt).
DEBIAN_BUILD_PACKAGES := fonts-noto-core libenchant-2-2 hunspell-en-gb libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: all html pdf serve check gettext locales pseudo-locales test test-fast dist bench clean help

# LANGUAGE=ur builds that translation alone (from locales/ur/), into $(BUILDDIR)/html/ur and
# $(BUILDDIR)/pdf/ur; without it, the main language and every translation publications.yaml lists.
LANGUAGE_ARG = $(if $(LANGUAGE),--language $(LANGUAGE))

all: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m ppiebook.commands.build all --builddir $(BUILDDIR) $(LANGUAGE_ARG)

html: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m ppiebook.commands.build html --builddir $(BUILDDIR) $(LANGUAGE_ARG)

pdf: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m ppiebook.commands.build pdf --builddir $(BUILDDIR) $(LANGUAGE_ARG)

# Live preview on 127.0.0.1, rebuilt on save by a Sphinx kept loaded between builds
# (ppiebook/preview.py). Uses the last good PDFs for downloads.
serve: $(RUNTIME) $(NODETOOLS)
	@test -d $(BUILDDIR)/pdf || $(BIN)/python -m ppiebook.commands.build pdf --builddir $(BUILDDIR)
	$(BIN)/python -m ppiebook.commands.preview --builddir $(BUILDDIR) --host 127.0.0.1 --port $(SERVE_PORT)

# Translatable messages of every page, as .pot files in $(BUILDDIR)/gettext.
gettext: $(RUNTIME)
	$(BIN)/sphinx-build -b gettext -n -W --keep-going -q . $(BUILDDIR)/gettext

# Create or update the .po files of one language: make locales LANGUAGE=cy
locales: gettext
	@test -n "$(LANGUAGE)" || (echo "Say which language: make locales LANGUAGE=cy" >&2; exit 2)
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -l $(LANGUAGE) -d locales

# Pseudo-translations (accented en-XA, right-to-left ar-XB) in $(BUILDDIR)/pseudo-locales, for
# checking that every string is translatable: make html LANGUAGE=en-XA after copying one to locales/.
pseudo-locales: gettext
	$(BIN)/python -m ppiebook.i18n.pseudo --pot-dir $(BUILDDIR)/gettext --locale-dir $(BUILDDIR)/pseudo-locales
	$(BIN)/python -m ppiebook.i18n.pseudo --pot-dir $(BUILDDIR)/gettext --locale-dir $(BUILDDIR)/pseudo-locales --language ar_XB

# Every content check, with a summary table; non-zero on any error.
check: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m ppiebook.checks --source .

# Every test: tiny roots, the real build, the browser (14 to 21 min on 2 cores, as busy as they are).
test: $(TESTDEPS)
	$(BIN)/python -m pytest

# The tests that take seconds, while editing: no test that builds the real project (realbuild),
# needs chromium (browser) or takes more than about 5 s (slow); markers in pyproject.toml.
# 302 of the 520 tests, about 95 s on 2 cores.
test-fast: $(TESTDEPS)
	$(BIN)/python -m pytest -m "not slow and not browser and not realbuild"

# The site and PDFs as dist/<name>-<version>.tar.gz plus its .sha256 (same inputs, same bytes).
dist: all
	$(BIN)/python -m ppiebook.commands.dist --builddir $(BUILDDIR)

# Build times and memory against the peers, on generated sites of BENCH_SIZES pages; writes
# bench/results.md and bench/results.png. Quick: make bench BENCH_SIZES="100 400" BENCH_RUNS=1
BENCH_SIZES   ?= 100 400 1000
BENCH_RUNS    ?= 3
BENCH_TIMEOUT ?= 600
bench: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m bench --sizes "$(BENCH_SIZES)" --runs $(BENCH_RUNS) --timeout $(BENCH_TIMEOUT)

clean:
	rm -rf $(BUILDDIR) dist _generated

help:
	@sed -n 's/^#   make/make/p' Makefile

# The JavaScript tools, exactly as package-lock.json pins them (ppiebook/content/node.py).
$(NODETOOLS): package-lock.json | $(RUNTIME)
	@if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	fi
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@

$(RUNTIME): requirements.txt pyproject.toml
	@if [ "$$(id -u)" = 0 ] && ! dpkg -s $(DEBIAN_BUILD_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_BUILD_PACKAGES); \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Debian packages are installed only when running as root (as CI does);
# otherwise a missing one is reported by the tests that need it.
$(TESTDEPS): $(RUNTIME) $(NODETOOLS) requirements-test.txt requirements-test-nodeps.txt tests/debian-packages.txt tests/tools/package-lock.json
	@if [ "$$(id -u)" = 0 ] && ! dpkg -s $(DEBIAN_TEST_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_TEST_PACKAGES); \
	fi
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-test-nodeps.txt
	@# The Nu Html Checker; its package bundles vnu.jar (its download script is skipped).
	cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@
