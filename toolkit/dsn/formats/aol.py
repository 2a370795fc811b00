"""AOL (and its CompuServe/Netscape/AIM mail) notices of the 2000s: "Your mail to the following
recipients could not be delivered ...", then the recipients as bare screen names, without
@domain and perhaps with spaces (AOL ignores them), which are addresses at aol.com.
Newer AOL bounces are RFC 3464 DSNs and go to the general reader."""
from __future__ import annotations

from ..context import Context
from ..model import Bounce
from ._plain import plain_format

NAME = "aol"
AOL_DOMAINS = ("aol.com", "aim.com", "cs.com", "compuserve.com", "netscape.net", "wmconnect.com", "aol.co.uk",
               "aol.de", "aol.fr")
_listed = plain_format(NAME, r"following (recipients?|addresses|address\(es\)|screen ?names?)|"
                             r"(could ?n[o']?t|not) be delivered to:?\s*$|undeliverable to", spaced_names=True)


def parse(ctx: Context) -> Bounce | None:
    host = ctx.from_addr.rpartition("@")[2].lower()
    if not any(host == d or host.endswith("." + d) for d in AOL_DOMAINS):
        return None
    return _listed(ctx)
