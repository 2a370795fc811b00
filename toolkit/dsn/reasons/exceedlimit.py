"""exceedlimit: the message exceeds a limit the RECIPIENT's mailbox is given (RFC 3463 X.2.3:
"message length exceeds administrative limit"), not the system's size limit (mesgtoobig).

Status codes (RFC 3463): X.2.3. Phrases: "message length exceeds administrative limit" (RFC 3463's own
words, used by Sendmail and Exchange's RESOLVER.RST.RecipSizeLimit).
"""

NAME = "exceedlimit"
PSEUDO = "923"  # Sisimai's pseudo status X.0.923 when the notice has no code
STATUS = ("2.3",)  # subject.detail of permanent codes that name it
PHRASES = (
    r"message length exceeds administrative limit",  # RFC 3463 X.2.3's own words
    r"recipsizelimit",  # Exchange RESOLVER.RST.RecipSizeLimit (5.2.3): the recipient's size limit
    r"message (size|length) exceeds (the )?(administrative )?limit",
    r"exceeds? (the )?(per-?user )?limit of",
)
