"""suspend: the recipient's account exists but is disabled, suspended, inactive or locked.

Status codes: X.7.13 user account disabled (RFC 5248 registry); RFC 3463's X.2.1 "mailbox disabled"
also says it, but Sisimai reads 5.2.1 as a filter, so the words decide. Phrases: Yahoo ("This mailbox is
disabled (554.30)"), La Poste ("mailbox is inactive"), Postfix virtual tables, Gmail ("account that you
tried to reach is disabled").
"""

NAME = "suspend"
PSEUDO = "921"  # Sisimai's pseudo status X.0.921 when the notice has no code
STATUS = ("7.13",)  # subject.detail of permanent codes that name it
PHRASES = (
    r"\binactive\b",
    r"(user|account|mailbox) (is )?not active",
    r"\bdisabled\b",
    r"\bsuspended\b",
    r"\bfrozen\b",
    r"\blocked\b",  # vpopmail vdelivermail "account is locked"
    r"deactivated",
    r"\bexpired account\b",
    r"account .{0,80} (closed|terminated|not active)",
    r"(user|account|mailbox) (is |has been )?terminated",  # mail.ru "Local mailbox ... is unavailable: user is terminated"
    r"mailbox .{0,80} (disabled|inactive)",
)
