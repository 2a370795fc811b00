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
