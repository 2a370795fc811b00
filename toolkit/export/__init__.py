"""Turn the evidence into action: block lists, abuse reports, SpamCop bundles, X-ARF.

Everything is written to files first (a dry run). Sending the abuse reports needs
``--send``, an SMTP server the user names (see smtp.py) and contacts the user confirmed
(see reports.py): never an address taken only from the notifications, which anyone can forge.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .. import bouncers as ranking
from ..redact import Redactor
from ..store import load, read_manifest
from .evidence import OwnerOnly


@dataclass
class Evidence:
    """The ranked bouncers above the threshold and the notifications behind each."""

    listed: pl.DataFrame          # bouncers.rank(by="ip") rows kept
    notices: pl.DataFrame         # messages of those bouncers that were judged backscatter
    owner: Redactor = field(default_factory=lambda: OwnerOnly([], []))  # hides the owner in attachments


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
    known = read_manifest(corpus).get("owner") or {}
    return Evidence(listed, notices, OwnerOnly(known.get("addresses", []), known.get("domains", [])))
