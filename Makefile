# Community Connexions publishing pipeline.
#   make          build the site and every PDF (creates .venv on first use)
#   make test     run the tests (installs what they need)
#   make check    run every content check (spelling, references, personal data, ...)
#   make dist     a versioned archive of the site and PDFs with its SHA-256
# Targets follow Sphinx's own Makefile: html, pdf, serve, clean.

PYTHON   ?= $(shell command -v python3.11 || command -v python3)
VENV     := .venv
BIN      := $(VENV)/bin
BUILDDIR := _build
SERVE_PORT ?= 8000
RUNTIME  := $(VENV)/.runtime-installed
TESTDEPS := $(VENV)/.test-installed
DEBIAN_TEST_PACKAGES := $(shell cat tests/debian-packages.txt)
# Noto fonts for scripts the text font lacks (Urdu, Arabic, Bengali, Punjabi);
# Enchant and the British English dictionary for the spelling check; Pango and HarfBuzz
# subsetting for WeasyPrint (the tagged PDFs).
DEBIAN_BUILD_PACKAGES := fonts-noto-core libenchant-2-2 hunspell-en-gb libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: all html pdf serve check gettext locales test dist clean help

all: $(RUNTIME)
	$(BIN)/python -m ppiebook.build all --builddir $(BUILDDIR)

html: $(RUNTIME)
	$(BIN)/python -m ppiebook.build html --builddir $(BUILDDIR)

pdf: $(RUNTIME)
	$(BIN)/python -m ppiebook.build pdf --builddir $(BUILDDIR)

# Live preview on 127.0.0.1, rebuilt on save. Uses the last good PDFs for downloads.
serve: $(RUNTIME)
	@test -d $(BUILDDIR)/pdf || $(BIN)/python -m ppiebook.build pdf --builddir $(BUILDDIR)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(SERVE_PORT) -n --keep-going \
		-D ppiebook_pdf_dir=$(abspath $(BUILDDIR))/pdf \
		--ignore "$(abspath $(BUILDDIR))/*" --ignore "$(abspath $(VENV))/*" --ignore "$(abspath _generated)/*" \
		. $(BUILDDIR)/serve

# Translatable messages of every page, as .pot files in $(BUILDDIR)/gettext.
gettext: $(RUNTIME)
	$(BIN)/sphinx-build -b gettext -n -W --keep-going -q . $(BUILDDIR)/gettext

# Create or update the .po files of one language: make locales LANGUAGE=cy
locales: gettext
	@test -n "$(LANGUAGE)" || (echo "Say which language: make locales LANGUAGE=cy" >&2; exit 2)
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -l $(LANGUAGE) -d locales

# Every content check, with a summary table; non-zero on any error.
check: $(RUNTIME)
	$(BIN)/python -m ppiebook.checks --source .

test: $(TESTDEPS)
	$(BIN)/python -m pytest

# The site and PDFs as dist/<name>-<version>.tar.gz plus its .sha256 (same inputs, same bytes).
dist: all
	$(BIN)/python -m ppiebook.dist --builddir $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR) dist _generated

help:
	@sed -n '2,4p' Makefile

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
$(TESTDEPS): $(RUNTIME) requirements-test.txt requirements-test-nodeps.txt tests/debian-packages.txt tests/tools/package-lock.json
	@if [ "$$(id -u)" = 0 ] && ! dpkg -s $(DEBIAN_TEST_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_TEST_PACKAGES); \
	fi
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-test-nodeps.txt
	@# The Nu Html Checker; its package bundles vnu.jar (its download script is skipped).
	cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@
