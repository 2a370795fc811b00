"""The sample corpus: deterministic, fully labelled, and as varied as the issue asks."""
from __future__ import annotations

import polars as pl
import pytest

from toolkit.ingest import ingest
from toolkit.synth import generate


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    generate(out, seed=7, days=21, scale=0.5)
    tables = out / "tables"
    ingest([out / "mail"], tables, cache_dir=out / "cache", progress=False)
    labels = pl.read_ndjson(out / "labels.jsonl", infer_schema_length=None)
    return out, pl.read_parquet(tables / "messages.parquet"), labels


def test_same_seed_same_bytes(tmp_path):
    generate(tmp_path / "a", seed=3, days=10, scale=0.3)
    generate(tmp_path / "b", seed=3, days=10, scale=0.3)
    for rel in ("mail/Inbox.mbox", "labels.jsonl"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    generate(tmp_path / "c", seed=4, days=10, scale=0.3)
    assert (tmp_path / "c" / "labels.jsonl").read_bytes() != (tmp_path / "a" / "labels.jsonl").read_bytes()


def test_every_message_has_a_label_and_parses(sample):
    _, messages, labels = sample
    assert messages.height == labels.height
    assert messages.filter(pl.col("parse_error").is_not_null()).height == 0
    joined = messages.with_columns(mailbox=pl.col("source").str.split("/").list.last()).join(
        labels, on=["mailbox", "position"], how="inner")
    assert joined.height == messages.height
    assert (joined["message_id"] == joined["message_id_right"]).all()


def test_it_holds_what_a_backscatter_victim_sees(sample):
    _, _, labels = sample
    kinds = set(labels["kind"].to_list())
    assert {"bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "ham", "sent"} <= kinds
    styles = set(labels["style"].drop_nulls().to_list())
    assert {"postfix", "sendmail", "exim", "exim_dsn", "exchange", "qmail", "barracuda", "interscan", "amavis",
            "vacation", "challenge", "tricky"} <= styles
    assert {"rfc822", "headers", "inline", "none"} <= set(labels["original"].drop_nulls().to_list())
    backscatter = labels.filter(pl.col("is_backscatter"))
    assert backscatter["campaign"].n_unique() >= 5
    assert backscatter["origin_country"].n_unique() >= 10
    assert backscatter["origin_ip"].n_unique() >= 50
    assert backscatter.filter(pl.col("forged_hops") > 0).height > 0
    genuine = labels.filter(~pl.col("is_backscatter") & pl.col("kind").is_in(["bounce", "autoreply"]))
    assert genuine.height > 0
    sent_ids = set(labels.filter(pl.col("kind") == "sent")["message_id"].to_list())
    assert set(genuine["orig_message_id"].to_list()) <= sent_ids


def test_spam_runs_are_bursts(sample):
    _, _, labels = sample
    spans = (labels.filter(pl.col("is_backscatter") & (pl.col("reason") != "expired"))
             .with_columns(pl.col("received").str.to_datetime(time_zone="UTC"))
             .group_by("campaign").agg(hours=(pl.col("received").max() - pl.col("received").min())
                                       .dt.total_hours()))
    assert spans["hours"].max() <= 72


def test_zombie_addresses_are_public(sample):
    import ipaddress
    _, _, labels = sample
    for ip in labels.filter(pl.col("is_backscatter"))["origin_ip"].unique().to_list():
        assert ipaddress.ip_address(ip).is_global, ip
