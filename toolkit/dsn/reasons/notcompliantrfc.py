"""notcompliantrfc: the message breaks RFC 5322 (duplicate or missing header fields, several From
addresses), as Gmail's 5.7.1 "not RFC 5322 compliant" says.

Status codes: none of their own (Gmail uses 5.7.1). Phrases: Gmail's SMTP error reference.
"""

NAME = "notcompliantrfc"
PSEUDO = "974"  # Sisimai's pseudo status X.0.974 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"multiple addresses in from",  # Gmail 5.7.1 "Messages with multiple addresses in From: header"
    r"not (rfc ?5322|rfc ?2822) compliant",
    r"header .{0,80} not compliant",
    r"rfc 5322 violation",
)
