"""mailboxfull: the recipient's mailbox is over its quota.

Status codes (RFC 3463): X.2.2 mailbox full. Reply codes: 552 requested mail action aborted: exceeded
storage allocation (RFC 5321), 452 / 422 for the transient form. Phrases: Postfix/Dovecot ("Quota
exceeded", "mailbox is full"), Exim ("mailbox is full"), Gmail ("The email account that you tried to
reach is over quota"), Exchange ("mailbox full"), Yahoo ("over quota").
"""

NAME = "mailboxfull"
PSEUDO = "922"  # Sisimai's pseudo status X.0.922 when the notice has no code
STATUS = ("2.2",)  # subject.detail of permanent codes that name it
REPLY = ("552",)  # RFC 5321 basic reply code, when nothing else speaks: 552 exceeded storage allocation
PHRASES = (
    r"mailbox (is )?full",
    r"exceeded storage allocation",  # RFC 5321 4.2.2, reply 552
    r"disk ?space quota",  # vpopmail vdelivermail "maildir has overdrawn his diskspace quota"
    r"over (its |the )?(allowed |storage )?quota",  # qmail quota patches: "The users mailfolder is over the allowed quota"
    r"\bover ?quota\b",
    r"quota (exceeded|exceed|full)",
    r"exceeded .{0,80}quota",
    r"out of storage",
    r"mailbox (\S+ )?exceeded",
    r"mailbox size",
    r"(mail)?box (is )?(full|over)",
    r"insufficient (space|storage)",
    r"no space left",
    r"storage (space|limit|full)",
    r"quotaexceeded",  # Exchange STOREDRV.Deliver.Exception:QuotaExceededException (5.2.2)
    r"recipient'?s mailbox is full",
    r"mailbox has exceeded",
    r"(disk|mailbox|storage) quota",
)
