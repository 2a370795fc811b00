"""vacation: an automatic reply (out of office), not a failure.

Status codes: none (RFC 3834 auto-replies carry no DSN).
"""

NAME = "vacation"
PSEUDO = ""  # not a failure: no pseudo status
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"\bout of (the )?office\b",
    r"\bauto(matic)?[- ]?reply\b",
)
