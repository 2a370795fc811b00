"""The bouncer of each notification: past the owner's own mail system, the first outside hop."""
from __future__ import annotations

import polars as pl
import pytest

from toolkit.ingest import ingest
from toolkit.verdict import Owner

from helpers import mbox, message

OWN = ("from mx1.owner.example (mx1.owner.example [192.0.2.10]) by store.owner.example (Dovecot) with LMTP id A "
       "for <me@owner.example>; Tue, 05 Mar 2024 10:00:05 +0000")


def inbound(host: str, ip: str) -> str:
    return (f"from {host} ({host} [{ip}]) by mx1.owner.example (Postfix) with ESMTPS id B for <me@owner.example>; "
            "Tue, 05 Mar 2024 10:00:04 +0000")


def notice(host: str, ip: str) -> str:
    return message("failure notice", Received=OWN, X_Filler="x", From=f"MAILER-DAEMON@{host}", Return_Path="<>",
                   To="me@owner.example",
                   body="Hi. This is the qmail-send program at x.\n\n<nobody@far.example>:\n"
                        "Sorry, no mailbox here by that name. (#5.1.1)\n").replace(
        "X-Filler: x\n", f"Received: {inbound(host, ip)}\n")


def ham(i: int) -> str:
    return message(f"hello {i}", Received=OWN).replace(
        f"Subject: hello {i}\n", f"Subject: hello {i}\nReceived: {inbound('mail-x.friends.example', '198.51.100.9')}\n")


def test_inferred_infrastructure_is_skipped(tmp_path):
    box = tmp_path / "Inbox.mbox"
    box.write_text(mbox(*[ham(i) for i in range(6)], notice("mx.bouncer.example", "64.71.160.9")))
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("kind") == "bounce")
    row = frame.row(0, named=True)
    assert (row["bouncer_ip"], row["bouncer_host"], row["bouncer_domain"], row["bouncer_software"]) == \
           ("64.71.160.9", "mx.bouncer.example", "bouncer.example", "qmail")
    bouncers = pl.read_parquet(tmp_path / "out" / "bouncers.parquet")
    assert bouncers["bouncer_ip"].to_list() == ["64.71.160.9"] and bouncers["bounce"].to_list() == [1]


GMAIL = ("from {host} ({host} [{ip}]) by mx.google.example with ESMTPS id G for <me.owner@gmail.example>; "
         "Tue, 05 Mar 2024 10:00:06 +0000")
FORWARDER = ("from {host} ({host} [{ip}]) by mx-1.forwarder.example (Postfix) with ESMTPS id F for "
             "<me@owner.example>; Tue, 05 Mar 2024 10:00:04 +0000")


def forwarded(text: str, host: str, ip: str) -> str:
    """A message the forwarder (public IP) handed to Gmail, as Gmail stores it: Gmail's line above the forwarder's."""
    return (f"Received: {GMAIL.format(host='mx-1.forwarder.example', ip='64.147.108.50')}\n"
            f"Received: {FORWARDER.format(host=host, ip=ip)}\n{text}")


def test_the_forwarder_is_inferred_though_sent_mail_and_direct_mail_skip_it(tmp_path):
    """The owner's sent mail has no Received chain and a fifth of what came in went straight to the Gmail
    address: the forwarder received most of what came in (not nine in ten of all messages), and is the owner's."""
    hams = [forwarded(message(f"hello {i}"), "mail-x.friends.example", "81.2.69.160") for i in range(7)]
    direct = [f"Received: {GMAIL.format(host='mail-y.friends.example', ip='81.2.69.161')}\n" + message(f"direct {i}")
              for i in range(2)]
    bounce = forwarded(notice("mx.bouncer.example", "64.71.160.9").replace(f"Received: {OWN}\n", "")
                       .replace(f"Received: {inbound('mx.bouncer.example', '64.71.160.9')}\n", ""),
                       "mx.bouncer.example", "64.71.160.9")
    box, sent = tmp_path / "Inbox.mbox", tmp_path / "Sent.mbox"
    box.write_text(mbox(*hams, *direct, bounce))
    sent.write_text(mbox(*[message(f"mine {i}", From="me@owner.example") for i in range(3)]))
    ingest([box, sent], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    row = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("kind") == "bounce").row(0, named=True)
    assert (row["bouncer_ip"], row["bouncer_host"]) == ("64.71.160.9", "mx.bouncer.example")


def test_given_mx_is_skipped_even_in_a_tiny_mailbox(tmp_path):
    box = tmp_path / "Inbox.mbox"
    box.write_text(mbox(notice("mx.bouncer.example", "64.71.160.9")))
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "c", progress=False,
           owner=Owner(mx=("owner.example",)))
    row = pl.read_parquet(tmp_path / "out" / "messages.parquet").row(0, named=True)
    assert row["bouncer_ip"] == "64.71.160.9"


def test_a_notice_from_inside_the_owners_own_provider_names_its_entry_host(tmp_path):
    """A notice sent by a user of the owner's own provider never leaves it: the host it entered by is the bouncer."""
    box = tmp_path / "Inbox.mbox"
    box.write_text(mbox(*[ham(i) for i in range(6)], notice("mail-sor-f13.owner.example", "209.85.220.13")))
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    row = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("kind") == "bounce").row(0, named=True)
    assert (row["bouncer_ip"], row["bouncer_host"]) == ("209.85.220.13", "mail-sor-f13.owner.example")
    hams = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("kind") == "ham")
    assert hams["bouncer_ip"].is_null().all()  # ham keeps no bouncer


# A bouncer's own Received lines: the MTA named per line (smallest rank) is the one named in them all.
OWN_LINES = [
    (["by mx.example.org (Postfix) with ESMTP id 1", "by mail.example.org with esmtp (Exim 4.96)"], "postfix"),
    (["by mail.example.org with esmtp (Exim 4.96)", "by x.example.org (8.15.2/8.15.2) with ESMTP"], "exim"),
    (["from a by b with Microsoft SMTP Server (TLS)", "(qmail 1 invoked by uid 2)"], "exchange"),
    (["by relay.example.net with SMTP id 7", "by mx.google.com with ESMTPS id x"], "gmail"),
    (["by relay.example.net with SMTP id 7"], None),
]


@pytest.mark.parametrize("lines, mta", OWN_LINES)
def test_the_mta_of_own_lines_is_read_line_by_line_as_over_them_all(lines, mta):
    from toolkit.fingerprint import from_received, ranked_mta, received_rank

    per_line = pl.DataFrame({"raw": lines}).select(ranked_mta(received_rank(pl.col("raw")).min())).item()
    joined = pl.DataFrame({"raw": ["\n".join(lines)]}).select(from_received(pl.col("raw"))).item()
    assert per_line == joined == mta


def _chains(keys: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Six messages that came in through the owner's MX (mx1.owner.example), the last a bounce that the
    bouncer's own relay (mail.bouncer.example, below it, a Postfix) handed over: messages and hops."""
    rows = []
    for key in keys[:-1]:
        rows.append((key, 0, "mail-x.friends.example", "198.51.100.9", "mx1.owner.example", "from mail-x (Exim 4.96)"))
    rows += [(keys[-1], 0, "mx1.owner.example", "203.0.113.10", "store.owner.example", "by store (Dovecot)"),
             (keys[-1], 1, "mx.bouncer.example", "64.71.160.9", "mx1.owner.example", "by mx1 (Exim 4.96)"),
             (keys[-1], 2, "mail.bouncer.example", "64.71.160.8", "mx.bouncer.example", "by mx.bouncer (Postfix)")]
    hops = pl.DataFrame(rows, schema={"msg_key": pl.String, "hop": pl.UInt16, "from_host": pl.String,
                                      "from_ip": pl.String, "by_host": pl.String, "raw": pl.String}, orient="row")
    hops = hops.with_columns(part=pl.lit("message"), from_helo=pl.col("from_host"))
    messages = pl.DataFrame({"msg_key": keys, "kind": ["ham"] * (len(keys) - 1) + ["bounce"],
                             "from_addr": ["a@friends.example"] * (len(keys) - 1) + ["MAILER-DAEMON@bouncer.example"]})
    return messages, hops


HEX_KEYS = [f"{i:016x}" for i in range(6)]  # messages.message_key's form: counted by their number
PLAIN_KEYS = ["m0", "m1", "m2", "m3", "m4", "bounce"]  # another form: counted as strings


@pytest.mark.parametrize(("keys", "hop_rows"), [(HEX_KEYS, 100_000), (HEX_KEYS, 1), (HEX_KEYS, 2),
                                                (PLAIN_KEYS, 100_000), (PLAIN_KEYS, 2)])
def test_the_bouncer_is_the_same_whatever_the_slices_and_keys(monkeypatch, keys, hop_rows):
    """The hops are read HOP_ROWS at a time; a chain cut between two slices (hop_rows 1 and 2) and keys
    of either form give the answer read whole: the owner's MX inferred, the bouncer below it, and the
    product named in the bouncer's own relay's line."""
    from toolkit import handover

    monkeypatch.setattr(handover, "HOP_ROWS", hop_rows)
    messages, hops = _chains(keys)
    assert handover.owner_infrastructure(hops.lazy(), messages.height) == {"owner.example"}
    found = handover.identify(messages, hops.lazy())
    assert found.rows() == [(keys[-1], "64.71.160.9", "mx.bouncer.example", "postfix", "bouncer.example")]
