"""Netscape Messaging Server (later iPlanet, Sun ONE) plain notices: "This Message was
undeliverable due to the following reason:", the reason in a paragraph of its own, then the
failed addresses in <>, then "Please reply to Postmaster@..."."""
from __future__ import annotations

import re

from ...folding import Sign
from ..context import Context
from ..model import Bounce, Delivery
from ..status import command_in, reply_code_in, status_in
from ..text import ADDR, split_original
from ._plain import not_recipients, returned_original

NAME = "netscape"
_SIGN = re.compile(r"^This Message was undeliverable due to the following reason:", re.I | re.M)
_SIGNED = Sign(_SIGN.pattern, re.M)  # the yes/no test, fast
_RECIPIENT = re.compile(rf"^[ \t]*<({ADDR})>[ \t]*$", re.M)
_CLOSING = re.compile(r"^Please reply to ", re.I | re.M)


def parse(ctx: Context) -> Bounce | None:
    if not ctx.from_system or not _SIGNED.found(ctx.text, ctx.folded_text):
        return None
    sign = _SIGN.search(ctx.text)
    notice, copy = split_original(ctx.text)
    original = returned_original(ctx, copy)
    exclude = not_recipients(ctx, original)
    body = notice[sign.end():]
    closing = _CLOSING.search(body)
    body = body[:closing.start()] if closing else body
    listed = [m.group(1).lower() for m in _RECIPIENT.finditer(body)]
    first = _RECIPIENT.search(body)
    reason = " ".join(_RECIPIENT.sub(" ", body[:first.start()] if first else body).split())[:1000]
    deliveries = []
    for address in dict.fromkeys(listed):
        if address in exclude:
            continue
        # lines after the address (a remote server's reply) belong to it
        after = body[body.lower().index(f"<{address}>") + len(address) + 2:]
        nxt = _RECIPIENT.search(after)
        text = " ".join(f"{reason} {after[:nxt.start()] if nxt else after}".split())[:1000]
        deliveries.append(Delivery(address, "failed", status_in(text), reply_code_in(text), text,
                                   command=command_in(text)))
    return Bounce(NAME, deliveries, original, copy) if deliveries else None
