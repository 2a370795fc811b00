"""Every default path and tunable of the toolkit, in one place.

Paths resolve against the project root when the package runs from a checkout
(the folder holding ``pyproject.toml``), else against the working directory.
``BACKSCATTER_HOME`` overrides the root.
"""
from __future__ import annotations

import os
from pathlib import Path


def _project_root() -> Path:
    env = os.environ.get("BACKSCATTER_HOME")
    if env:
        return Path(env).resolve()
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout
    return Path.cwd()


ROOT = _project_root()
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"          # exports as the user gave them; never modified
INTERIM_DIR = DATA_DIR / "interim"  # caches and scratch
PROCESSED_DIR = DATA_DIR / "processed"  # parquet tables written by `backscatter ingest`
EXTERNAL_DIR = DATA_DIR / "external"    # third-party data (GeoIP databases, ...)
CACHE_DIR = INTERIM_DIR / "cache"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"

SAMPLE_RAW_DIR = RAW_DIR / "sample"
SAMPLE_TABLES_DIR = PROCESSED_DIR / "sample"
SAMPLE_SEED = 20240601

# Mailboxes larger than this are split into chunks of about this size, so
# that progress moves and both cores can work on one big mbox.
MBOX_CHUNK_BYTES = 4 * 1024 * 1024
# Directory sources (Maildir, MH, .eml trees) are parsed this many files a task.
FILES_PER_TASK = 1000

# Bounds on hostile mail (a spammer writes these bytes; README "Limits"). The text patterns are
# linear-time, and these keep even linear work, and any pattern that slips through, bounded.
# A decoded text part (notice, delivery-status fields, a returned original's text) is cut to this
# many characters before any pattern reads it: real notices are a few KB.
PART_TEXT_MAX_CHARS = 256 * 1024
# A notice line longer than this is cut before the per-line recipient patterns see it (RFC 5322
# allows 998 characters a line).
LINE_MAX_CHARS = 4096
# A delivery's diagnostic is cut to this many characters before its reason is looked up (stored
# diagnostics are at most 1,000 characters already when read from plain text).
DIAGNOSTIC_MAX_CHARS = 2000
# A Received header longer than this is cut before it is parsed (real ones are a few hundred).
RECEIVED_MAX_CHARS = 4096
# The last line of defence: CPU seconds one message's analysis may take. A message over it keeps
# its row, with parse_error "analysis time limit", and the run goes on. Normal mail takes ~3 ms.
# BACKSCATTER_ANALYSIS_BUDGET_S overrides it (0 turns it off); pool workers inherit it.
ANALYSIS_TIME_BUDGET_S = float(os.environ.get("BACKSCATTER_ANALYSIS_BUDGET_S") or 10.0)

# Limits on what one input may cost (README "Limits"). A message larger than
# MAX_MESSAGE_BYTES keeps its row with its header fields only; mbox readers skip
# its body while counting, so memory stays bounded whatever the input.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
# The header section kept per message, and one header field (with its folded
# lines); longer fields are cut and the message gets a defect.
MAX_HEADER_BYTES = 1024 * 1024
MAX_HEADER_FIELD_BYTES = 64 * 1024
# Lines longer than this are read in pieces (a 2 GB line never sits in memory).
MAX_LINE_BYTES = 1024 * 1024
# Compressed mailboxes (.gz, .bz2, .xz) stop decompressing, with a warning, once
# their output passes MAX_DECOMPRESSED_BYTES, or passes MAX_DECOMPRESSION_RATIO
# times the compressed file's size after the first DECOMPRESSION_RATIO_FLOOR
# bytes (real mail compresses 3-20 times, xz on near-identical bounces ~100).
MAX_DECOMPRESSED_BYTES = 32 * 1024 ** 3
MAX_DECOMPRESSION_RATIO = 250
DECOMPRESSION_RATIO_FLOOR = 64 * 1024 * 1024
