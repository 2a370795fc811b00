"""Status and reply codes found in free text (toolkit/dsn/status.py), edge by edge: the patterns
put their look-behind after the first digit for speed and must find what the plain forms found."""
from __future__ import annotations

import re

import pytest

from toolkit.dsn.status import last_status_in, reply_code_in, status_in

# The patterns as first written (look-behind first): the reference the fast ones must agree with.
_STATUS_PLAIN = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_REPLY_PLAIN = re.compile(r"(?<![\d.#-])([245][0-5]\d)(?:[ ,-]|$)(?!\d+(?:[^.\d]|$))")

# text, status_in, last_status_in, reply_code_in
CODES = [
    # an enhanced status code after the reply code (RFC 3463 over RFC 5321): both are read
    ("550 5.1.1 <a@b.c>: Recipient address rejected", "5.1.1", "5.1.1", "550"),
    ("250 2000 bytes queued", None, None, None),  # a plain number after it: no reply
    ("550 Recipient address rejected", None, None, "550"),
    ("5.1.1", "5.1.1", "5.1.1", None),  # at the very start of the text
    ("550", None, None, "550"),
    ("1.5.1.1 is a version, not a status", None, None, None),  # a digit and a dot before it
    ("x5.1.1 and 4.2.2", "5.1.1", "4.2.2", None),  # a letter before it is fine
    ("#550 and -550 and 1550 are not replies; 421 is", None, None, "421"),
    ("550-5.7.1 multi-line", "5.7.1", "5.7.1", "550"),
    ("554 5.0.0 generic, then 4.4.7 expired", "4.4.7", "4.4.7", "554"),
    ("5.0.0 only", "5.0.0", None, None),
    ("status 5.1.10 and 5.1.1000", "5.1.10", "5.1.10", None),  # four digits: no code
    ("2.0.0 ok 250,", "2.0.0", None, "250"),
    ("reply 599 is out of range, 560 too", None, None, None),
    ("\u0665.1.1 is an Arabic-Indic five", None, None, None),
]


@pytest.mark.parametrize(("text", "status", "last", "reply"), CODES)
def test_codes_in_text(text, status, last, reply):
    assert (status_in(text), last_status_in(text), reply_code_in(text)) == (status, last, reply)


@pytest.mark.parametrize(("text", "status", "last", "reply"), CODES)
def test_fast_patterns_find_what_the_plain_ones_find(text, status, last, reply):
    from toolkit.dsn import status as module
    assert [m.span() for m in module._STATUS.finditer(text)] == [m.span() for m in _STATUS_PLAIN.finditer(text)]
    fast, plain = module._REPLY.search(text), _REPLY_PLAIN.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


@pytest.mark.parametrize("text", ["550-5.7.1 first\n550-5.7.1 second", "x550 1", "_550 a", "é550 a", "550", "550 ",
                                  "a 421-4.7.0 try later", "1550 x", "5.550 x"])
def test_continuation_prefix_removed_as_before(text):
    """reasons._CONTINUATION (multi-line reply prefixes) asks for the word boundary after the first digit."""
    from toolkit.dsn.reasons import _CONTINUATION
    plain = re.compile(r"\b[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?")
    assert _CONTINUATION.sub(" ", text) == plain.sub(" ", text)
