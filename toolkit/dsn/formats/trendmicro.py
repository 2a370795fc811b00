"""Trend Micro InterScan Messaging Security: "Unable to deliver message to <addr>", or its session
transcript with the arrows reversed ("Sent <<< RCPT TO:", "Received >>> 550 ...")."""
from __future__ import annotations

from ...folding import Sign
from ..context import Context
from ..model import Bounce
from ..text import deliveries_from_text, parse_original, split_original
from ._plain import not_recipients, returned_original

NAME = "trendmicro"
_SIGN = Sign(r"InterScan|Trend Micro")
REASONS = (
    ("userunknown", r"please check if (the )?address is correct"),
)


def parse(ctx: Context) -> Bounce | None:
    if not ctx.from_system or not (_SIGN.found(ctx.from_header) or _SIGN.found(ctx.text[:2000])):
        return None
    notice, copy = split_original(ctx.text)
    deliveries = deliveries_from_text(notice, not_recipients(ctx, returned_original(ctx, copy)))
    original = parse_original(copy)
    if original is None:
        for part in ctx.parts_of("message/rfc822"):
            payload = part.get_payload()
            original = payload[0] if isinstance(payload, list) and payload else None
    return Bounce(NAME, deliveries, original, copy) if deliveries else None
