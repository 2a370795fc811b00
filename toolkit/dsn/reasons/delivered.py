"""delivered: the message reached the recipient (a DSN with Action: delivered/relayed/expanded,
or a 2.X.X status). Not a failure; reported so DSNs that say "delivered" are not counted as bounces.

Status codes: any 2.X.X (RFC 3463 class 2, "Success").
"""

NAME = "delivered"
PSEUDO = ""  # not a failure: no pseudo status
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"\bdelivered to mailbox\b",
)
