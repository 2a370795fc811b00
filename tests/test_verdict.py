"""The backscatter verdict: measured on a labelled sample the rules were not tuned on, and its signals."""
from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from toolkit.ingest import ingest
from toolkit.verdict import Owner

from helpers import mbox, message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import evaluate  # noqa: E402


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    frame, messages_in = evaluate.labelled(tmp_path_factory.mktemp("eval"), seed=99, days=28, scale=0.6,
                                           world="classic")
    assert frame.height == messages_in  # rows out = messages in
    return frame


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    """The realistic world (shared botnets, relays, products, forwarding) on a seed no rule was developed on."""
    frame, messages_in = evaluate.labelled(tmp_path_factory.mktemp("realistic"), seed=2718, days=None, scale=1.0,
                                           world="realistic")
    assert frame.height == messages_in
    return frame


def test_backscatter_f1_on_a_fresh_seed(judged):
    scores = evaluate.scores(judged)
    assert scores["f1"] >= 0.98, scores


def test_kinds_on_a_fresh_seed(judged):
    assert (judged["kind"] == judged["kind_truth"]).mean() >= 0.97
    assert set(judged.filter(pl.col("kind_truth") == "ham")["kind"].unique()) == {"ham"}


def test_sent_messages_have_no_verdict_and_ham_is_never_backscatter(judged):
    assert judged.filter(pl.col("mailbox_role") == "sent")["is_backscatter"].null_count() == \
        judged.filter(pl.col("mailbox_role") == "sent").height
    assert not judged.filter(pl.col("kind") == "ham")["is_backscatter"].fill_null(False).any()


def test_genuine_bounces_name_their_evidence(judged):
    genuine = judged.filter((pl.col("kind") == "bounce") & ~pl.col("is_backscatter_label"))
    assert genuine.height > 0
    evidence = {"sent_folder_match", "sent_to_recipient", "own_relay_in_original", "dkim_own_domain"}
    for signals in genuine["signals"].to_list():
        assert evidence & set(signals), signals


BOUNCE = """Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: {to}
Subject: failure notice
Date: Tue, 05 Mar 2024 10:00:00 +0000

Hi. This is the qmail-send program at mx.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.

<nobody@example.net>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

From: {to}
To: nobody@example.net
Subject: hello
Message-ID: <{mid}>

hi
"""


def run(tmp_path, inbox: str, sent: str | None, owner: Owner) -> pl.DataFrame:
    (tmp_path / "Inbox.mbox").write_text(inbox)
    paths = [tmp_path / "Inbox.mbox"]
    if sent is not None:
        (tmp_path / "Sent.mbox").write_text(sent)
        paths.append(tmp_path / "Sent.mbox")
    ingest(paths, tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, owner=owner)
    return pl.read_parquet(tmp_path / "out" / "messages.parquet")


def test_a_bounce_of_a_sent_message_is_genuine(tmp_path):
    sent = mbox(message("hello", From="me@example.org", To="nobody@example.net", Message_ID="<mine-1@example.org>"))
    inbox = mbox(BOUNCE.format(to="me@example.org", mid="mine-1@example.org"))
    frame = run(tmp_path, inbox, sent, Owner())
    bounce = frame.filter(pl.col("kind") == "bounce").row(0, named=True)
    assert bounce["is_backscatter"] is False
    assert "sent_folder_match" in bounce["signals"]
    assert frame.filter(pl.col("mailbox_role") == "sent").height == 1


def test_a_bounce_of_a_message_never_sent_is_backscatter(tmp_path):
    sent = mbox(message("hello", From="me@example.org", To="friend@example.net", Message_ID="<mine-1@example.org>"))
    inbox = mbox(BOUNCE.format(to="qxzvw@example.org", mid="forged-77@example.org"))
    frame = run(tmp_path, inbox, sent, Owner())
    bounce = frame.filter(pl.col("kind") == "bounce").row(0, named=True)
    assert bounce["is_backscatter"] is True
    assert {"not_in_sent_folder", "random_local_part"} <= set(bounce["signals"])


def test_owner_options_are_used(tmp_path):
    inbox = mbox(BOUNCE.format(to="me@example.org", mid="x@example.org"))
    relayed = inbox.replace("From: me@example.org\nTo: nobody",
                            "Received: from home by smtp.example.org with ESMTPSA; Tue, 05 Mar 2024 09:00:00 +0000\n"
                            "From: me@example.org\nTo: nobody")
    frame = run(tmp_path, relayed, None, Owner(addresses=("me@example.org",), relays=("smtp.example.org",)))
    bounce = frame.filter(pl.col("kind") == "bounce").row(0, named=True)
    assert "own_relay_in_original" in bounce["signals"] and bounce["is_backscatter"] is False


def test_tracing_on_a_fresh_seed(judged):
    found = {name: share for name, (share, _) in evaluate.tracing(judged).items()}
    assert found["origin"] >= 0.97 and found["origin with forged lines"] >= 0.97, found
    assert found["bouncer IP"] >= 0.99, found
    products = evaluate.products(judged)
    assert products["right"].sum() / products["n"].sum() >= 0.9, products


def test_spam_runs_on_a_fresh_seed(judged):
    ari, n, _ = evaluate.campaign_ari(judged)
    assert n > 100 and ari >= 0.9, ari


def test_realistic_world_on_a_fresh_seed(realistic):
    """Floors a little under what a fresh seed measured when this test was written (see README)."""
    scores = evaluate.scores(realistic)
    kinds = float((realistic["kind"] == realistic["kind_truth"]).mean())
    tracing = {name: share for name, (share, _) in evaluate.tracing(realistic).items()}
    products = evaluate.products(realistic)
    product = products["right"].sum() / products["n"].sum()
    ari, n, _ = evaluate.campaign_ari(realistic)
    measured = dict(kinds=kinds, f1=scores["f1"], origin=tracing["origin"],
                    relayed=tracing["origin through an open relay"], bouncer=tracing["bouncer IP"],
                    product=product, ari=ari)
    assert kinds >= 0.97 and scores["f1"] >= 0.97, measured
    assert tracing["origin"] >= 0.9 and tracing["bouncer IP"] >= 0.9, measured
    assert product >= 0.85 and n > 100 and ari >= 0.7, measured  # measured 0.63 at scale 0.5: smaller runs


def test_adjusted_rand_index_reference_values():
    same = pl.Series(["a", "a", "b", "b"])
    assert evaluate.adjusted_rand_index(same, pl.Series([1, 1, 2, 2])) == 1.0
    assert abs(evaluate.adjusted_rand_index(pl.Series(["a", "a", "b", "b"]), pl.Series([1, 2, 1, 2])) + 0.5) < 1e-9


def _prvs(address: str, day: int) -> str:
    """A BATV tag with the given day stamp (the hash is not checked without the signing key)."""
    return f"prvs=0{day % 1000:03d}a1b2c3={address}"


DAY = 19787  # Tue, 05 Mar 2024, the date of BOUNCE, in days since 1970


@pytest.mark.parametrize("to,owner,signal,backscatter", [
    (_prvs("me@example.org", DAY - 2), Owner(addresses=("me@example.org",)), "batv_valid", False),
    (_prvs("me@example.org", DAY - 40), Owner(addresses=("me@example.org",)), "batv_stale", True),
    ("me@example.org", Owner(addresses=("me@example.org",), batv=True), "batv_missing", True),
])
def test_batv_tags_on_the_bounce_address(tmp_path, to, owner, signal, backscatter):
    frame = run(tmp_path, mbox(BOUNCE.format(to=to, mid="x-1@example.org")), None, owner)
    bounce = frame.filter(pl.col("kind") == "bounce").row(0, named=True)
    assert signal in bounce["signals"] and bounce["is_backscatter"] is backscatter


SAMPLES = Path(__file__).parent / "samples"
FORWARDER_REPORT = """Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@fwd.forwarder.example>
To: me@example.org
Subject: Undelivered Mail Returned to Sender
Date: Tue, 05 Mar 2024 10:20:00 +0000
Auto-Submitted: auto-replied

This is the mail system at host fwd.forwarder.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<me@example.org> (expanded from <me@example.org>): host gmail-smtp-in.l.google.example
    said: 552 5.2.2 The recipient's inbox is out of storage space.

--- Below this line is a copy of the message.

From: newsletter@shop.example
To: me@example.org
Subject: Spring offers
Message-ID: <offer-1@shop.example>

hello
"""


BLUEBOTTLE = """From: Bluebottle Verification <verify@bluebottle.com>
To: me@example.org
Subject: Please verify your message to nora@pinecone.example
Date: Tue, 05 Mar 2024 10:00:00 +0000
Auto-Submitted: auto-replied

This is an automated reply from the Bluebottle email service on behalf of nora@pinecone.example.
Please confirm that you are a person and not a spammer.
"""


# A bounce of the owner's own vacation reply (Gmail's responder answered a spam; the spam's forged sender
# does not exist): Gmail keeps no copy of it in Sent, but its Auto-Submitted says it was automatic.
OWN_VACATION_BOUNCED = BOUNCE.format(to="me@example.org", mid="CAvacation-1@mail.gmail.example").replace(
    "Subject: hello\n", "Subject: Re: cheap pills\nAuto-Submitted: auto-replied\n")


def _sample(name: str, owner: str = "me@example.org") -> str:
    return (SAMPLES / name).read_text().replace("owner@example.org", owner)


def _sent_to(address: str, date: str, message_id: str = "<mine-9@example.org>") -> str:
    return mbox(message("about your order", From="me@example.org", To=address, Date=date, Message_ID=message_id))


# inbox message, Sent folder, kind, signal expected, is_backscatter
FACTS = [
    # a challenge from someone the owner wrote to the day before is genuine, even with no original
    (_sample("choicemail.eml"), _sent_to("karl@brenner-family.example", "Mon, 04 Mar 2024 09:00:00 +0000"),
     "challenge", "replied_after_owner_wrote", False),
    # a challenge service writing on its user's behalf names the user in its subject
    (BLUEBOTTLE, _sent_to("nora@pinecone.example", "Tue, 05 Mar 2024 09:30:00 +0000"),
     "challenge", "replied_after_owner_wrote", False),
    # the same challenge with nothing written to Karl
    (_sample("choicemail.eml"), _sent_to("someone@else.example", "Mon, 04 Mar 2024 09:00:00 +0000"),
     "challenge", "stranger_recipient", True),
    # an auto-reply from someone written to the same morning
    (_sample("zimbra-oof.eml", "me@example.org"), _sent_to("m.rossi@studiorossi.example",
                                                           "Tue, 05 Mar 2024 08:00:00 +0000"),
     "autoreply", "replied_after_owner_wrote", False),
    # a DMARC failure report about mail in the owner's name the owner never sent
    (_sample("dmarc-failure.eml"), _sent_to("x@y.example", "Mon, 04 Mar 2024 09:00:00 +0000"),
     "feedback_report", "forged_feedback", True),
    # ... and about a message the owner did send
    (_sample("dmarc-failure.eml"), _sent_to("buyer@receiver.example", "Tue, 05 Mar 2024 10:12:39 +0000",
                                            "<forged-3003@example.org>"),
     "feedback_report", "sent_folder_match", False),
    # the forwarder's own report about mail TO the owner
    (FORWARDER_REPORT, _sent_to("x@y.example", "Mon, 04 Mar 2024 09:00:00 +0000"),
     "bounce", "owner_was_recipient", False),
    # the owner's own auto-reply came back
    (OWN_VACATION_BOUNCED, _sent_to("x@y.example", "Mon, 04 Mar 2024 09:00:00 +0000"),
     "bounce", "own_auto_reply_returned", False),
    # ... but a spam in the owner's name that claims to be automatic from another address proves nothing
    (OWN_VACATION_BOUNCED.replace("From: me@example.org\nTo: nobody", "From: qxzvw@example.org\nTo: nobody"),
     _sent_to("x@y.example", "Mon, 04 Mar 2024 09:00:00 +0000"), "bounce", "original_from_forged", True),
]


@pytest.mark.parametrize("inbox,sent,kind,signal,backscatter", FACTS, ids=[f"fact{i}" for i in range(len(FACTS))])
def test_verdict_facts(tmp_path, inbox, sent, kind, signal, backscatter):
    inbox = inbox.replace("owner@example.org", "me@example.org").replace("dmarc@example.org", "me@example.org")
    frame = run(tmp_path, mbox(inbox), sent, Owner(addresses=("me@example.org",)))
    row = frame.filter(pl.col("mailbox_role") == "inbox").row(0, named=True)
    assert row["kind"] == kind
    assert signal in row["signals"] and row["is_backscatter"] is backscatter, row["signals"]


def test_a_reply_from_someone_written_to_long_before_is_not_proof(tmp_path):
    """Names recur; a reply answers within a week of what it answers."""
    sent = _sent_to("karl@brenner-family.example", "Sun, 04 Feb 2024 09:00:00 +0000")
    frame = run(tmp_path, mbox(_sample("choicemail.eml")), sent, Owner(addresses=("me@example.org",)))
    row = frame.filter(pl.col("mailbox_role") == "inbox").row(0, named=True)
    assert row["kind"] == "challenge"
    assert not {"replied_after_owner_wrote", "sent_to_recipient"} & set(row["signals"]), row["signals"]


@pytest.mark.parametrize(("rows", "slice_rows", "addresses"), [
    # (mailbox_role, from_addr, delivered_to, to_addrs) per message
    ([("inbox", "x@far.example", ["me@owner.example"], ["me@owner.example"]),
      ("inbox", "y@far.example", [], ["prvs=1234abcdef=me@owner.example"])], 25_000, ["me@owner.example"]),
    ([("sent", "me@owner.example", [], ["a@far.example"]), ("sent", "me@owner.example", [], []),
      ("sent", "alias@owner.example", [], []), ("inbox", "x@far.example", ["other@owner.example"], [])],
     1, ["me@owner.example", "alias@owner.example"]),
    # equal counts: the first address in alphabetical order, however the messages are sliced
    ([("inbox", "x@far.example", ["b@owner.example"], []), ("inbox", "x@far.example", ["a@owner.example"], [])],
     1, ["a@owner.example"]),
])
def test_inferred_owner_addresses(monkeypatch, rows, slice_rows, addresses):
    """Counted a slice of messages at a time: the Sent folder's senders (three at most), else the most
    frequent recipient, a BATV tag removed."""
    from toolkit import verdict

    monkeypatch.setattr(verdict, "JUDGED_ROWS", slice_rows)
    messages = pl.DataFrame(rows, schema={"mailbox_role": pl.String, "from_addr": pl.String,
                                          "delivered_to": pl.List(pl.String), "to_addrs": pl.List(pl.String)},
                            orient="row")
    assert verdict._owner_identity(messages, Owner()) == (addresses, ["owner.example"])
