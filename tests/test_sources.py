"""Mailbox readers: every format, every line ending, and the odd inputs of real exports."""
from __future__ import annotations

import bz2
import gzip
import lzma

import polars as pl
import pytest

from toolkit import config
from toolkit.errors import MissingPathError, UnknownFormatError
from toolkit.ingest import ingest

from helpers import mbox, message

THREE = mbox(message("one"), message("two", body="From the start of a line\n>From quoted once\n"),
             message("three"))


def read(tmp_path, *paths, **kwargs) -> pl.DataFrame:
    out = tmp_path / "out"
    ingest(list(paths), out, cache_dir=tmp_path / "cache", progress=False, **kwargs)
    return pl.read_parquet(out / "messages.parquet")


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_mbox_line_endings_give_the_same_messages(tmp_path, eol):
    path = tmp_path / "box.mbox"
    path.write_bytes(THREE.replace("\n", eol).encode())
    frame = read(tmp_path, path)
    assert frame["subject"].to_list() == ["one", "two", "three"]
    assert frame["position"].to_list() == [0, 1, 2]
    assert frame["from_addr"].to_list() == ["alice@example.org"] * 3
    assert frame["parse_error"].null_count() == 3


def test_mboxrd_quoting_is_undone_and_body_from_lines_do_not_split(tmp_path):
    text = mbox(message("a", body="Hello\n>From here\n>>From there\n"), message("b"))
    path = tmp_path / "box"
    path.write_text(text)
    from toolkit.sources import mbox as reader
    messages = list(reader.read(path))
    assert len(messages) == 2
    body = messages[0].data.split(b"\n\n", 1)[1]
    assert body == b"Hello\nFrom here\n>From there\n"


@pytest.mark.parametrize("suffix,opener", [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)])
def test_compressed_mbox_reads_like_plain(tmp_path, suffix, opener):
    path = tmp_path / f"box.mbox{suffix}"
    with opener(path, "wb") as handle:
        handle.write(THREE.encode())
    frame = read(tmp_path, path)
    assert frame["subject"].to_list() == ["one", "two", "three"]
    assert frame["source_format"].unique().to_list() == ["mbox"]


def test_truncated_last_message_keeps_its_row_and_is_flagged(tmp_path):
    path = tmp_path / "cut.mbox"
    path.write_bytes((mbox(message("one")) + "From x Tue Mar  5 10:00:00 2024\nFrom: a@b.c\nSubject: cut\n\nhalf a li").encode())
    frame = read(tmp_path, path)
    assert frame["subject"].to_list() == ["one", "cut"]
    assert frame["defects"].to_list() == [[], ["TruncatedMessage"]]


def test_truncated_in_the_headers_still_yields_a_row(tmp_path):
    path = tmp_path / "cut.mbox"
    path.write_bytes((mbox(message("one")) + "From x Tue Mar  5 10:00:00 2024\nFrom: a@b.c\nSubj").encode())
    frame = read(tmp_path, path)
    assert frame.height == 2
    assert "TruncatedMessage" in frame["defects"][1].to_list()


def test_empty_mbox_has_no_rows(tmp_path):
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    assert read(tmp_path, path).height == 0


def test_text_before_the_first_from_line_is_kept_as_a_message(tmp_path):
    path = tmp_path / "box.mbox"
    path.write_text(message("orphan") + "\n" + mbox(message("one")))
    frame = read(tmp_path, path)
    assert frame["subject"].to_list() == ["orphan", "one"]
    assert frame["defects"][0].to_list() == ["DataBeforeFirstFromLine"]


def test_maildir_reads_cur_and_new_in_sorted_order_with_subfolders(tmp_path):
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "200.b").write_text(message("new one"))
    (box / "cur" / "300.c:2,S").write_text(message("read one"))
    (box / "cur" / "100.a:2,").write_text(message("older"))
    (box / "tmp" / "999.x").write_text(message("in delivery"))
    (box / ".Sent" / "cur" / "1.s:2,S").write_text(message("sent"))
    frame = read(tmp_path, box)
    assert frame["subject"].to_list() == ["older", "read one", "new one", "sent"]
    assert frame["location"].to_list() == ["cur/100.a:2,", "cur/300.c:2,S", "new/200.b", "cur/1.s:2,S"]
    assert frame["position"].to_list() == [0, 1, 2, 0]
    assert frame["source_format"].unique().to_list() == ["maildir"]


def test_mh_folder_is_read_in_numeric_order(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / ".mh_sequences").write_text("unseen: 2\n")
    for number in (10, 2, 1):
        (folder / str(number)).write_text(message(f"mh {number}"))
    frame = read(tmp_path, folder)
    assert frame["subject"].to_list() == ["mh 1", "mh 2", "mh 10"]
    assert frame["source_format"].unique().to_list() == ["mh"]


def test_eml_tree_is_read_in_sorted_path_order(tmp_path):
    tree = tmp_path / "export"
    (tree / "b").mkdir(parents=True)
    (tree / "a").mkdir()
    (tree / "b" / "1.eml").write_text(message("b1"))
    (tree / "a" / "2.EML").write_text(message("a2"))
    (tree / "notes.txt").write_text("not mail")
    frame = read(tmp_path, tree)
    assert frame["location"].to_list() == ["a/2.EML", "b/1.eml"]


def test_single_eml_file(tmp_path):
    path = tmp_path / "one.eml"
    path.write_text(message("solo"))
    frame = read(tmp_path, path)
    assert frame.select("subject", "position", "location", "source_format").row(0) == ("solo", 0, "one.eml", "eml")


@pytest.mark.parametrize("content,error", [
    (b"", "empty message"),
    (bytes(range(256)) * 20, "no header fields"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "no header fields"),
], ids=["empty", "binary-junk", "png"])
def test_unreadable_eml_keeps_its_row_with_a_parse_error(tmp_path, content, error):
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "a.eml").write_bytes(content)
    (folder / "b.eml").write_text(message("fine"))
    frame = read(tmp_path, folder)
    assert frame.height == 2
    assert error in frame["parse_error"][0]
    assert frame["parse_error"][1] is None and frame["subject"][1] == "fine"


def test_binary_junk_inside_an_mbox_stays_in_its_message(tmp_path):
    path = tmp_path / "box.mbox"
    junk = bytes(b for b in range(256) if b not in b"\r\n") * 10
    path.write_bytes(mbox(message("one")).encode() + b"From x Tue Mar  5 10:00:00 2024\n" + junk + b"\n\n"
                     + mbox(message("three")).encode())
    frame = read(tmp_path, path)
    assert frame.height == 3
    assert frame["parse_error"][1] is not None
    assert frame["subject"].to_list()[::2] == ["one", "three"]


@pytest.mark.parametrize("make,error", [
    (lambda p: p / "nope.mbox", MissingPathError),
    (lambda p: (p / "junk.bin").write_bytes(b"\0\1\2 junk") and p / "junk.bin", UnknownFormatError),
    (lambda p: (p / "box.pst").write_bytes(b"!BDN") and p / "box.pst", UnknownFormatError),
    (lambda p: (p / "nomail").mkdir() or (p / "nomail" / "x.txt").write_text("hi") and p / "nomail",
     UnknownFormatError),
], ids=["missing", "junk-file", "pst", "folder-without-mail"])
def test_bad_paths_raise_clear_errors(tmp_path, make, error):
    with pytest.raises(error):
        read(tmp_path, make(tmp_path))


def test_files_that_are_not_mail_are_reported_not_silently_dropped(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "a.mbox").write_text(mbox(message("one")))
    (folder / "readme.bin").write_bytes(b"\0\0junk")
    report = ingest([folder], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    assert report.skipped == [(folder / "readme.bin").resolve()]


def test_sources_are_opened_read_only_and_left_unchanged(tmp_path, monkeypatch):
    src = tmp_path / "src"
    (src / "Maildir" / "cur").mkdir(parents=True)
    (src / "Maildir" / "cur" / "1.x:2,").write_text(message("m"))
    (src / "box.mbox").write_text(THREE)
    (src / "one.eml").write_text(message("e"))
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in src.rglob("*") if p.is_file()}
    modes = []
    real_open = open

    def spy(file, mode="r", *args, **kwargs):
        if str(file).startswith(str(src)):
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    frame = read_elsewhere(tmp_path / "work", src / "Maildir", src / "box.mbox", src / "one.eml", workers=1)
    assert frame.height == 5
    assert modes and set(modes) == {"rb"}
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in before} == before


def read_elsewhere(work, *paths, **kwargs) -> pl.DataFrame:
    ingest(list(paths), work / "out", cache_dir=work / "cache", progress=False, **kwargs)
    return pl.read_parquet(work / "out" / "messages.parquet")


def test_chunked_and_parallel_reading_match_a_single_pass(tmp_path, monkeypatch):
    messages = [message(f"m{i}", body=("x" * 70 + "\n") * (i % 7)) for i in range(300)]
    path = tmp_path / "big.mbox"
    path.write_text(mbox(*messages))
    whole = read_elsewhere(tmp_path / "whole", path)
    monkeypatch.setattr(config, "MBOX_CHUNK_BYTES", 4096)
    from toolkit.sources import mbox as reader
    assert len(reader.chunk_ranges(path, 4096)) > 5
    ingest([path], tmp_path / "p" / "out", cache_dir=tmp_path / "p" / "cache", progress=False, workers=2)
    parallel = pl.read_parquet(tmp_path / "p" / "out" / "messages.parquet")
    assert parallel.height == 300
    assert parallel.equals(whole)


def test_maildir_in_several_tasks_keeps_order(tmp_path, monkeypatch):
    box = tmp_path / "Maildir"
    (box / "cur").mkdir(parents=True)
    for i in range(25):
        (box / "cur" / f"{i:03d}.x:2,").write_text(message(f"m{i}"))
    monkeypatch.setattr(config, "FILES_PER_TASK", 4)
    frame = read(tmp_path, box, workers=2)
    assert frame["subject"].to_list() == [f"m{i}" for i in range(25)]
    assert frame["position"].to_list() == list(range(25))


def test_a_long_from_line_full_of_clock_times_is_read_in_linear_time():
    """The loose postmark test used to backtrack quadratically (32 KB of "1:11": 13 s)."""
    import time

    from toolkit.sources import mbox
    line = b"From " + b"1:11 " * 20000 + b"\n"
    started = time.process_time()
    assert not mbox._is_separator(line, True)
    assert mbox._is_separator(b"From someone Sat Jan  3 01:05:34 1996\n", True)
    assert mbox._is_separator(b"From x@y 12:30 on 2024\n", True)
    assert not mbox._is_separator(b"From x@y 12:30 no year\n", True)
    assert time.process_time() - started < 0.5
