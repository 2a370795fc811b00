"""What the reports compute from an ingested corpus: counts by time, sender and source, parse
errors, scores against labels, the zombies, networks, runs and bouncers of a date range.

Frames in, frames out; the notebooks only show these (so the numbers are tested here, not in cells).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def received(messages: pl.DataFrame, owner: list[str] | tuple[str, ...] = ()) -> pl.DataFrame:
    """Mail the owner received: not their Sent folder, not written from one of their addresses."""
    mine = [a.lower() for a in owner]
    return messages.filter((pl.col("mailbox_role") != "sent").fill_null(True)
                           & ~pl.col("from_addr").str.to_lowercase().is_in(mine).fill_null(False))


def top_senders(messages: pl.DataFrame, n: int = 20, owner: list[str] | tuple[str, ...] = ()) -> pl.DataFrame:
    """Most frequent From: addresses of received mail (the owner's own mail left out); a missing From
    counts as '(none)'."""
    return (received(messages, owner).group_by(sender=pl.col("from_addr").fill_null("(none)"))
            .agg(messages=pl.len()).sort("messages", "sender", descending=[True, False]).head(n))


def top_sender_domains(messages: pl.DataFrame, n: int = 20, owner: list[str] | tuple[str, ...] = ()) -> pl.DataFrame:
    return (received(messages, owner).group_by(domain=pl.col("from_addr").str.split("@").list.last().fill_null("(none)"))
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
    if not labels_path or not Path(labels_path).is_file():
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


def verdict_scores(labelled: pl.DataFrame) -> dict[str, float | int]:
    """Precision, recall and F1 of the backscatter verdict on the inbox, against the labels."""
    inbox = labelled.filter(pl.col("mailbox_role") == "inbox")
    said = inbox["is_backscatter"].fill_null(False)
    truth = inbox["is_backscatter_label"].fill_null(False)
    tp, fp, fn = int((said & truth).sum()), int((said & ~truth).sum()), int((~said & truth).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"messages": inbox.height, "true_positives": tp, "false_positives": fp, "false_negatives": fn,
            "precision": precision, "recall": recall, "f1": f1}


def genuine_notices(messages: pl.DataFrame) -> pl.DataFrame:
    """Notifications in the inbox about mail the owner really sent (keep those)."""
    return messages.filter((pl.col("kind") != "ham") & (pl.col("mailbox_role") == "inbox")
                           & ~pl.col("is_backscatter").fill_null(True))


def zombies_of(messages: pl.DataFrame, originals: pl.DataFrame, zombies: pl.DataFrame) -> pl.DataFrame:
    """The zombies whose spam caused the given notifications (the date range of a report)."""
    seen = originals.join(messages.select("msg_key"), on="msg_key").select("origin_ip").drop_nulls().unique()
    return zombies.join(seen, on="origin_ip", how="semi")


def networks(zombies: pl.DataFrame) -> pl.DataFrame:
    """Zombies and backscatter per network (ASN): where to report them, busiest first."""
    return (zombies.group_by("asn", "as_org", "country")
            .agg(zombies=pl.len(), backscatter=pl.col("backscatter").sum())
            .sort(["backscatter", "zombies", "asn"], descending=[True, True, False], nulls_last=True))


def traced(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """Originals of the given notifications that were traced to an origin."""
    return originals.join(messages.select("msg_key"), on="msg_key").filter(pl.col("origin_ip").is_not_null())


def received_lines_read(messages: pl.DataFrame, hops: pl.DataFrame) -> pl.DataFrame:
    """Received lines and the share read, per part (the notification's own, the original's)."""
    return (hops.join(messages.select("msg_key"), on="msg_key")
            .group_by("part").agg(lines=pl.len(), read=pl.col("parse_ok").mean().round(3)).sort("part"))


# A "run" of one notification is no run: it is shown apart (a stray bounce, not a spam wave).
MIN_RUN_MESSAGES = 2


def runs_of(messages: pl.DataFrame, campaigns: pl.DataFrame) -> pl.DataFrame:
    """The spam runs with notifications in range, with `single` marking one-message runs.

    `first_seen`/`last_seen`/`messages` are those in range; columns another version of the
    campaigns table may lack are simply absent.
    """
    inrange = (messages.filter(pl.col("campaign_id").is_not_null()).with_columns(arrival=ARRIVAL)
               .group_by("campaign_id").agg(in_range=pl.len(), start=pl.col("arrival").min(),
                                            end=pl.col("arrival").max()))
    return (campaigns.join(inrange, on="campaign_id", how="inner")
            .with_columns(single=pl.col("in_range") < MIN_RUN_MESSAGES)
            .sort("start", "campaign_id"))


def run_days(messages: pl.DataFrame, runs: pl.DataFrame) -> pl.DataFrame:
    """Notifications per run and day, for a timeline with one lane per run."""
    return (messages.join(runs.select("campaign_id"), on="campaign_id", how="semi")
            .with_columns(day=ARRIVAL.dt.truncate("1d")).group_by("campaign_id", "day")
            .agg(notifications=pl.len()).sort("campaign_id", "day"))


def ranked_bouncers(messages: pl.DataFrame, originals: pl.DataFrame, bouncers_table: pl.DataFrame,
                    by: str = "ip") -> pl.DataFrame:
    """The bouncer ranking (toolkit.bouncers.rank); by IP it carries each IP's host, product and organisation,
    and a `label` naming the host and organisation (an IP alone says little to a reader)."""
    from . import bouncers

    ranked = bouncers.rank(messages, originals, bouncers_table, by=by)
    if by != "ip":
        return ranked
    extra = [c for c in ("bouncer_host", "bouncer_software", "bouncer_domain", "as_org") if c in bouncers_table.columns]
    ranked = ranked.join(bouncers_table.select("bouncer_ip", *extra), on="bouncer_ip", how="left")
    host = pl.coalesce(pl.col("bouncer_host"), pl.col("bouncer_ip")) if "bouncer_host" in extra else pl.col("bouncer_ip")
    org = pl.col("as_org") if "as_org" in extra else pl.lit(None, pl.String)
    return ranked.with_columns(
        label=pl.when(org.is_not_null()).then(pl.format("{} ({})", host, org)).otherwise(host)).sort("rank")


def pick(frame: pl.DataFrame, *names: str) -> pl.DataFrame:
    """The named columns the frame has, in that order (tables gain columns between versions)."""
    return frame.select([n for n in names if n in frame.columns])
