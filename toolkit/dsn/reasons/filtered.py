"""filtered: a filter at the recipient's side refused the message AFTER the recipient was accepted:
"no such user" said at DATA (or with no SMTP command known), as Japanese carriers and per-recipient
content filters answer (Sisimai's reading), or a mailbox status code that names no cause.

Status codes: X.1.4 destination address ambiguous, X.2.0 other mailbox status, X.2.1 mailbox disabled
(Sisimai's reading: refused by the recipient's own settings), X.2.4 mailing list expansion problem.
"""

from ._base import Fact

NAME = "filtered"
PSEUDO = "910"  # Sisimai's pseudo status X.0.910 when the notice has no code
STATUS = ("1.4", "2.0", "2.1", "2.4")  # subject.detail of permanent codes that name it
PHRASES = ()
# Last-resort words that only say "refused somehow", for a diagnostic nothing else explains.
WEAK = (
    r"\bfilter",
    r"rejected by (the )?recipient",
)

BEFORE_DATA = {"CONN", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT"}
# Status names too general to contradict the words; any other (hostunknown for Microsoft's 5.4.310 "DNS
# domain does not exist", ...) decides over a "does not exist" read as a filter.
GENERAL = {"", NAME, "userunknown", "securityerror", "systemerror", "syntaxerror", "expired", "networkerror"}


def holds(f: Fact) -> bool:
    """Filter words, or user-unknown words said after the recipient was accepted (not before DATA)."""
    if f.name not in GENERAL:
        return False
    if f.name != NAME and f.command in BEFORE_DATA:
        return False  # a refusal before DATA is not a filter reading the message
    if f.says("hostunknown"):
        return False  # "Domain does not exist": no filter says that, the domain is missing
    return f.says(NAME) or f.says("userunknown")
