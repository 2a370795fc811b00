"""hasmoved: the recipient's mailbox has moved and the server gives no forwarding address.

Status codes (RFC 3463): X.1.6 destination mailbox has moved, no forwarding address; X.7.17 mailbox owner
has changed, X.7.18 domain owner has changed (RFC 7293). Reply codes: 551 user not local (RFC 5321).
"""

NAME = "hasmoved"
PSEUDO = "916"  # Sisimai's pseudo status X.0.916 when the notice has no code
STATUS = ("1.6", "7.17", "7.18")  # subject.detail of permanent codes that name it
REPLY = ("551",)  # RFC 5321 basic reply code, when nothing else speaks: 551 user not local
PHRASES = (
    r"user (is )?not local",  # RFC 5321 4.2.2: "551 User not local; please try <forward-path>"
    r"no longer on (this )?server",
    r"\bhas moved\b",  # RFC 3463 X.1.6 "Destination mailbox has moved"
    r"address has changed",
)
