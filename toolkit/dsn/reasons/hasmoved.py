"""hasmoved: the recipient's mailbox has moved and the server gives no forwarding address.

Status codes (RFC 3463): X.1.6 destination mailbox has moved, no forwarding address; X.7.17 mailbox owner
has changed, X.7.18 domain owner has changed (RFC 7293). Reply codes: 551 user not local (RFC 5321).
"""

from ._base import Fact

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

# RFC 7293's codes answer a sender who asked, with Require-Recipient-Valid-Since, whether the mailbox still has
# the owner it had: a server that gives them to a plain "no such mailbox" is reporting a missing mailbox.
OWNER_CHANGED = ("7.17", "7.18")


def holds(f: Fact) -> bool:
    """Moved-mailbox words, or X.1.6 / X.7.17 / X.7.18 unless the words say the mailbox does not exist."""
    if f.says(NAME):
        return True
    if f.name != NAME:
        return False
    return not (f.status.split(".", 1)[1] in OWNER_CHANGED and f.says("userunknown"))
