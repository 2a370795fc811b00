"""Shared fixtures: the Sisimai corpus beside the project, a scratch cache."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SISIMAI = SHARED / "corpora" / "sisimai"


@pytest.fixture
def sisimai() -> Path:
    if not SISIMAI.is_dir():
        pytest.skip(f"the shared Sisimai corpus is absent (looked for {SISIMAI})")
    return SISIMAI


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"
