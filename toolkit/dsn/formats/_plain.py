"""Shared logic for plain-text formats: recognised by a signature line, read by the text engine."""
from __future__ import annotations

import re
from email.message import Message

from ..context import Context, caseless
from ..model import Bounce
from ..inline import split_inline
from ..text import RECIPIENT_LINE, deliveries_from_text, parse_original
from ._list import failed_list


def plain_format(name: str, signature: str, *, original: str | None = None, patterns=RECIPIENT_LINE,
                 spaced_names: bool = False):
    """A parse(ctx) for a format known by a signature in its notice text, sent by a mail system.

    The recipients are the addresses the text engine finds, else the items listed under the
    failure sentence (display names and local names included).
    """
    sign = caseless(signature, re.M)  # searched in the lower-cased text, once per message
    marker = re.compile(original, re.I | re.M) if original else None

    def parse(ctx: Context) -> Bounce | None:
        if not ctx.from_system or not sign.search(ctx.folded_text):
            return None
        notice, copy = split_inline(ctx.text, marker)
        returned = returned_original(ctx, copy)
        exclude = not_recipients(ctx, returned)
        deliveries = deliveries_from_text(notice, exclude, patterns) \
            or failed_list(ctx, notice, exclude, returned, spaced_names)
        if not deliveries:
            return None
        return Bounce(name, deliveries, parse_original(copy), copy)

    return parse


def returned_original(ctx: Context, copy: str | None) -> Message | None:
    """The returned original: quoted after the notice, else attached (message/rfc822, headers part)."""
    inline = parse_original(copy)
    if inline is not None:
        return inline
    from .rfc3464 import _original
    return _original(ctx)


def not_recipients(ctx: Context, original: Message | None) -> set[str]:
    """Addresses a notice names that are never its failed recipients: the notice's own To and
    Return-Path, and the returned original's From/Return-Path/Sender (the sender, not a recipient)."""
    return ctx.notify_addrs | _senders(original)


def _senders(msg: Message | None) -> set[str]:
    if msg is None:
        return set()
    from ... import headers as h
    return {a for a in h.addresses(msg, "From", "Return-Path", "Sender") if a}
