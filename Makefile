# Two commands set up and use everything on a fresh machine:
#   make run   — create .venv, install the package, run the pipeline on raw_pdfs/*.pdf
#   make test  — the same set-up plus test dependencies, then the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: run test test-slow test-all check lint readme accuracy pdfs review bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The package's bytecode compiled once, not at every start (these machines set PYTHONDONTWRITEBYTECODE).
run: $(STAMP)
	$(PY) -m compileall -q pipeline
	$(PY) -m pipeline run raw_pdfs --out output

# The fast loop (about a minute on two cores): everything but the tests marked slow. --dist worksteal:
# tests are handed out one by one, an idle worker takes half of a busy one's; what several tests
# share costly (a fixture PDF read, the hostile corpus run) is made once per run across the workers
# (tests/helpers.py: shared), so no test needs to stay beside another (docs/development.md#tests).
test: $(TESTSTAMP)
	$(PY) -m pytest -m "not slow" -n auto --dist worksteal

# The slow tests alone: the whole matrices (every rendering, fixture × engine × processes), fuzzing,
# Dask, the hostile corpus under PDFium.
test-slow: $(TESTSTAMP)
	$(PY) -m pytest -m slow -n auto --dist worksteal

# Every test (CI runs make check, make test and make test-slow).
test-all: $(TESTSTAMP)
	$(PY) -m pytest -n auto --dist worksteal

# Lint, types and the import contract (the layers), over the package.
check: $(TESTSTAMP)
	$(VENV)/bin/ruff check pipeline tests tools
	$(VENV)/bin/mypy pipeline
	$(VENV)/bin/lint-imports

# Visual review report; runs the pipeline first when nothing has been processed yet.
review: $(STAMP)
	@ls output/*/stages/fields.json >/dev/null 2>&1 || $(PY) -m pipeline run raw_pdfs --out output
	$(PY) -m pipeline review --out output

# Speed and memory against pdfplumber's own floor (not part of make test): output/bench.json
bench: $(TESTSTAMP)
	$(PY) -m compileall -q pipeline
	$(PY) bench/run_bench.py

# How well every fixture rendering is read, against the goldens (not part of make test).
accuracy: $(TESTSTAMP)
	$(PY) -m tools.accuracy

# Public test PDFs (the pypdf and pikepdf sdists from PyPI, cached in build/corpus/) through the
# pipeline, -j 2, with a table per file; fails on an exit 7, a traceback, a hang or a wrong "damaged".
# Not part of make test (it downloads); python -m tools.corpus --help
.PHONY: corpus
corpus: $(TESTSTAMP)
	$(PY) -m tools.corpus

# The generated sections of docs/ (stage table, exit codes, finding codes, data dictionary).
readme: $(STAMP)
	$(PY) -m tools.update_readme

lint: $(TESTSTAMP)
	$(VENV)/bin/ruff check pipeline tests tools

# Rebuild the fixture PDFs (committed; rarely needed; byte-identical unless tools/ changed):
#   pdfs-frihet      the frihet report in renderings A and B, from tests/data
#   pdfs-status      the synthetic Sjef i eget liv status reports, and their goldens
#   pdfs-annual      the third family (no profile): a synthetic Årsrapport 2023 of the frihet plan, and its goldens
#   pdfs-families    the family matrix: one status report in other heading shapes, words and tables, and its goldens
#   pdfs-renderings  the rendering matrix in tests/pdfs/renderings/ (needs the fixtures extra —
#                    python-docx, WeasyPrint, Typst — with LibreOffice and Chromium; see
#                    tests/pdfs/renderings/README.md); make test never does
.PHONY: pdfs-frihet pdfs-status pdfs-annual pdfs-families pdfs-renderings
pdfs: pdfs-frihet pdfs-status pdfs-annual pdfs-families pdfs-renderings

pdfs-frihet: $(TESTSTAMP)
	$(PY) -m tools.fixtures.frihet

pdfs-status: $(TESTSTAMP)
	$(PY) -m tools.fixtures.status_reports

pdfs-annual: $(TESTSTAMP)
	$(PY) -m tools.fixtures.annual_reports

pdfs-families: $(TESTSTAMP)
	$(PY) -m tools.fixtures.families

pdfs-renderings: $(TESTSTAMP)
	$(PY) -m pip install --quiet -e '.[fixtures]'
	$(PY) -m tools.fixtures.renderings

clean:
	rm -rf $(VENV) output/*/ build *.egg-info
