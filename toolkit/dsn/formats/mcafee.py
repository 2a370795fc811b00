"""McAfee Email Gateway: RFC 3464 notices marked with an X-NAI-Header.

The gateway checks recipients against its directory before it relays, so its
"No such user" / "User not exist" replies mean a missing user, not a filter.
"""
from .rfc3464 import product

NAME = "mcafee"
REASONS = (
    ("userunknown", r"no such user|user not exist|user unknown"),
)
parse = product(NAME, claims=lambda ctx: ctx.msg.get("X-NAI-Header") is not None)
