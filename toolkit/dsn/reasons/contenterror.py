"""contenterror: the message's MIME content or headers are malformed or unsupported.

Status codes (RFC 3463 and successors): X.6.0 other media error, X.6.1 media not supported, X.6.2/X.6.3
conversion required, X.6.5 conversion failed, X.6.6 content not available (RFC 4468), X.6.7-X.6.9
internationalised addresses and headers (RFC 6531/6532). Phrases: Exim/Postfix ("message has 8-bit data",
"header line too long", "too many Received headers").
"""

from ._base import Fact

NAME = "contenterror"
PSEUDO = "960"  # Sisimai's pseudo status X.0.960 when the notice has no code
STATUS = ("6.0", "6.1", "6.2", "6.3", "6.5", "6.6", "6.7", "6.8", "6.9")  # subject.detail of permanent codes that name it
PHRASES = (
    r"8-?bit data",  # Sendmail "improper use of 8-bit data in message header"
    r"duplicate header",  # Amazon SES "Transaction failed: Duplicate header"
    r"invalid (mime )?header",
    r"malformed (mime|header|message)",
    r"too many (received )?headers",
    r"header (line )?too long",
)


def holds(f: Fact) -> bool:
    """Only the words: an X.6 status comes with spam and virus refusals too, which later probes name."""
    return f.says(NAME)
