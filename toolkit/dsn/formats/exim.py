"""Exim (and providers running it: GMX, 1&1, Mail.ru): indented recipients after "failed:".

Also Exim's own complaint about a message it could not even address ("Mail failure - malformed
recipient address": "A message that you sent contained one or more recipient addresses that were
incorrectly constructed:", then `address: malformed address: why`), whose status is RFC 3463's
5.1.3, bad destination mailbox address syntax.
"""
from __future__ import annotations

import re

from .. import reasons
from ..context import Context
from ..model import Bounce, Delivery
from ..status import reply_code_in, status_in
from ..text import deliveries_from_text, parse_original, split_original
from ._plain import not_recipients, plain_format, returned_original

NAME = "exim"
REASONS = (
    ("expired", r"have been failing for a long time|retry time not reached for any host"),
    ("mailboxfull", r"mailbox is full"),
)
# When Exim's own words say so, a full mailbox and an expiry are transient: their pseudo status starts with 4.
TEMPORARY_REASONS = {"expired", "mailboxfull"}
_generic = plain_format(NAME, r"This message was created automatically by mail delivery software|"
                              r"could not be delivered to one or more of its\s+recipients|"
                              r"Message delivery has been delayed|has not yet been delivered|"
                              r"recipient addresses that were\s+incorrectly constructed")
_MALFORMED = re.compile(r"malformed address:", re.I)
BAD_ADDRESS_SYNTAX = "5.1.3"  # RFC 3463


def parse(ctx: Context) -> Bounce | None:
    bounce = _generic(ctx)
    failed = ctx.msg.get_all("X-Failed-Recipients") or []
    listed = [a.strip().lower() for value in failed for a in str(value).split(",") if "@" in a]
    if bounce is None and listed:
        notice, copy = split_original(ctx.text)
        found = deliveries_from_text(notice, not_recipients(ctx, returned_original(ctx, copy)))
        if not found:
            text = " ".join(notice.split())[:800]
            found = [Delivery(addr, "failed", status_in(text), reply_code_in(text), text) for addr in listed]
        bounce = Bounce(NAME, found, parse_original(copy), copy)
    if bounce is not None:
        _sender_refusals(bounce.deliveries)
        for delivery in bounce.deliveries:
            if delivery.status is None and _MALFORMED.search(delivery.diagnostic or ""):
                delivery.status = BAD_ADDRESS_SYNTAX
    return bounce


def _sender_refusals(deliveries: list[Delivery]) -> None:
    """Refusals before any recipient was named.

    At connection or HELO the server refused this host: blocked, unless it says it wants a
    PTR record. At MAIL FROM the refusal names no recipient problem: its pseudo status is
    "on hold" (Sisimai's convention).
    """
    for delivery in deliveries:
        if delivery.reason is None and delivery.command in ("CONN", "HELO") \
                and not reasons.says("requireptr", delivery.diagnostic or ""):
            delivery.reason = "blocked"
        if delivery.status is None and delivery.command == "MAIL":
            delivery.status = reasons.pseudo_status("onhold", (delivery.reply_code or "").startswith("4"))
