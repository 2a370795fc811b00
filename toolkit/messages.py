"""Raw bytes to a parsed message, and a parsed message to its `messages` row.

Messages larger than ``config.MAX_MESSAGE_BYTES`` arrive from the readers as
their header section alone and are parsed as such, with a ``parse_error``
saying so; header sections and fields are cut to their limits first.
Parsing uses ``email``'s compat32 policy: it is several times faster than
``policy.default`` on bulk mail and never raises on malformed headers; the
decoding that policy.default would do is done lazily in ``headers``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email.message import Message

from . import config, mime
from . import headers as h
from .safetext import fs_text
from .sources import RawMessage

MB = 1024 * 1024


@dataclass
class Parsed:
    """A message as the extractors see it: where it came from and what parsing made of it."""

    msg_key: str
    source: str
    source_format: str
    raw: RawMessage
    msg: Message | None
    parse_error: str | None = None
    defects: list[str] = field(default_factory=list)
    notice: object | None = None  # notices.Notice, once analysed


def message_key(source: str, location: str) -> str:
    return hashlib.blake2b(f"{source}\0{location}".encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def normalize_eol(data: bytes) -> bytes:
    """CRLF and CR-only endings to LF, so every variant of a message parses alike."""
    if b"\r" not in data:
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


_BLANK_RUN = re.compile(rb"\n\n\n+")


def collapse_blank_lines(data: bytes) -> bytes:
    """Runs of empty lines to one: the parser makes a sub-message of every block of a delivery-status
    part, so 64 KB of newlines there cost seconds; one empty line separates blocks and paragraphs alike."""
    return _BLANK_RUN.sub(b"\n\n", data) if b"\n\n\n" in data else data


def parse(raw: RawMessage, source: str, source_format: str) -> Parsed:
    key = message_key(source, raw.location)
    parsed = Parsed(key, source, source_format, raw, None, defects=list(raw.defects))
    if raw.read_error:
        parsed.parse_error = raw.read_error
        return parsed
    data, cut = h.cap_header_section(normalize_eol(raw.data), config.MAX_HEADER_BYTES,
                                     config.MAX_HEADER_FIELD_BYTES)
    data = collapse_blank_lines(data)
    parsed.defects += [d for d in cut if d not in parsed.defects]
    if "OversizedMessage" in raw.defects:
        parsed.parse_error = f"message larger than {config.MAX_MESSAGE_BYTES // MB} MB: headers only"
    if not data.strip():
        parsed.parse_error = "empty message"
        return parsed
    try:
        msg = mime.parse_bytes(data)
    except Exception as exc:  # the parser is lenient; anything here is a bug in email or ours
        parsed.parse_error = f"{type(exc).__name__}: {exc}"
        return parsed
    parsed.defects += [type(d).__name__ for d in msg.defects]
    if not msg.keys():
        parsed.parse_error = "no header fields found: not an RFC 5322 message"
        return parsed
    parsed.msg = msg
    return parsed


def _first_present(msg: Message, *names: str) -> str | None:
    for name in names:
        value = h.first(msg, name)
        if value is not None:
            return value
    return None


def row(p: Parsed) -> dict:
    """The `messages` row of one parsed message (see schemas.MESSAGES)."""
    out = {
        "msg_key": p.msg_key,
        "source": fs_text(p.source),
        "source_format": p.source_format,
        "location": fs_text(p.raw.location),
        "size_bytes": p.raw.stored_size,
        "parse_error": p.parse_error,
        "defects": p.defects,
        "kind": getattr(p.notice, "kind", None) or ("ham" if p.msg is not None else None),
        "notice_format": p.notice.bounce.format if getattr(p.notice, "bounce", None) else None,
        "bouncer_software": getattr(p.notice, "software", None),
    }
    msg = p.msg
    if msg is None:
        return out
    from_name, from_addr = h.address(msg, "From")
    content_type = msg.get_content_type()
    out.update(
        date=h.parse_date(msg.get("Date")),
        date_raw=h.first(msg, "Date"),
        received_date=h.received_date(msg),
        from_addr=from_addr,
        from_name=from_name,
        to_addrs=h.addresses(msg, "To"),
        cc_addrs=h.addresses(msg, "Cc"),
        delivered_to=h.addresses(msg, "Delivered-To", "X-Original-To", "Envelope-To"),
        subject=h.first(msg, "Subject"),
        message_id=h.msg_id(msg.get("Message-ID")),
        in_reply_to=h.msg_id(msg.get("In-Reply-To")),
        references=h.msg_ids(msg.get("References")),
        return_path=h.return_path(msg),
        auto_submitted=h.first(msg, "Auto-Submitted"),
        precedence=h.first(msg, "Precedence"),
        x_autoreply=_first_present(msg, "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"),
        content_type=content_type,
        report_type=(msg.get_param("report-type") or None) if content_type == "multipart/report" else None,
        x_mailer=_first_present(msg, "X-Mailer", "User-Agent"),
        list_id=h.first(msg, "List-Id"),
        received_count=min(len(msg.get_all("Received", [])), 65535),
        gmail_labels=h.gmail_labels(msg),
    )
    if isinstance(out["report_type"], tuple):  # RFC 2231 encoded parameter
        out["report_type"] = h.raw_text(out["report_type"][2])
    if out["report_type"]:
        out["report_type"] = out["report_type"].lower()
    return out
