"""Header fields of the `messages` frame, table-driven: a raw header and the value it must yield."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit import messages
from toolkit.sources import RawMessage

UTC = dt.timezone.utc


def row(raw: bytes) -> dict:
    return messages.row(messages.parse(RawMessage("x.eml", raw), "/src", "eml"))


CASES = [
    # (header lines, column, expected)
    (b"Subject: =?UTF-8?B?w4lyaWMgc2F5cyBoZWxsbw==?=", "subject", "Éric says hello"),
    (b"Subject: =?iso-8859-1?q?Caf=E9?= au lait", "subject", "Café au lait"),
    (b"Subject: =?x-unknown?q?abc?=", "subject", "abc"),
    (b"Subject: caf\xc3\xa9 raw utf-8", "subject", "café raw utf-8"),
    (b"Subject: caf\xe9 raw latin-1", "subject", "café raw latin-1"),
    (b"Subject: folded\n  over two lines", "subject", "folded over two lines"),
    (b"From: \"Mail Delivery System\" <MAILER-DAEMON@MX.Example.COM>", "from_addr", "mailer-daemon@mx.example.com"),
    (b"From: =?utf-8?q?J=C3=BCrgen?= <j@example.de>", "from_name", "Jürgen"),
    (b"To: a@x.org, \"B, Bee\" <B@Y.org>", "to_addrs", ["a@x.org", "b@y.org"]),
    (b"Cc: undisclosed-recipients:;", "cc_addrs", []),
    (b"Return-Path: <>", "return_path", ""),
    (b"Return-Path: <Bounce-123@Lists.Example.org>", "return_path", "bounce-123@lists.example.org"),
    (b"Message-ID: <abc.123@host.example>", "message_id", "abc.123@host.example"),
    (b"Message-ID: no-brackets@host", "message_id", "no-brackets@host"),
    (b"References: <a@x> <b@y>\n\t<c@z>", "references", ["a@x", "b@y", "c@z"]),
    (b"Date: Tue, 05 Mar 2024 10:00:00 +0100", "date", dt.datetime(2024, 3, 5, 9, 0, tzinfo=UTC)),
    (b"Date: Tue, 05 Mar 2024 10:00:00 -0000", "date", dt.datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
    (b"Date: 29-04-2017 23:34", "date", None),
    (b"Date: 29-04-2017 23:34", "date_raw", "29-04-2017 23:34"),
    (b"Received: from a by b; Tue, 05 Mar 2024 10:00:05 +0000", "received_date",
     dt.datetime(2024, 3, 5, 10, 0, 5, tzinfo=UTC)),
    (b"Received: from a by b with SMTP id 42", "received_date", None),
    (b"Received: x; Tue, 05 Mar 2024 10:00:05 +0000\nReceived: y; Tue, 05 Mar 2024 09:00:05 +0000",
     "received_count", 2),
    (b"Auto-Submitted: auto-replied (vacation)", "auto_submitted", "auto-replied (vacation)"),
    (b"X-Autoreply: yes", "x_autoreply", "yes"),
    (b"X-Auto-Response-Suppress: All", "x_autoreply", "All"),
    (b"Precedence: bulk", "precedence", "bulk"),
    (b"User-Agent: Thunderbird", "x_mailer", "Thunderbird"),
    (b"Content-Type: multipart/report; report-type=Delivery-Status; boundary=x", "report_type", "delivery-status"),
    (b"Content-Type: Multipart/Report; report-type=delivery-status; boundary=x", "content_type", "multipart/report"),
    (b"Content-Type: text/plain", "report_type", None),
    (b"Delivered-To: Me@Example.net\nX-Original-To: alias@example.net", "delivered_to",
     ["me@example.net", "alias@example.net"]),
    (b"X-Gmail-Labels: Inbox,Important,\"Work, old\",Category Updates", "gmail_labels",
     ["Inbox", "Important", "Work, old", "Category Updates"]),
    (b"Subject: no labels", "gmail_labels", None),
    (b"List-Id: Gardening <garden.lists.example.org>", "list_id", "Gardening <garden.lists.example.org>"),
]


@pytest.mark.parametrize("header,column,expected", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_header_field(header, column, expected):
    raw = header + b"\nX-Filler: so the message has a header\n\nbody\n"
    assert row(raw)[column] == expected


def test_missing_headers_are_null_not_errors():
    out = row(b"X-Only: this\n\nbody\n")
    assert out["parse_error"] is None
    assert out["from_addr"] is None and out["subject"] is None and out["date"] is None
    assert out["return_path"] is None and out["to_addrs"] == []


def test_defects_are_recorded():
    raw = b"Content-Type: multipart/mixed; boundary=zzz\nSubject: broken\n\n--zzz\nContent-Type: text/plain\n\nno end\n"
    out = row(raw)
    assert out["parse_error"] is None
    assert "CloseBoundaryNotFoundDefect" in out["defects"]


def test_line_endings_do_not_change_the_row():
    lf = b"From: a@b.c\nSubject: x\nReceived: from a by b; Tue, 05 Mar 2024 10:00:05 +0000\n\nbody\n"
    rows = [row(lf.replace(b"\n", eol)) for eol in (b"\n", b"\r\n", b"\r")]
    for other in rows[1:]:
        assert {k: v for k, v in other.items() if k != "size_bytes"} == \
               {k: v for k, v in rows[0].items() if k != "size_bytes"}


def test_key_is_stable_and_depends_on_source_and_location():
    assert messages.message_key("/a", "offset:0") == messages.message_key("/a", "offset:0")
    assert len({messages.message_key(s, l) for s in ("/a", "/b") for l in ("offset:0", "offset:1")}) == 4
