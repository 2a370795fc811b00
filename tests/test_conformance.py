"""Agreement with Sisimai on the shared corpus of real bounces, as measured by benchmarks/conformance.py.

The floors are the figures measured when this test was written, less a small margin: they catch
regressions. The issue's targets (98/97/95 %) are higher; the closing notes say where we stand.
"""
from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import conformance  # noqa: E402


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    corpus = conformance.DEFAULT_CORPUS
    if not corpus.is_dir():
        pytest.skip(f"the shared Sisimai corpus is absent (looked for {corpus})")
    work = tmp_path_factory.mktemp("conformance")
    truth = conformance.expected(corpus)
    messages, found = conformance.read(corpus, "maildir/bsd", work)
    joined = truth.join(found.select("file", "index", "recipient", "status", "reason"), on=["file", "index"],
                        how="left")
    return corpus, work, messages, found, joined


@pytest.mark.parametrize("column,floor", [("recipient", 0.975), ("status", 0.97), ("reason", 0.945)])
def test_agreement_with_sisimai(measured, column, floor):
    rate, n = conformance.rate(measured[4], column)
    assert n > 400 and rate >= floor, f"{column}: {rate:.3f}"


def test_bounces_are_seen_as_notifications(measured):
    messages, joined = measured[2], measured[4]
    expected = set(joined["file"].to_list())
    ham = messages.filter((pl.col("kind") == "ham") & pl.col("file").is_in(list(expected)))
    assert ham.height <= 1, ham["file"].to_list()


@pytest.mark.parametrize("variant", ["dos", "mac"])
def test_line_ending_variants_answer_like_their_twins(measured, variant):
    corpus, work, _, found, _ = measured
    _, rows = conformance.read(corpus, f"maildir/{variant}", work)
    columns = ["recipient", "status", "reason"]
    same = rows.select("file", "index", *columns).join(found.select("file", "index", *columns),
                                                        on=["file", "index"], suffix="_bsd")
    assert same.height >= 40
    assert same.filter(pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_bsd")) for c in columns)).height == 0


def test_messages_that_are_not_bounces(measured):
    corpus, work = measured[0], measured[1]
    messages, _ = conformance.read(corpus, "maildir/not", work)
    assert messages.filter(pl.col("kind") == "bounce").height <= 1
