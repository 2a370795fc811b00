"""headers.date_time reads the common RFC 5322 date-time itself: it must answer exactly as
email.utils.parsedate_to_datetime (same datetime, same zone, same error) on every form."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest

from toolkit import headers
from toolkit.received import _MASK

# date text, read on the direct path (else the standard library's parser reads it)
DATES = [
    ("Thu, 29 Apr 2013 23:45:00 -0700", True),
    ("Thu, 29 Apr 2013 23:45:00 -0700 (PDT)", True),  # a comment after the zone is ignored
    ("29 Apr 2013 23:45:00 +0000", True),  # no day name
    ("Mon, 1 JAN 2024 00:00:00 +0530", True),  # one-digit day, month in capitals
    ("Mon, 01 Jan 2024 00:00:00 -0000", True),  # -0000: zone unknown, a naive time
    ("Mon, 01 Jan 2024 00:00:00 +0000", True),
    ("Xyz, 01 Jan 2024 00:00:00 +0100", True),  # any word with a comma is taken for the day name
    ("Mon, 31 Feb 2024 10:00:00 +0100", True),  # no such day: ValueError from both
    ("Mon, 01 Jan 2024 24:00:00 +0100", True),  # no such hour
    ("Mon, 01 Jan 2024 10:00:60 +0100", True),  # a leap second datetime cannot hold
    ("Mon, 01 Jan 2024 10:00:00 +9999", True),  # an offset of a day or more
    ("Mon, 01 Jan 2024 10:00:00 -0099", True),
    ("Mon, 01 Foo 2024 10:00:00 +0100", False),  # not a month: the general parser decides
    ("Mon, 01 Jan 0099 10:00:00 +0100", False),  # a year under 100 is a two-digit year there
    ("Mon, 01 Jan 2024 10:00:00 GMT", False),  # a zone name
    ("Mon, 01 Jan 2024 10:00 +0100", False),  # no seconds
    ("Mon,  01 Jan 2024 10:00:00 +0100", False),  # two spaces
    ("Mon, 01 Jan 2024 10:00:00 +0100x", False),
    ("1 Jan 24 10:00:00 +0100", False),
    ("", False),
]


def _outcome(parse, text):
    try:
        when = parse(text)
    except Exception as error:  # noqa: BLE001 - the error type is what must agree
        return type(error).__name__
    return when, when.tzinfo, when.utcoffset() if when.tzinfo else None


@pytest.mark.parametrize(("text", "direct"), DATES)
def test_date_time_reads_as_the_standard_library(text, direct):
    match = headers._CANONICAL_DATE.match(text)
    assert bool(match and match.group(2).lower() in headers._MONTHS) is direct
    assert _outcome(headers.date_time, text) == _outcome(parsedate_to_datetime, text)


def test_parse_date_gives_aware_utc():
    assert headers.parse_date("Thu, 29 Apr 2013 23:45:00 -0700 (PDT)") == \
        dt.datetime(2013, 4, 30, 6, 45, tzinfo=dt.timezone.utc)
    assert headers.parse_date("Mon, 01 Jan 2024 00:00:00 -0000").tzinfo is dt.timezone.utc
    assert headers.parse_date("Mon, 31 Feb 2024 10:00:00 +0100") is None


@pytest.mark.parametrize("char", ["a", "Z", "0", "é", "\u00a0", "\u2003", "\u3000", "\x1c", "\t", " ", "(", ")",
                                  "\u200b", "\U0001F600"])
def test_comment_mask_is_the_regex_it_replaces(char):
    """Received comments are masked with str.translate: every character but whitespace (as re's
    \\s reads it) and parentheses becomes "x"."""
    assert char.translate(_MASK) == re.sub(r"[^\s()]", "x", char)


# headers of a message and whether a mailing list sent it (RFC 2369, RFC 2919, older list managers)
LIST_MAIL = [
    ({"List-Id": "<announce.lists.example.org>"}, True),
    ({"List-Unsubscribe": "<mailto:leave@lists.example.org>"}, True),
    ({"List-Post": "<mailto:list@lists.example.org>"}, True),
    ({"X-Mailing-List": "linux-kernel@vger.kernel.org"}, True),
    ({"Mailing-List": "contact list-help@example.org; run by ezmlm"}, True),
    ({"Precedence": "list"}, False),  # Precedence alone is what vacation(1) also writes
    ({"Auto-Submitted": "auto-replied"}, False),
    ({}, False),
]


@pytest.mark.parametrize("fields,is_list", LIST_MAIL)
def test_from_list_reads_the_list_headers(fields, is_list):
    from email.message import Message
    msg = Message()
    for name, value in fields.items():
        msg[name] = value
    assert headers.from_list(msg) is is_list
