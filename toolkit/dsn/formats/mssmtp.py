"""Microsoft's SMTP service (IIS SMTP, Exchange 2000/2003 routing, Hotmail/MSN of the 2000s):
"This is an automatically generated Delivery Status Notification." then "Delivery to the
following recipients failed." (or "... has been delayed.", or "Unable to deliver message to the
following recipients, due to ...") and the recipients indented one per
line. The report's message/delivery-status part often carries no per-recipient block: the list
is the record."""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce
from ._plain import plain_format

NAME = "mssmtp"
_SIGN = (r"^[ \t]*Delivery to the following recipients? (failed|was delayed|(has|have) been delayed)\.?\s*$|"
         r"^[ \t]*Unable to deliver (the )?message to the following recipients?, (due to|because)")
_DELAYED = re.compile(r"^[ \t]*Delivery to the following recipients? (was|(has|have) been) delayed", re.I | re.M)
_listed = plain_format(NAME, _SIGN)


def parse(ctx: Context) -> Bounce | None:
    bounce = _listed(ctx)
    if bounce is not None and _DELAYED.search(ctx.text):
        for delivery in bounce.deliveries:
            delivery.action = "delayed"
    return bounce
