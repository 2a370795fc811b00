"""Hostile inputs (tests/hostile.py, small sizes): every message gets its row, nothing crashes,
memory and time stay bounded, inputs are left alone, and what was lost is said, safely."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from toolkit import cli, config, safetext
from toolkit.headers import cap_header_section
from toolkit.ingest import ingest
from toolkit.sources import read_raw

import hostile

ROOT = Path(__file__).resolve().parents[1]
MAX_RSS_MB = 1024
SECONDS_PER_MB = 5
STARTUP_SECONDS = 15  # interpreter, polars and the first parquet writes, on a busy 2-core machine

# What must show in the rows of a case beyond "rows = messages": a parse_error or a location.
EXPECTED_IN_ROWS = {
    "maildir_unreadable": ("parse_errors", "cannot read the file: permission denied"),
    "mbox_huge_message": ("parse_errors", f"message larger than {config.MAX_MESSAGE_BYTES // 2**20} MB: headers only"),
    "eml_huge_message": ("parse_errors", f"message larger than {config.MAX_MESSAGE_BYTES // 2**20} MB: headers only"),
    "maildir_bad_names": ("locations", "cur/\\xff\\xfe-\\xe9t\\xe90:2,"),
    "eml_tree_bad_names": ("locations", "\\xff\\xfe-\\xe9t\\xe9/\\xff\\xfe-\\xe9t\\xe90.eml"),
}


def _ingest_in_subprocess(folder: Path, out: Path) -> tuple[subprocess.CompletedProcess, dict | None]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "hostile.py"), "--ingest", str(folder), str(out)],
                          capture_output=True, env=env, timeout=600)
    verdict = json.loads(proc.stdout.decode().splitlines()[-1]) if proc.returncode == 0 else None
    return proc, verdict


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_hostile_case_gives_every_message_a_row_within_bounds(tmp_path, case):
    folder = hostile.generate(tmp_path, case)
    spec = json.loads((folder / "case.json").read_text())
    size_mb = hostile.input_bytes(folder) / 2**20
    before = hostile.digest(folder)
    proc, verdict = _ingest_in_subprocess(folder, tmp_path / "out")
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-2000:]
    assert spec["messages_min"] <= verdict["rows"] <= spec["messages"]
    assert hostile.digest(folder) == before
    assert verdict["peak_rss_mb"] < MAX_RSS_MB
    assert verdict["seconds"] < STARTUP_SECONDS + SECONDS_PER_MB * size_mb
    if spec["named"]:
        said = verdict["warnings"] + verdict["skipped"]
        assert any(spec["named"] in line for line in said), said
    if case in EXPECTED_IN_ROWS:
        column, text = EXPECTED_IN_ROWS[case]
        assert any(text in value for value in verdict[column]), verdict[column]


def test_damaged_gzip_keeps_the_messages_before_the_damage_and_says_where(tmp_path):
    folder = hostile.generate(tmp_path, "gz_truncated")
    report = ingest([folder / "box.mbox.gz"], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
    assert frame.height == json.loads((folder / "case.json").read_text())["messages"]
    [warning] = report.warnings
    assert "box.mbox.gz: unreadable after byte" in warning and "EOFError" in warning
    assert f"offset:{frame['location'][-1].split(':')[1]} is kept cut short" in warning
    assert {"TruncatedMessage", "SourceReadError"} <= set(frame["defects"][-1].to_list())
    again = ingest([folder / "box.mbox.gz"], tmp_path / "out2", cache_dir=tmp_path / "c", progress=False)
    assert again.cached and again.warnings == report.warnings  # a cached source still says what it lost


def test_bomb_stops_at_the_decompression_limit_with_the_messages_before_it(tmp_path):
    folder = hostile.generate(tmp_path, "xz_bomb")
    report = ingest([folder / "bomb.mbox.xz"], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
    assert frame["subject"].to_list() == [f"message {i}" for i in range(5)]
    assert "decompression stopped" in report.warnings[0] and "bomb.mbox.xz" in report.warnings[0]
    assert "DecompressionLimit" in frame["defects"][-1].to_list()


def test_huge_header_is_cut_and_recorded(tmp_path):
    folder = hostile.generate(tmp_path, "mbox_huge_header")
    ingest([folder / "header.mbox"], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
    assert frame["subject"].to_list() == [f"message {i}" for i in range(5)]
    assert {"OversizedHeaderSection", "OversizedHeaderField"} <= set(frame["defects"][2].to_list())
    assert frame["size_bytes"][2] > 2 * 2**20  # the size as stored, not as kept


def test_oversized_message_keeps_its_headers_and_true_size(tmp_path):
    folder = hostile.generate(tmp_path, "eml_huge_message")
    ingest([folder / "export"], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    row = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("location") == "huge.eml").row(0, named=True)
    assert row["subject"] == "message 3" and row["from_addr"] == "sender3@example.org"
    assert row["size_bytes"] == (folder / "export" / "huge.eml").stat().st_size
    assert "OversizedMessage" in row["defects"]


def test_undecodable_names_are_stored_escaped_and_read_back(tmp_path):
    folder = hostile.generate(tmp_path, "maildir_bad_names")
    ingest([folder / "Maildir"], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
    bad = frame.filter(pl.col("location").str.contains("\\", literal=True))
    assert bad.height == 3
    for row in bad.iter_rows(named=True):
        assert read_raw(row["source"], row["source_format"], row["location"]).startswith(b"From: Sender 10")


def test_console_output_of_a_hostile_run_holds_no_control_characters(tmp_path, capsys):
    folder = hostile.generate(tmp_path, "escape_names")
    (folder / "export" / "gone\x1b[2J.eml").symlink_to("nowhere")  # a warning with a hostile name too
    assert cli.main(["ingest", str(folder / "export"), "--out", str(tmp_path / "out"),
                     "--cache-dir", str(tmp_path / "c"), "--quiet"]) == 0
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "skipped" in printed and "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\u202enote.txt: not a mailbox" in printed
    assert "gone\\x1b[2J.eml: file skipped (a broken symlink)" in printed


def _deep(folder: Path, depth: int) -> list[Path]:
    """Nested folders, made and later removed level by level (os.makedirs, os.walk and rmtree recurse)."""
    levels = [folder]
    for _ in range(depth):
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    return levels


def _remove(levels: list[Path]) -> None:
    for path in levels[:0:-1]:  # deepest first
        for child in path.iterdir():
            child.unlink()
        path.rmdir()


@pytest.mark.parametrize("kind", ["mbox", "eml"])
def test_folders_deeper_than_the_recursion_limit_are_searched(tmp_path, kind):
    export = tmp_path / "export"
    export.mkdir()
    levels = _deep(export, sys.getrecursionlimit() + 100)
    if kind == "mbox":  # a folder of mailboxes
        (export / "top.mbox").write_bytes(hostile.mbox_bytes(2))
        (levels[-1] / "bottom.mbox").write_bytes(hostile.mbox_bytes(3, start=2))
        expected = [f"message {i}" for i in range(5)]
    else:  # an .eml tree
        (export / "top.eml").write_bytes(hostile.message(0))
        (levels[-1] / "bottom.eml").write_bytes(hostile.message(1))
        expected = ["message 0", "message 1"]
    try:
        ingest([export], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
        frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
        assert sorted(frame["subject"].to_list()) == expected
    finally:
        _remove(levels)


@pytest.mark.parametrize("text,shown,stripped", [
    ("plain name.eml", "plain name.eml", "plain name.eml"),
    ("\x1b]0;title\x07x", "\\x1b]0;title\\x07x", "x"),
    ("a\x1b[2J\x1b[31mb", "a\\x1b[2J\\x1b[31mb", "ab"),
    ("line\r\nforged", "line\\x0d\\x0aforged", "line\nforged"),
    ("evil\u202etxt.exe", "evil\\u202etxt.exe", "eviltxt.exe"),
    ("c1\x9b31m\x85", "c1\\x9b31m\\x85", "c1"),
    ("bad\udcffbyte", "bad\\xffbyte", "bad\ufffdbyte"),
    ("tab\tand del\x7f", "tab\\x09and del\\x7f", "tab\tand del"),
    ("Ünïcödé 日本 ok", "Ünïcödé 日本 ok", "Ünïcödé 日本 ok"),
], ids=["plain", "osc-title", "csi-clear", "crlf", "bidi", "c1", "surrogate", "tab-del", "unicode"])
def test_safetext(text, shown, stripped):
    assert safetext.console(text) == shown
    assert safetext.strip_controls(text) == stripped


def test_fs_text_round_trips_undecodable_names():
    name = os.fsdecode(b"cur/\xff\xfe-\xe9t\xe9:2,")
    stored = safetext.fs_text(name)
    assert stored == "cur/\\xff\\xfe-\\xe9t\\xe9:2," and stored.encode("utf-8")
    assert safetext.fs_name(stored) == name
    assert safetext.fs_text("ordinary/é.eml") == "ordinary/é.eml"


@pytest.mark.parametrize("header,section,field,kept,defects", [
    (b"A: 1\nB: 2\n", 100, 50, b"A: 1\nB: 2\n", []),
    (b"Received: " + b"x" * 100 + b"\nB: 2\n", 1000, 40, b"Received: " + b"x" * 30 + b"\nB: 2\n",
     ["OversizedHeaderField"]),
    (b"Received: a\n\t" + b"y" * 60 + b"\n\t" + b"z" * 60 + b"\nB: 2\n", 1000, 40,
     b"Received: a\n\t" + b"y" * 27 + b"\nB: 2\n", ["OversizedHeaderField"]),
    (b"".join(b"H%d: %s\n" % (i, b"v" * 20) for i in range(10)), 100, 50,
     b"".join(b"H%d: %s\n" % (i, b"v" * 20) for i in range(4)), ["OversizedHeaderSection"]),
], ids=["small", "long-line", "long-folded", "too-many-fields"])
def test_cap_header_section(header, section, field, kept, defects):
    data, found = cap_header_section(header + b"\nbody\n", section, field)
    assert data == kept + b"\nbody\n"
    assert found == defects
