"""Table-driven: the failed addresses a plain notice lists under its failure sentence.

Each case is a notice from a mail system (null sender) with the list written in one of
the layouts seen in the wild, and the recipients the reader must take from it, in order.
"""
from __future__ import annotations

from email.parser import Parser
from email.policy import compat32

import pytest

from toolkit import dsn

HEAD = "Return-Path: <>\nFrom: {sender}\nTo: owner@example.org\nSubject: Returned mail\n\n"

# sender, notice text, recipients (None: a name nothing resolves)
CASES = [
    ("MAILER-DAEMON@relay.example.net",
     "   ----- The following addresses had permanent fatal errors -----\n<a1@dest.example.net>\n"
     "    (reason: 550 5.1.1 User unknown)\n<a2@dest.example.net>\n    (reason: 550 5.1.1 User unknown)\n",
     ["a1@dest.example.net", "a2@dest.example.net"]),
    # sendmail's local user: a bare name belongs to the reporting system's domain
    ("MAILER-DAEMON@mx.example.net",
     "   ----- The following addresses had permanent fatal errors -----\njdoe\n"
     "    (reason: 550 5.1.1 jdoe... User unknown)\n", ["jdoe@example.net"]),
    # a wrapped failure sentence, then the list after a blank line
    ("postmaster@gw.example.com",
     "Your message could not be delivered to the following\nrecipients because of a permanent error:\n\n"
     "  Recipient address: r1@gw.example.com\n  Reason: 550 mailbox unavailable\n", ["r1@gw.example.com"]),
    # the notice's own addressee named in the sentence is not an item
    ("MAILER-DAEMON@mail.example.com",
     "Delivery to the following recipients failed because they do not accept mail from owner@example.org:\n"
     "\tpeer@mail.example.com\n", ["peer@mail.example.com"]),
    # Exchange 2000 quotes the address and stamps the time after it
    ("postmaster@corp.example.com",
     "The following recipient(s) could not be reached:\n\n      'k.m@corp.example.com' on 14.08.2006 10:00\n"
     "            The recipient name is not recognized\n", ["k.m@corp.example.com"]),
    # AOL: screen names with spaces, which AOL ignores, after "could not be delivered to:"
    ("MAILER-DAEMON@aol.com", "The mail you sent could not be delivered to:\n\n  Some Body 12\n\n"
     "Reason: mailbox unavailable\n", ["somebody12@aol.com"]),
    # a quoted <address> in the sentence (Kerio Connect style)
    ("postmaster@corp.example.com", "Failed to deliver to '<x@corp.example.com>'\nSMTP module reports:\n"
     " 550 5.1.1 User unknown\n", ["x@corp.example.com"]),
    # an Exchange 5.5 display name the message does not resolve: a bounce about someone unnamed
    ("postmaster@exch.example.com",
     "did not reach the following recipient(s):\n\nJ. Doe on Fri, 14 Sep 2007 18:52:54 +0300\n"
     "    The recipient name is not recognized\n", [None]),
]


def bounce_of(sender: str, text: str):
    msg = Parser(policy=compat32).parsestr(HEAD.format(sender=sender) + text)
    return dsn.parse(msg)


@pytest.mark.parametrize("sender,text,recipients", CASES, ids=[str(i) for i in range(len(CASES))])
def test_listed_recipients(sender, text, recipients):
    bounce = bounce_of(sender, text)
    assert bounce is not None
    assert [d.recipient for d in bounce.deliveries] == recipients


def test_a_bare_local_name_is_first_one_of_the_messages_own_recipients():
    text = ("   ----- The following addresses had permanent fatal errors -----\njdoe\n\n"
            "   ----- Original message follows -----\n\nFrom: owner@example.org\nTo: J <jdoe@other.example.org>\n"
            "Subject: hi\n\nhello\n")
    bounce = bounce_of("MAILER-DAEMON@mx.example.net", text)
    assert [d.recipient for d in bounce.deliveries] == ["jdoe@other.example.org"]


def test_a_delay_list_is_a_delay():
    bounce = bounce_of("postmaster@mail.example.com", "This is an automatically generated Delivery Status "
                       "Notification.\n\nDelivery to the following recipients has been delayed.\n\n"
                       "       slow@example.net\n")
    assert bounce.format == "mssmtp"
    assert [(d.recipient, d.action, d.status[0]) for d in bounce.deliveries] == [("slow@example.net", "delayed", "4")]


def test_a_challenge_stating_nothing_failed_is_no_bounce():
    bounce = bounce_of("member@example.net", "Your message will be delivered once you verify that you are a "
                       "real person: this address does not exist in my approved senders list.\n")
    assert bounce is None


def test_a_report_with_no_recipient_block_names_no_one_from_its_greeting():
    """A challenge dressed as a 4.7.0 report: the original's sender, greeted in the text, is no recipient."""
    text = ("MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
            "--b\nContent-Type: text/plain\n\nHello owner@example.org,\nyour message awaits review.\n\n"
            "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; cr.example\n\nAction: delayed\n"
            "Status: 4.7.0\n\n--b\nContent-Type: text/rfc822-headers\n\nFrom: sender@example.com\n"
            "To: member@example.net\nSubject: hi\n\n--b--\n")
    head = "Return-Path: <>\nFrom: notify@cr.example\nTo: sender@example.com\nSubject: Re: hi\n"
    assert dsn.parse(Parser(policy=compat32).parsestr(head + text)) is None


def test_a_report_naming_the_originals_sender_only_is_no_bounce():
    """tests/samples/boxbe.eml: its DSN part names the original's sender, who was none of its recipients."""
    from test_notices import parsed
    assert dsn.parse(parsed("boxbe.eml").msg) is None


def test_a_person_quoting_a_failure_list_is_not_a_bounce():
    msg = Parser(policy=compat32).parsestr(
        "From: friend@example.com\nTo: owner@example.org\nSubject: Re: returned mail\n\n"
        "I got this: The following addresses had permanent fatal errors\n<x@example.net>\n")
    assert dsn.parse(msg) is None
