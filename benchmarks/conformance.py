"""Compare the bounce parser with Sisimai on the shared corpus of real bounces.

    python benchmarks/conformance.py [--corpus ../shared/corpora/sisimai] [--show 30]

Ingests maildir/{bsd,dos,mac,err,not} and mailbox/ with the toolkit, then
compares per file and recipient index: the recipient with Sisimai 4.25.15's
output, status and reason with Sisimai 5.1.0p3's test tables. Prints the
agreement rates, the families that still disagree and the disagreeing rows.
Then scores the crisp and bounce_email corpora beside it (benchmarks/corpora.py).
Nothing here is tuned per file: the figures are measured.

Per MTA family (the file-name prefix: ``lhost-postfix``, ``rhost-google``) it prints the
agreement, and a LEAVE-ONE-FAMILY-OUT view: each family's files read again with the rules
named after that family (its format's REASONS table, its provider module) switched off
through ``$BACKSCATTER_RULES_OFF``. A rule that helps one family and nothing else shows as
the gap between the two columns.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import polars as pl

from toolkit import dsn
from toolkit.dsn import providers
from toolkit.dsn.formats import REGISTRY
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
            rows.append({"file": record["file"], "index": i, "x_recipient": r["recipient"].lower(),
                         "x_reply_code": r.get("replycode") or None})
    recipients = pl.DataFrame(rows, schema={"file": pl.String, "index": pl.UInt16, "x_recipient": pl.String,
                                            "x_reply_code": pl.String})
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


FAMILY = pl.col("file").str.replace(r"-\d+\.eml$", "")
# Families whose rules carry another name: au's ezweb is the kddi provider, Yahoo Inc. the yahoo one,
# Domino is Notes.
FAMILY_ALIASES = {"ezweb": ("kddi",), "yahooinc": ("yahoo",), "domino": ("notes",)}


def _agreement(column: str) -> pl.Expr:
    """Share of judged rows (Sisimai gives a value) where ours agrees."""
    judged = pl.col(f"x_{column}").is_not_null() & (pl.col(f"x_{column}") != "")
    return ((pl.col(column) == pl.col(f"x_{column}")).fill_null(False) & judged).sum() / judged.sum()


def per_family(joined: pl.DataFrame) -> pl.DataFrame:
    """Recipient, status and reason agreement per MTA family (the file-name prefix)."""
    return joined.with_columns(family=FAMILY).group_by("family").agg(
        rows=pl.len(), recipient=_agreement("recipient"), status=_agreement("status"),
        reason=_agreement("reason")).sort("family")


def switchable_rules(family: str) -> tuple[str, ...]:
    """The format REASONS tables and provider modules named after a family (``lhost-exim`` -> exim)."""
    suffix = family.split("-", 1)[-1]
    own = {m.NAME for m in REGISTRY if getattr(m, "REASONS", ())} | set(providers.NAMES)
    return tuple(sorted(n for n in (suffix, *FAMILY_ALIASES.get(suffix, ())) if n in own))


def leave_one_family_out(corpus: Path, truth: pl.DataFrame, families: pl.DataFrame, work: Path) -> pl.DataFrame:
    """Each family with rules of its own, read again with those rules switched off."""
    rows = []
    for family in families["family"].to_list():
        names = switchable_rules(family)
        if not names:
            continue
        folder = work / "lofo" / family
        folder.mkdir(parents=True)
        for path in (corpus / "maildir" / "bsd").glob(f"{family}-*.eml"):
            (folder / path.name).symlink_to(path)
        os.environ[dsn.RULES_OFF_ENV] = ",".join(names)
        try:
            ingest([folder], work / "lofo-out" / family, use_cache=False, progress=False)
        finally:
            del os.environ[dsn.RULES_OFF_ENV]
        out = work / "lofo-out" / family
        messages = pl.read_parquet(out / "messages.parquet").select("msg_key", file="location")
        found = pl.read_parquet(out / "deliveries.parquet").join(messages, on="msg_key")
        joined = truth.filter(FAMILY == family).join(
            found.select("file", "index", "recipient", "status", "reason"), on=["file", "index"], how="left")
        rows.append({"family": family, "rules_off": ",".join(names),
                     **joined.select(status_off=_agreement("status"), reason_off=_agreement("reason")).row(0, named=True)})
    lofo = pl.DataFrame(rows, schema={"family": pl.String, "rules_off": pl.String, "status_off": pl.Float64,
                                      "reason_off": pl.Float64})
    return families.join(lofo, on="family", how="inner").with_columns(
        reason_gain=pl.col("reason") - pl.col("reason_off")).sort("reason_gain", descending=True)


def print_families(corpus: Path, truth: pl.DataFrame, joined: pl.DataFrame, work: Path) -> None:
    """The per-family table and the leave-one-family-out view."""
    families = per_family(joined)
    with pl.Config(tbl_rows=families.height + 1, tbl_cols=-1, float_precision=3):
        print("agreement per MTA family:")
        print(families)
        lofo = leave_one_family_out(corpus, truth, families, work)
        print("leave-one-family-out (the family's own format table / provider rules switched off):")
        print(lofo)
    helped = lofo.filter(pl.col("reason_gain") > 0)
    print(f"  {lofo.height} families have rules of their own; they raise the reason agreement of "
          f"{helped.height}: {helped['family'].to_list()}")


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
        joined = truth.join(found.select("file", "index", "recipient", "status", "reason", "reply_code",
                                         "notice_format"),
                            on=["file", "index"], how="left")
        print(f"maildir/bsd: {messages.height} files, {found.height} deliveries; "
              f"{truth.height} expected rows from Sisimai")
        for column in ("recipient", "status", "reason", "reply_code"):
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

        print_families(args.corpus, truth, joined, work)

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
