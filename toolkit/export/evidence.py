"""The notifications attached to abuse reports, with the owner's addresses redacted unless asked.

A backscatter notification names the owner (the forged sender) in its headers, its text and the
returned spam, often in base64 parts. By default every mention of the owner's addresses and
domain is replaced (as in the reports: ``owner-N@owner.invalid``), in the headers, in plain
bodies and inside base64 or quoted-printable text parts; ``--unredacted-evidence`` attaches the
notifications exactly as they arrived.
"""
from __future__ import annotations

import base64
import quopri
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from io import BytesIO

from ..redact import Redactor

# Parts whose decoded text is searched for the owner (others, e.g. images, are left as they are).
TEXT_TYPES = ("text", "message")


def _encoded_text_part(part: Message) -> str | None:
    """The transfer encoding of a text part that must be decoded to be searched, else None."""
    if part.is_multipart() or part.get_content_maintype() not in TEXT_TYPES:
        return None
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    return encoding if encoding in ("base64", "quoted-printable") else None


def _redact_encoded_parts(message: Message, redactor: Redactor) -> None:
    for part in message.walk():
        encoding = _encoded_text_part(part)
        if encoding is None:
            continue
        data = part.get_payload(decode=True) or b""
        clean = redactor.text(data.decode("latin-1")).encode("latin-1", "replace")
        if clean == data:
            continue
        encoded = base64.encodebytes(clean) if encoding == "base64" else quopri.encodestring(clean)
        part.set_payload(encoded.decode("ascii"))


def redacted(raw: bytes, redactor: Redactor) -> bytes:
    """``raw`` with the owner's addresses and domain replaced everywhere they can be read."""
    if not redactor.owner_addresses and not redactor.owner_domains:
        return raw
    message = BytesParser(policy=compat32).parsebytes(raw)
    _redact_encoded_parts(message, redactor)
    out = BytesIO()
    BytesGenerator(out, mangle_from_=False, policy=compat32).flatten(message)
    # Headers and 7/8-bit bodies: the whole message as bytes (latin-1 maps every byte to one character).
    return redactor.text(out.getvalue().decode("latin-1")).encode("latin-1", "replace")


class OwnerOnly(Redactor):
    """Replaces only the owner's addresses and domain: the bouncer's own users stay as they are,
    so its abuse desk can find the mail it sent."""

    def address(self, addr: str) -> str:
        low = addr.lower()
        domain = low.rpartition("@")[2]
        if low in self._numbers or any(domain == d or domain.endswith("." + d) for d in self.owner_domains):
            return super().address(addr)
        return addr
