"""toomanyconn: the receiver refuses because of too many connections or recipients at once.

Status codes (RFC 3463): X.5.3 too many recipients. Reply codes: 421 too many connections, 452 too many
recipients (RFC 5321 4.5.3.1.10). Phrases: Postfix ("too many connections"), Exim ("too many
concurrent SMTP connections").
"""

NAME = "toomanyconn"
PSEUDO = "945"  # Sisimai's pseudo status X.0.945 when the notice has no code
STATUS = ("5.3",)  # subject.detail of permanent codes that name it
PHRASES = (
    r"too many (connections|recipients|concurrent)",
    r"frequency limited",  # Tencent QQ Mail "Ip frequency limited"
    r"rate limit(ed)?",
)
