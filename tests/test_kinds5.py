"""Kinds and products of notices read from their products' documented forms (samples written here from the
templates and documents each row names; invented hosts and people).

A list manager writing to a post's sender is an auto-reply; filters name their verdict in a reason field;
vacation(1)'s default message is its own; a bounce-like notice with a non-null envelope naming nothing is a
phish; Microsoft's SMTP service and Zoho Mail are named by their own text and writer stamp.
"""
from __future__ import annotations

from email import message_from_string

import pytest

from toolkit import headers
from toolkit.messages import Parsed
from toolkit.notices import Notice, analyse
from toolkit.sources import RawMessage


def analyse_text(text: str) -> Notice:
    return analyse(Parsed("k", "/s", "eml", RawMessage("x", text.encode()), message_from_string(text)))


def mail(head: str, body: str) -> str:
    return head.strip() + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" + body.lstrip()


# Mailman 2's Hold.py subject and postheld.txt text, with the list headers its virgin queue adds.
MAILMAN_HELD = mail("""
Return-Path: <members-bounces@lists.example.org>
From: members-owner@lists.example.org
To: someone@example.net
Subject: Your message to Members awaits moderator approval
X-Mailman-Version: 2.1.39
Precedence: bulk
List-Id: <members.lists.example.org>
X-BeenThere: members@lists.example.org
""", """
Your mail to 'Members' with the subject

    Cheap watches

Is being held until the list moderator can review it for approval.

The reason it is being held:

    Post by non-member to a members-only list
""")
# Mailman 3's list:user:notice:hold, its subject naming the list's posting address.
MAILMAN3_HELD = mail("""
Return-Path: <team-bounces@example.org>
From: team-owner@example.org
To: someone@example.net
Subject: Your message to team@example.org awaits moderator approval
List-Id: <team.example.org>
""", """
Your mail to 'Team' with the subject

    hello

Is being held until the list moderator can review it for approval.
""")
# A list's own post about moderation (a member writing to the list): ham.
LIST_POST = mail("""
Return-Path: <team-bounces@example.org>
From: Ann Member <ann@example.com>
To: team@example.org
Subject: Who approves held posts?
List-Id: <team.example.org>
""", "Our moderator approval queue is long: who reviews held posts?\n")
# A person forwarding Mailman's hold notice to a colleague, its words quoted inline: ham, as any forwarded notice.
PERSON_FORWARDS_HELD = mail("""
From: Ann Member <ann@example.com>
To: bob@example.net
Subject: Fwd: Your message to Members awaits moderator approval
""", """
Bob, can you approve this? It is stuck:

---------- Forwarded message ----------
Your mail to 'Members' with the subject

    Meeting notes

Is being held until the list moderator can review it for approval.
""")
# fml's refusal of a non-member (Sisimai's Lhost::FML reads the same notice).
FML_REFUSAL = mail("""
Return-Path: <birds-admin@lists.example.org>
From: birds-admin@lists.example.org
To: someone@example.net
Subject: birds ML: you are not a member
X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]
X-ML-Name: birds
Precedence: bulk
""", """
You are not a member of this mailing list <birds@lists.example.org>.

If you know the general guide of this list, please send mail with the mail body

	help

to the address

	birds-ctl@lists.example.org
""")
# McAfee Email Gateway's notice: X-NAI-Header, "Reason:" the verdict or the detection's name.
MCAFEE_SPAM = mail("""
Return-Path: <>
From: postmaster@gw.example.com
To: someone@example.net
Subject: McAfee Email Gateway: message blocked
X-NAI-Header: Modified by McAfee Email Gateway (gw.example.com)
""", "The message with subject 'Cheap watches' was blocked. Reason: Spam.\n")
MCAFEE_VIRUS = MCAFEE_SPAM.replace("Reason: Spam.", "Reason: W32/Netsky.p@MM.")
# Trend Micro InterScan Messaging Security's policy notification to the sender.
IMSS_SPAM = mail("""
Return-Path: <>
From: postmaster@example.com
To: someone@example.net
Subject: [IMSS] Message blocked: Cheap watches
Auto-Submitted: auto-generated
""", """
InterScan Messaging Security detected a spam message in the message you sent to sales@example.com.

Subject: Cheap watches
Action taken: Deleted
""")
SURFCONTROL = mail("""
Return-Path: <>
From: postmaster@example.fr
To: someone@example.net
Subject: SurfControl E-mail Filter: message blocked
""", "The message you sent to ventes@example.fr (subject: offer) was blocked by SurfControl E-mail Filter.\n")
# MailMarshal names the rule that stopped the message.
MAILMARSHAL_VIRUS = mail("""
Return-Path: <>
From: MailMarshal <mailmarshal@example.com>
To: someone@example.net
Subject: Message blocked: Invoice
""", """
MailMarshal has stopped a message from you.

Recipient: accounts@example.com
Rule: Virus Scanning: Troj/Agent-XYZ
""")
# cPanel BoxTrapper: "verify#%msgid%", the msgid being Exim's (hyphenated) message id.
BOXTRAPPER = mail("""
Return-Path: <david@example.com.au>
From: david@example.com.au <david@example.com.au>
To: someone@example.net
Subject: verify#1UwJVy-000JND-sl
Precedence: bulk
""", """
The user david@example.com.au is using a personal email filtering system known as BoxTrapper.
If you would like your email to be delivered, simply reply to this message without changing the subject.
""")
# A challenge whose From puts the challenged address as an unquoted display name before the system's own.
QURB = mail("""
Return-Path: <confirm@qurb.com>
From: sales@example.net <confirm@qurb.com>
To: someone@example.net
Subject: Re: offer (authorization required)
""", "Your message to sales@example.net is held pending confirmation. Click the link to deliver it.\n")
# vacation(1)'s default ~/.vacation.msg (Debian's vacation package), sent under Precedence: bulk.
VACATION_DEFAULT = mail("""
Return-Path: <ann@example.com>
From: Ann <ann@example.com>
To: someone@example.net
Subject: away from my mail
Precedence: bulk
""", """
I will not be reading my mail for a while.
Your mail concerning "Cheap watches"
will be read when I'm back.
""")
# The same words from a person, without vacation's precedence: ham.
PERSON_AWAY = VACATION_DEFAULT.replace("Precedence: bulk\n", "")
# A GroupWise out-of-office reply in Dutch, sent with the null sender.
GROUPWISE_OOO = mail("""
Return-Path: <>
From: Jan <jan@example.nl>
To: someone@example.net
Subject: Re: offer
In-Reply-To: <abc@example.net>
X-Mailer: GroupWise Internet Agent 18.2.1
""", "Ik ben afwezig tot en met 17.09.2026. Voor dringende zaken: info@example.nl.\n")
# A phish dressed as a bounce from a MAILER-DAEMON address of the owner's own domain: nothing returned,
# no failed recipient, a non-null envelope.
PHISH_FROM_DAEMON = mail("""
Return-Path: <mailer-daemon@example.net>
From: Mail Delivery System <mailer-daemon@example.net>
To: someone@example.net
Subject: Mail delivery failed: returning message to sender
""", """
Dear someone@example.net,

We were unable to deliver 3 incoming messages to your mailbox due to a server error. Click below to release them.
""")
# The same text with the null envelope RFC 5321 asks of a bounce: read as one (a mail system's failure notice).
DAEMON_NULL_ENVELOPE = PHISH_FROM_DAEMON.replace("Return-Path: <mailer-daemon@example.net>", "Return-Path: <>")
# IIS SMTP / Exchange 2003 routing: its DSN opening, a Microsoft SMTP Server stamp in the returned original.
MSSMTP_DSN = """Return-Path: <>
From: postmaster@mail.example.ca
To: someone@example.net
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset="us-ascii"

This is an automatically generated Delivery Status Notification.

Delivery to the following recipients failed.

       laura@example.ca

--B
Content-Type: message/delivery-status

Reporting-MTA: dns;mail.example.ca

Final-Recipient: rfc822; laura@example.ca
Action: failed
Status: 5.1.1

--B
Content-Type: message/rfc822

Received: from [192.0.2.7] by mail.example.ca with Microsoft SMTP Server id 6.0.3790.4675
From: someone@example.net
To: laura@example.ca
Subject: offer

hello
--B--
"""
# Zoho Mail's out-of-office reply: its writer stamp beside a subject prefix Outlook uses too.
ZOHO_OOO = mail("""
Return-Path: <thomas@zoho.com>
From: Thomas <thomas@zoho.com>
To: someone@example.net
Subject: Out of Office: offer
In-Reply-To: <abc@example.net>
Auto-Submitted: auto-replied
User-Agent: Zoho Mail
X-Mailer: Zoho Mail
""", "Je suis actuellement en congés.\n")

# sample, kind, product
CASES = [
    (MAILMAN_HELD, "autoreply", None),
    (MAILMAN3_HELD, "autoreply", None),
    (LIST_POST, "ham", None),
    (PERSON_FORWARDS_HELD, "ham", None),
    (FML_REFUSAL, "autoreply", "fml"),
    (MCAFEE_SPAM, "spam_notice", "mcafee"),
    (MCAFEE_VIRUS, "virus_notice", "mcafee"),
    (IMSS_SPAM, "spam_notice", "trendmicro"),
    (SURFCONTROL, "spam_notice", "surfcontrol"),
    (MAILMARSHAL_VIRUS, "virus_notice", "mailmarshal"),
    (BOXTRAPPER, "challenge", "boxtrapper"),
    (QURB, "challenge", "qurb"),
    (VACATION_DEFAULT, "autoreply", "vacation"),
    (PERSON_AWAY, "ham", None),
    (GROUPWISE_OOO, "autoreply", "groupwise"),
    (PHISH_FROM_DAEMON, "ham", None),
    (DAEMON_NULL_ENVELOPE, "bounce", None),
    (MSSMTP_DSN, "bounce", "mssmtp"),
    (ZOHO_OOO, "autoreply", "zoho"),
]


@pytest.mark.parametrize("text,kind,product", CASES)
def test_kind_and_product(text, kind, product):
    notice = analyse_text(text)
    assert (notice.kind, notice.software) == (kind, product)


def test_fml_refusal_keeps_its_delivery():
    """An auto-reply by kind, fml's notice still yields the refused poster's delivery (Sisimai reads it as one)."""
    notice = analyse_text(FML_REFUSAL)
    assert [d.recipient for d in notice.deliveries] == ["birds@lists.example.org"]


# From field, (display name, address): the angle address is the mailbox even when the name is an address.
FROM_FIELDS = [
    ("sales@example.net <confirm@qurb.com>", ("sales@example.net", "confirm@qurb.com")),
    ("Ann <ann@example.com>", ("Ann", "ann@example.com")),
    ("ann@example.com", (None, "ann@example.com")),
]


@pytest.mark.parametrize("value,expected", FROM_FIELDS)
def test_from_address(value, expected):
    assert headers.address(message_from_string(f"From: {value}\n\nx\n"), "From") == expected
