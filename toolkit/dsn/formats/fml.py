"""fml, a mailing-list manager: "you are not a member", loop alerts. The list refuses the poster."""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce, Delivery
from ..status import reply_code_in, status_in
from ..text import ADDR, parse_original, split_original

NAME = "fml"
_ADDRESS = re.compile(ADDR)


def parse(ctx: Context) -> Bounce | None:
    if "fml" not in str(ctx.msg.get("X-MLServer", "")).lower():
        return None
    notice, copy = split_original(ctx.text)
    found = [a.lower() for a in _ADDRESS.findall(notice) if a.lower() not in ctx.notify_addrs]
    if not found:
        return None
    diagnostic = " ".join(notice.split())[:500]
    return Bounce(NAME, [Delivery(found[0], "failed", status_in(diagnostic), reply_code_in(diagnostic), diagnostic)],
                  parse_original(copy), copy)
