"""Rows out = messages in, on the real bounces of the shared Sisimai corpus."""
from __future__ import annotations

import mailbox

import polars as pl
import pytest

from toolkit.ingest import ingest

FOLDERS = ["bsd", "dos", "mac", "not", "err", "tmp"]
SAME_FIELDS = ["subject", "from_addr", "to_addrs", "message_id", "date", "return_path", "content_type",
               "report_type", "received_count", "parse_error"]


def read(sisimai, tmp_path, *parts: str) -> pl.DataFrame:
    out = tmp_path / "-".join(parts)
    ingest([sisimai.joinpath(*parts)], out, cache_dir=tmp_path / "cache", progress=False)
    return pl.read_parquet(out / "messages.parquet")


@pytest.mark.parametrize("folder", FOLDERS)
def test_one_row_per_file_and_no_parse_errors(sisimai, tmp_path, folder):
    frame = read(sisimai, tmp_path, "maildir", folder)
    files = sorted(p.name for p in (sisimai / "maildir" / folder).iterdir() if p.is_file())
    assert frame["location"].to_list() == files
    assert frame.filter(pl.col("parse_error").is_not_null()).height == 0
    assert frame["msg_key"].is_unique().all()


def test_mailbox_folder_counts_match_pythons_own_mbox_reader(sisimai, tmp_path):
    frame = read(sisimai, tmp_path, "mailbox")
    folder = sisimai / "mailbox"
    for path in sorted(folder.iterdir()):
        expected = len(mailbox.mbox(path, create=False)) if path.read_bytes().startswith(b"From ") else 0
        got = frame.filter(pl.col("source") == str(path.resolve())).height
        assert got == expected, path.name
    assert frame.filter(pl.col("parse_error").is_not_null()).height == 0


@pytest.mark.parametrize("variant", ["dos", "mac"])
def test_line_ending_variants_read_like_their_twins(sisimai, tmp_path, variant):
    base = "dos" if variant == "mac" else "bsd"
    twin = read(sisimai, tmp_path, "maildir", base).select("location", *SAME_FIELDS)
    frame = read(sisimai, tmp_path, "maildir", variant).select("location", *SAME_FIELDS)
    joined = frame.join(twin, on="location", suffix="_twin")
    assert joined.height >= 40
    for column in SAME_FIELDS:
        differ = joined.filter(pl.col(column).ne_missing(pl.col(f"{column}_twin")))
        assert differ.height == 0, (column, differ["location"].to_list())


def test_received_lines_of_real_bounces_parse(sisimai, tmp_path):
    out = tmp_path / "all"
    ingest([sisimai / "maildir", sisimai / "mailbox"], out, cache_dir=tmp_path / "cache", progress=False)
    hops = pl.read_parquet(out / "hops.parquet")
    assert hops.height > 1500
    assert hops["parse_ok"].mean() >= 0.99
    # qmail's local "(qmail N invoked by uid M)" lines name no host at all: about 4% of the corpus.
    assert (hops["from_ip"].is_not_null() | hops["by_host"].is_not_null()).mean() >= 0.95


def test_received_lines_name_an_address_or_a_receiving_host(sisimai, tmp_path):
    out = tmp_path / "all"
    ingest([sisimai / "maildir", sisimai / "mailbox"], out, cache_dir=tmp_path / "cache", progress=False)
    hops = pl.read_parquet(out / "hops.parquet")
    named = pl.col("from_ip").is_not_null() | pl.col("by_host").is_not_null()
    rates = hops.select(named=named.mean(), in_line=(named & ~pl.col("by_inferred")).mean(),
                        read=pl.col("parse_ok").mean())
    assert hops.height > 1500
    assert rates["named"].item() >= 0.99 and rates["read"].item() >= 0.99
    assert rates["in_line"].item() >= 0.95  # the rest are qmail's and Haraka's lines, which name no host
    inferred = hops.filter(pl.col("by_inferred"))["raw"]
    assert inferred.len() > 0 and inferred.str.contains(r"^\((qmail \d+ invoked|Haraka outbound)").all()
