"""Barracuda Spam Firewall / Email Security Gateway: RFC 3464 notices, "blocked by our bulk email filter"
or "blocked by our Spam Firewall"; a favourite source of backscatter, since it notifies forged senders."""
from .rfc3464 import product

NAME = "barracuda"
parse = product(NAME)
REASONS = (
    ("spamdetected", r"message content rejected, ube|bulk email filter|blocked by (our )?spam firewall"),
    ("virusdetected", r"virus"),
)
