"""The last resort: a notice from a mail system that no format module claimed.

Only for messages that come from a daemon or the null sender and read like a
delivery failure, so that ordinary mail about bounces stays ham.
"""
from __future__ import annotations

import re

from ..context import Context
from ... import headers as h
from ..model import Bounce, Delivery
from ..text import deliveries_from_text, parse_original, split_original
from ._plain import _sender_of

NAME = "plaintext"
_FAILURE = re.compile(r"(could not|couldn't|can ?not|unable to|was not|wasn't|failed to|failure|undeliver|"
                      r"not (be )?delivered|delivery (has )?failed|returned|rejected|error|non-?delivery|"
                      r"permanent|user unknown|not exist|virus|quarantin|blocked)", re.I)
_SUBJECT = re.compile(r"(undeliver|returned mail|delivery (status|fail|problem|notification)|failure notice|"
                      r"mail delivery|non.?delivery|delivery report|error|bounce|failed)", re.I)


def parse(ctx: Context) -> Bounce | None:
    if not ctx.from_system:
        return None
    if not (_SUBJECT.search(ctx.subject) or _FAILURE.search(ctx.text[:3000])):
        return None
    notice, copy = split_original(ctx.text)
    deliveries = deliveries_from_text(notice, ctx.notify_addrs | _sender_of(copy))
    original = parse_original(copy)
    if original is None:
        from .rfc3464 import _original
        original = _original(ctx)
    if not deliveries and original is not None and _FAILURE.search(ctx.text[:3000]):
        # "Delivery report unavailable": the notice names nobody, the returned message does
        text = " ".join(notice.split())[:500]
        deliveries = [Delivery(a, "failed", None, None, text) for a in h.addresses(original, "To") if "@" in a]
    if not deliveries:
        return None
    return Bounce(NAME, deliveries, original, copy)
