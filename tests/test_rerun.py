"""Re-ingesting unchanged mailboxes keeps the published tables: nothing of the corpus-wide work is redone."""
from __future__ import annotations

import os

import pytest

from toolkit import verdict
from toolkit.ingest import ingest

from helpers import mbox, message


@pytest.fixture
def box(tmp_path):
    path = tmp_path / "inbox.mbox"
    path.write_text(mbox(message("one"), message("two")))
    return path


def run(box, tmp_path, **options):
    report = ingest([box], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, workers=1, **options)
    return report, os.readlink(tmp_path / "out" / "current")


# what changes between the first and the second run -> whether the second publishes new tables
CASES = [
    ("nothing", {}, lambda box: None, False),
    ("the mailbox", {}, lambda box: box.write_text(mbox(message("one"), message("two"), message("three"))), True),
    ("the owner", {"owner": verdict.Owner(addresses=("bob@example.net",))}, lambda box: None, True),
    ("--no-cache", {"use_cache": False}, lambda box: None, True),
]


@pytest.mark.parametrize(("name", "options", "change", "republished"), CASES, ids=[c[0] for c in CASES])
def test_a_second_run_republishes_only_when_something_changed(box, tmp_path, name, options, change, republished):
    first, first_run = run(box, tmp_path)
    change(box)
    second, second_run = run(box, tmp_path, **options)
    assert (second_run != first_run) is republished
    if not republished:
        assert second.counts == first.counts and second.parse_errors == first.parse_errors


def test_a_missing_table_is_made_again(box, tmp_path):
    _, first_run = run(box, tmp_path)
    (tmp_path / "out" / "current" / "zombies.parquet").unlink()
    _, second_run = run(box, tmp_path)
    assert second_run != first_run
    assert (tmp_path / "out" / "zombies.parquet").exists()
