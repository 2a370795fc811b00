"""userunknown: the recipient's mailbox does not exist at the destination.

Status codes (RFC 3463): X.1.1 bad destination mailbox address, X.1.0 other address status, X.1.3 bad
destination mailbox address syntax. Reply codes: 550 mailbox unavailable / user unknown, 553 mailbox name
not allowed (RFC 5321). Phrases: Postfix ("User unknown in local recipient table",
"User unknown in virtual mailbox table"), Exim ("Unrouteable address", "unknown user"), Sendmail ("User
unknown"), qmail ("Sorry, no mailbox here by that name"), Exchange ("RESOLVER.ADR.RecipNotFound", "The
recipient name is not recognized"), Microsoft 5.1.10 ("RecipientNotFound"), Gmail ("The email account that
you tried to reach does not exist"), Yahoo ("This user doesn't have a ... account"), Courier ("No such
user"), IMail ("Invalid final delivery userid").
"""

from ._base import Fact, phrase_table

NAME = "userunknown"
PSEUDO = "911"  # Sisimai's pseudo status X.0.911 when the notice has no code
STATUS = ("1.0", "1.1", "1.3")  # subject.detail of permanent codes that name it
REPLY = ("553",)  # RFC 5321 basic reply code, when nothing else speaks: 553 mailbox name not allowed
PHRASES = (
    r"user unknown",
    r"unknown user",
    r"no such (user|mailbox|recipient|address)",
    r"(user|account|mailbox|address|recipient) (does not|doesn't) exist",
    r"does not exist",
    r"recipient not found",
    r"recipientnotfound",
    r"invalid recipient",
    r"no mailbox",
    r"mailbox (unavailable|not found)",
    r"unknown recipient",
    r"(user|recipient|address|addressee) (not found|unknown|invalid)",  # "Addressee unknown": another word for the recipient
    r"non-?existent (user|mailbox|recipient|address|account)",  # RFC 3463 X.1.1: "the mailbox ... does not exist"
    r"not a valid (user|mailbox|recipient)",
    r"unrouteable address",
    r"account .{0,80} (not exist|unknown)",
    r"recipient address rejected: (user unknown|unknown user|invalid user|userunknown|invalid-recipient|access denied)",
    r"no (such )?account",
    r"doesn't have a .{0,80} account",
    r"invalid (mailbox|address|user)",
    r"bad destination (mailbox|address)",  # RFC 3463 X.1.1 "Bad destination mailbox address"
    r"bad recipient",
    r"unknown (local|address)",
    r"mailbox not available",
    r"no mailbox here",
    r"is not a known user",
    r"recipient name is not recognized",
    r"unknown or illegal alias",  # Apple iCloud (me.com) 5.1.1
    r"unknown address",
    r"not exist",
    r"(wasn.t|was not|couldn.t be|could not be) found",
    r"mailbox unavailable",
    r"not our (user|customer)",
    # Coremail's (163.com, 126.com, ...) documented bounce texts
    r"unavailable mail user",
    r"not user of this server",
    r"recipient does not have an account",
    r"user not known",
    r"mailbox \S+ (is )?unavailable",  # RFC 5321 "mailbox unavailable" naming the mailbox (mail.ru, QQ)
    r"check (if|that) (the )?address is correct",
)

# A directory's answer that the mailbox does not exist, whatever the SMTP stage it is reported at:
# Exchange's RESOLVER.ADR.RecipNotFound / RecipientNotFound ("not found by SMTP address lookup"),
# Exchange Online's Directory-Based Edge Blocking ("550 5.4.1 Recipient address rejected: Access denied",
# Microsoft Learn "Fix NDR error 550 5.4.1 in Exchange Online"), Gmail's 5.1.1 ("The email account that
# you tried to reach does not exist", Google Workspace "Gmail SMTP errors and codes") and its NDR ("the
# address couldn't be found"); Exchange 2003's "The recipient name is not recognized" and "e-mail account
# does not exist at the organization"; Ipswitch IMail's "Invalid final delivery userid"; Domino's "not listed
# in the Domino Directory" / "not listed in public Name & Address Book"; QQ Mail's "550 Mailbox not found",
# which its help page on bounce keywords glosses 该用户不存在 ("this user does not exist"; the same reply in
# Coremail's list of bounce texts for a recipient with no account): QQ's HTML-only 系统退信 notice quotes it
# with no SMTP command, so it is read whatever the stage, with QQ's Chinese wording of the same meaning
# (该用户不存在, 收件人邮箱地址不存在 "the recipient's mailbox address does not exist").
ANY_STAGE = (
    r"address couldn.t be found",
    r"recipient name is not recognized",
    r"e-?mail account does not exist at the organi[sz]ation",
    r"invalid final delivery userid",
    r"not listed in (the )?(public name (&|and) address book|domino directory)",
    r"recipientnotfound",
    r"recipnotfound",
    r"not found by smtp address lookup",
    r"recipient address rejected: access denied",
    r"account that you tried to reach does not exist",
    r"mailbox not found",
    r"(该|此)?(用户|收件人)(邮箱)?(地址)?不存在",
)
_ANY_STAGE = phrase_table(ANY_STAGE)

# Other reasons whose words, in a diagnostic that comes with X.1.1, say the X.1.1 is wrong.
NOT_A_USER = ("norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept")


def holds(f: Fact) -> bool:
    """An X.1.1-like status or a directory's "no such recipient" (unless other words contradict
    them), or user-unknown words at RCPT."""
    if f.name == "suspend":
        return False
    if f.name == NAME:
        return not any(f.says(r) for r in NOT_A_USER)
    if _ANY_STAGE.occurs(f.folded):
        return not any(f.says(r) for r in NOT_A_USER)
    # Exim's sender verification quotes the SENDER's "Unrouteable address" before "Sender verify failed"
    return f.command == "RCPT" and f.says(NAME) and not f.says("rejected")
