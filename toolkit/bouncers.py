"""Rank the bouncers: who sends the most backscatter, for how long, of the least excusable kinds.

Score (stable and documented in docs/ranking.md):

    score = backscatter × (1 + share of virus/spam notices) × (1 + share returning the full original)
            × (1 + ln(days active))

Virus and spam-filter notices to a forged sender are the least excusable kind; returning the
whole spam spreads it further; persistence over days shows a misconfiguration, not an accident.
Ties are broken by backscatter count, then by the key, so the order never changes between runs.
"""
from __future__ import annotations

import polars as pl

from .schemas import ARRIVAL

LEVELS = {"ip": "bouncer_ip", "domain": "bouncer_domain", "org": "as_org", "product": "bouncer_software"}


def rank(messages: pl.DataFrame, originals: pl.DataFrame, bouncers: pl.DataFrame, by: str = "ip") -> pl.DataFrame:
    """One row per bouncer IP, domain, organisation (AS) or product, best score first."""
    if by not in LEVELS:
        raise ValueError(f"rank by one of {sorted(LEVELS)}")
    key = LEVELS[by]
    notices = (messages.filter(pl.col("bouncer_ip").is_not_null())
               .join(originals.select("msg_key", "has_body"), on="msg_key", how="left")
               .join(bouncers.select("bouncer_ip", "asn", "as_org", "country_iso"), on="bouncer_ip", how="left")
               .with_columns(arrival=ARRIVAL))
    table = notices.group_by(pl.col(key).fill_null("(unknown)").alias(key)).agg(
        notifications=pl.len(),
        backscatter=pl.col("is_backscatter").fill_null(False).sum(),
        virus_spam=pl.col("kind").is_in(["virus_notice", "spam_notice"]).sum(),
        with_original=pl.col("has_body").fill_null(False).sum(),
        days_active=pl.col("arrival").dt.date().n_unique(),
        ips=pl.col("bouncer_ip").n_unique(),
        first_seen=pl.col("arrival").min(),
        last_seen=pl.col("arrival").max(),
        products=pl.col("bouncer_software").drop_nulls().unique().sort(),
        countries=pl.col("country_iso").drop_nulls().unique().sort(),
    )
    share = lambda col: pl.col(col) / pl.col("notifications")  # noqa: E731
    return (table.with_columns(virus_spam_share=share("virus_spam").round(3),
                               original_share=share("with_original").round(3))
            .with_columns(score=(pl.col("backscatter") * (1 + pl.col("virus_spam_share"))
                                 * (1 + pl.col("original_share"))
                                 * (1 + pl.col("days_active").cast(pl.Float64).log())).round(2))
            .sort(["score", "backscatter", key], descending=[True, True, False])
            .with_row_index("rank", offset=1))
