"""Trustwave MailMarshal: the error comes first ("Could not be delivered because of"), then
"The following recipients were affected"."""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce
from ..status import command_in, reply_code_in, status_in
from ._plain import plain_format

NAME = "mailmarshal"
_generic = plain_format(NAME, r"The following recipients were affected|Could not be delivered because of")
_BECAUSE = re.compile(r"Could not be delivered because of", re.I)
_AFFECTED = re.compile(r"The following recipients were affected", re.I)  # searched after _BECAUSE: one
# pattern spanning both rescanned the rest of the text from every "because of" without its end


def parse(ctx: Context) -> Bounce | None:
    bounce = _generic(ctx)
    if bounce is None:
        return None
    because = _BECAUSE.search(ctx.text)
    affected = because and _AFFECTED.search(ctx.text, because.end() + 1)
    if affected:
        diagnostic = " ".join(ctx.text[because.end():affected.start()].split())
        for delivery in bounce.deliveries:
            delivery.diagnostic, delivery.status = diagnostic, status_in(diagnostic)
            delivery.reply_code, delivery.command = reply_code_in(diagnostic), command_in(diagnostic)
    return bounce
