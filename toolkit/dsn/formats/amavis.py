"""amavisd-new (and the content filters built on it): RFC 3464 notices with "Content-filter at ..." and
its own verdicts: "UNSOLICITED BULK EMAIL", "INFECTED", "BANNED"."""
from .rfc3464 import product

NAME = "amavis"
parse = product(NAME)
REASONS = (
    ("virusdetected", r"\bINFECTED\b|\bvirus\b"),
    ("spamdetected", r"UNSOLICITED BULK EMAIL|message content rejected, ube|\bUBE\b"),
    ("policyviolation", r"\bBANNED\b"),
)
