"""Table-driven: one sample per format and kind, and the fields it must yield.

The samples in tests/samples/ are written for these tests in each MTA's style.
"""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

import pytest

from toolkit import dsn, kinds
from toolkit.dsn import Context
from toolkit.dsn.formats import REGISTRY
from toolkit.messages import Parsed, normalize_eol
from toolkit.notices import analyse
from toolkit.sources import RawMessage

SAMPLES = Path(__file__).parent / "samples"

# sample, kind, format, recipient, status, reason
CASES = [
    ("qmail.eml", "bounce", "qmail", "nobody@example.net", "5.1.1", "userunknown"),
    ("exim.eml", "bounce", "exim", "full@example.net", "5.2.2", "mailboxfull"),
    ("postfix-dsn.eml", "bounce", "postfix", "ghost@example.net", "5.1.1", "userunknown"),
    ("sendmail.eml", "bounce", "sendmail", "blocked@example.net", "5.7.1", "blocked"),
    ("gmail.eml", "bounce", "gmail", "gone@example.net", "5.1.1", "userunknown"),
    ("dragonfly.eml", "bounce", "dragonfly", "toobig@example.net", "5.3.4", "mesgtoobig"),
    ("opensmtpd.eml", "bounce", "opensmtpd", "nodomain@no-such-domain.example", "5.0.912", "hostunknown"),
    ("exchange2003.eml", "bounce", "exchange2003", "lost@corp.example.net", "5.1.1", "userunknown"),
    ("exchange2007.eml", "bounce", "exchange2007", "quota@example.onmicrosoft.com", "5.2.2", "mailboxfull"),
    ("yahoo.eml", "bounce", "yahoo", "relay@example.net", "5.7.1", "norelaying"),
    ("amazonses.eml", "bounce", "amazonses", "nouser@example.net", "5.1.1", "userunknown"),
    ("fml.eml", "autoreply", "fml", "birds@lists.example.org", "5.0.918", "rejected"),
    ("mcafee.eml", "bounce", "mcafee", "nosuch@corp.example.net", "5.0.0", "userunknown"),
    ("receivingses.eml", "bounce", "receivingses", "info@shop.example.net", "5.1.1", "filtered"),
    ("mimecast.eml", "bounce", "mimecast", "h.smith@corp.example.net", "5.4.1", "userunknown"),
    ("trendmicro.eml", "bounce", "trendmicro", "ghost@gw.example.net", "5.1.1", "userunknown"),
    ("groupwise.eml", "bounce", "groupwise", "jdoe@gw.example.edu", "5.0.911", "userunknown"),
    ("mdaemon.eml", "bounce", "mdaemon", "full@dest.example.net", "5.2.2", "mailboxfull"),
    ("rfc3464.eml", "bounce", "rfc3464", "gone@shop.example.net", "5.1.6", "hasmoved"),
    ("plaintext.eml", "bounce", "plaintext", "lost@mail.example.net", "5.0.910", "filtered"),
    ("googlegroups.eml", "bounce", "googlegroups", "birders@googlegroups.com", "5.0.918", "rejected"),
    ("notes.eml", "bounce", "notes", "jsmith@notes.example.co.jp", "5.0.911", "userunknown"),
    ("imailserver.eml", "bounce", "imailserver", "nobody@imail.example.com", "5.0.911", "userunknown"),
    ("mailmarshal.eml", "bounce", "mailmarshal", "buyer@mm.example.com", "5.1.1", "userunknown"),
    ("amavis.eml", "virus_notice", "amavis", "inbox@mx.example.net", "5.7.0", "virusdetected"),
    ("courier.eml", "bounce", "courier", "full@mail.example.net", "5.2.2", "mailboxfull"),
    ("messagingserver.eml", "bounce", "messagingserver", "prof@ms.example.edu", "5.1.1", "userunknown"),
    ("powermta.eml", "bounce", "powermta", "someone@dest.example.net", "5.0.0", "userunknown"),
    ("exim-malformed.eml", "bounce", "exim", "bad..dots@shop.example.net", "5.1.3", None),
    ("sendmail-nocollect.eml", "bounce", "sendmail", "gone@dest.example.net", "5.1.1", "userunknown"),
    ("aol.eml", "bounce", "aol", "birdwatcher77@aol.com", None, None),
    ("yahoo-old.eml", "bounce", "yahoo", "closed.account@yahoo.com", None, None),
    ("hotmail.eml", "bounce", "mssmtp", "no.longer.here@hotmail.com", None, None),
    ("exchange2000.eml", "bounce", "exchange2003", "k.meyer@corp.example.com", None, "userunknown"),
    ("groupwise-old.eml", "bounce", "groupwise", "asmith@gw.example.edu", "5.1.1", "userunknown"),
    ("netscape.eml", "bounce", "netscape", "overquota@mail.example.com", None, "mailboxfull"),
    ("messagelabs.eml", "bounce", "messagelabs", "l.moreau@dest4.example", "5.0.0", "userunknown"),
    ("smail.eml", "bounce", "smail", "k.weber@t-online.de", "5.2.2", "mailboxfull"),
    ("arf.eml", "feedback_report", "arf", "reader@example.net", None, "feedback"),
    ("vacation.eml", "autoreply", "rfc3834", "peter@example.net", None, "vacation"),
    ("challenge.eml", "challenge", None, None, None, None),
    ("virus.eml", "virus_notice", "trendmicro", "victim@example.net", None, None),
    ("spamfilter.eml", "spam_notice", "barracuda", "victim@example.net", "5.7.1", "spamdetected"),
    ("boxbe.eml", "challenge", None, None, None, None),
    ("ham-about-bounce.eml", "ham", None, None, None, None),
    ("ham-forwarded-notice.eml", "ham", None, None, None, None),
]


def parsed(name: str) -> Parsed:
    data = (SAMPLES / name).read_bytes()
    msg = BytesParser(policy=compat32).parsebytes(normalize_eol(data))
    return Parsed("k", "/s", "eml", RawMessage(name, data), msg)


@pytest.mark.parametrize("sample,kind,fmt,recipient,status,reason", CASES, ids=[c[0] for c in CASES])
def test_sample_yields_its_fields(sample, kind, fmt, recipient, status, reason):
    notice = analyse(parsed(sample))
    assert notice.kind == kind
    assert (notice.bounce.format if notice.bounce else None) == fmt
    if recipient is None:
        assert not notice.deliveries
        return
    first = notice.deliveries[0]
    assert first.recipient == recipient
    if status is not None:
        assert first.status == status
    if reason is not None:
        assert first.reason == reason


# sample, kind, every recipient in order (None: the notice names nobody)
LISTED = [
    ("plainlist.eml", "bounce", ["first.gone@gate.example.com", "second.gone@gate.example.com"]),
    ("oneliner.eml", "bounce", [None]),
    ("aol.eml", "bounce", ["birdwatcher77@aol.com"]),
    ("boxbe.eml", "challenge", []),
]


@pytest.mark.parametrize("sample,kind,recipients", LISTED, ids=[c[0] for c in LISTED])
def test_every_listed_recipient_and_no_other(sample, kind, recipients):
    notice = analyse(parsed(sample))
    assert notice.kind == kind
    assert [d.recipient for d in notice.deliveries] == recipients


@pytest.mark.parametrize("sample,source,subject", [
    ("qmail.eml", "inline", "cheap watches"),
    ("postfix-dsn.eml", "headers", "Cheap pills 50mg"),
    ("vacation.eml", "subject", "Cheap pills 50mg"),
])
def test_original_is_found(sample, source, subject):
    original = analyse(parsed(sample)).original
    assert original["orig_source"] == source and original["orig_subject"] == subject


def test_urls_and_registered_domains_of_the_original():
    original = analyse(parsed("qmail.eml")).original
    assert original["orig_urls"] == ["http://www.watches.example.com/buy"]
    assert original["orig_url_domains"] == ["example.com"]
    assert original["has_body"] and original["orig_received"]


@pytest.mark.parametrize("module", REGISTRY, ids=[m.NAME for m in REGISTRY])
def test_every_parser_ignores_empty_input_and_ordinary_mail(module):
    for raw in (b"", b"From: a@example.org\nTo: b@example.net\nSubject: lunch?\n\nAre you free at noon?\n"):
        msg = BytesParser(policy=compat32).parsebytes(raw)
        assert module.parse(Context.of(msg)) is None


def test_every_registered_format_has_a_sample():
    assert {m.NAME for m in REGISTRY} <= {c[2] for c in CASES}


# status, diagnostic, refused command, local program, reason: the two-pass decision of dsn/reasons.py
REASON_CASES = [
    ("5.1.1", "550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in local recipient table",
     "RCPT", False, "userunknown"),
    (None, "550 Unknown user", None, False, "filtered"),
    (None, "550 Unknown user", "DATA", False, "filtered"),
    (None, "550 Unknown user", "RCPT", False, "userunknown"),
    ("5.2.1", "550 5.2.1 <a@example.net>... User Unknown", None, False, "filtered"),
    ("5.1.2", "550 5.1.2 <a@example.net>: Recipient address rejected: Bad destination system address",
     "RCPT", False, "hostunknown"),
    (None, "550 Unroutable sender address", "MAIL", False, "rejected"),
    ("5.6.0", "554 5.6.0 This message has been scored as spam", "DATA", False, "spamdetected"),
    (None, "Name service error for domain example.com: Host not found, try again", None, False, "networkerror"),
    (None, "Host or domain name not found. Name service error for name=example.com", None, False, "hostunknown"),
    ("5.2.2", "552 5.2.2 Mailbox full", "RCPT", False, "mailboxfull"),
    ("4.3.0", "Disk quota exceeded", None, True, "mailboxfull"),
    (None, "71", None, True, "mailererror"),
    ("5.2.0", "procmail: Lock failure on \"/var/mail/u/mailbox.lock\"", None, True, "mailererror"),
    (None, "504 Command parameter not implemented", None, False, "syntaxerror"),
    ("5.4.1", "550 5.4.1 All recipient addresses rejected : Access denied", "RCPT", False, "rejected"),
    (None, "Something the rules do not know", None, False, "onhold"),
    (None, "", None, False, "undefined"),
]


@pytest.mark.parametrize("status,diagnostic,command,local,reason", REASON_CASES)
def test_reason_rules(status, diagnostic, command, local, reason):
    assert dsn.reasons.classify(status, diagnostic, "failed", command, local) == reason


# recipient, remote MTA, diagnostic, what the provider's rule says
PROVIDER_CASES = [
    ("a@ezweb.ne.jp", None, "550 : User unknown", "filtered"),
    ("a@ezweb.ne.jp", None, "550 <a@ezweb.ne.jp>: User unknown", "userunknown"),
    ("a@example.org", None, "550 : User unknown", None),
    ("a@yahoo.com", None, "554 delivery error: dd This user doesn't have a yahoo.com account", "userunknown"),
    ("a@example.com", "smtp.secureserver.net", "550 5.1.1 <a@example.com> - 203.0.113.9 has sent to too many "
     "recipients this hour. IB607", "speeding"),
    ("a@example.co.uk", "service9.mimecast.com", "554 email rejected due to security policies - MCSpamSignature",
     "virusdetected"),
]


@pytest.mark.parametrize("recipient,remote,diagnostic,reason", PROVIDER_CASES)
def test_provider_rules(recipient, remote, diagnostic, reason):
    assert dsn.providers.reason_for(recipient, remote, diagnostic) == reason


def test_kinds_are_the_documented_set():
    assert set(kinds.KINDS) == {"bounce", "autoreply", "challenge", "virus_notice", "spam_notice",
                                "feedback_report", "ham"}
    assert dsn.reasons.pseudo_status("userunknown") == "5.0.911"


DOMINO_WITHOUT_COPY = b"""Return-Path: <>
From: Postmaster@dest.example
To: owner@example.org
Subject: DELIVERY FAILURE: User jdoe (jdoe@dest.example) not listed in Domino Directory
X-Mailer: Lotus Domino Release 9.0.1

Your message

  Subject: cheap watches

was not delivered to:

  jdoe@dest.example

because:

  User jdoe (jdoe@dest.example) not listed in Domino Directory
"""

EXCHANGE_WITHOUT_COPY = b"""Return-Path: <>
From: postmaster@dest.example
To: owner@example.org
Subject: Undeliverable: cheap watches
Content-Type: text/plain

Delivery has failed to these recipients or groups:

jdoe@dest.example
The e-mail address you entered couldn't be found.
"""


@pytest.mark.parametrize("data,subject", [
    (DOMINO_WITHOUT_COPY, "cheap watches"),     # Domino's subject names the failure; its text quotes the subject
    (EXCHANGE_WITHOUT_COPY, "cheap watches"),   # Exchange names the original's subject after "Undeliverable:"
], ids=["domino", "exchange"])
def test_subject_of_a_notice_that_carries_no_copy(data, subject):
    msg = BytesParser(policy=compat32).parsebytes(normalize_eol(data))
    original = analyse(Parsed("k", "/s", "eml", RawMessage("x.eml", data), msg)).original
    assert original["orig_source"] == "subject" and original["orig_subject"] == subject
