"""Spam runs: the backscatter of one spam campaign, found as one thing.

"A spam run will typically have the same subject, or even the same spamvertised
URL", and its bounces arrive in a burst. Notifications are linked when their
originals share a normalised subject, a spamvertised registered domain or a
zombie; linked groups (connected components, found by min-label propagation
in Polars) are cut where their timeline has a gap of more than GAP_HOURS;
notifications that carry nothing to link by, and groups too small to be a
run, join the largest run whose burst they fall in (or stay alone).
"""
from __future__ import annotations

import polars as pl

from .schemas import ARRIVAL

GAP_HOURS = 12
MIN_SUBJECT = 6
MIN_RUN = 3       # smaller linked groups join the burst they fall in, like notices with nothing to link by
_PREFIX = r"(?i)^\s*((re|aw|fw|fwd|wg|sv|tr)\s*:\s*)+"
_NOISE = r"\S*\d\S*|\b[A-Z]{3,6}\b"           # tokens with digits (counters, prices), random all-caps tokens


def subject_key(subject: pl.Expr) -> pl.Expr:
    """A subject without Re:/Fwd:, numbers, random tokens, case and punctuation."""
    return (subject.fill_null("").str.replace(_PREFIX, "").str.replace_all(_NOISE, " ")
            .str.to_lowercase().str.replace_all(r"[^\w\s]|_", " ").str.replace_all(r"\s+", " ").str.strip_chars())


def _nodes(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    return (messages.filter(pl.col("is_backscatter").fill_null(False))
            .select("msg_key", arrival=ARRIVAL)
            .join(originals.select("msg_key", "orig_subject", "orig_url_domains", "origin_ip", "orig_date"),
                  on="msg_key", how="left")
            .with_columns(sent=pl.coalesce(pl.col("orig_date"), pl.col("arrival")),
                          skey=subject_key(pl.col("orig_subject")))
            .sort("sent", "msg_key")
            .with_row_index("node"))


def _keys(nodes: pl.DataFrame) -> pl.DataFrame:
    subjects = nodes.filter(pl.col("skey").str.len_chars() >= MIN_SUBJECT).select("node", key="s:" + pl.col("skey"))
    domains = nodes.select("node", "orig_url_domains").explode("orig_url_domains").drop_nulls() \
        .select("node", key="d:" + pl.col("orig_url_domains"))
    zombies = nodes.filter(pl.col("origin_ip").is_not_null()).select("node", key="z:" + pl.col("origin_ip"))
    return pl.concat([subjects, domains, zombies])


def _components(nodes: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """node -> label, the smallest node reachable through shared keys."""
    labels = nodes.select("node", label=pl.col("node"))
    for _ in range(100):
        by_key = keys.join(labels, on="node").group_by("key").agg(pl.col("label").min())
        spread = keys.join(by_key, on="key").group_by("node").agg(pl.col("label").min().alias("via"))
        updated = labels.join(spread, on="node", how="left").select(
            "node", label=pl.min_horizontal("label", pl.col("via").fill_null(pl.col("label"))))
        if updated.sort("node")["label"].equals(labels.sort("node")["label"]):
            break
        labels = updated
    return labels


def assign(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """msg_key -> campaign_id for every backscatter notification."""
    nodes = _nodes(messages, originals)
    if nodes.is_empty():
        return pl.DataFrame(schema={"msg_key": pl.String, "campaign_id": pl.String})
    keys = _keys(nodes)
    linked = nodes.join(_components(nodes, keys), on="node").with_columns(
        has_key=pl.col("node").is_in(keys["node"].unique().to_list()))
    runs = (linked.filter(pl.col("has_key")).sort("label", "sent")
            .with_columns(gap=pl.col("sent").diff().over("label").dt.total_hours().fill_null(0))
            .with_columns(part=(pl.col("gap") > GAP_HOURS).cum_sum().over("label"))
            .with_columns(run=pl.format("{}-{}", "label", "part")))
    sizes = runs.group_by("run").agg(size=pl.len())
    small = runs.join(sizes, on="run").filter(pl.col("size") < MIN_RUN)
    runs = runs.join(small.select("msg_key"), on="msg_key", how="anti")
    spans = runs.group_by("run").agg(start=pl.col("sent").min(), end=pl.col("sent").max(), size=pl.len())
    loose = pl.concat([linked.filter(~pl.col("has_key")).select("msg_key", "sent"), small.select("msg_key", "sent")])
    if loose.height and spans.height:
        margin = pl.duration(hours=GAP_HOURS / 2)
        placed = (loose.join(spans, how="cross")
                  .filter((pl.col("sent") >= pl.col("start") - margin) & (pl.col("sent") <= pl.col("end") + margin))
                  .sort("size", descending=True).group_by("msg_key", maintain_order=True).first()
                  .select("msg_key", "run"))
    else:
        placed = pl.DataFrame(schema={"msg_key": pl.String, "run": pl.String})
    alone = loose.join(placed, on="msg_key", how="anti").with_row_index("solo") \
        .select("msg_key", run=pl.format("solo-{}", "solo"))
    members = pl.concat([runs.select("msg_key", "run"), placed, alone])
    order = (members.join(nodes.select("msg_key", "sent"), on="msg_key").group_by("run")
             .agg(first=pl.col("sent").min(), key=pl.col("msg_key").min()).sort("first", "key")
             .with_row_index("n", offset=1)
             .with_columns(campaign_id=pl.format("run-{}-{}", pl.col("first").dt.strftime("%Y%m%d"),
                                                 pl.col("n").cast(pl.String).str.zfill(3))))
    return members.join(order.select("run", "campaign_id"), on="run").select("msg_key", "campaign_id")


def table(messages: pl.DataFrame, originals: pl.DataFrame, zombies: pl.DataFrame) -> pl.DataFrame:
    """One row per spam run (see schemas.CAMPAIGNS)."""
    from .schemas import CAMPAIGNS

    facts = (messages.filter(pl.col("campaign_id").is_not_null())
             .select("msg_key", "campaign_id", "bouncer_ip", arrival=ARRIVAL)
             .join(originals.select("msg_key", "orig_subject", "orig_url_domains", "origin_ip", "orig_date"),
                   on="msg_key", how="left")
             .join(zombies.select("origin_ip", "country_iso", "asn"), on="origin_ip", how="left")
             .with_columns(latency_s=(pl.col("arrival") - pl.col("orig_date")).dt.total_seconds(),
                           hour=pl.col("arrival").dt.truncate("1h")))
    if facts.is_empty():
        return CAMPAIGNS.empty()
    hourly = facts.group_by("campaign_id", "hour").agg(n=pl.len()).group_by("campaign_id").agg(
        peak_hourly=pl.col("n").max())
    domains = facts.select("campaign_id", "orig_url_domains").explode("orig_url_domains").drop_nulls() \
        .group_by("campaign_id", "orig_url_domains").agg(n=pl.len()) \
        .sort("n", "orig_url_domains", descending=[True, False]) \
        .group_by("campaign_id", maintain_order=True).agg(top_url_domains=pl.col("orig_url_domains").head(5))
    subjects = facts.drop_nulls("orig_subject").group_by("campaign_id", "orig_subject").agg(n=pl.len()) \
        .sort("n", "orig_subject", descending=[True, False]) \
        .group_by("campaign_id", maintain_order=True).agg(top_subjects=pl.col("orig_subject").head(5))
    runs = facts.group_by("campaign_id").agg(
        first_seen=pl.col("arrival").min(), last_seen=pl.col("arrival").max(),
        messages=pl.len(),
        zombies=pl.col("origin_ip").drop_nulls().n_unique(),
        countries=pl.col("country_iso").drop_nulls().n_unique(),
        asns=pl.col("asn").drop_nulls().n_unique(),
        bouncers=pl.col("bouncer_ip").drop_nulls().n_unique(),
        latency_median_s=pl.col("latency_s").filter(pl.col("latency_s") >= 0).median(),
        spam_first_sent=pl.col("orig_date").min(),
    )
    out = (runs.join(hourly, on="campaign_id", how="left").join(subjects, on="campaign_id", how="left")
           .join(domains, on="campaign_id", how="left")
           .with_columns(duration_h=((pl.col("last_seen") - pl.col("first_seen")).dt.total_seconds() / 3600).round(2),
                         start_estimate=pl.coalesce(
                             "spam_first_sent",
                             pl.col("first_seen") - pl.duration(seconds=pl.col("latency_median_s").fill_null(0))))
           .sort("first_seen"))
    return out.select([pl.col(name).cast(dtype) for name, dtype in CAMPAIGNS.schema.items()])
