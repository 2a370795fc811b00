"""Table-driven: a returned message quoted inline in a plain notice (toolkit/dsn/inline.py).

Each notice below is written for these tests in a product's documented layout, with the
returned message's headers pasted into its text: after a marker line, after a sentence that
says the original follows, or after nothing but a blank line. The notice must give its
failed recipient (never an address of the quoted original, such as its Message-ID) and the
original with its Received lines, which the origin trace reads.
"""
from __future__ import annotations

import pytest

from toolkit.dsn.inline import header_block_at, split_inline

from test_kinds import analyse_text

QUOTED = """Received: from mx.dest.example (mx.dest.example [10.0.0.5])
\tby mail.dest.example (Postfix) with ESMTP id 1A2B3C
\tfor <{rcpt}>; Mon, 11 Mar 2024 05:59:58 +0000
Received: from pc7.cable.example.net ([185.23.1.77])
\tby mx.dest.example with ESMTP; Mon, 11 Mar 2024 05:59:57 +0000
Message-ID: <q1w2e3@pc7.cable.example.net>
From: <owner@example.org>
To: <{rcpt}>
Subject: cheap watches
Date: Mon, 11 Mar 2024 05:59:00 +0000

buy now at http://watches.example.com/
"""

DOMINO = """Return-Path: <>
From: Postmaster@dest.example
To: owner@example.org
Subject: DELIVERY FAILURE: User jdoe (jdoe@dest.example) not listed in Domino Directory
X-Mailer: Lotus Domino Release 9.0.1

Your message

  Subject: cheap watches

was not delivered to:

  jdoe@dest.example

because:

  User jdoe (jdoe@dest.example) not listed in Domino Directory

""" + QUOTED.format(rcpt="jdoe@dest.example")

GROUPWISE = """Return-Path: <>
From: postmaster@dest.example
To: owner@example.org
Subject: Message status - undeliverable
X-Mailer: GroupWise Internet Agent 18.3.1

The message that you sent was undeliverable to the following:
\tasmith (User not found)

Possibly truncated original message follows:

""" + QUOTED.format(rcpt="asmith@dest.example")

MDAEMON = """Return-Path: <>
From: MDaemon@dest.example
To: owner@example.org
Subject: Permanent Delivery Failure

The attached message had PERMANENT fatal delivery errors!

YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!

--- Session Transcript ---
 Mon 2024-03-11 06:00:00: Attempting SMTP connection to [mx.dest.example]
 Mon 2024-03-11 06:00:00: <-- 550 5.1.1 <ghost@dest.example>: Recipient address rejected: User unknown
--- End Transcript ---

: Message contains [1] file attachments

""" + QUOTED.format(rcpt="ghost@dest.example")

GENERIC = """Return-Path: <>
From: MAILER-DAEMON@dest.example
To: owner@example.org
Subject: Undeliverable mail

Your message could not be delivered to the following recipients:

  gone@dest.example

----------------------------------------
""" + QUOTED.format(rcpt="gone@dest.example")

# notice, format, failed recipient, Received lines of the original
CASES = [
    (DOMINO, "notes", "jdoe@dest.example", 2),
    (GROUPWISE, "groupwise", "asmith@dest.example", 2),
    (MDAEMON, "mdaemon", "ghost@dest.example", 2),
    (GENERIC, "plaintext", "gone@dest.example", 2),
]


@pytest.mark.parametrize("text,fmt,recipient,received", CASES, ids=[c[1] for c in CASES])
def test_inline_original_and_recipient(text, fmt, recipient, received):
    notice = analyse_text(text)
    assert notice.kind == "bounce" and notice.bounce.format == fmt
    assert [d.recipient for d in notice.deliveries] == [recipient]  # never the original's Message-ID
    assert notice.original["orig_source"] == "inline"
    assert notice.original["orig_message_id"] == "q1w2e3@pc7.cable.example.net"
    assert len(notice.original["orig_received"]) == received
    assert notice.original["origin_ip"] == "185.23.1.77"


# text, whether a quoted original is found (its first header), the notice kept
SPLITS = [
    ("Delivery failed.\n\n" + QUOTED.format(rcpt="a@b.example"), "Received", "Delivery failed.\n"),
    # a notice's own summary fields (To/Subject/Sent) are no original, even unindented
    ("Your message\n\nTo: a@b.example\nSubject: hi\nSent: Mon, 11 Mar 2024\n\ndid not reach its recipient.\n",
     None, None),
    # indented summary lines are the notice's own
    ("Your message\n\n  Subject: hi\n  Message-ID: <x@y.example>\n  Received: today\n\nfailed.\n", None, None),
    # two fields are not a header block
    ("Delivery failed.\n\nReceived: from a by b\nMessage-ID: <x@y.example>\n", None, None),
]


@pytest.mark.parametrize("text,first,notice", SPLITS, ids=["blank-line", "summary", "indented", "two-fields"])
def test_split_inline(text, first, notice):
    kept, copy = split_inline(text)
    if first is None:
        assert copy is None and kept == text
        return
    assert copy.startswith(first) and kept == notice


def test_a_header_block_needs_a_field_only_a_message_has():
    assert not header_block_at(["From: a@b.example", "To: c@d.example", "Subject: x", "Date: today"], 0)
    assert header_block_at(["From: a@b.example", "To: c@d.example", "Message-ID: <x@y.example>"], 0)
    assert header_block_at(["Received: from a", "\tby b; today", "From: a@b.example", "Subject: x"], 0)


ANNOUNCING = [  # text, whether the announcing-sentence pattern may match (the skip must never hide a match)
    ("Your message was rejected.\nThe ORIGINAL MESSAGE FOLLOWS:\nReceived: x", True),
    ("Returned mail is below\n", True),
    ("Délivrance impossible.\nOriginal message follows:\n", True),  # not ASCII: the pattern always runs
    ("Your mailbox is over quota.\n", False),
]


@pytest.mark.parametrize(("text", "may"), ANNOUNCING)
def test_announcing_sentence_skipped_only_when_it_cannot_match(text, may):
    from toolkit.dsn.inline import _FOLLOWS, _may_announce
    assert _may_announce(text) is may
    assert _may_announce(text) or _FOLLOWS.search(text) is None


def test_per_message_answers_do_not_outlive_their_message():
    """split_inline and the parsed inline copy are kept within one message only: the next
    message's Context empties them (a mailbox of repeated texts is not flattered)."""
    from email.message import Message

    from toolkit.dsn.context import Context
    from toolkit.dsn.inline import split_inline
    from toolkit.dsn.text import _parse_copy
    text = "Delivery failed.\n\nReceived: from a\nMessage-ID: <1@a>\nSubject: x\n\nbody\n"
    notice, copy = split_inline(text)
    assert notice == "Delivery failed.\n" and copy.startswith("Received:")
    assert split_inline(text) is split_inline(text)  # answered once within the message
    _parse_copy(copy)
    assert split_inline.cache_info().currsize and _parse_copy.cache_info().currsize
    Context.of(Message())
    assert split_inline.cache_info().currsize == 0 and _parse_copy.cache_info().currsize == 0
