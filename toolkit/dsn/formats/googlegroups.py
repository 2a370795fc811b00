"""Google Groups: the group does not exist or refuses the poster. Always "rejected"."""
from __future__ import annotations

import re

from ...folding import Sign
from ..context import Context
from ..model import Bounce, Delivery
from ..status import last_status_in, reply_code_in
from ..text import parse_original, split_original

NAME = "googlegroups"
_NOT_FOUND = re.compile(r"Address not found|address couldn't be found", re.I)
_SIGN = Sign(r"groups\.google\.com|Google Groups|googlegroups\.com")


def parse(ctx: Context) -> Bounce | None:
    failed = [a.strip().lower() for v in ctx.msg.get_all("X-Failed-Recipients", []) for a in str(v).split(",")]
    if not failed or not ctx.from_daemon or not _SIGN.found(ctx.text + str(ctx.msg.get("X-Failed-Recipients"))):
        return None
    notice, copy = split_original(ctx.text)
    whole = " ".join(notice.split())
    text = whole[:600]
    status = last_status_in(whole)  # the member's server's own reply, quoted further down
    # The group refused the poster (or does not exist): "rejected"; an unknown address is classified as usual.
    reason = None if _NOT_FOUND.search(text) else "rejected"
    return Bounce(NAME, [Delivery(a, "failed", status, reply_code_in(whole) if status else None, text, reason=reason) for a in failed if "@" in a],
                  parse_original(copy), copy)
