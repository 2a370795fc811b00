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
    # RFC 5321 4.5.3.1.6's 1000-octet text line: Exim "message has lines too long for transport", CommuniGate
    # "message line is too long", "Line limit exceeded"
    r"(?<!header )lines? (is |are )?too long",
    r"line (length )?limit exceeded",
    r"message (is )?too (large|big)",
    r"size limit",  # Exchange "exceeds the size limit", 1&1 "Mail size limit exceeded"
    r"message size exceeds",
    r"too big",  # RFC 3463 X.3.4 "Message too big for system"
    r"exceeds (the )?(fixed )?(maximum|message) (fixed )?(message )?size",  # Postfix "exceeds fixed maximum message size"
    r"message is larger than",
)
