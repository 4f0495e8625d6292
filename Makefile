# Community Connexions publishing pipeline: the ppiebook package and its own project.
#   make          build the site and every PDF (creates .venv on first use)
#   make test     run the tests (installs what they need)
#   make test-fast  the tests that take seconds: no real build, browser or slow test (2-3 min)
#   make check    run every content check (spelling, references, personal data, ...)
#   make serve    a live preview on http://127.0.0.1:8000, rebuilt on save
#   make dist     a versioned archive of the site and PDFs with its SHA-256
#   make bench    time builds against MkDocs Material and Jupyter Book 1 (bench/results.md)
# Targets follow Sphinx's own Makefile: html, pdf, serve, clean.
#
# Every target a programme's project has comes from template/Makefile, the one the project
# template gives them: this repository builds itself the way they do, with two differences
# set here. Its environment also holds the ppiebook package, installed editable from this
# checkout (a programme's pins a release in requirements.txt), and its tests need a few more
# tools (requirements-test-nodeps.txt).

RUNTIME_INPUTS := requirements.txt pyproject.toml
RUNTIME_EXTRA = PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
TEST_INPUTS := requirements-test-nodeps.txt
TEST_EXTRA = $(BIN)/python -m pip install --quiet --no-deps -r requirements-test-nodeps.txt

include template/Makefile

.PHONY: test-fast pseudo-locales bench

# The tests that take seconds, while editing: no test that builds the real project (realbuild),
# needs chromium (browser) or takes more than about 5 s (slow); markers in pyproject.toml.
# 359 of the 596 tests, about 2 minutes on 2 cores.
test-fast: $(TESTDEPS)
	$(BIN)/python -m pytest -m "not slow and not browser and not realbuild"

# Pseudo-translations (accented en-XA, right-to-left ar-XB) in $(BUILDDIR)/pseudo-locales, for
# checking that every string is translatable: make html LANGUAGE=en-XA after copying one to locales/.
pseudo-locales: gettext
	$(BIN)/python -m ppiebook.i18n.pseudo --pot-dir $(BUILDDIR)/gettext --locale-dir $(BUILDDIR)/pseudo-locales
	$(BIN)/python -m ppiebook.i18n.pseudo --pot-dir $(BUILDDIR)/gettext --locale-dir $(BUILDDIR)/pseudo-locales --language ar_XB

# Build times and memory against the peers, on generated sites of BENCH_SIZES pages; writes
# bench/results.md and bench/results.png. Quick: make bench BENCH_SIZES="100 400" BENCH_RUNS=1
BENCH_SIZES   ?= 100 400 1000
BENCH_RUNS    ?= 3
BENCH_TIMEOUT ?= 600
bench: $(RUNTIME) $(NODETOOLS)
	$(BIN)/python -m bench --sizes "$(BENCH_SIZES)" --runs $(BENCH_RUNS) --timeout $(BENCH_TIMEOUT)
