"""Symantec (Broadcom) Email Security.cloud, formerly MessageLabs, as the bouncing host: RFC 3464 reports
from MAILER-DAEMON@messagelabs.com, subject "Mail Delivery Failure" (Sisimai's Lhost::MessageLabs). Its
status is often a bare 5.0.0: its own words name the cause. Its X-Msg-Ref header
("server-<n>.tower-<n>.messagelabs.com!...") is stamped on ALL mail it scans, other servers' bounces
included: it names no writer."""
import re

from ..context import Context
from .rfc3464 import product

NAME = "messagelabs"
_SENDER = re.compile(r"^mailer-daemon@(\w+\.)*messagelabs\.com$", re.I)


def _claims(ctx: Context) -> bool:
    """A report from its daemon's address."""
    return bool(_SENDER.match(ctx.from_addr or "")) and bool(ctx.parts_of("message/delivery-status"))


parse = product(NAME, _claims)
# Its refusals of a recipient: "550 <addr>... No such user", "542 <addr> Rejected" (the address, then only
# "Rejected": not a refusal of spam, which names its cause).
REASONS = (
    ("userunknown", r"\bno such user\b|^542 |@[^\s@]+ rejected\s*$"),
    ("securityerror", r"turn on smtp authentication in your mail client"),
)
