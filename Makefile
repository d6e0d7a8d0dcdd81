# Two commands set up and use everything on a fresh machine:
#   make run   — create .venv, install the package, run the pipeline on raw_pdfs/*.pdf
#   make test  — the same set-up plus test dependencies, then the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: run test lint pdfs review bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(PY) -m pipeline run raw_pdfs --out output

test: $(TESTSTAMP)
	$(PY) -m pytest

# Visual review report; runs the pipeline first when nothing has been processed yet.
review: $(STAMP)
	@ls output/*/stages/fields.json >/dev/null 2>&1 || $(PY) -m pipeline run raw_pdfs --out output
	$(PY) -m pipeline review --out output

# Speed and memory against pdfplumber's own floor (not part of make test): output/bench.json
bench: $(TESTSTAMP)
	$(PY) bench/run_bench.py

lint: $(TESTSTAMP)
	$(VENV)/bin/ruff check pipeline tests tools

# Rebuild the reconstructed report PDFs from tests/data (committed; rarely needed).
pdfs: $(TESTSTAMP)
	$(PY) tools/build_pdfs.py

clean:
	rm -rf $(VENV) output/*/ build *.egg-info
