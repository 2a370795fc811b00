"""Amazon SES inbound (Reporting-MTA inbound-smtp.*.amazonaws.com): RFC 3464 notices sent by a receipt
rule's Bounce action.

The rule's owner picks one of SES's preset replies, so the words name a rule's decision rather
than a mailbox lookup: "Mailbox does not exist" is the rule filtering the recipient, "Message
content rejected" the rule refusing the content.
"""
from __future__ import annotations

import re

from ..context import Context
from ..model import Bounce
from . import rfc3464

NAME = "receivingses"
REASONS = (
    ("filtered", r"mailbox does not exist"),
    ("contenterror", r"message content rejected"),
)
_REPORTER = re.compile(r"^\s*Reporting-MTA:\s*dns;\s*inbound-smtp\.[\w-]+\.amazonaws\.com", re.I | re.M)


def parse(ctx: Context) -> Bounce | None:
    fields = rfc3464.field_text(ctx) or ""
    if not _REPORTER.search(fields):
        return None
    bounce = rfc3464.parse(ctx)
    if bounce is not None:
        bounce.format = NAME
    return bounce
