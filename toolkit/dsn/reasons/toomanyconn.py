"""toomanyconn: the receiver refuses because of too many connections or recipients at once.

Status codes (RFC 3463): X.5.3 too many recipients. Reply codes: 421 too many connections, 452 too many
recipients (RFC 5321 4.5.3.1.10). Phrases: Postfix ("too many connections"), Exim ("too many
concurrent SMTP connections").
"""

from ._base import Fact, phrase_table
from .blocked import SENDING_IP

NAME = "toomanyconn"
PSEUDO = "945"  # Sisimai's pseudo status X.0.945 when the notice has no code
STATUS = ("5.3",)  # subject.detail of permanent codes that name it
PHRASES = (
    # Postfix "too many connections", Exim "too many concurrent SMTP connections", Sendmail 421 4.3.2 "Too many open
    # connections"
    r"too many (open |simultaneous |concurrent )?(connections|recipients|concurrent|sessions)",
    r"connection limit",  # Outlook.com RP-002/RP-003 "has exceeded the connection limit allowed"
    r"messages? per connection",  # Yahoo 421 "Max message per connection reached, closing transmission channel"
    r"frequency limited",  # Tencent QQ Mail "Ip frequency limited"
    r"rate limit(ed)?",
)

_SENDING_IP = phrase_table(SENDING_IP)


def holds(f: Fact) -> bool:
    """Too-many words or X.5.3, unless the refusal names the sending IP (Gmail's 4.7.28 "unusual rate of mail
    originating from your IP address ... temporarily rate limited": blocked)."""
    if _SENDING_IP.occurs(f.folded):
        return False
    return f.name == NAME or f.says(NAME)
