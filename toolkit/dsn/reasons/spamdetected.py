"""spamdetected: a content filter classified the message as spam (unsolicited bulk email).

Status codes: X.7.28 mail flood detected (IANA registry, RFC 8904's sibling for abusive floods).
Reply codes: 550/554 after DATA. Phrases: amavisd-new ("UBE"), SpamAssassin, Barracuda ("blocked by
spam firewall"), Gmail ("likely unsolicited mail"), Microsoft (5.7.1 "message was detected as spam"),
Proofpoint / Mimecast, and URI block lists (URIBL, SURBL) which judge the message's content.
"""

from ._base import Fact, phrase_table
from .blocked import SENDING_IP

NAME = "spamdetected"
PSEUDO = "980"  # Sisimai's pseudo status X.0.980 when the notice has no code
STATUS = ("7.28",)  # subject.detail of permanent codes that name it
PHRASES = (
    r"appears to be (unsolicited|spam)",
    r"spam filter",  # ProtonMail "Rejected by spam filter"
    r"unsolicited (e-?mail|mail|message)",
    r"\bspam\b",
    r"\bube\b",
    r"unsolicited (bulk|commercial)",
    r"bulk e?-?mail",
    r"junk mail",
    r"content filter",
    r"classified as spam",
    r"mail rejete",
    r"message (looks|considered) (like )?(spam|unsolicited)",
    r"spamassassin",
    r"\bsuspicious (message|content)\b",
    r"mcspamsignature",  # Mimecast's anti-spam signature code
    r"message content rejected",
    r"mail content denied",  # Tencent (QQ Mail, Exmail) 550 "Mail content denied" (Tencent mail help, error 1000726)
    r"\bdt:spm\b",  # NetEase (163.com, 126.com) bounce code DT:SPM "the message was judged to be spam" (NetEase help)
    r"(black|block)listed url",  # URI block lists (uribl.com, SURBL)
    r"url (is )?(black|block)listed",
    r"\buribl\b",  # uribl.com
    r"\bsurbl\b",  # SURBL, a block list of domains found in message bodies
    r"\bdbl\.spamhaus",  # Spamhaus DBL: the domains a message names, not the sending IP
)

_SENDING_IP = phrase_table(SENDING_IP)


def holds(f: Fact) -> bool:
    """Spam words or X.7.28, unless the refusal names the sending IP (Gmail's "unusual rate of unsolicited mail
    originating from your IP address": blocked)."""
    if _SENDING_IP.occurs(f.folded):
        return False
    return f.name == NAME or f.says(NAME)
