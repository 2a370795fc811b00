"""The result tables: one row per zombie (origin IP) and per bouncer (IP), with GeoIP and ASN."""
from __future__ import annotations

import polars as pl

from .geo import GeoDB
from .schemas import ARRIVAL, BOUNCERS, ZOMBIES

KINDS = ("bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report")
# What zombies() and bouncers() read of `messages` and of `originals` (ingest loads only these).
MESSAGE_COLUMNS = ("msg_key", "kind", "is_backscatter", "bouncer_ip", "bouncer_host", "bouncer_domain",
                   "bouncer_software", "campaign_id", "date", "received_date")
ORIGINAL_COLUMNS = ("msg_key", "origin_ip", "origin_host", "origin_dynamic", "forged_hops", "orig_subject", "has_body")


# What zombies() reads of `originals` besides msg_key (not its URLs and sketches: a copy of those is large).
ZOMBIE_FACTS = ("origin_ip", "origin_host", "origin_dynamic", "forged_hops", "orig_subject")


def _mode(column: str) -> pl.Expr:
    return pl.col(column).drop_nulls().mode().sort().first()


def zombies(messages: pl.DataFrame, originals: pl.DataFrame, geo: GeoDB) -> pl.DataFrame:
    facts = originals.select("msg_key", *ZOMBIE_FACTS).filter(pl.col("origin_ip").is_not_null()).join(
        messages.filter(pl.col("is_backscatter").fill_null(False))
        .select("msg_key", "is_backscatter", "bouncer_ip", "campaign_id", arrival=ARRIVAL), on="msg_key")
    table = facts.group_by("origin_ip").agg(
        origin_host=_mode("origin_host"),
        origin_dynamic=pl.col("origin_dynamic").any(),
        notifications=pl.len().cast(pl.UInt32),
        backscatter=pl.col("is_backscatter").fill_null(False).sum().cast(pl.UInt32),
        bouncers=pl.col("bouncer_ip").drop_nulls().n_unique().cast(pl.UInt32),
        forged_hops=pl.col("forged_hops").fill_null(0).sum().cast(pl.UInt32),
        first_seen=pl.col("arrival").min(),
        last_seen=pl.col("arrival").max(),
        subjects=pl.col("orig_subject").drop_nulls().unique().sort().head(5),
        campaigns=pl.col("campaign_id").drop_nulls().unique().sort(),
    )
    return _with_geo(table, "origin_ip", geo, ZOMBIES.schema)


def bouncers(messages: pl.DataFrame, originals: pl.DataFrame, geo: GeoDB, dns: bool = False) -> pl.DataFrame:
    notices = messages.filter(pl.col("bouncer_ip").is_not_null()).join(
        originals.select("msg_key", "has_body"), on="msg_key", how="left").with_columns(arrival=ARRIVAL)
    table = notices.group_by("bouncer_ip").agg(
        bouncer_host=_mode("bouncer_host"),
        bouncer_domain=_mode("bouncer_domain"),
        bouncer_software=_mode("bouncer_software"),
        notifications=pl.len().cast(pl.UInt32),
        backscatter=pl.col("is_backscatter").fill_null(False).sum().cast(pl.UInt32),
        **{kind: (pl.col("kind") == kind).sum().cast(pl.UInt32) for kind in KINDS},
        with_original=pl.col("has_body").fill_null(False).sum().cast(pl.UInt32),
        first_seen=pl.col("arrival").min(),
        last_seen=pl.col("arrival").max(),
        days_active=pl.col("arrival").dt.date().n_unique().cast(pl.UInt32),
    )
    if dns:  # live lookups, only when asked for
        from .dnscheck import check
        table = table.join(check(table["bouncer_ip"].to_list()).rename({"ip": "bouncer_ip"}), on="bouncer_ip",
                           how="left")
    else:
        table = table.with_columns(rdns_live=pl.lit(None, pl.String), dnsbl_listed=pl.lit(None, pl.List(pl.String)))
    return _with_geo(table, "bouncer_ip", geo, BOUNCERS.schema)


def _with_geo(table: pl.DataFrame, ip_column: str, geo: GeoDB, schema: pl.Schema) -> pl.DataFrame:
    located = geo.enrich(table[ip_column]).rename({"ip": ip_column})
    return (table.join(located, on=ip_column, how="left")
            .sort("notifications", ip_column, descending=[True, False])
            .select([pl.col(name).cast(dtype) for name, dtype in schema.items()]))
