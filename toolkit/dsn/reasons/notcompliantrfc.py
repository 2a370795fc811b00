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
    # RFC 5322 3.6 requires Date: and From: (and says how many of each field a message may have): a refusal of a
    # message without one of its header fields. Gmail 5.7.1 "Messages missing a valid address in From: header,
    # or having no From: header, are not accepted" and "missing a valid Message-ID: header" (Gmail SMTP errors).
    r"missing a valid (address|message-id)",
    r"having no from:? header",
    r"messages? (without|missing|with no) (an? )?(valid )?[\w-]{1,30}:? (header|field)",
    r"encoded-word syntax is not permitted",  # Gmail 5.7.1 (RFC 2047 words where RFC 5322 forbids them)
    r"unicode character in a disallowed header",  # Gmail 5.7.1
    r"mail message is malformed",  # Gmail 554 5.6.0 "Mail message is malformed. Not accepted."
    r"must be rfc ?5322 .{0,40}compliant",  # Exchange Online 5.7.512 "message must be RFC 5322 section 3.6.2 compliant"
)
