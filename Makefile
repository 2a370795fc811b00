# Set-up and the everyday jobs. Everything runs in .venv, made with pip from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test benchmark conformance schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## The main job: sample corpus -> data/processed/sample/*.parquet -> reports/*.html
report: $(STAMP)
	$(BIN)/backscatter sample --out reports

## The whole test suite (what .ci/run runs)
test: $(STAMP)
	$(BIN)/python -m pytest

## Ingest speed and memory on a large generated mbox (figures in the README)
benchmark: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

## Regenerate docs/schema.md from toolkit/schemas.py
schema: $(STAMP)
	$(BIN)/backscatter schema > docs/schema.md

clean:
	rm -rf $(VENV) data/interim/* data/processed/* reports/*.html
