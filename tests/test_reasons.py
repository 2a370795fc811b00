"""One table per reason module: the replies MTAs and providers really send, and the reason they must
(and must not) yield. Texts are the documented wording of Postfix, Exim, Sendmail, qmail, Exchange /
Microsoft 365, Gmail and Yahoo, with example addresses."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.dsn import reasons

# reason -> rows of (status, diagnostic, refused SMTP command, local program) that MUST yield it
MUST = {
    "userunknown": [
        ("5.1.1", "550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in local recipient table",
         "RCPT", False),
        (None, "550 sorry, no mailbox here by that name. (#5.1.1)", "RCPT", False),
        ("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
         None, False),
        ("5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", None, False),
        ("5.1.1", "550-5.1.1 The email account that you tried to reach does not exist.", "DATA", False),
        (None, "550 Requested action not taken: mailbox unavailable", "RCPT", False),
        (None, "550 <a@example.net>: not our customer", "RCPT", False),
        ("5.7.1", "554 5.7.1 <a@example.lv>: Recipient address rejected: User unknown in virtual mailbox table",
         None, False),
        (None, "553 Requested action not taken: mailbox name not allowed", None, False),
        (None, "550 Requested action not taken: unavailable mail user", "RCPT", False),
        # QQ Mail's reply for an address with no mailbox (its help page glosses it 该用户不存在), quoted in its
        # HTML-only notice with no SMTP command; and that notice's own Chinese wording of the same meaning
        (None, "550 Mailbox not found.", None, False),
        (None, "退信原因：收件人邮箱地址不存在", None, False),
        (None, "该用户不存在", None, False),
        # RFC 3463 X.1.1's meaning in other words; an RFC 7293 code given to a plain "no such user"
        (None, "550 <a@example.net>: non-existent user", "RCPT", False),
        (None, "550 <a@example.org>... addressee unknown", "RCPT", False),
        ("5.7.17", "550 5.7.17 No such user here", "RCPT", False),
    ],
    "filtered": [
        (None, "550 Unknown user", "DATA", False),
        (None, "550 Unknown user", None, False),
        ("5.2.0", "550 5.2.0 Message Filtered", None, False),
    ],
    "suspend": [
        ("5.2.1", "550 5.2.1 The email account that you tried to reach is disabled.", "RCPT", False),
        (None, "554 30 Sorry, your message cannot be delivered. This mailbox is disabled (554.30).", "DATA", False),
        ("4.2.1", "450 4.2.1 <a@example.fr>: Recipient address rejected: this mailbox is inactive and has been "
         "disabled", "RCPT", False),
        (None, "550 user not active", "RCPT", False),
        (None, "550 Message was not accepted -- invalid mailbox. Local mailbox a@example.ru is unavailable: user is "
         "terminated", "RCPT", False),
    ],
    "mailboxfull": [
        ("5.2.2", "552 5.2.2 Quota exceeded (mailbox for user is full)", "RCPT", False),
        (None, "552 Requested mail action aborted: exceeded storage allocation", "DATA", False),
        ("4.2.2", "452 4.2.2 The email account that you tried to reach is over quota.", "RCPT", False),
        ("5.2.3", "maildir delivery failed: Sorry, the user's maildir has overdrawn his diskspace quota",
         None, False),
        (None, "552 sorry, the mailbox is over quota", None, False),
        (None, "The users mailfolder is over the allowed quota (size). (#5.2.2)", None, False),
    ],
    "exceedlimit": [
        ("5.2.3", "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", "RCPT", False),
        ("5.2.3", "552 5.2.3 Message length exceeds administrative limit", "DATA", False),
    ],
    "mesgtoobig": [
        ("5.3.4", "552 5.3.4 Message size exceeds fixed limit", "DATA", False),
        (None, "550 message has lines too long for transport", "DATA", False),
        (None, "552 Message size exceeds maximum permitted", "DATA", False),
        (None, "552 Message exceeds maximum fixed size", "DATA", False),  # 552 alone would say mailboxfull
    ],
    "hasmoved": [
        ("5.1.6", "550 5.1.6 recipient no longer on server", "RCPT", False),
        (None, "551 User not local", None, False),
    ],
    "hostunknown": [
        ("5.1.2", "550 5.1.2 Host unknown (Name server: example.invalid: host not found)", None, False),
        (None, "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found",
         None, False),
        ("5.4.310", "550 5.4.310 DNS domain example.invalid does not exist [Message=InfoDomainNonexistent]",
         None, False),
        (None, "Sorry, I couldn't find any host named example.invalid. (#5.1.2)", None, False),  # qmail-remote
    ],
    "networkerror": [
        ("5.4.4", "550 5.4.4 Unable to route", None, False),
        ("5.4.6", "554 5.4.6 Too many hops", None, False),
        (None, "mail for example.com loops back to myself", None, False),
        (None, "Host or domain name not found. Name service error for name=example.com type=MX: Host not found, "
         "try again", None, False),
        # Gmail "Message exceeded 50 hops" (Gmail SMTP errors) comes with 5.6.0 as well as 5.4.6
        ("5.6.0", "554 5.6.0 Message exceeded 50 hops, this may indicate a mail loop.", "DATA", False),
        ("5.4.14", "554 5.4.14 Hop count exceeded - possible mail loop", None, False),  # Exchange Online
        (None, "all relevant MX records point to non-existent hosts", None, False),  # Exim
        (None, "Name service error for name=example.org type=MX: Malformed or unexpected name server reply", None,
         False),  # Postfix
        # TCP's refusal, whatever status the sender's MTA gave it, and with none (Postfix's plain notice)
        (None, "connect to mx.example.org[192.0.2.1]:25: Connection refused", None, False),
        ("4.4.1", "connect to mx.example.org[192.0.2.1]:25: Connection refused", None, False),
    ],
    "notaccept": [
        ("5.1.10", "556 5.1.10 Recipient address has null MX", "RCPT", False),
        (None, "Domain example.com does not accept mail (nullMX)", None, False),
        ("5.4.4", "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", None, False),
    ],
    "norelaying": [
        ("5.7.1", "554 5.7.1 <a@example.org>: Relay access denied", "RCPT", False),
        ("5.7.54", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", "RCPT", False),
        (None, "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "RCPT", False),  # qmail-smtpd
        ("5.7.0", "550 5.7.0 Mail relay denied [192.0.2.1].", "RCPT", False),  # Gmail SMTP relay service
    ],
    "blocked": [
        ("5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
         "RCPT", False),
        ("5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1].", "RCPT", False),
        (None, "550 Requested mail action not taken: Invalid IP", "RCPT", False),
        ("5.7.708", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", "RCPT", False),
        ("5.7.1", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet "
         "service provider since part of their network is on our block list (S3140).", "MAIL", False),
        ("4.7.0", "421-4.7.0 IP not in whitelist for RCPT domain, closing connection.", None, False),  # Gmail
        # Gmail: the sending IP, not the message, is refused, whatever "spam" and "rate limited" say after
        ("4.7.28", "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address. "
         "To protect our users from spam, mail sent from your IP address has been temporarily rate limited.", None, False),
        ("5.7.511", "550 5.7.511 Access denied, banned sender[192.0.2.1]", None, False),  # Exchange Online
        ("4.7.500", "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (AS761)", None, False),
        ("5.7.506", "550 5.7.506 Access Denied, Bad HELO", None, False),
        (None, "550 SC-001 Mail rejected by Outlook.com for policy reasons.", None, False),  # Outlook.com postmaster
        ("5.7.1", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's "
         "list", None, False),  # Yahoo
        (None, "554 mx.example.net 192.0.2.1 found on one or more DNSBLs", None, False),  # Comcast
        ("4.7.1", "450 4.7.1 <localhost>: Helo command rejected: Host not found", "RCPT", False),  # Postfix
        (None, "host mx.example.org[192.0.2.1] refused to talk to me: 554 Service unavailable", None, False),
        ("5.7.1", "550 5.7.1 Email rejected due to security policies - https://ipcheck.proofpoint.com/?ip=192.0.2.1",
         None, False),
        (None, "550 Your host is not allowed to connect to this server.", "RCPT", False),
    ],
    "requireptr": [
        ("5.7.25", "550 5.7.25 The IP address sending this message does not have a PTR record setup", None, False),
        ("4.7.1", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]", "RCPT", False),
    ],
    "rejected": [
        ("5.1.8", "550 5.1.8 <a@example.invalid>: Sender address rejected: Domain not found", "MAIL", False),
        (None, "451 Message temporarily deferred due to unresolvable RFC.5321 from domain", "DATA", False),
        (None, "550 Sender verify failed", "RCPT", False),  # Exim
        (None, "550-Verification failed for <s@example.invalid>\n550-Unrouteable address\n550 Sender verify failed",
         "RCPT", False),
        ("5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.", None,
         False),  # Exchange Online
        ("5.7.133", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required", None, False),
        ("5.7.1", "550 5.7.1 Client does not have permissions to send as this sender", "MAIL", False),
        ("5.7.129", "550 5.7.129 RESOLVER.RST.RestrictedToRecipientsPermission; not authorized to send to recipient "
         "because the sender isn't on the recipient's list of senders to accept mail from", None, False),
    ],
    "authfailure": [
        ("5.7.26", "550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender", "DATA",
         False),
        ("5.7.1", "550 5.7.1 Email rejected per DMARC policy for example.com", "DATA", False),
        ("4.7.27", "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this "
         "message. Gmail requires all bulk email senders to authenticate their email with SPF.", None, False),
    ],
    "spamdetected": [
        ("5.7.1", "550 5.7.1 Message rejected: appears to be unsolicited", "DATA", False),
        (None, "554 Message rejected: blocked by our spam filter", "DATA", False),
        ("5.7.1", "554 5.7.1 Message content rejected, UBE, id=12345-01", "DATA", False),
        (None, "554 Message rejected, policy (3.2.1.1) - Your message looks like SPAM", "DATA", False),
        ("5.7.1", "554 5.7.1 Rejected: example.com is listed at dbl.spamhaus.org", "DATA", False),
        ("5.7.1", "550-5.7.1 Our system has detected that this message is likely unsolicited mail.", "DATA", False),
        (None, "554 DT:SPM mx.example.net, please see the help page", "DATA", False),  # NetEase
    ],
    "virusdetected": [
        ("5.7.0", "554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature", "DATA", False),
        ("5.7.1", "550 5.7.1 This message contains a virus", "DATA", False),
    ],
    "policyviolation": [
        ("5.7.1", "554 5.7.1 Message rejected due to local policy", "DATA", False),
        ("5.7.9", "554 5.7.9 Message not accepted for policy reasons.", "DATA", False),
        (None, "550 Administrative prohibition", "RCPT", False),
        ("5.7.0", "552-5.7.0 Our system detected an illegal attachment on your message.", "DATA", False),  # Gmail
        (None, "550 This message has been rejected because it has a potentially executable attachment", "DATA",
         False),  # Exim's documented ACL example
        ("5.7.950", "550 5.7.950 Delivery not authorized, message refused", None, False),  # Exchange transport rule
    ],
    "securityerror": [
        ("5.7.1", "530 5.7.1 Authentication required", "MAIL", False),
        ("5.7.8", "535 5.7.8 Authentication credentials invalid", None, False),
        ("5.7.10", "523 5.7.10 Encryption Needed", None, False),
    ],
    "badreputation": [
        ("4.7.650", "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP "
         "reputation.", "RCPT", False),
        ("5.7.1", "550 5.7.1 rejected because of the very low reputation of the sending domain", "DATA", False),
    ],
    "speeding": [
        ("4.2.1", "450-4.2.1 The user you are trying to contact is receiving mail too quickly.", "RCPT", False),
        (None, "450 User is receiving mail too quickly", "RCPT", False),
    ],
    "toomanyconn": [
        (None, "421 Too many concurrent SMTP connections; please try again later.", "CONN", False),
        ("4.5.3", "452 4.5.3 Too many recipients", "RCPT", False),
        ("4.3.2", "421 4.3.2 Too many open connections", None, False),  # Sendmail
        (None, "421 Max message per connection reached, closing transmission channel", None, False),  # Yahoo
        (None, "421 RP-002 The mail server IP connecting to Outlook.com server has exceeded the connection limit "
         "allowed.", None, False),
    ],
    "systemerror": [
        (None, "451 Requested action aborted: local error in processing", "DATA", False),
        ("4.3.5", "451 4.3.5 Server configuration problem", None, False),
        ("4.3.0", "421 4.3.0 Temporary System Problem. Try again later", None, False),  # Gmail
        (None, "421 Service not available, closing transmission channel", None, False),  # RFC 5321 4.2.3
        (None, "mail system configuration error", None, False),  # Postfix
    ],
    "systemfull": [
        ("5.3.1", "452 5.3.1 Insufficient system storage", None, False),
        (None, "452 Insufficient system storage", None, False),
    ],
    "contenterror": [
        ("5.6.0", "554 5.6.0 Message contains invalid header", "DATA", False),
        (None, "550 Message has 8-bit data but the server does not support 8BITMIME", "DATA", False),
    ],
    "notcompliantrfc": [
        ("5.7.1", "550-5.7.1 This message is not RFC 5322 compliant.", "DATA", False),
        ("5.7.1", "550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not "
         "accepted.", "DATA", False),  # Gmail
        (None, "554 Messages without a Date: header field are not accepted", "DATA", False),  # RFC 5322 3.6
        ("5.7.512", "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant", None, False),
        ("5.6.0", "554 5.6.0 Mail message is malformed. Not accepted.", "DATA", False),  # Gmail
    ],
    "expired": [
        ("4.4.7", "Delivery time expired", None, False),
        (None, "retry timeout exceeded", None, False),
        # a refused greeting whose reply names a bad connection (X.4.2) that timed out, not a blocked client
        ("4.4.2", "host mx.example.org[192.0.2.1] refused to talk to me: 421 4.4.2 mx.example.org Error: timeout "
         "exceeded", None, False),

    ],
    "syntaxerror": [
        (None, "501 Syntax error in parameters or arguments", None, False),
        ("5.5.2", "500 5.5.2 Syntax error, command unrecognized", None, False),
    ],
    "mailererror": [
        (None, "mail.local: unknown mailer error 75", None, True),
        ("5.2.0", "procmail: Lock failure on \"/var/mail/u/mailbox.lock\"", None, True),
    ],
    "delivered": [
        ("2.0.0", "250 2.0.0 OK", None, False),
    ],
    "vacation": [
        (None, "I am out of the office until Monday", None, False),
    ],
    "onhold": [
        (None, "Something the rules do not know", None, False),
    ],
    "undefined": [
        (None, "", None, False),
        (None, "This is the mail system at host mx.example.org.", None, False),
    ],
}

# reason -> rows that must NOT yield it (what the held-out measurement found misread, among others)
MUST_NOT = {
    "userunknown": [
        ("5.2.2", "552 5.2.2 Mailbox full", "RCPT", False),
        ("5.1.1", "550 5.1.1 <a@example.org>: Relay access denied", "RCPT", False),
        (None, "550 Unknown user", "DATA", False),
        (None, "550-Verification failed for <s@example.invalid>\n550-Unrouteable address\n550 Sender verify failed",
         "RCPT", False),  # the SENDER's address is unrouteable
    ],
    "filtered": [
        (None, "550 Unknown user", "RCPT", False),
        ("5.4.310", "550 5.4.310 DNS domain example.invalid does not exist", None, False),
        ("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
         None, False),
        (None, "550 Message was not accepted -- invalid mailbox. Local mailbox is unavailable: user not found",
         "RCPT", False),
        (None, "550 Mailbox not found.", None, False),  # QQ Mail's no-such-user reply, quoted without its command
    ],
    "mesgtoobig": [
        ("5.2.3", "552 5.2.3 Message length exceeds administrative limit", "DATA", False),
        (None, "554 Transaction failed: header line too long", "DATA", False),
    ],
    "exceedlimit": [
        ("5.3.4", "552 5.3.4 Message too big for system", "DATA", False),
    ],
    "hostunknown": [
        ("5.4.4", "550 5.4.4 Unable to route", None, False),
        (None, "Name service error for name=example.com type=MX: Host not found, try again", None, False),
        ("4.7.1", "450 4.7.1 <localhost>: Helo command rejected: Host not found", "RCPT", False),
        (None, "Name service error for name=example.org type=MX: Malformed or unexpected name server reply", None,
         False),
    ],
    "hasmoved": [
        (None, "550 <a@example.net>: not our customer", "RCPT", False),
        ("5.7.17", "550 5.7.17 No such user here", "RCPT", False),
    ],
    "securityerror": [
        ("5.7.1", "554 5.7.1 <a@example.org>: Relay access denied", "RCPT", False),
        ("5.7.1", "554 5.7.1 Message rejected due to local policy", "DATA", False),
        ("5.7.1", "550 5.7.1 Message rejected: appears to be unsolicited", "DATA", False),
        ("5.7.1", "550 5.7.1 <a@example.net>: Recipient address rejected: User unknown", "RCPT", False),
        ("5.7.1", "550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not "
         "accepted.", "DATA", False),
        ("5.7.511", "550 5.7.511 Access denied, banned sender[192.0.2.1]", None, False),
    ],
    "syntaxerror": [
        ("5.5.0", "550 5.5.0 Message rejected: blocked by our spam filter", "DATA", False),
    ],
    "requireptr": [
        ("5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
         "RCPT", False),
    ],
    "onhold": [
        (None, "550 Requested action not taken: mailbox unavailable", "RCPT", False),
        (None, "552 sorry, the mailbox is over quota", None, False),
        (None, "451 Requested action aborted: local error in processing", None, False),
        (None, "552 Requested mail action aborted", None, False),
        (None, "550 user not active", "RCPT", False),
        (None, "550 account disabled", "RCPT", False),
    ],
    "blocked": [
        ("5.7.1", "554 5.7.1 Relay access denied", "RCPT", False),
        ("4.4.2", "host mx.example.org[192.0.2.1] refused to talk to me: 421 4.4.2 mx.example.org Error: timeout "
         "exceeded", None, False),
        ("4.4.1", "connect to mx.example.org[192.0.2.1]:25: Connection refused", None, False),
        ("5.7.1", "554 5.7.1 This message has been blocked because it contains a banned word", "DATA", False),
    ],
    "spamdetected": [
        ("4.7.28", "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address. "
         "To protect our users from spam, mail sent from your IP address has been temporarily rate limited.", None, False),
    ],
    "toomanyconn": [
        ("4.7.28", "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address. "
         "To protect our users from spam, mail sent from your IP address has been temporarily rate limited.", None, False),
    ],
    "contenterror": [
        ("5.6.0", "554 5.6.0 Message exceeded 50 hops, this may indicate a mail loop.", "DATA", False),
    ],
    "rejected": [
        (None, "connect to mx.example.org[192.0.2.1]:25: Connection refused", None, False),  # not the weak "refused"
    ],
}


def _rows(table: dict) -> list:
    return [pytest.param(reason, *row, id=f"{reason}-{i}") for reason, rows in table.items()
            for i, row in enumerate(rows)]


@pytest.mark.parametrize("reason,status,diagnostic,command,local", _rows(MUST))
def test_reply_yields_its_reason(reason, status, diagnostic, command, local):
    assert reasons.classify(status, diagnostic, "failed", command, local) == reason


@pytest.mark.parametrize("reason,status,diagnostic,command,local", _rows(MUST_NOT))
def test_reply_does_not_yield_a_wrong_reason(reason, status, diagnostic, command, local):
    assert reasons.classify(status, diagnostic, "failed", command, local) != reason


def test_every_reason_module_has_a_table_here():
    assert set(MUST) == set(reasons.BY_NAME)


# status code -> the reason RFC 3463 says it names ("" where the words must decide)
STATUS_MEANING = [
    ("5.1.1", "userunknown"), ("5.1.2", "hostunknown"), ("5.1.6", "hasmoved"), ("5.1.8", "rejected"),
    ("5.1.10", "notaccept"), ("5.2.2", "mailboxfull"), ("5.2.3", "exceedlimit"), ("5.3.4", "mesgtoobig"),
    ("5.4.4", "networkerror"), ("4.4.4", "networkerror"), ("5.4.7", "expired"), ("5.7.0", ""), ("5.7.1", ""),
    ("4.7.1", "blocked"), ("5.7.13", "suspend"), ("5.7.25", "requireptr"), ("5.7.26", "authfailure"),
    ("5.7.8", "securityerror"), ("5.5.2", "syntaxerror"), ("2.1.5", "delivered"), ("5.4.1", ""), (None, ""),
    ("5.7.17", "hasmoved"), ("5.6.0", "contenterror"),
    # Exchange Online's documented three-digit details (Microsoft Learn, Exchange Online NDR reference)
    ("5.7.606", "blocked"), ("5.7.649", "blocked"), ("4.7.500", "blocked"), ("4.7.650", "blocked"), ("5.7.511", "blocked"),
    ("5.7.750", "rejected"), ("5.7.124", "rejected"), ("5.7.950", "policyviolation"),
    ("5.7.105", ""), ("5.7.708", ""), ("5.7.650", ""), ("5.7.1x2", ""),
]


@pytest.mark.parametrize("status,reason", STATUS_MEANING)
def test_status_names_its_rfc3463_meaning(status, reason):
    assert reasons.status_name(status) == reason


@pytest.mark.parametrize("reason,temporary,status", [("userunknown", False, "5.0.911"),
                                                     ("mailboxfull", True, "4.0.922"),
                                                     ("onhold", False, "5.0.901"),
                                                     ("no-such-reason", False, "5.0.900")])
def test_pseudo_status_is_sisimais(reason, temporary, status):
    assert reasons.pseudo_status(reason, temporary) == status


MODULE_DIR = Path(reasons.__file__).parent
# a quantifier applied to a group or class that itself ends in a quantifier ((a+)+, (\s*)*), or .* next to
# \s* / .* : the shapes that backtrack catastrophically over hostile mail text
_UPPER = re.compile(r"(?<!\\)[A-Z]")  # a capital that is not an escape (\S, \d) could never match
_NESTED = re.compile(r"[+*]\)[+*{]|\.\*\\s\*|\\s\*\.\*|\.\*\.\*|\.\+\.\*|\.\*\.\+")


@pytest.mark.parametrize("module", reasons.MODULES, ids=[m.NAME for m in reasons.MODULES])
def test_module_is_one_reason_with_its_meaning(module):
    assert (MODULE_DIR / f"{module.NAME}.py").is_file()
    assert module.__doc__ and module.__doc__.startswith(f"{module.NAME}:")
    for phrase in (*module.PHRASES, *getattr(module, "WEAK", ()), *getattr(module, "ANY_STAGE", ())):
        re.compile(phrase)
        assert not _NESTED.search(phrase), phrase
        assert ".*" not in phrase and ".+" not in phrase, f"{phrase}: bound the gap (.{{0,80}})"
        assert not _UPPER.search(phrase), f"{phrase}: tables are searched in lower-cased text"


def test_order_names_only_known_reasons_once():
    for order in (reasons.ORDER, reasons.FALLBACK):
        assert len(order) == len(set(order))
        assert set(order) <= set(reasons.BY_NAME)
    pseudo = [m.PSEUDO for m in reasons.MODULES if m.PSEUDO]
    assert len(pseudo) == len(set(pseudo))


def test_rules_named_off_are_skipped(monkeypatch):
    from toolkit import dsn
    from toolkit.dsn import providers
    kddi_filter = ("a@ezweb.ne.jp", None, "550 : User unknown")
    assert providers.reason_for(*kddi_filter) == "filtered"
    monkeypatch.setenv(dsn.RULES_OFF_ENV, "exim, KDDI")
    assert dsn.rules_off() == {"exim", "kddi"}
    assert providers.reason_for(*kddi_filter, dsn.rules_off()) is None


def test_a_family_is_read_again_without_its_own_rules(sisimai, tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import conformance
    import polars as pl

    assert conformance.switchable_rules("lhost-exim") == ("exim",)
    assert conformance.switchable_rules("lhost-ezweb") == ("kddi",)
    assert conformance.switchable_rules("lhost-sendgrid") == ()
    truth = conformance.expected(sisimai)
    families = pl.DataFrame({"family": ["rhost-mimecast", "lhost-sendgrid"], "rows": [2, 2], "recipient": [1.0, 1.0],
                             "status": [1.0, 1.0], "reason": [1.0, 1.0]})
    lofo = conformance.leave_one_family_out(sisimai, truth, families, tmp_path)
    assert lofo["family"].to_list() == ["rhost-mimecast"]  # a family without rules of its own is not re-read
    assert lofo["rules_off"].to_list() == ["mimecast"]
    assert lofo["reason_off"][0] < 1.0  # Mimecast's documented codes are what names these two refusals
