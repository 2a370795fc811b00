"""Header decoding that survives what spammers and broken MTAs send.

Works on ``email`` compat32 messages (much faster than ``policy.default``):
raw 8-bit bytes arrive as surrogate escapes and RFC 2047 words stay encoded,
so both are decoded here, never raising.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from email.header import Header, decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

_WS = re.compile(r"\s+")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?")
_ANGLE = re.compile(r"<([^<>]*)>")
_BARE_ADDRESS = re.compile(r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def _bytes_to_text(data: bytes, charset: str | None = None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def raw_text(value) -> str:
    """A header value as str, with undeclared 8-bit bytes decoded (UTF-8, else cp1252)."""
    if value is None:
        return ""
    if isinstance(value, Header):  # compat32 wraps headers holding raw 8-bit bytes
        return "".join(_bytes_to_text(chunk, None if charset == "unknown-8bit" else charset)
                       if isinstance(chunk, bytes) else chunk for chunk, charset in decode_header(value))
    if not isinstance(value, str):
        value = str(value)
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return _bytes_to_text(value.encode("utf-8", "surrogateescape"))


def decode_text(value) -> str:
    """RFC 2047-decode a header value and fold its white space."""
    text = raw_text(value)
    if _ENCODED_WORD.search(text):
        try:
            parts = decode_header(text)
        except Exception:  # malformed encoded words: keep the raw text
            parts = [(text, None)]
        text = "".join(
            _bytes_to_text(chunk, charset) if isinstance(chunk, bytes) else chunk
            for chunk, charset in parts
        )
    return _WS.sub(" ", text).strip()


def first(msg: Message, name: str) -> str | None:
    """The first occurrence of a header, decoded; None when absent."""
    value = msg.get(name)
    return None if value is None else decode_text(value)


# The two forms most address fields take, read without the general RFC 5322 parser (a tenth of the
# CPU): "local@domain" and "Display Name <local@domain>" with a plain or quoted display name. Anything
# else (comments, groups, escapes, routes, odd spacing) goes to getaddresses; both give the same pairs
# (tests/test_mime.py compares them on the corpora's address fields).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_PLAIN_ADDR = rf"{_ATEXT}+(?:\.{_ATEXT}+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_SIMPLE_MAILBOX = re.compile(
    rf'(?:([A-Za-z0-9]+(?: [A-Za-z0-9]+)*) |"([^"\\\r\n]*)" ?)?<({_PLAIN_ADDR})>|({_PLAIN_ADDR})')


def _simple_pairs(value: str) -> list[tuple[str, str]] | None:
    """The pairs of a field whose every comma-separated item is a simple mailbox, else None."""
    if '"' in value and "," in value:  # a comma may sit inside a quoted name
        return None
    pairs = []
    for item in value.split(","):
        match = _SIMPLE_MAILBOX.fullmatch(item.strip())
        if match is None:
            return None
        plain, quoted, angled, bare = match.groups()
        pairs.append((plain or quoted or "", angled or bare))
    return pairs


def _pairs_of(value: str) -> tuple[tuple[str, str], ...]:
    simple = _simple_pairs(value)
    if simple is not None:
        return tuple(simple)
    try:
        return tuple(getaddresses([value]))
    except RecursionError:  # getaddresses recurses once per nested comment: "((((..." overflows
        return tuple(("", addr) for addr in _BARE_ADDRESS.findall(value))


def _address_pairs(values: list[str]) -> list[tuple[str, str]]:
    """(display name, address) pairs of address field values, as email.utils.getaddresses gives them;
    when its recursion overflows, the bare addresses in the text."""
    return [pair for value in values for pair in _pairs_of(value)]


def addresses(msg: Message, *names: str) -> list[str]:
    """Lower-cased addr-specs from every occurrence of the named headers."""
    values = [raw_text(v) for name in names for v in msg.get_all(name, [])]
    found = []
    for _, addr in _address_pairs(values):
        addr = addr.strip().strip("<>").lower()
        if addr:
            found.append(addr)
    return found


# A mailbox whose display name is itself an address, unquoted: "sales@example.net <confirm@qurb.com>" (challenge
# systems and webmail put the address they answer for before their own). RFC 5322 section 3.4: the mailbox of a
# name-addr is the addr-spec in angle brackets; getaddresses reads the unquoted "@" name as a second address.
_ADDRESS_AS_NAME = re.compile(rf"\s*({_PLAIN_ADDR})\s*<({_PLAIN_ADDR})>\s*")


def address(msg: Message, name: str) -> tuple[str | None, str | None]:
    """(display name, lower-cased address) of the first address in a header."""
    value = msg.get(name)
    if value is None:
        return None, None
    named = _ADDRESS_AS_NAME.fullmatch(raw_text(value))
    if named:
        return named.group(1), named.group(2).lower()
    pairs = _address_pairs([raw_text(value)])
    if not pairs:
        return None, None
    display, addr = pairs[0]
    return decode_text(display) or None, addr.strip().lower() or None


def return_path(msg: Message) -> str | None:
    """The envelope sender: '' for the null sender <> that bounces use, None when absent."""
    value = msg.get("Return-Path")
    if value is None:
        return None
    text = raw_text(value).strip()
    match = _ANGLE.search(text)
    inner = match.group(1) if match else text
    return inner.strip().lower()


def msg_id(value) -> str | None:
    """A Message-ID without its angle brackets."""
    if value is None:
        return None
    text = raw_text(value).strip()
    match = _ANGLE.search(text)
    inner = (match.group(1) if match else text).strip()
    return inner or None


def msg_ids(value) -> list[str]:
    """Every <id> in References/In-Reply-To style headers."""
    if value is None:
        return []
    return [m.strip() for m in _ANGLE.findall(raw_text(value)) if m.strip()]


# The RFC 5322 date-time nearly every MTA and client writes: "Thu, 29 Apr 2013 23:45:00 -0700", perhaps
# followed by a comment ("(PDT)"). Read directly it costs a fraction of email.utils' general parser
# (a fifth of the Received rows' time went there); any other form goes to that parser, which reads
# this one to the same datetime (tests/test_headers.py compares both).
_CANONICAL_DATE = re.compile(r"(?:[A-Za-z]{3}, )?([0-9]{1,2}) ([A-Za-z]{3}) ([1-9][0-9]{3}) "
                             r"([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})(?=\s|$)")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def date_time(text: str) -> dt.datetime:
    """``email.utils.parsedate_to_datetime(text)``, the common form read without it; raises as it does."""
    match = _CANONICAL_DATE.match(text)
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if month is None:
        return parsedate_to_datetime(text)
    day, _, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
    if offset == 0 and sign == "-":  # "-0000": the zone is unknown (RFC 5322 3.3), a naive time as the stdlib gives
        return dt.datetime(int(year), month, int(day), int(hour), int(minute), int(second))
    zone = dt.timezone(dt.timedelta(seconds=-offset if sign == "-" else offset))
    return dt.datetime(int(year), month, int(day), int(hour), int(minute), int(second), tzinfo=zone)


def parse_date(value) -> dt.datetime | None:
    """An RFC 5322 date as aware UTC, or None when it cannot be read."""
    if not value:
        return None
    try:
        when = date_time(raw_text(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    try:
        return when.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        return None


def received_date(msg: Message) -> dt.datetime | None:
    """When the topmost Received header says the message arrived."""
    value = msg.get("Received")
    if value is None:
        return None
    text = raw_text(value)
    if ";" not in text:
        return None
    return parse_date(text.rsplit(";", 1)[1])


def gmail_labels(msg: Message) -> list[str] | None:
    """Gmail Takeout's X-Gmail-Labels as a list (labels may be quoted and hold commas)."""
    value = msg.get("X-Gmail-Labels")
    if value is None:
        return None
    text = decode_text(value)
    row = next(csv.reader([text], skipinitialspace=True), [])
    return [label.strip() for label in row if label.strip()]


def cap_header_section(data: bytes, max_section: int, max_field: int) -> tuple[bytes, list[str]]:
    """``data`` (LF line endings) with its header section cut to ``max_section`` bytes and
    each header field (with its folded lines) to ``max_field`` bytes, and the defects
    recorded (``OversizedHeaderSection``, ``OversizedHeaderField``). A 50 MB Received
    field would otherwise cost the parser and every header rule its full size.
    """
    end = data.find(b"\n\n")
    end = len(data) if end < 0 else end + 1
    if end <= max_field:
        return data, []
    header, rest = data[:end], data[end:]
    defects = []
    if len(header) > max_section:
        header = header[:header.rfind(b"\n", 0, max_section) + 1] or header[:max_section] + b"\n"
        defects.append("OversizedHeaderSection")
    kept: list[bytes] = []
    field_bytes = 0
    field_cut = False
    for line in header.splitlines(keepends=True):
        if not line.startswith((b" ", b"\t")):
            field_bytes, field_cut = 0, False
        if field_cut:
            continue
        if field_bytes + len(line) > max_field:
            field_cut = True
            if "OversizedHeaderField" not in defects:
                defects.append("OversizedHeaderField")
            line = line[:max_field - field_bytes].rstrip(b"\n")
            if not line.strip():
                continue  # nothing left of this line; a blank one would end the header section
            line += b"\n"
        field_bytes += len(line)
        kept.append(line)
    return b"".join(kept) + rest, defects


# A mailing list's own headers (RFC 2369, RFC 2919) and those older list managers wrote before them:
# a list's own mail is nobody's reply (RFC 3834 section 2), whatever its subject or Precedence say.
LIST_HEADERS = ("List-Id", "List-Unsubscribe", "List-Post", "X-Mailing-List", "Mailing-List", "X-List")


def from_list(msg: Message) -> bool:
    """Whether a mailing list sent the message (any of LIST_HEADERS)."""
    return any(msg.get(name) for name in LIST_HEADERS)
