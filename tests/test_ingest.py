"""The ingest pipeline: cache, atomic outputs, stable keys, and the command line's error paths."""
from __future__ import annotations

import os
import subprocess
import sys

import polars as pl
import pytest

import toolkit
from toolkit import cli
from toolkit.ingest import ingest
from toolkit.schemas import MESSAGES

from helpers import mbox, message


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "export"
    (folder / "Maildir" / "cur").mkdir(parents=True)
    (folder / "Maildir" / "cur" / "1.a:2,").write_text(message("maildir one"))
    (folder / "inbox.mbox").write_text(mbox(message("m1"), message("m2")))
    return folder


def run(corpus, tmp_path, **kwargs):
    return ingest([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, **kwargs)


def test_output_has_the_declared_schema_and_loads(corpus, tmp_path):
    run(corpus, tmp_path)
    tables = toolkit.load(tmp_path / "out")
    assert tables.messages.schema == MESSAGES.schema
    assert tables.messages.height == 3
    assert tables.messages["msg_key"].is_unique().all()


def test_unchanged_sources_come_from_the_cache(corpus, tmp_path):
    first = run(corpus, tmp_path)
    second = run(corpus, tmp_path)
    assert len(first.parsed) == 2 and not first.cached
    assert len(second.cached) == 2 and not second.parsed
    assert pl.read_parquet(tmp_path / "out" / "messages.parquet").height == 3


def test_a_changed_file_is_read_again(corpus, tmp_path):
    run(corpus, tmp_path)
    box = corpus / "inbox.mbox"
    box.write_text(mbox(message("m1"), message("m2"), message("m3")))
    os.utime(box, ns=(box.stat().st_atime_ns, box.stat().st_mtime_ns + 10**9))
    again = run(corpus, tmp_path)
    assert [s.path.name for s in again.parsed] == ["inbox.mbox"]
    assert again.counts["messages"] == 4


def test_a_new_maildir_file_is_noticed(corpus, tmp_path):
    run(corpus, tmp_path)
    (corpus / "Maildir" / "cur" / "2.b:2,").write_text(message("maildir two"))
    again = run(corpus, tmp_path)
    assert [s.format for s in again.parsed] == ["maildir"]
    assert again.counts["messages"] == 4


def test_keys_are_stable_across_runs_without_cache(corpus, tmp_path):
    run(corpus, tmp_path)
    keys = pl.read_parquet(tmp_path / "out" / "messages.parquet")["msg_key"].to_list()
    run(corpus, tmp_path, use_cache=False)
    assert pl.read_parquet(tmp_path / "out" / "messages.parquet")["msg_key"].to_list() == keys


def test_interrupted_write_leaves_the_previous_output(corpus, tmp_path, monkeypatch):
    run(corpus, tmp_path)
    target = tmp_path / "out" / "messages.parquet"
    before = target.read_bytes()

    real_sink = pl.LazyFrame.sink_parquet

    def crash(self, path, *args, **kwargs):
        if os.path.dirname(path) != str(target.parent):
            return real_sink(self, path, *args, **kwargs)
        open(path, "wb").write(b"half a parquet file")
        raise KeyboardInterrupt

    monkeypatch.setattr(pl.LazyFrame, "sink_parquet", crash)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, tmp_path, use_cache=False)
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("argv,needle", [
    (["ingest", "/no/such/mailbox", "--out", "X"], "no such file or folder"),
    (["ingest", "JUNK", "--out", "X"], "not a mailbox"),
    (["report", "/no/such/corpus"], "no messages.parquet"),
])
def test_cli_errors_are_one_line_and_exit_2(tmp_path, capsys, argv, needle):
    junk = tmp_path / "junk.dat"
    junk.write_bytes(b"\0\1\2\3")
    argv = [str(junk) if a == "JUNK" else str(tmp_path / "o") if a == "X" else a for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_ingest_prints_a_summary_and_quiet_hides_progress(corpus, tmp_path):
    result = subprocess.run([sys.executable, "-m", "toolkit.cli", "ingest", str(corpus), "--out",
                             str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c"), "--quiet"],
                            capture_output=True, text=True, check=True)
    assert "3 messages from 2 source(s)" in result.stdout
    assert "ingest" not in result.stderr
    loud = subprocess.run([sys.executable, "-m", "toolkit.cli", "ingest", str(corpus), "--out",
                           str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c2")],
                          capture_output=True, text=True, check=True)
    assert "ingest" in loud.stderr  # the progress bar
