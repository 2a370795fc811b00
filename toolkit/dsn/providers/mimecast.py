"""Mimecast (its inbound MXs, *.mimecast.com): replies that point to its published SMTP error codes.
"Host network not allowed" is a permitted-senders policy; "rejected due to security policies" is its
anti-virus / malicious-content scan."""
DOMAINS = ("mimecast.com",)
RULES = (
    ("policyviolation", r"host network not allowed"),
    ("virusdetected", r"rejected due to security policies"),
)
