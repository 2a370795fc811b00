"""Shared logic for plain-text formats: recognised by a signature line, read by the text engine."""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce
from ..text import RECIPIENT_LINE, deliveries_from_text, parse_original, split_original


def plain_format(name: str, signature: str, *, original: str | None = None, patterns=RECIPIENT_LINE):
    """A parse(ctx) for a format known by a signature in its notice text, sent by a mail system."""
    sign = re.compile(signature, re.I | re.M)
    marker = re.compile(original, re.I | re.M) if original else None

    def parse(ctx: Context) -> Bounce | None:
        if not sign.search(ctx.text) or not ctx.from_system:
            return None
        notice, copy = split_original(ctx.text, marker)
        deliveries = deliveries_from_text(notice, ctx.notify_addrs | _sender_of(copy), patterns)
        if not deliveries:
            return None
        return Bounce(name, deliveries, parse_original(copy), copy)

    return parse


def _sender_of(copy: str | None) -> set[str]:
    """The original's From/Return-Path: the sender, never a failed recipient."""
    msg = parse_original(copy)
    if msg is None:
        return set()
    from ... import headers as h
    return {a for a in h.addresses(msg, "From", "Return-Path", "Sender") if a}
