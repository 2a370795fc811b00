"""What is in an ingested corpus: counts by time, sender and source, and the parse errors.

Frames in, frames out; the overview notebook shows these.
"""
from __future__ import annotations

import datetime as dt

import polars as pl

from .schemas import ARRIVAL


def _source_name() -> pl.Expr:
    return pl.col("source").str.split("/").list.last().alias("source_name")


def summary(messages: pl.DataFrame) -> pl.DataFrame:
    """One row per source: messages, size, time span, parse errors."""
    return (messages.group_by(_source_name(), "source_format", maintain_order=True)
            .agg(messages=pl.len(), megabytes=(pl.col("size_bytes").sum() / 1e6).round(2),
                 first=ARRIVAL.min(), last=ARRIVAL.max(),
                 parse_errors=pl.col("parse_error").is_not_null().sum(),
                 with_defects=(pl.col("defects").list.len() > 0).sum()))


def per_month(messages: pl.DataFrame) -> pl.DataFrame:
    return (messages.with_columns(_source_name(), month=ARRIVAL.dt.truncate("1mo"))
            .group_by("month", "source_name").agg(messages=pl.len()).sort("month", "source_name"))


def per_day(messages: pl.DataFrame) -> pl.DataFrame:
    return (messages.with_columns(_source_name(), day=ARRIVAL.dt.truncate("1d"))
            .group_by("day", "source_name").agg(messages=pl.len()).sort("day", "source_name"))


def top_senders(messages: pl.DataFrame, n: int = 20) -> pl.DataFrame:
    """Most frequent From: addresses; a missing From counts as '(none)'."""
    return (messages.group_by(sender=pl.col("from_addr").fill_null("(none)"))
            .agg(messages=pl.len()).sort("messages", "sender", descending=[True, False]).head(n))


def top_sender_domains(messages: pl.DataFrame, n: int = 20) -> pl.DataFrame:
    return (messages.group_by(domain=pl.col("from_addr").str.split("@").list.last().fill_null("(none)"))
            .agg(messages=pl.len()).sort("messages", "domain", descending=[True, False]).head(n))


def problems(messages: pl.DataFrame) -> pl.DataFrame:
    """Messages that could not be parsed or carry parser defects, with where to find them."""
    return (messages.filter(pl.col("parse_error").is_not_null() | (pl.col("defects").list.len() > 0))
            .select(_source_name(), "location", "subject", "parse_error", "defects"))


def defect_counts(messages: pl.DataFrame) -> pl.DataFrame:
    return (messages.select(pl.col("defects").explode().drop_nulls())
            .group_by("defects").agg(messages=pl.len()).rename({"defects": "defect"})
            .sort("messages", descending=True))


def kinds(messages: pl.DataFrame) -> pl.DataFrame:
    """Messages per kind, and how many of each the verdict calls backscatter."""
    return (messages.filter(pl.col("mailbox_role") != "sent")
            .group_by("kind").agg(messages=pl.len(), backscatter=pl.col("is_backscatter").fill_null(False).sum(),
                                  genuine=((pl.col("kind") != "ham") & ~pl.col("is_backscatter").fill_null(True)).sum())
            .sort("messages", descending=True))


def signal_counts(messages: pl.DataFrame) -> pl.DataFrame:
    """How often each verdict signal fired, split by verdict."""
    return (messages.filter(pl.col("signals").list.len() > 0)
            .select("is_backscatter", signal=pl.col("signals")).explode("signal")
            .group_by("signal").agg(backscatter=pl.col("is_backscatter").sum(),
                                    genuine=(~pl.col("is_backscatter")).sum())
            .sort("backscatter", "genuine", descending=True))


def zombie_countries(zombies: pl.DataFrame) -> pl.DataFrame:
    """Zombies and the backscatter they caused, per country (unknown when no GeoIP data)."""
    return (zombies.group_by(country=pl.col("country").fill_null("(unknown)"))
            .agg(zombies=pl.len(), backscatter=pl.col("backscatter").sum(),
                 dynamic_share=pl.col("origin_dynamic").mean().round(2))
            .sort("backscatter", "country", descending=[True, False]))


def top_bouncers(bouncers: pl.DataFrame, n: int = 20) -> pl.DataFrame:
    return bouncers.select("bouncer_ip", "bouncer_host", "bouncer_software", "notifications", "backscatter",
                           "days_active", "country", "as_org").head(n)


GEOIP_SOURCES = {"maxmind": "MaxMind GeoIP2/GeoLite2", "embedded": "DB-IP Lite (embedded)"}


def geoip_note(manifest: dict, today: dt.date | None = None) -> str:
    """What must be said beside GeoIP results: the source, its age, its attribution.

    Never the database's local path nor the raw warnings (they name folders of this machine):
    a report is meant to be shared.
    """
    from .geo import STALE_DAYS

    info = manifest.get("geoip") or {}
    if not info or info.get("kind") in (None, "none"):
        return ("No GeoIP database was available: countries and networks are unknown "
                "(`backscatter geoip install` or `--geoip-dir` provide one).")
    files = [f for f in (info.get("database"), info.get("asn_database")) if f]
    name = GEOIP_SOURCES.get(info["kind"], str(info["kind"])) + (f" ({', '.join(files)})" if files else "")
    note = f"GeoIP: {name}"
    if info.get("built"):
        age = ((today or dt.date.today()) - dt.date.fromisoformat(info["built"])).days
        note += f", built {info['built']} ({age} days old{'; stale' if age > STALE_DAYS else ''})"
    if info.get("kind") == "maxmind" and "asn_database" in info and not info["asn_database"]:
        note += "; no ASN database, so networks are unknown"
    return f"{note}. {info.get('attribution', '')}".strip()


def between(messages: pl.DataFrame, start: str | None, end: str | None) -> pl.DataFrame:
    """Messages that arrived in [start, end) (ISO dates; either may be None)."""
    out = messages
    if start:
        out = out.filter(ARRIVAL >= pl.lit(start).str.to_datetime(time_zone="UTC"))
    if end:
        out = out.filter(ARRIVAL < pl.lit(end).str.to_datetime(time_zone="UTC"))
    return out


def with_labels(messages: pl.DataFrame, labels_path: str | None) -> pl.DataFrame | None:
    """Messages joined with the sample generator's labels, when the corpus has them."""
    if not labels_path:
        return None
    labels = pl.read_ndjson(labels_path, infer_schema_length=None).select(
        "mailbox", "position", kind_label=pl.col("kind").replace({"sent": "ham"}),
        is_backscatter_label="is_backscatter")
    return messages.with_columns(mailbox=pl.col("source").str.split("/").list.last()).join(
        labels, on=["mailbox", "position"], how="inner")


def example_chain(messages: pl.DataFrame, originals: pl.DataFrame, hops: pl.DataFrame) -> pl.DataFrame:
    """The original's hops of the backscatter notification with the most forged lines, with each hop's role."""
    pick = (originals.join(messages.filter(pl.col("is_backscatter").fill_null(False)).select("msg_key"), on="msg_key")
            .filter(pl.col("origin_hop").is_not_null())
            .sort("forged_hops", "msg_key", descending=[True, False]).head(1))
    if pick.is_empty():
        return hops.head(0).with_columns(role=pl.lit(None, pl.String))
    key, origin_hop = pick["msg_key"][0], pick["origin_hop"][0]
    return (hops.filter((pl.col("msg_key") == key) & (pl.col("part") == "original"))
            .with_columns(role=pl.when(pl.col("hop") < origin_hop).then(pl.lit("trusted"))
                          .when(pl.col("hop") == origin_hop).then(pl.lit("origin")).otherwise(pl.lit("forged"))))


def latency(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """Minutes from the original's Date to the notification's arrival, per backscatter notification."""
    return (messages.filter(pl.col("is_backscatter").fill_null(False)).select("msg_key", "campaign_id", arrival=ARRIVAL)
            .join(originals.select("msg_key", "orig_date"), on="msg_key")
            .with_columns(minutes=((pl.col("arrival") - pl.col("orig_date")).dt.total_seconds() / 60).round(1))
            .filter(pl.col("minutes").is_between(0, 60 * 24 * 7)))
