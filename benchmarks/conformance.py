"""Compare the bounce parser with Sisimai on the shared corpus of real bounces.

    python benchmarks/conformance.py [--corpus ../shared/corpora/sisimai] [--show 30]

Ingests maildir/{bsd,dos,mac,err,not} and mailbox/ with the toolkit, then
compares per file and recipient index: the recipient with Sisimai 4.25.15's
output, status and reason with Sisimai 5.1.0p3's test tables. Prints the
agreement rates, the families that still disagree and the disagreeing rows.
Then scores the crisp and bounce_email corpora beside it (benchmarks/corpora.py).
Nothing here is tuned per file: the figures are measured.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import polars as pl

from toolkit.ingest import ingest

import corpora  # the crisp and bounce_email corpora, scored beside Sisimai's

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "sisimai"


def expected(corpus: Path) -> pl.DataFrame:
    tables = pl.read_ndjson(corpus / "expected" / "sisimai-5.1.0p3-tables.jsonl").select(
        file="file", index=pl.col("index").cast(pl.UInt16), x_status="status", x_reason="reason")
    rows = []
    for line in (corpus / "expected" / "sisimai-4.25.15-output-maildir-bsd.jsonl").read_text().splitlines():
        record = json.loads(line)
        for i, r in enumerate(record["records"], 1):
            rows.append({"file": record["file"], "index": i, "x_recipient": r["recipient"].lower()})
    recipients = pl.DataFrame(rows, schema={"file": pl.String, "index": pl.UInt16, "x_recipient": pl.String})
    return tables.join(recipients, on=["file", "index"], how="full", coalesce=True)


def read(corpus: Path, folder: str, work: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    out = work / folder.replace("/", "-")
    ingest([corpus / folder], out, cache_dir=work / "cache", progress=False)
    messages = pl.read_parquet(out / "messages.parquet").select(
        "msg_key", file="location", kind="kind", notice_format="notice_format")
    deliveries = pl.read_parquet(out / "deliveries.parquet")
    return messages, deliveries.join(messages, on="msg_key")


def rate(frame: pl.DataFrame, column: str) -> tuple[float, int]:
    judged = frame.filter(pl.col(f"x_{column}").is_not_null() & (pl.col(f"x_{column}") != ""))
    if not judged.height:
        return float("nan"), 0
    return float((judged[column] == judged[f"x_{column}"]).fill_null(False).mean()), judged.height


def received_lines(corpus: Path, work: Path) -> None:
    """How many Received lines (outer and returned originals, every folder) name an address or a host."""
    out = work / "received"
    ingest([corpus / "maildir", corpus / "mailbox"], out, cache_dir=work / "cache", progress=False)
    hops = pl.read_parquet(out / "hops.parquet")
    named = pl.col("from_ip").is_not_null() | pl.col("by_host").is_not_null()
    r = hops.select(read=pl.col("parse_ok").mean(), named=named.mean(),
                    in_line=(named & ~pl.col("by_inferred")).mean(), inferred=pl.col("by_inferred").sum()).row(0)
    print(f"Received lines: {hops.height}; read {r[0]:.1%}; an address or a receiving host {r[1]:.1%} "
          f"({r[2]:.1%} in the line itself, {r[3]} qmail/Haraka lines given the host of their neighbour)")
    for raw in hops.filter(~named)["raw"].to_list():
        print(f"  names no host: {raw[:120]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=40, help="disagreeing rows to print")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    pl.Config.set_tbl_rows(args.show)
    pl.Config.set_fmt_str_lengths(60)
    pl.Config.set_tbl_width_chars(220)
    truth = expected(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        messages, found = read(args.corpus, "maildir/bsd", work)
        joined = truth.join(found.select("file", "index", "recipient", "status", "reason", "notice_format"),
                            on=["file", "index"], how="left")
        print(f"maildir/bsd: {messages.height} files, {found.height} deliveries; "
              f"{truth.height} expected rows from Sisimai")
        for column in ("recipient", "status", "reason"):
            value, n = rate(joined, column)
            print(f"  {column:9s} agreement: {value:.1%} of {n}")
        expected_files = set(truth["file"].to_list())
        ham = messages.filter((pl.col("kind") == "ham") & pl.col("file").is_in(list(expected_files)))
        print(f"  notifications left as ham (Sisimai found a bounce): {ham.height} {ham['file'].to_list()}")
        families = joined.with_columns(family=pl.col("file").str.replace(r"-\d+\.eml$", "")).group_by("family") \
            .agg(rows=pl.len(), reason_ok=(pl.col("reason") == pl.col("x_reason")).fill_null(False).sum(),
                 status_ok=(pl.col("status") == pl.col("x_status")).fill_null(False).sum()) \
            .with_columns(wrong=pl.col("rows") - pl.col("reason_ok")).filter(pl.col("wrong") > 0) \
            .sort("wrong", descending=True)
        print("families with reason disagreements:")
        print(families.head(25))
        bad = joined.filter((pl.col("reason") != pl.col("x_reason")).fill_null(True)
                            | (pl.col("status") != pl.col("x_status")).fill_null(True))
        print("disagreeing rows:")
        print(bad.select("file", "index", "recipient", "x_recipient", "status", "x_status", "reason", "x_reason",
                         "notice_format").sort("file").head(args.show))

        for variant in ("dos", "mac"):
            _, rows = read(args.corpus, f"maildir/{variant}", work)
            twin = found.select("file", "index", "recipient", "status", "reason")
            same = rows.select("file", "index", "recipient", "status", "reason").join(
                twin, on=["file", "index"], how="inner", suffix="_bsd")
            differ = same.filter(pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_bsd"))
                                                   for c in ("recipient", "status", "reason")))
            print(f"maildir/{variant}: {rows.height} deliveries; {same.height} with a bsd twin, "
                  f"{differ.height} answer differently")
        not_bounce, _ = read(args.corpus, "maildir/not", work)
        wrong = not_bounce.filter(pl.col("kind") != "ham")
        print(f"maildir/not: {not_bounce.height} messages, {wrong.height} classed as a notification "
              f"{wrong.select('file', 'kind').rows()}")
        for folder in ("maildir/err", "mailbox"):
            msgs, rows = read(args.corpus, folder, work)
            kinds = msgs.group_by("kind").len().sort("kind").rows()
            print(f"{folder}: {msgs.height} messages, {rows.height} deliveries; kinds {kinds}")
        received_lines(args.corpus, work)
    corpora.main(args.corpus.parent, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
