"""Turn the evidence into action: block lists, abuse reports, SpamCop bundles, X-ARF.

Everything is written to files first (a dry run). Sending the abuse reports needs
``--send`` and an SMTP server the user names (see smtp.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .. import bouncers as ranking
from ..store import load


@dataclass
class Evidence:
    """The ranked bouncers above the threshold and the notifications behind each."""

    listed: pl.DataFrame          # bouncers.rank(by="ip") rows kept
    notices: pl.DataFrame         # messages of those bouncers that were judged backscatter


def gather(corpus: str | Path, min_evidence: int = 3) -> Evidence:
    tables = load(corpus)
    for name in ("messages", "originals", "bouncers"):
        if name not in tables:
            raise FileNotFoundError(f"{corpus}: no {name}.parquet (run `backscatter ingest` first)")
    ranked = ranking.rank(tables.messages, tables.originals, tables.bouncers, by="ip")
    listed = ranked.filter((pl.col("backscatter") >= min_evidence) & (pl.col("bouncer_ip") != "(unknown)")) \
        .join(tables.bouncers.select("bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_software"),
              on="bouncer_ip", how="left")
    notices = tables.messages.filter(pl.col("is_backscatter").fill_null(False)
                                     & pl.col("bouncer_ip").is_in(listed["bouncer_ip"].to_list()))
    return Evidence(listed, notices)
