"""mesgtoobig: the message is larger than the receiving SYSTEM accepts.

Status codes (RFC 3463): X.3.4 message too big for system; X.7.16 message too big for the specified
priority (RFC 6710). Reply codes: 552 (RFC 5321 "exceeded storage allocation" as used for SIZE).
Phrases: Postfix ("message size exceeds fixed limit"), Exim ("message too big"), Gmail ("exceeded the
maximum message size"), Sendmail ("Message is too large").
"""

NAME = "mesgtoobig"
PSEUDO = "934"  # Sisimai's pseudo status X.0.934 when the notice has no code
STATUS = ("3.4", "7.16")  # subject.detail of permanent codes that name it
PHRASES = (
    r"message (is )?too (large|big)",
    r"size limit",
    r"message size exceeds",
    r"too big",
    r"exceeds (the )?(maximum|message) size",
    r"mail size",
    r"message is larger than",
    r"line (length )?limit exceeded",
)
