"""Gmail: "Delivery to the following recipient failed permanently", then "Technical details"."""
from __future__ import annotations

import re

from ...folding import Sign
from ..context import Context
from ..model import Bounce, Delivery
from ..status import command_in, last_status_in, reply_code_in
from ..text import deliveries_from_text, parse_original, split_original

NAME = "gmail"
_SIGN = Sign(r"Delivery to the following recipients? (failed (permanently|temporarily)|has been delayed)|"
             r"Technical details of (permanent|temporary) failure")
_DETAILS = re.compile(r"Technical details(?: of (permanent|temporary) failure)?:\s*(.*)", re.I | re.S)
_RULER = re.compile(r"^[ \t]*[=-]{10,}[ \t]*$", re.M)


def parse(ctx: Context) -> Bounce | None:
    if not _SIGN.found(ctx.text, ctx.folded_text):
        return None
    notice, copy = split_original(ctx.text)
    found = deliveries_from_text(notice.split("Technical details")[0], ctx.notify_addrs)
    details = _DETAILS.search(notice)
    diagnostic = " ".join(_RULER.sub(" ", details.group(2)).split())[:1000] if details else None
    temporary = bool(details and (details.group(1) or "").lower() == "temporary")
    deliveries = [Delivery(d.recipient, "delayed" if temporary else "failed",
                           last_status_in(diagnostic) or d.status, reply_code_in(diagnostic) or d.reply_code,
                           diagnostic or d.diagnostic, command=command_in(diagnostic) or d.command) for d in found]
    return Bounce(NAME, deliveries, parse_original(copy), copy) if deliveries else None
REASONS = (
    ("notaccept", r"doesn.t receive email"),
    ("networkerror", r"^DNS Error:"),
    ("spamdetected", r"rejected due to spam classification"),
)
