"""rejected: the server refused the envelope SENDER (MAIL FROM): the sender's address or domain is
invalid, unknown or not allowed.

Status codes (RFC 3463): X.1.7 bad sender's mailbox address syntax, X.1.8 bad sender's system address.
Reply codes: 550/553 at MAIL FROM. Phrases: Postfix "Sender address rejected", "Domain of sender address
... does not exist"; Sendmail "Domain of sender address ... does not exist"; Microsoft 5.7.1 "Sender
denied".
"""

from ._base import Fact

NAME = "rejected"
PSEUDO = "918"  # Sisimai's pseudo status X.0.918 when the notice has no code
STATUS = ("1.7", "1.8")  # subject.detail of permanent codes that name it
# Exchange Online's three-digit codes (Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange
# Online") that refuse the SENDER: 5.7.124 not in the group's allowed senders, 5.7.133-136 sender not
# authenticated for the group / mailbox / public folder / mail user, 5.7.501-503 the sending account banned
# for spam, 5.7.750 the sending tenant sending from unregistered domains (5.7.700-749 mix tenant limits with
# 5.7.708 "traffic not accepted from this IP": the words decide).
STATUS_RANGES = (("5.7", 124, 124), ("5.7", 133, 136), ("5.7", 501, 503), ("5.7", 750, 750))
PHRASES = (
    r"unresolvable rfc\.?5321 from domain",  # Yahoo 451/553: the MAIL FROM domain does not resolve
    r"sender address rejected",
    r"sender (was )?rejected",
    r"unroutable sender",  # Exim sender verification "Unroutable sender address"
    r"sender verify failed",  # Exim's "verify = sender" ACL condition failing (Exim spec, "Access control lists")
    # Exchange 5.7.1 "Client does not have permissions to send as this sender"
    r"permissions? to send as this sender",
    # Exchange Online 5.7.124 "Sender not in allowed-senders list", 5.7.129 RestrictedToRecipientsPermission "the
    # sender isn't on the recipient's list of senders to accept mail from" (Microsoft Learn, Exchange Online NDRs)
    r"(isn.t|is not|not) (in|on) the (recipient.s |group.s )?(list of senders|allowed[- ]senders)",
    r"restrictedtorecipientspermission",
    r"domain of sender",
    r"purported responsible address",  # Sender ID's PRA, RFC 4407
    r"sender (address )?(is )?(not allowed|denied|blacklisted|unknown)",  # Exchange 5.7.1 / 5.7.105 "Sender denied"
    r"^\s*(5\d\d )?(\d\.\d\.\d+ )?access denied\.?$",
    r"recipient addresses rejected ?: access denied",
    r"(from|sender):? domain is invalid",  # GoDaddy IB506 "From: Domain is invalid"
    r"different address or alias using the .?send mail as",  # Gmail "Send mail as" refusal
)
# Last-resort words that only say "refused somehow", for a diagnostic nothing else explains.
WEAK = (
    r"\brejected\b",
    r"\brefused\b",
    r"\bdenied\b",
    r"not (a )?member",  # fml "You ... are not member" of the list
)

_UNSURE = ("", "undefined", "onhold", "securityerror", "systemerror")


def holds(f: Fact) -> bool:
    """An X.1.7/X.1.8 status, or sender-refusal words at MAIL (or DATA, or with a status naming nothing)."""
    if f.name == NAME:
        return True
    if f.command == "MAIL" or (f.command == "DATA" and f.name != "userunknown") or f.name in _UNSURE:
        return f.says(NAME)
    return False
