"""Symantec (Broadcom) Email Security.cloud, formerly MessageLabs, as the bouncing host: RFC 3464 reports
from MAILER-DAEMON@messagelabs.com, subject "Mail Delivery Failure", X-Msg-Ref
"server-<n>.tower-<n>.messagelabs.com!..." (Sisimai's Lhost::MessageLabs). Its status is often a bare
5.0.0: its own words name the cause."""
import re

from ..context import Context
from .rfc3464 import product

NAME = "messagelabs"
_SENDER = re.compile(r"^mailer-daemon@(\w+\.)*messagelabs\.com$", re.I)
_MSG_REF = re.compile(r"\.messagelabs\.com!", re.I)


def _claims(ctx: Context) -> bool:
    """From its daemon address or stamped with its X-Msg-Ref, and a report."""
    return bool(ctx.parts_of("message/delivery-status")) and (
        bool(_SENDER.match(ctx.from_addr or "")) or bool(_MSG_REF.search(str(ctx.msg.get("X-Msg-Ref", "")))))


parse = product(NAME, _claims)
REASONS = (
    ("userunknown", r"\bno such user\b|^542 |\brejected\b"),
    ("securityerror", r"turn on smtp authentication in your mail client"),
)
