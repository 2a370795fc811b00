"""Verizon Wireless' mail-to-SMS (vtext.com) and picture-message (vzwpix.com) gateways: the number has no
subscriber. vtext.com's Apache James answers "550 - Requested action not taken: no such user here" for a
number it does not serve, vzwpix.com "No valid recipients for this MM" (Sisimai's Lhost::Verizon reads
both as a missing user; a generic reading would take the James reply, with no SMTP command, for a filter)."""
DOMAINS = ("vtext.com", "vzwpix.com")
RULES = (
    ("userunknown", r"no such user here|no valid recipients for this mm\b"),
)
