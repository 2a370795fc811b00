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


# --- the realistic world -------------------------------------------------------------------------------------------

import email  # noqa: E402
import mailbox  # noqa: E402

from toolkit import products  # noqa: E402
from toolkit.headers import decode_text  # noqa: E402
from toolkit.synth.realistic import INBOX, SENT  # noqa: E402
from toolkit.synth.realistic.registry import STYLES  # noqa: E402


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    out = tmp_path_factory.mktemp("realistic")
    generate(out, seed=11, scale=0.5, world="realistic")
    labels = pl.read_ndjson(out / "labels.jsonl", infer_schema_length=None)
    raw = {box: [m.as_bytes().decode("utf-8") for m in mailbox.mbox(out / "mail" / box)] for box in (INBOX, SENT)}
    return out, labels, raw


def _texts(labels: pl.DataFrame, raw: dict, **where) -> list[str]:
    """The raw text of the labelled messages matching ``where`` (column=value)."""
    rows = labels
    for column, value in where.items():
        rows = rows.filter(pl.col(column) == value)
    texts = [raw[box][pos] for box, pos in zip(rows["mailbox"], rows["position"])]
    return [f"{t}\nDecoded-Subject: {decode_text(email.message_from_string(t).get('Subject', ''))}" for t in texts]


def test_realistic_same_seed_same_bytes(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate(tmp_path / name, seed=seed, days=6, scale=0.2, world="realistic")
    for rel in (f"mail/{INBOX}", f"mail/{SENT}", "labels.jsonl"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert (tmp_path / "c" / "labels.jsonl").read_bytes() != (tmp_path / "a" / "labels.jsonl").read_bytes()


def test_realistic_labels_complete(realistic):
    out, labels, raw = realistic
    assert labels.height == len(raw[INBOX]) + len(raw[SENT])
    wanted = {"kind", "is_backscatter", "campaign", "style", "product", "reason", "status", "recipient", "original",
              "origin_ip", "origin_country", "relay_ip", "forged_hops", "bouncer_ip", "bouncer_host", "bouncer_domain",
              "bouncer_org", "orig_message_id", "orig_subject", "message_id", "mailbox", "position", "received"}
    assert wanted <= set(labels.columns)
    backscatter = labels.filter(pl.col("is_backscatter"))
    for column in ("campaign", "style", "product", "origin_ip", "bouncer_ip", "recipient", "original", "reason"):
        assert backscatter[column].null_count() == 0, column
    assert set(labels["product"].drop_nulls()) <= set(products.PRODUCTS)
    assert all(s.product in products.PRODUCTS for s in STYLES.values())


def test_realistic_size_and_period(realistic):
    _, labels, _ = realistic
    received = labels["received"].str.to_datetime(time_zone="UTC")
    assert (received.max() - received.min()).days <= 31 + 5  # 30 days, and a few late expiry notices
    assert labels.filter(pl.col("is_backscatter"))["campaign"].n_unique() == 15
    assert 1200 <= labels.height <= 1800  # ~3,000 at scale 1


def test_botnets_are_rented(realistic):
    """Zombies and bouncers serve several campaigns; campaigns overlap in time."""
    _, labels, _ = realistic
    bs = labels.filter(pl.col("is_backscatter") & pl.col("kind").is_in(["bounce", "autoreply", "challenge"]))
    per_zombie = bs.group_by("origin_ip").agg(pl.col("campaign").n_unique())
    assert per_zombie.filter(pl.col("campaign") > 1).height >= 20
    per_bouncer = bs.group_by("bouncer_ip").agg(pl.col("campaign").n_unique())
    assert per_bouncer.filter(pl.col("campaign") > 2).height >= 10
    spans = (bs.with_columns(pl.col("received").str.to_datetime(time_zone="UTC"))
             .group_by("campaign").agg(start=pl.col("received").min(), end=pl.col("received").quantile(0.9)))
    overlaps = spans.join(spans, how="cross").filter((pl.col("campaign") < pl.col("campaign_right"))
                                                     & (pl.col("start") < pl.col("end_right"))
                                                     & (pl.col("start_right") < pl.col("end")))
    assert overlaps.height >= 5
    assert bs["origin_country"].n_unique() >= 25


def test_spam_content_is_shared_and_varied(realistic):
    _, labels, raw = realistic
    bs = labels.filter(pl.col("is_backscatter"))
    per_subject = bs.group_by("orig_subject").agg(pl.col("campaign").n_unique())
    assert per_subject.filter(pl.col("campaign") > 2).height >= 3     # generic subjects across campaigns
    assert bs.group_by("campaign").agg(pl.col("orig_subject").n_unique())["orig_subject"].min() >= 3
    inline = bs.filter(pl.col("original").is_in(["inline", "rfc822"]))
    boiler = {c for c, text in zip(inline["campaign"], _texts(inline, raw)) if "www.w3.org/TR/xhtml1" in text}
    short = {c for c, text in zip(inline["campaign"], _texts(inline, raw)) if "bit.ly/" in text or "tinyurl.com/" in text}
    assert len(boiler) >= 3 and len(short) >= 3


def test_affiliates_send_one_kit_with_their_own_domains():
    """An affiliate program's kit (template, subjects) is sent by several campaigns, each with its own domains."""
    import datetime as dt
    import random

    from toolkit.synth.realistic import campaigns as camp, cast

    shared = []
    for seed in range(5):
        rng = random.Random(seed)
        found = camp.campaigns(rng, cast.botnets(rng), dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), 30, 15, 2400)
        shared += [(a, b) for i, a in enumerate(found) for b in found[i + 1:] if a.theme == b.theme]
    assert len(shared) >= 3
    assert all(a.ident != b.ident and not set(a.domains) & set(b.domains) for a, b in shared)


def test_open_relays_and_forged_lines(realistic):
    _, labels, raw = realistic
    relayed = labels.filter(pl.col("relay_ip").is_not_null())
    assert relayed.height >= 10
    assert (relayed["relay_ip"] != relayed["origin_ip"]).all()
    carried = relayed.filter(pl.col("original").is_in(["inline", "rfc822", "headers"]))
    for ip, zombie, text in zip(carried["relay_ip"], carried["origin_ip"], _texts(carried, raw)):
        assert ip in text and zombie in text  # the relay names the zombie in its own Received line
    assert labels.filter(pl.col("forged_hops") > 0).height >= 20


# style -> what the real product writes (documented headers or wording)
PRODUCT_MARKS = {
    "choicemail": "[ChoiceMail registration request]", "boxbe": "Guest List", "spamarrest": "[Verify to deliver]",
    "bluebottle": "bluebottle.com", "sendio": "Sendio", "cpanel": "X-Autorespond:",
    "dovecot_sieve": "Auto-Submitted: auto-replied (vacation)", "vacation": "Precedence: junk",
    "zimbra": "auto-replied (zimbra; vacation)", "exchange_oof": "X-Auto-Response-Suppress: All",
    "mailmarshal": "MailMarshal", "barracuda": "bulk email filter", "dmarc": "Feedback-Type: auth-failure",
    "arf": "Feedback-Type: abuse", "postfix": "This is the mail system at host", "qmail": "qmail-send program",
    "exim": "X-Failed-Recipients:", "cpanel_exim": "Mail delivery failed: returning message to sender", "sendmail": "Transcript of session follows",
    "office365": "X-MS-Exchange-Message-Is-Ndr", "exchange": "X-MS-Exchange-Message-Is-Ndr",
    "courier": "Courier mail server", "domino": "DELIVERY FAILURE", "groupwise": "Message status - undeliverable",
    "mdaemon": "Permanent Delivery Failure",
}


@pytest.mark.parametrize("style,mark", sorted(PRODUCT_MARKS.items()))
def test_products_write_what_they_really_write(realistic, style, mark):
    _, labels, raw = realistic
    texts = _texts(labels, raw, style=style)
    if not texts:
        pytest.skip(f"no {style} notification at this seed and scale")
    assert all(mark in t for t in texts), style


def test_the_realistic_mix(realistic):
    _, labels, raw = realistic
    assert {"bounce", "autoreply", "challenge", "spam_notice", "virus_notice", "feedback_report", "ham", "sent"} \
        <= set(labels["kind"])
    assert {"cpanel", "dovecot-sieve", "vacation", "exchange", "choicemail", "boxbe", "postfix", "exim"} \
        <= set(labels["product"].drop_nulls())
    oof = {t.split("Subject: ", 1)[1].split(":")[0] for t in _texts(labels, raw, style="exchange_oof")}
    assert len(oof) >= 5  # out-of-office replies in many languages (RFC 2047 encoded or not)


def test_not_backscatter_is_there(realistic):
    _, labels, raw = realistic
    ham_styles = set(labels.filter(pl.col("kind") == "ham")["style"].drop_nulls())
    assert {"tricky", "forwarded_bounce", "forwarder_report", "direct_spam"} <= ham_styles
    genuine = labels.filter((pl.col("is_backscatter") == False) & (pl.col("kind") != "ham")  # noqa: E712
                            & (pl.col("kind") != "sent"))
    assert {"bounce", "autoreply"} <= set(genuine["kind"])
    sent_ids = set(labels.filter(pl.col("kind") == "sent")["message_id"])
    assert set(genuine["orig_message_id"]) <= sent_ids
    assert genuine.filter(pl.col("original") == "none").height > 0


def test_forwarded_into_gmail_and_taken_out(realistic):
    _, labels, raw = realistic
    for text in raw[INBOX]:
        head = text.split("\n\n", 1)[0]
        assert head.startswith("X-GM-THRID: ") and "\nX-Gmail-Labels: " in head and "Delivered-To: " in head
    forwarded = [t for t in raw[INBOX] if "relayforward.net (Postfix)" in t]
    assert len(forwarded) > 0.8 * len(raw[INBOX])
    assert any("Return-Path: <SRS0=" in t for t in forwarded) and any("Return-Path: <>" in t for t in forwarded)
    assert all("X-Gmail-Labels: Sent" in t for t in raw[SENT])


def test_realistic_ingests_row_for_row(realistic):
    out, labels, _ = realistic
    ingest([out / "mail"], out / "tables", cache_dir=out / "cache", progress=False)
    messages = pl.read_parquet(out / "tables" / "messages.parquet")
    assert messages.height == labels.height
    assert messages.filter(pl.col("parse_error").is_not_null()).height == 0
    roles = messages.with_columns(mailbox=pl.col("source").str.split("/").list.last()).group_by("mailbox").agg(
        pl.col("mailbox_role").unique())
    assert {r[0] for r in roles.filter(pl.col("mailbox") == SENT)["mailbox_role"]} == {"sent"}


def test_gateways_relay_but_do_not_write(realistic):
    """A notice leaving through Mimecast or Proofpoint is still labelled with the product that wrote it."""
    _, labels, raw = realistic
    bs = labels.filter(pl.col("is_backscatter"))
    relayed = [(p, t) for p, t in zip(bs["product"], _texts(bs, raw))
               if "by relay.mimecast.com" in t or "(PPS) with ESMTPS" in t]
    assert len(relayed) >= 10
    assert {p for p, _ in relayed} <= {"exchange", "postfix", "dovecot-sieve", "choicemail", "mailmarshal", "sendmail"}


def test_spam_in_the_charsets_ratware_uses(realistic):
    _, _, raw = realistic
    text = "".join(raw[INBOX])
    assert sum(charset in text for charset in ("windows-1251", "koi8-r", "iso-2022-jp", "shift_jis", "iso-8859-1")) >= 3


def test_one_bounce_for_several_recipients(realistic):
    """Bulk ratware sends one transaction to several recipients of a domain; the bounce lists them all."""
    _, labels, raw = realistic
    bounces = labels.filter(pl.col("is_backscatter") & pl.col("style").is_in(["postfix", "exim_dsn"]))
    several = [(r, t) for r, t in zip(bounces["recipient"], _texts(bounces, raw)) if t.count("Final-Recipient:") > 1]
    assert several and all(f"Final-Recipient: rfc822; {r}" in t for r, t in several)
