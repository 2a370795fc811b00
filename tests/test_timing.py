"""Per-stage timings of ingest ($BACKSCATTER_STAGE_TIMES): written only when asked, every stage named."""
from __future__ import annotations

import json

import pytest

from toolkit import timing
from toolkit.ingest import ingest

from helpers import mbox, message

BOUNCE = message("Undelivered Mail Returned to Sender", From="MAILER-DAEMON@mx.example.net",
                 Return_Path="<>", body="This is the mail system at host mx.example.net.\n\n"
                 "<gone@example.net>: host mx.example.net said: 550 5.1.1 User unknown\n")

# stage -> where it is timed
STAGES = [
    ("read", "the mailbox reader, in the worker"),
    ("parse", "the e-mail parser, in the worker"),
    ("analyse: bounce formats (DSN)", "notices.analyse"),
    ("analyse: kind", "notices.analyse"),
    ("rows:messages", "the extractors"),
    ("write parts", "the worker's Parquet parts"),
    ("stitch", "the cache entry"),
    ("corpus: bouncers and verdict", "the corpus steps"),
    ("write tables", "the published tables"),
    ("parse sources, wall clock", "the pool's wall time"),
]


@pytest.fixture
def box(tmp_path):
    path = tmp_path / "inbox.mbox"
    path.write_text(mbox(message("hello"), BOUNCE, message("again")))
    return path


def test_stage_times_are_written_when_asked(box, tmp_path, monkeypatch):
    report = tmp_path / "stages.json"
    monkeypatch.setenv(timing.STAGE_TIMES_ENV, str(report))
    monkeypatch.setattr(timing, "_ON", True)
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, workers=1)
    stages = json.loads(report.read_text())
    for name, where in STAGES:
        assert name in stages, f"{name} ({where}) not timed"
        assert stages[name] >= 0
    assert list(stages.values()) == sorted(stages.values(), reverse=True)  # slowest first


def test_nothing_is_written_or_kept_by_default(box, tmp_path, monkeypatch):
    monkeypatch.delenv(timing.STAGE_TIMES_ENV, raising=False)
    monkeypatch.setattr(timing, "_ON", False)
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, workers=1)
    assert timing.take() == {}
    assert not list((tmp_path / "cache").rglob("*.timing.json"))
