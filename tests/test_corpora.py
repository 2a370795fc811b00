"""The crisp and bounce_email corpora of real bounces, as measured by benchmarks/corpora.py.

Floors are the figures measured when this test was written, less a small margin: they catch
regressions. The corpora live beside the project (../shared) and are never copied into it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpora  # noqa: E402

# corpus, measure, floor, least number of judged rows
FLOORS = [
    (corpora.CRISP, "detection", 0.97, 100),
    (corpora.CRISP, "recipient recall", 0.98, 100),
    (corpora.CRISP, "recipient agreement", 0.98, 100),
    (corpora.CRISP, "status agreement", 0.97, 70),
    (corpora.CRISP, "reason vs category", 0.86, 80),
    (corpora.BOUNCE_EMAIL, "detection", 0.94, 40),
    (corpora.BOUNCE_EMAIL, "recipient recall", 0.95, 24),
    (corpora.BOUNCE_EMAIL, "recipient agreement", 0.95, 24),
    (corpora.BOUNCE_EMAIL, "status agreement", 0.50, 11),  # tt_bounce_07 pins Status 5.0.0; its text says 5.1.1
    (corpora.BOUNCE_EMAIL, "reason vs category", 0.75, 24),
]
_RUN = {corpora.CRISP: corpora.crisp, corpora.BOUNCE_EMAIL: corpora.bounce_email}


@pytest.fixture(scope="module")
def measured():
    found = {}

    def scores(name: str) -> dict:
        if not (corpora.DEFAULT_SHARED / name).is_dir():
            pytest.skip(f"the shared {name} corpus is absent (looked in {corpora.DEFAULT_SHARED})")
        if name not in found:
            found[name] = corpora.scores(_RUN[name](corpora.DEFAULT_SHARED))
        return found[name]
    return scores


@pytest.mark.parametrize("corpus,measure,floor,judged", FLOORS, ids=[f"{c}-{m}" for c, m, _, _ in FLOORS])
def test_floor(measured, corpus, measure, floor, judged):
    rate, n = measured(corpus)[measure]
    assert n >= judged and rate >= floor, f"{corpus} {measure}: {rate:.3f} of {n}"


def test_wrapped_bodies_are_read_as_bounces_from_a_mail_system():
    """The wrapper is ours and minimal: a notice with no body of its own is no bounce."""
    row = corpora.analyse_bytes("empty", corpora.WRAPPER)
    assert row.kind != "bounce" and row.recipients == []
