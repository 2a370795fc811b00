"""What a bounce parser returns: one Delivery per recipient, and where the original was."""
from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message


@dataclass
class Delivery:
    recipient: str | None
    action: str | None = None
    status: str | None = None
    reply_code: str | None = None
    diagnostic: str | None = None
    reporting_mta: str | None = None
    remote_mta: str | None = None
    reason: str | None = None
    command: str | None = None  # the SMTP command that was refused: CONN, HELO, MAIL, RCPT, DATA
    local: bool = False  # refused by a local program (Diagnostic-Code: X-Unix, a pipe), not by a server


@dataclass
class Bounce:
    """A parsed delivery notification: its format, its recipients, and the returned original."""

    format: str
    deliveries: list[Delivery] = field(default_factory=list)
    original: Message | None = None      # the returned message (or its headers) when the format has it
    original_text: str | None = None    # an inline copy, as text, when it is quoted in the body
