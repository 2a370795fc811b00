"""Trend Micro InterScan Messaging Security: "Unable to deliver message to <addr>", or its session
transcript with the arrows reversed ("Sent <<< RCPT TO:", "Received >>> 550 ...")."""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce
from ..text import deliveries_from_text, parse_original, split_original
from ._plain import not_recipients, returned_original

NAME = "trendmicro"
_SIGN = re.compile(r"InterScan|Trend Micro", re.I)
REASONS = (
    ("userunknown", r"please check if (the )?address is correct"),
)


def parse(ctx: Context) -> Bounce | None:
    if not (_SIGN.search(ctx.from_header) or _SIGN.search(ctx.text[:2000])) or not ctx.from_system:
        return None
    notice, copy = split_original(ctx.text)
    deliveries = deliveries_from_text(notice, not_recipients(ctx, returned_original(ctx, copy)))
    original = parse_original(copy)
    if original is None:
        for part in ctx.parts_of("message/rfc822"):
            payload = part.get_payload()
            original = payload[0] if isinstance(payload, list) and payload else None
    return Bounce(NAME, deliveries, original, copy) if deliveries else None
