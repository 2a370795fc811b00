"""The fast paths of parsing give what the standard library gives: the indexed header look-up
(toolkit.mime) and the simple-address reader (toolkit.headers), compared on real mail."""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses
from pathlib import Path

import random
import re

import pytest
from email import feedparser

from toolkit import boundaries, headers, mime
from toolkit.messages import normalize_eol

SHARED = Path(__file__).resolve().parents[2] / "shared"

SAMPLES = Path(__file__).parent / "samples"
ADDRESS_FIELDS = ("From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Delivered-To", "X-Original-To",
                  "Envelope-To", "Return-Path", "Resent-From", "Resent-To", "X-Failed-Recipients")
# Field names asked of every part: common ones, MIME ones, absent ones, odd case.
ASKED = ("content-type", "Content-Type", "CONTENT-TRANSFER-ENCODING", "received", "From", "subject",
         "x-failed-recipients", "Auto-Submitted", "no-such-field", "Final-Recipient", "Status", "date")


def _mail_files() -> list[Path]:
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip(f"the shared corpora are absent (looked for {corpora})")
    found = [p for p in corpora.rglob("*") if p.is_file() and p.suffix in (".eml", "") and
             p.parent.name not in ("expected",) and p.stat().st_size < 2_000_000]
    return sorted(found) + sorted(SAMPLES.rglob("*.eml"))


def _parts(message):
    yield message
    if message.is_multipart():
        for part in message.get_payload():
            if hasattr(part, "get_all"):
                yield from _parts(part)


def test_indexed_messages_answer_as_the_standard_message():
    files = _mail_files()
    plain_parser = BytesParser(policy=compat32)
    compared = 0
    for path in files:
        data = normalize_eol(path.read_bytes())
        plain, fast = _stdlib_parse(plain_parser, data), mime.parse_bytes(data)
        assert isinstance(fast, mime.IndexedMessage)
        assert fast.as_bytes() == plain.as_bytes(), path
        for want, got in zip(_parts(plain), _parts(fast), strict=True):
            for name in {*ASKED, *want.keys()}:
                assert got.get(name) == want.get(name), (path, name)
                assert got.get_all(name) == want.get_all(name), (path, name)
                assert (name in got) == (name in want), (path, name)
            assert got.get_content_type() == want.get_content_type(), path
            assert got.get_params() == want.get_params(), path
            compared += 1
    assert compared > 1000


def _stdlib_parse(parser, data: bytes):
    """A parse by the standard library alone: feedparser with the real ``re`` (no boundaries stand-in)."""
    stand_in, feedparser.re = feedparser.re, re
    try:
        return parser.parsebytes(data)
    finally:
        feedparser.re = stand_in


BOUNDARY_CHARS = "aB0'()+_,-./:=? "  # RFC 2046 bchars
LINE_CHARS = ["-", "--", " ", "\t", "\r", "\n", "\r\n", "x", "="]


def test_boundary_lines_match_as_the_feedparser_regex_does():
    rnd = random.Random(2046)
    for _ in range(5_000):
        separator = "--" + "".join(rnd.choice(BOUNDARY_CHARS) for _ in range(rnd.randint(1, 20))).rstrip()
        pattern = "(?P<sep>" + re.escape(separator) + boundaries.BOUNDARY_TAIL
        fast, real = boundaries.compile(pattern), re.compile(pattern)
        assert isinstance(fast, boundaries.BoundaryPattern)
        stem = separator if rnd.random() < 0.8 else separator[:-1]
        line = stem + "".join(rnd.choice(LINE_CHARS) for _ in range(rnd.randint(0, 4)))
        want, got = real.match(line), fast.match(line)
        assert (want is None) == (got is None), repr(line)
        if want:
            for group in (0, "sep", "end", "ws", "linesep"):
                assert got.group(group) == want.group(group), (repr(line), group)


def test_other_patterns_are_compiled_by_re():
    assert isinstance(boundaries.compile(r"(\r\n|\r|\n)"), re.Pattern)
    assert isinstance(boundaries.compile("(?P<sep>--a)", re.I), re.Pattern)


def test_an_indexed_message_sees_its_changed_fields():
    message = mime.parse_text("Subject: one\nX-A: 1\nX-A: 2\n\nbody\n")
    assert message.get_all("x-a") == ["1", "2"]
    message["X-A"] = "3"
    assert message.get_all("X-A") == ["1", "2", "3"]
    message.replace_header("subject", "two")
    assert message["Subject"] == "two"
    del message["x-a"]
    assert message.get("X-A") is None and "x-a" not in message
    message.set_param("charset", "utf-8")
    assert message.get_param("charset") == "utf-8"
    message._headers.append(("X-B", "direct"))  # even a change behind the API's back
    assert message["x-b"] == "direct"


# value: what getaddresses gives for it too (checked below), read by the fast path or not
ADDRESS_TABLE = [
    "user@example.org",
    "Jane Doe <jane.doe@example.org>",
    '"Doe, Jane" <jane@example.org>',
    '"Jane"<jane@example.org>',
    "<postmaster@example.net>",
    "a@example.org, B <b@example.org>, <c@example.org>",
    "Jane  Doe <jane@example.org>",                   # two spaces: the general parser
    "jane@example.org (Jane Doe)",                    # a comment
    "undisclosed-recipients:;",                       # a group
    "Friends: a@example.org, b@example.org;",
    "a@example.org,",                                 # an empty item
    '"a\\"b" <ab@example.org>',                       # an escaped quote
    "<@relay.example:user@example.org>",              # a source route
    "=?utf-8?b?SsOpcsO0bWU=?= <j@example.org>",       # an encoded word: the general parser
    "MAILER-DAEMON",                                  # no domain
    "user@[192.0.2.1]",                               # a domain literal
    "Jane <jane@example.org",                         # unclosed
    "user..dots@example.org",
    "",
]


@pytest.mark.parametrize("value", ADDRESS_TABLE)
def test_address_pairs_are_those_of_getaddresses(value):
    assert list(headers._pairs_of(value)) == getaddresses([value])


def test_address_pairs_agree_with_getaddresses_on_real_fields():
    values = set()
    plain_parser = BytesParser(policy=compat32)
    for path in _mail_files():
        for part in _parts(plain_parser.parsebytes(normalize_eol(path.read_bytes()))):
            for name in ADDRESS_FIELDS:
                values.update(headers.raw_text(v) for v in part.get_all(name, []))
    simple = [v for v in values if headers._simple_pairs(v) is not None]
    assert len(simple) > 500, len(simple)  # the fast path is really taken
    for value in sorted(values):
        assert list(headers._pairs_of(value)) == getaddresses([value]), value

