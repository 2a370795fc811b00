"""McAfee Email Gateway: RFC 3464 notices marked with an X-NAI-Header.

The gateway checks recipients against its directory before it relays, so its
"No such user" / "User not exist" replies mean a missing user, not a filter.
"""
from __future__ import annotations

from ..context import Context
from ..model import Bounce
from . import rfc3464

NAME = "mcafee"
REASONS = (
    ("userunknown", r"no such user|user not exist|user unknown"),
)


def parse(ctx: Context) -> Bounce | None:
    if ctx.msg.get("X-NAI-Header") is None:
        return None
    bounce = rfc3464.parse(ctx)
    if bounce is not None:
        bounce.format = NAME
    return bounce
