"""Amazon SES inbound (Reporting-MTA inbound-smtp.*.amazonaws.com): RFC 3464 notices sent by a receipt
rule's Bounce action.

The rule's owner picks one of SES's preset replies, so the words name a rule's decision rather
than a mailbox lookup: "Mailbox does not exist" is the rule filtering the recipient, "Message
content rejected" the rule refusing the content.
"""
import re

from .rfc3464 import field_text, product

NAME = "receivingses"
REASONS = (
    ("filtered", r"mailbox does not exist"),
    ("contenterror", r"message content rejected"),
)
_REPORTER = re.compile(r"^[ \t]*Reporting-MTA:\s*dns;\s*inbound-smtp\.[\w-]+\.amazonaws\.com", re.I | re.M)
parse = product(NAME, claims=lambda ctx: bool(_REPORTER.search(field_text(ctx) or "")))
