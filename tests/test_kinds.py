"""Kinds and the product that wrote each notice, one sample per fact (tests/samples/, invented names).

Challenge systems are challenges even when dressed as a delivery report; auto-replies and
challenges are named after the responder, not the MTA under it; spam filters calling themselves
anti-virus are spam notices; a person forwarding a bounce is ham.
"""
from __future__ import annotations

import pytest

from email import message_from_string

from toolkit import kinds, products
from toolkit.dsn import Context
from toolkit.fingerprint import DAEMON_SENDERS, MARKS, MTAS, RECEIVED_STAMPS
from toolkit.messages import Parsed
from toolkit.notices import Notice, analyse
from toolkit.sources import RawMessage

from test_notices import SAMPLES, parsed


def analyse_text(text: str) -> Notice:
    return analyse(Parsed("k", "/s", "eml", RawMessage("x", text.encode()), message_from_string(text)))

# sample, kind, bouncer_software
CASES = [
    ("choicemail.eml", "challenge", "choicemail"),
    ("boxbe-report.eml", "challenge", "boxbe"),
    ("spamarrest.eml", "challenge", "spamarrest"),
    ("challenge.eml", "challenge", "tmda"),
    ("cpanel-autoreply.eml", "autoreply", "cpanel"),
    ("dovecot-vacation.eml", "autoreply", "dovecot-sieve"),
    ("unix-vacation.eml", "autoreply", "vacation"),
    ("exchange-oof-sv.eml", "autoreply", "exchange"),
    ("zimbra-oof.eml", "autoreply", "zimbra"),
    ("mailmarshal-spam.eml", "spam_notice", "mailmarshal"),
    ("sophos-spam.eml", "spam_notice", "sophos"),
    ("virus.eml", "virus_notice", "trendmicro"),
    ("dmarc-failure.eml", "feedback_report", "opendmarc"),
    ("arf.eml", "feedback_report", "arf"),
    ("fwd-bounce.eml", "ham", None),
    ("ham-forwarded-notice.eml", "ham", None),
    ("postfix-dsn.eml", "bounce", "postfix"),
]


@pytest.mark.parametrize("sample,kind,software", CASES, ids=[c[0] for c in CASES])
def test_kind_and_product(sample, kind, software):
    notice = analyse(parsed(sample))
    assert (notice.kind, notice.software) == (kind, software)


def test_a_null_sender_failure_notice_is_never_an_autoreply():
    ctx = Context.of(parsed("not-valid-user.eml").msg)
    assert kinds.failure_notice(ctx)
    assert not kinds.autoreply(ctx, None)
    assert analyse(parsed("not-valid-user.eml")).kind != "autoreply"


@pytest.mark.parametrize("sample", ["dovecot-vacation.eml", "zimbra-oof.eml", "exchange-oof-sv.eml"])
def test_a_person_away_is_not_a_failure_notice(sample):
    assert not kinds.failure_notice(Context.of(parsed(sample).msg))


def test_every_product_name_is_in_the_one_vocabulary():
    from toolkit.dsn.formats import REGISTRY
    from toolkit.fingerprint import FORMAT_TO_PRODUCT

    by_format = {FORMAT_TO_PRODUCT.get(m.NAME, m.NAME) for m in REGISTRY} - {None}
    named = {m.name for m in MARKS} | {name for name, _ in MTAS + RECEIVED_STAMPS + DAEMON_SENDERS} | by_format
    unknown = named - set(products.PRODUCTS) - EXTRA_NAMES
    assert not unknown, f"add these to toolkit/products.py: {sorted(unknown)}"


# Names the toolkit recognises that the vocabulary does not list yet: none (add any new one to products.py).
EXTRA_NAMES: set[str] = set()


AWAY_QUOTING_A_FAILURE = """Return-Path: <>
From: Lena <lena@varga-studio.example>
To: owner@example.org
Subject: Auto: Delivery failed: parcel 4804
Auto-Submitted: auto-replied (vacation)
Message-ID: <dovecot-sieve-1709633160-40211-1@mail.varga-studio.example>

Je suis en conges jusqu'au 18 mars.
"""
SPAMTITAN_BLOCK = """Return-Path: <>
From: SpamTitan <spamtitan@mx1.coastbank.example>
To: owner@example.org
Subject: Message Blocked: Discount pharmacy

Your message to info@coastbank.example has been blocked by SpamTitan.
Reason: the message scored above the spam threshold.
"""
POLISH_OOF = """From: Ewa <ewa@biuro.example>
To: owner@example.org
Subject: =?utf-8?q?Odpowied=C5=BA_automatyczna=3A_Discount_pharmacy?=
Auto-Submitted: auto-generated
Thread-Index: AQHaBc12345==

Jestem nieobecna do 20 marca.
"""


@pytest.mark.parametrize("text,kind,software", [
    (AWAY_QUOTING_A_FAILURE, "autoreply", "dovecot-sieve"),  # the failure is the quoted subject's, not its own
    (SPAMTITAN_BLOCK, "spam_notice", "spamtitan"),
    (POLISH_OOF, "autoreply", "exchange"),
], ids=["away-quoting-failure", "spamtitan", "polish-oof"])
def test_inline_kind_and_product(text, kind, software):
    notice = analyse_text(text)
    assert (notice.kind, notice.software) == (kind, software)


UNREAD_FAILURE = """Return-Path: <>
From: postmaster@gw.example.it
To: owner@example.org
Subject: Message status - unexpected form

The message that you sent was undeliverable to the following:
\tadmin (User not found)
"""


def test_a_mail_systems_failure_notice_no_format_reads_is_still_a_bounce():
    notice = analyse_text(UNREAD_FAILURE)
    assert notice.kind == "bounce"


SENDIO_QUOTING_A_FAILURE = """From: Chloe <chloe@foods.example>
To: owner@example.org
Subject: Please verify your email address (RE: Your parcel 9909 could not be delivered)
Auto-Submitted: auto-replied

Hello,

chloe@foods.example is protected by Sendio. Your message has been held until you verify your email
address. This is a one-time process.

Subject: RE: Your parcel 9909 could not be delivered
"""
MDAEMON_STYLE = """Return-Path: <>
From: MDaemon@relay.stone.example
To: owner@example.org
Subject: Permanent Delivery Failure

The attached message had PERMANENT fatal delivery errors!

YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!
"""


@pytest.mark.parametrize("text,kind", [(SENDIO_QUOTING_A_FAILURE, "challenge"), (MDAEMON_STYLE, "bounce")],
                         ids=["sendio-quoting-failure", "mdaemon-style"])
def test_inline_kind(text, kind):
    assert analyse_text(text).kind == kind


def test_a_filter_is_named_by_its_words_not_by_a_host_name():
    """A Postfix bounce from a host on Proofpoint's network (mx0b.pphosted.com) was written by Postfix."""
    text = (SAMPLES / "postfix-dsn.eml").read_text().replace("mx.example.net", "mx0b-0041.pphosted.com")
    notice = analyse_text(text)
    assert (notice.kind, notice.software) == ("bounce", "postfix")
    worded = text.replace("This is the mail system", "Proofpoint Protection Server has blocked this. This is the mail system")
    notice = analyse_text(worded)
    assert notice.software == "proofpoint"


def test_a_challenge_through_a_mail_gateway_is_the_challenge_systems():
    text = (SAMPLES / "choicemail.eml").read_text().replace(
        "Message-ID:", "X-MC-Unique: abc-123\nX-Mimecast-Spam-Score: 0\nThread-Index: AQHa==\nMessage-ID:")
    notice = analyse_text(text)
    assert (notice.kind, notice.software) == ("challenge", "choicemail")


POSTFIX_SPAM_REFUSAL = """Return-Path: <>
From: MAILER-DAEMON@out.example.net (Mail Delivery System)
To: owner@example.org
Subject: Undelivered Mail Returned to Sender

This is the mail system at host out.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<info@shop.example>: host mx.shop.example[192.0.2.8] said: 550 5.7.1
    Message contains spam or virus. (in reply to end of DATA command)
"""
POSTFIX_BLOCKLIST_REFUSAL = POSTFIX_SPAM_REFUSAL.replace(
    "Message contains spam or virus. (in reply to end of DATA command)",
    "Service unavailable; Client host [192.0.2.9] blocked using\n    0spam.example.org; see its list (in reply to RCPT TO command)")
QMAIL_RETURNING_A_SCANNED_ORIGINAL = """Return-Path: <>
From: MAILER-DAEMON@mail.example.net
To: owner@example.org
Subject: failure notice

Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<gone@dest.example>:
192.0.2.10 does not like recipient.
Remote host said: 550 Requested action not taken: mailbox unavailable

--- Below this line is a copy of the message.

Return-Path: <owner@example.org>
Received: (qmail 1234 invoked from network); 14 Apr 2024 15:44:11 -0000
X-Virus-Scanner: a virus scanner
X-Virus-Status: No virus found
X-Spam-Status: No, score=-3.3 required=5.0
From: owner@example.org
To: gone@dest.example
Subject: hello
"""
FILTER_STOPPED_A_VIRUS = """Return-Path: <>
From: Virus Alert <virusalert@gw.example.net>
To: owner@example.org
Subject: Virus found in a message you sent

Our gateway detected a virus (W32/Netsky.P) in a message you sent to sales@gw.example.net.
The message was not delivered.

Received: from pc1.cable.example ([192.0.2.11]) by gw.example.net; Mon, 11 Mar 2024 05:59:57 +0000
Message-ID: <v1@pc1.cable.example>
From: owner@example.org
Subject: document
"""


# A failed delivery stays a bounce when the refusal it relays names spam, a virus or a blocklist;
# a filter's own report that it stopped a message is a virus or spam notice.
@pytest.mark.parametrize("text,kind", [
    (POSTFIX_SPAM_REFUSAL, "bounce"),
    (POSTFIX_BLOCKLIST_REFUSAL, "bounce"),
    (QMAIL_RETURNING_A_SCANNED_ORIGINAL, "bounce"),
    (FILTER_STOPPED_A_VIRUS, "virus_notice"),
    (SPAMTITAN_BLOCK, "spam_notice"),
], ids=["relayed-spam-refusal", "relayed-blocklist-refusal", "original-scanned", "filter-virus", "filter-spam"])
def test_a_relayed_refusal_is_a_bounce_a_filters_report_is_a_notice(text, kind):
    assert analyse_text(text).kind == kind


# Outlook's localised "Automatic reply:" subject prefixes, each with the original's subject after it
# and no RFC 3834 header (a client-side rule sends them so): the prefix alone makes an auto-reply.
LOCALISED_REPLY = """From: {name} <person@example.hu>
To: owner@example.org
Subject: {prefix}: Cheap pills 50mg
Content-Type: text/plain; charset=utf-8

{body}
"""


@pytest.mark.parametrize("prefix,body", [
    ("Automatikus válasz", "Szabadságon vagyok március 20-ig."),
    ("Răspuns automat", "Sunt în concediu până pe 20 martie."),
    ("Automatski odgovor", "Na godišnjem sam odmoru do 20. ožujka."),
    ("Автоматична відповідь", "Я у відпустці до 20 березня."),
    ("自動回覆", "我休假至3月20日。"),
    ("תשובה אוטומטית", "אני בחופשה עד 20 במרץ."),
    ("Trả lời tự động", "Tôi đang nghỉ phép đến ngày 20 tháng 3."),
], ids=["hu", "ro", "hr", "uk", "zh-hant", "he", "vi"])
def test_a_localised_automatic_reply_prefix_makes_an_autoreply(prefix, body):
    text = LOCALISED_REPLY.format(name="Person", prefix=prefix, body=body)
    notice = analyse_text(text)
    assert notice.kind == "autoreply"
    assert notice.original["orig_subject"] == "Cheap pills 50mg"


# vacation(1)'s default message quotes the subject it answers; a spam subject may read like a failure.
VACATION_QUOTING = """Return-Path: <>
From: alex@kim-law.example (alex)
To: owner@example.org
Subject: I am away
Precedence: junk

I will not be reading my mail for a while. Your mail concerning "{subject}"
will be read when I'm back.
"""
REFUSAL_OWN_WORDS = """Return-Path: <>
From: alex@kim-law.example
To: owner@example.org
Subject: Re: {subject}

Sorry, your message could not be delivered: this mailbox is over quota.
"""


@pytest.mark.parametrize("text,subject,kind", [
    (VACATION_QUOTING, "Your mailbox is over quota (4120%)", "autoreply"),
    (VACATION_QUOTING, "Undeliverable: your parcel", "autoreply"),
    (REFUSAL_OWN_WORDS, "hello", "bounce"),   # the failure is in its own words: still a bounce
], ids=["quotes-quota", "quotes-undeliverable", "own-words"])
def test_a_failure_counts_in_a_notices_own_words_not_in_the_subject_it_quotes(text, subject, kind):
    assert analyse_text(text.format(subject=subject)).kind == kind


# Auto-replies without an RFC 3834 field, named by the responder's own subject prefix and headers: Exchange
# 2003's Out of Office Assistant ("Out of Office AutoReply: <subject>", X-MimeOLE and Thread-Topic, no
# Auto-Submitted) and Czech Outlook/Exchange ("Automatická odpověď:", Microsoft's cs-cz Outlook help).
EXCHANGE_OOF = """From: "Petr Novak" <p.novak@firma.example>
To: <owner@example.org>
Subject: {prefix}: Cheap pills 50mg
Date: Mon, 05 Jan 2026 10:00:00 +0100
Message-ID: <A1B2C3D4E5F6@mail.firma.example>
X-MimeOLE: Produced By Microsoft Exchange V6.5
Thread-Topic: Cheap pills 50mg
Thread-Index: AcZ1234567890ABCDEF==
Content-Type: text/plain; charset=utf-8

{body}
"""
# Zendesk's default trigger "Notify requester of received request": subject "[Request received]
# {{ticket.title}}", text "Your request ({{ticket.id}}) has been received and is being reviewed by our support
# staff." (Zendesk triggers API); all Zendesk mail carries Auto-Submitted: auto-generated and X-Mailer:
# Zendesk Mailer (Zendesk's SMTP connector article), its agents' answers included.
ZENDESK = """From: Example Support <support@shop.example>
To: owner@example.org
Subject: {subject}
Message-ID: <ABC123_5e41e701f984_4bbecf1c70194_sprut@zendesk.com>
In-Reply-To: <spam-1@owner.example.org>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-Mailer: Zendesk Mailer
Content-Type: text/plain; charset=utf-8

##- Please type your reply above this line -##

{body}
"""


@pytest.mark.parametrize("text,kind,software", [
    (EXCHANGE_OOF.format(prefix="Out of Office AutoReply", body="I am on leave until 20 January."),
     "autoreply", "exchange"),
    (EXCHANGE_OOF.format(prefix="Automatická odpověď", body="Jsem na dovolené do 20. ledna."), "autoreply", "exchange"),
    (ZENDESK.format(subject="[Request received] Cheap pills 50mg",
                    body="Your request (4711) has been received and is being reviewed by our support staff."),
     "autoreply", None),
    (ZENDESK.format(subject="Your email was received: Cheap pills 50mg", body="We will get back to you soon."),
     "autoreply", None),
    (ZENDESK.format(subject="Re: your order 4711", body="Hello, the parcel left our warehouse today. Jana"),
     "ham", None),  # an agent's answer: Zendesk's auto-generated field alone is no auto-reply
], ids=["exchange2003-oof", "czech-oof", "zendesk-request-received", "zendesk-email-received", "zendesk-agent"])
def test_a_responders_own_subject_or_receipt_makes_an_autoreply(text, kind, software):
    notice = analyse_text(text)
    assert (notice.kind, notice.software) == (kind, software)


# A filter's notice is a virus notice when the reason it gives names a virus or malware, a spam notice
# when it names spam; MailMarshal's "has stopped the following e-mail" is a filter stopping a message.
FILTER_NOTICE = """From: {name} <{sender}>
To: owner@example.org
Subject: Message blocked: Invoice
Content-Type: text/plain; charset=us-ascii

{opening}

Recipient: a.person@firm.example
Subject: Invoice
Reason: {reason}
"""


@pytest.mark.parametrize("name,sender,opening,reason,kind,software", [
    ("SpamTitan", "spamtitan@firm.example", "SpamTitan has blocked a message you sent.", "Virus Mal/Generic-S",
     "virus_notice", "spamtitan"),
    ("SpamTitan", "spamtitan@firm.example", "SpamTitan has blocked a message you sent.", "Spam score 12.4",
     "spam_notice", "spamtitan"),
    ("Proofpoint", "postmaster@firm.example", "The message was blocked by the Proofpoint Protection Server.",
     "Malware Trojan.Agent", "virus_notice", "proofpoint"),
    ("MailMarshal", "mailmarshal@firm.example", "MailMarshal has stopped the following e-mail.",
     "Suspected spam", "spam_notice", "mailmarshal"),
], ids=["spamtitan-virus", "spamtitan-spam", "proofpoint-malware", "mailmarshal-email"])
def test_a_filters_reason_says_virus_or_spam(name, sender, opening, reason, kind, software):
    notice = analyse_text(FILTER_NOTICE.format(name=name, sender=sender, opening=opening, reason=reason))
    assert (notice.kind, notice.software) == (kind, software)


# Sophos's notices say in Sophos's words that a threat was found, whatever the detection's name looks like: its own
# naming (Troj/, Mal/, CXmail/, HTML/), a vendor-neutral test name, a name in no scanner's form. Its spam notice and a
# bounce from a Sophos-filtered server saying it found nothing stay what they are. name, subject, body, kind
SOPHOS_NOTICE = """Return-Path: <>
From: {name} <postmaster@mail.firm.example>
To: owner@example.org
Subject: {subject}
Content-Type: text/plain; charset=us-ascii

{body}
"""


@pytest.mark.parametrize("name,subject,body,kind", [
    ("Sophos Email Appliance", "Message blocked: Invoice", "The Sophos Email Appliance at firm.example blocked your "
     "message to a.person@firm.example\nbecause it contains a threat: Troj/Agent-BGKX", "virus_notice"),
    ("Sophos Email Appliance", "Message blocked: Invoice", "Your message to a.person@firm.example was blocked.\n"
     "Threat: Mal/DrodZp-A", "virus_notice"),
    ("Sophos Email Appliance", "Message blocked: Invoice", "Your message to a.person@firm.example was blocked.\n"
     "Threat: EICAR-AV-Test", "virus_notice"),
    ("Mail Gateway", "PureMessage has processed a suspicious mail",
     "PureMessage has processed a suspicious mail you sent to a.person@firm.example.\nName: Zbot.Gen.Alpha7",
     "virus_notice"),
    ("Mail Gateway", "Undeliverable message: Invoice", "Sophos PureMessage rejected your message to "
     "a.person@firm.example:\nMessage contains a virus: CXmail/OleDl-AG", "virus_notice"),
    ("PureMessage", "Undeliverable message: Discount pharmacy", "The Sophos Email Appliance (anti-virus and "
     "anti-spam) at firm.example\nhas blocked your message to orders@firm.example because it was\nidentified as spam.",
     "spam_notice"),
    ("Sophos Email Appliance", "Message blocked: Discount pharmacy", "Your message to a.person@firm.example was "
     "blocked.\nThreat: none\nReason: identified as spam", "spam_notice"),
], ids=["troj-name", "mal-name", "neutral-name", "puremessage-suspicious", "puremessage-virus-ids", "spam",
        "spam-no-threat"])
def test_a_sophos_notice_naming_a_threat_is_a_virus_notice_whatever_the_name(name, subject, body, kind):
    notice = analyse_text(SOPHOS_NOTICE.format(name=name, subject=subject, body=body))
    assert (notice.kind, notice.software) == (kind, "sophos")


# A scanner's stamp that it found nothing ("no virus found", AVG's line under mail it checked) reports no virus.
@pytest.mark.parametrize("stamp", ["Scanned by Sophos: no virus found.", "No virus found in this message.",
                                   "Checked: no threats detected."])
def test_a_bounce_saying_its_scanner_found_no_virus_stays_a_bounce(stamp):
    text = ("Return-Path: <>\nFrom: MAILER-DAEMON@mx.firm.example (Mail Delivery System)\nTo: owner@example.org\n"
            "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.firm.example.\n\n"
            f"{stamp}\n\n<ghost@firm.example>: unknown user: \"ghost\"\n")
    assert analyse_text(text).kind == "bounce"


# Mimecast's own notices to the sender, in the form of its delivery-failure alert (formats/mimecast.py): a
# moderator's rejection of a held message with one of the reasons Mimecast's hold-reject API offers, a message held
# for review by a policy, are a filter's verdict on content (spam notices); its failure to deliver to an unknown
# recipient stays a bounce. All name Mimecast as the writer. subject, problem, detail, kind
MIMECAST_ALERT = """Return-Path: <>
From: "postmaster" <postmaster@firm.example>
To: <owner@example.org>
Subject: {subject}
Message-Id: <5521-0042@eu-mta-3.eu.mimecast.lan>
X-Mimecast-Originator: <>
Content-Type: text/plain; charset=UTF-8

This is an automated alert notification. Please do not reply.

An email that you attempted to send to the following address could not be delivered:
-- a.person@firm.example

The problem appears to be :
-- {problem}

Additional information follows :
-- {detail}
"""


@pytest.mark.parametrize("subject,problem,detail,kind", [
    ("[Postmaster] Email Delivery Failure", "Message rejected by a reviewer", "Message contains undesirable content",
     "spam_notice"),
    ("[Postmaster] Email Delivery Failure", "Message rejected by a reviewer", "Reviewer disapproves of content",
     "spam_notice"),
    ("[Postmaster] Email Delivery Failure", "Message rejected", "Message goes against email policies", "spam_notice"),
    ("[Postmaster] Message on hold", "Message held for review", "Rejected by the Content Examination policy",
     "spam_notice"),
    ("[Postmaster] Email Delivery Failure", "Recipient email address is possibly incorrect",
     "5.1.1 Recipient address rejected: User unknown", "bounce"),
    ("[Postmaster] Email Delivery Failure", "Recipient mailbox is full", "5.2.2 Mailbox quota exceeded", "bounce"),
], ids=["undesirable-content", "reviewer-disapproves", "email-policies", "held-content-examination",
        "unknown-user", "mailbox-full"])
def test_mimecasts_verdict_on_content_is_a_spam_notice(subject, problem, detail, kind):
    notice = analyse_text(MIMECAST_ALERT.format(subject=subject, problem=problem, detail=detail))
    assert (notice.kind, notice.software) == (kind, "mimecast")


# A service's report that speaks of bounces is no bounce: a forwarding provider's weekly report from a
# no-reply address, its "forwarding delayed" notice under a service's name ("... Email Delivery" is not
# "Mail Delivery System"). From the same address, a notice under a bounce subject, or stating a failure
# as such, still is one.
SERVICE_MAIL = """From: {name} <{sender}>
To: owner@example.org
Subject: {subject}
Content-Type: text/plain; charset=utf-8

{body}
"""


@pytest.mark.parametrize("name,sender,subject,body,kind", [
    ("Forwarder", "noreply@forwarder.example", "Weekly report for example.org",
     "Received: 120 emails\nForwarded: 100\nRejected as spam: 15\nBounced by destination: 5\n\nSome messages could "
     "not be forwarded to owner@gmail.example because the destination refused them (421-4.7.28).", "ham"),
    ("Forwarder Email Delivery", "delivery@forwarder.example", "Forwarding delayed",
     "We were unable to forward a message for owner@example.org to owner@gmail.example after several attempts.\n"
     "Reason: 421-4.7.28 rate limited. The message was from <news@shop.example>.", "ham"),
    ("Forwarder", "noreply@forwarder.example", "Undeliverable: your message",
     "Delivery to the following recipient failed permanently:\n\n    nobody@dest.example\n\n"
     "550 5.1.1 user unknown", "bounce"),
    # KDDI's au bounces come from a no-reply address under a Japanese subject: the failure stated as such counts
    ("au one net", "no-reply@mx.isp.example", "メールエラー通知",
     "Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900\n     Could not be delivered to: <nobody@isp.example>\n"
     "     As their mailbox is full.", "bounce"),
], ids=["weekly-report", "forwarding-delayed", "noreply-bounce", "noreply-stated-failure"])
def test_a_services_report_about_bounces_is_not_a_bounce(name, sender, subject, body, kind):
    assert analyse_text(SERVICE_MAIL.format(name=name, sender=sender, subject=subject, body=body)).kind == kind


def _truncated_report(sender: str, report_type: str) -> str:
    """A multipart/report cut off after its first, empty part (a damaged export, a disk full at the
    receiver): the declaration in its Content-Type is all that is left."""
    return (f"Return-Path: <>\nFrom: {sender}\nTo: owner@example.org\nSubject: Undelivered Mail Returned to Sender\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type={report_type};\n\tboundary="B1/mx.example"\n\n'
            "This is a multi-part message in MIME format.\n\n--B1/mx.example\nContent-Type: text/plain\n\n\n"
            "--B1/mx.example--\n")


# RFC 6522 / RFC 3464: a mail system's multipart/report declaring report-type=delivery-status is a DSN,
# even when no part of it can be read; other report types (RFC 5965's feedback-report) are not bounces.
# sender, report type, kind
DECLARED_REPORTS = [
    ("MAILER-DAEMON@mx.example (Mail Delivery System)", "delivery-status", "bounce"),
    ("postmaster@mx.example", '"delivery-status"', "bounce"),
    ("MAILER-DAEMON@mx.example (Mail Delivery System)", "disposition-notification", "ham"),
]


@pytest.mark.parametrize("sender,report_type,kind", DECLARED_REPORTS, ids=["dsn", "dsn-quoted", "mdn"])
def test_a_declared_delivery_status_report_is_a_bounce_however_damaged(sender, report_type, kind):
    assert analyse_text(_truncated_report(sender, report_type)).kind == kind


def _html_notice(sender: str, subject: str, html: str) -> str:
    """A mail system's HTML-only notice, base64 UTF-8 (as QQ Mail and Coremail send theirs), subject in RFC 2047."""
    from base64 import b64encode
    from email.header import Header
    body = b64encode(html.encode("utf-8")).decode("ascii")
    lines = "\n".join(body[i:i + 76] for i in range(0, len(body), 76))
    return (f"Return-Path: <>\nFrom: {sender}\nTo: owner@example.org\nSubject: {Header(subject, 'utf-8').encode()}\n"
            "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            f"{lines}\n")


# A mail system's notice stating a failure in Chinese, Japanese, Korean or Russian (toolkit/dsn/localised.py:
# each language's usual term for a returned or undeliverable message; the subject prefixes of Exchange's
# localised NDRs), HTML-only, the recipient in a table cell of its own or after a localised "recipient" label.
# sender, subject, html, kind, recipient
LOCALISED_FAILURES = [
    ("MAILER-DAEMON@mx.mail.example", "系统退信",
     "<html><body><div>您发送的邮件无法投递。</div><table><tr><td>收件人</td><td>li.wei@dest.example</td></tr>"
     "<tr><td>原因</td><td>550 User not found</td></tr></table></body></html>", "bounce", "li.wei@dest.example"),
    ("postmaster@mx.mail.example", "退信通知",
     "<p>很抱歉，您的邮件被退回。</p><p>收件人：chen@dest.example</p>", "bounce", "chen@dest.example"),
    ("postmaster@mx.mail.example", "配信不能: Invoice",
     "<p>メッセージを次の宛先に配信できませんでした。</p><p>宛先: tanaka@dest.example</p>", "bounce",
     "tanaka@dest.example"),
    ("postmaster@mx.mail.example", "배달 못 함: Invoice",
     "<p>메시지를 다음 받는 사람에게 배달하지 못했습니다. 배달 실패.</p><p>받는 사람: kim@dest.example</p>", "bounce",
     "kim@dest.example"),
    ("MAILER-DAEMON@mx.mail.example", "Не доставлено: Invoice",
     "<p>Не удалось доставить сообщение следующим получателям.</p><p>Получатель: ivanov@dest.example</p>",
     "bounce", "ivanov@dest.example"),
]


# QQ Mail's 系统退信 notice, HTML only, quoting the reply of the server that refused the address with no SMTP
# command: its "550 Mailbox not found" (QQ's help on bounce keywords: 该用户不存在, "this user does not exist")
# or its Chinese wording alone is an unknown user, not a filter's refusal. html, reason
QQ_NOTICES = [
    ("<div>很抱歉您发送的邮件被退回，以下是该邮件的相关信息：</div><table><tr><td>收件人</td><td>wang@dest.example</td>"
     "</tr><tr><td>退信原因</td><td>550 Mailbox not found.</td></tr></table>", "userunknown"),
    ("<p>您的邮件无法投递。</p><p>收件人：wang@dest.example</p><p>原因：收件人邮箱地址不存在</p>", "userunknown"),
    ("<p>您的邮件被退回。</p><p>收件人：wang@dest.example</p><p>原因：550 Mailbox is full</p>", "mailboxfull"),
]


@pytest.mark.parametrize("html,reason", QQ_NOTICES, ids=["mailbox-not-found", "chinese-only", "full"])
def test_a_qq_style_notice_names_its_reason(html, reason):
    notice = analyse_text(_html_notice("PostMaster@mx.mail.example", "系统退信", f"<html><body>{html}</body></html>"))
    assert notice.kind == "bounce"
    assert [(d.recipient, d.reason) for d in notice.deliveries] == [("wang@dest.example", reason)]


@pytest.mark.parametrize("sender,subject,html,kind,recipient", LOCALISED_FAILURES,
                         ids=["zh-table", "zh-label", "ja", "ko", "ru"])
def test_a_localised_failure_notice_is_a_bounce_with_its_recipient(sender, subject, html, kind, recipient):
    notice = analyse_text(_html_notice(sender, subject, html))
    assert notice.kind == kind
    assert [d.recipient for d in notice.deliveries] == [recipient]


def test_a_person_writing_in_chinese_about_a_returned_mail_is_ham():
    """The localised words count in a mail system's own notice, not in a person's mail."""
    text = ("From: Li Wei <li.wei@friends.example>\nTo: owner@example.org\nSubject: 你好\n"
            "Content-Type: text/plain; charset=utf-8\n\n我昨天给你发的邮件被退回了，收件人：owner@example.org 对吗？\n")
    assert analyse_text(text).kind == "ham"


# A filter's notice naming the malware it found: a signature name in ClamAV's documented form
# {platform}.{category}.{name}-{id} (docs.clamav.net "Signature Naming") as the threat, or "virus found"
# in the notice's language (Kaspersky's Russian notices, German/French/Spanish filters).
# sender, subject, html body, kind
VIRUS_NOTICES = [
    ("Mail Gateway <postmaster@firm.example>", "Message blocked: Invoice",
     "<p>A message you sent to a.person@firm.example was blocked because it contains a threat.</p>"
     "<p>Threat: Html.Phishing.Bank-6965042</p>", "virus_notice"),
    ("Mail Gateway <postmaster@firm.example>", "Message blocked: Invoice",
     "<p>A message you sent was blocked.</p><p>Detected: Doc.Dropper.Agent-1234567-0</p>", "virus_notice"),
    ("KSMG <ksmg@firm.example>", "Обнаружен вирус",
     "<p>В сообщении, отправленном с вашего адреса, обнаружен вирус.</p><p>Получатель: a.person@firm.example</p>"
     "<p>Сообщение удалено.</p>", "virus_notice"),
    ("Virenschutz <postmaster@firm.example>", "Virus gefunden",
     "<p>In Ihrer Nachricht an a.person@firm.example wurde ein Virus gefunden. Die Nachricht wurde nicht "
     "zugestellt.</p>", "virus_notice"),
    ("Antivirus <postmaster@firm.example>", "Virus détecté",
     "<p>Un virus a été détecté dans votre message à a.person@firm.example.</p>", "virus_notice"),
    ("Antivirus <postmaster@firm.example>", "Virus detectado",
     "<p>Se ha detectado un virus en su mensaje: virus detectado (Win.Trojan.Agent-99).</p>", "virus_notice"),
    # an anti-virus named, no virus found: the failure decides (a Russian bounce checked by an "антивирус")
    ("MAILER-DAEMON@mx.firm.example", "Не доставлено: Invoice",
     "<p>Не удалось доставить сообщение. Проверено антивирусом.</p><p>Получатель: ivanov@firm.example</p>",
     "bounce"),
    # a host name is no signature: "www.phishing.org" names no threat
    ("MAILER-DAEMON@mx.firm.example", "Undelivered Mail Returned to Sender",
     "<p>Your message could not be delivered to ivanov@firm.example: 550 5.1.1 user unknown. "
     "See www.phishing.org-help for more.</p>", "bounce"),
]


@pytest.mark.parametrize("sender,subject,html,kind", VIRUS_NOTICES,
                         ids=["clamav-name-threat", "clamav-name-detected", "ru-kaspersky", "de", "fr", "es",
                              "ru-antivirus-bounce", "host-name-no-signature"])
def test_a_filter_naming_the_malware_it_found_is_a_virus_notice(sender, subject, html, kind):
    assert analyse_text(_html_notice(sender, subject, html)).kind == kind


def _dsn(sender: str, subject: str, recipient: str) -> str:
    """An RFC 3464 delivery status notification (multipart/report, message/delivery-status)."""
    return (f"From: {sender}\nTo: nora@pinecone.example\nSubject: {subject}\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"\n\n'
            "--r1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
            "--r1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.dest.example\n\n"
            f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.1\n"
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--r1--\n")


# The kind follows the top-level message's writer: a person forwarding a DSN as an attachment
# (message/rfc822) writes ham; the same DSN sent by the mail system is a bounce.
FORWARDED_REPORTS = [
    ("Return-Path: <>\n" + _dsn("Mail Delivery System <MAILER-DAEMON@mx.dest.example>",
                                "Undelivered Mail Returned to Sender", "gone@dest.example"), "bounce"),
    ("From: Nora Pine <nora@pinecone.example>\nTo: owner@example.org\nSubject: Fwd: Undelivered Mail Returned to "
     'Sender\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="f1"\n\n--f1\nContent-Type: text/plain\n\n'
     "Did you send me this? It bounced.\n\n--f1\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n"
     + _dsn("Mail Delivery System <MAILER-DAEMON@mx.dest.example>", "Undelivered Mail Returned to Sender",
            "gone@dest.example") + "\n--f1--\n", "ham"),
    # ... with a subject of its own: the attachment still is not the person's own report
    ("From: Nora Pine <nora@pinecone.example>\nTo: owner@example.org\nSubject: look at this\nMIME-Version: 1.0\n"
     'Content-Type: multipart/mixed; boundary="f1"\n\n--f1\nContent-Type: text/plain\n\nStrange, see attached.\n\n'
     "--f1\nContent-Type: message/rfc822\n\n"
     + _dsn("MAILER-DAEMON@mx.dest.example", "failure notice", "gone@dest.example") + "\n--f1--\n", "ham"),
]


@pytest.mark.parametrize("text,kind", FORWARDED_REPORTS, ids=["dsn", "dsn-forwarded-attached", "dsn-attached"])
def test_a_person_attaching_a_dsn_writes_ham(text, kind):
    assert analyse_text(text).kind == kind


# Help desks' automatic acknowledgements of a new ticket, from their documented default templates and headers;
# an agent's answer from the same systems stays ham. The spam that opened the ticket is invented.
HELP_DESK = """From: {sender}
To: owner@example.org
Subject: {subject}
Message-ID: <hd-1@desk.example>
In-Reply-To: <spam-1@owner.example.org>
{headers}Content-Type: text/plain; charset=utf-8

{body}
"""


@pytest.mark.parametrize("sender,subject,headers,body,kind", [
    # OTRS/Znuny auto response (Kernel/System/Email.pm with Loop: X-Loop, Precedence: bulk; Auto-Submitted since
    # OTRS 6) under the default ticket hook; the default "new ticket" response text of its initial insert
    ("Support <support@firm.example>", "[Ticket#2024030577000123] RE: Cheap pills 50mg",
     "X-Loop: yes\nPrecedence: bulk\nX-Mailer: OTRS Mail Service (5.0.42)\n",
     "Thanks for your email. A new ticket has been created.\n\nYour email will be answered by a human ASAP.", "autoreply"),
    # ... an older OTRS: no Auto-Submitted, its X-OTRS-Loop beside the loop fields, the admin's own wording
    ("Service <service@firm.example>", "[Ticket#202403051234] Cheap pills 50mg",
     "X-Loop: yes\nX-OTRS-Loop: yes\nPrecedence: bulk\n", "Wir haben Ihre Anfrage erhalten.", "autoreply"),
    # ... an agent's answer from OTRS: the ticket hook without the loop fields
    ("Jana Novak <support@firm.example>", "[Ticket#2024030577000123] RE: your order",
     "X-Mailer: OTRS Mail Service (5.0.42)\n", "Hello, the parcel left our warehouse today. Jana", "ham"),
    # Freshdesk's default "New Ticket Created" requester notification, no RFC 3834 field
    ("Shop Support <support@shop.freshdesk.com>", "Ticket Received - Cheap pills 50mg", "",
     "Dear Customer,\n\nWe would like to acknowledge that we have received your request and a ticket has been "
     "created.\nA support representative will be reviewing your request and will send you a personal response.",
     "autoreply"),
    # ... a Freshdesk agent's answer
    ("Jana <support@shop.freshdesk.com>", "Re: Cheap pills 50mg", "",
     "Dear Customer,\n\nwe do not sell medicine; please do not write again.", "ham"),
    # osTicket's ticket.autoresp template, sent with its mailer's autoreply option (class.mailer.php)
    ("Firm Support <support@firm.example>", "Support Ticket Opened [#482911]",
     "X-Autoreply: yes\nAuto-Submitted: auto-replied\nPrecedence: auto_reply\nX-Mailer: osTicket Mailer\n",
     "Dear Pharmacy,\n\nA request for support has been created and assigned #482911. A representative will "
     "follow-up with you as soon as possible.", "autoreply"),
    # ... the same with the RFC 3834 fields stripped by a relay: its words alone do not make it automatic
    ("Firm Support <support@firm.example>", "Support Ticket Opened [#482911]", "X-Mailer: osTicket Mailer\n",
     "A request for support has been created and assigned #482911.", "ham"),
    # a help desk's receipt in the first person, marked automatic (RFC 3834 auto-generated, as Zendesk and
    # OTRS mark theirs), Zendesk's request-received tag written with a colon
    ("Firm Support <support@firm.example>", "Request received: Cheap pills 50mg", "Auto-Submitted: auto-generated\n",
     "Dear customer,\n\nWe have received your request and will get back to you shortly. Ticket ID: #1234", "autoreply"),
    # ... the same words from a person, with no RFC 3834 field: ham
    ("Jana <jana@firm.example>", "Re: your order", "",
     "Hi, we have received your request and will get back to you shortly. Jana", "ham"),
], ids=["otrs", "otrs-old", "otrs-agent", "freshdesk", "freshdesk-agent", "osticket", "osticket-stripped",
        "first-person", "first-person-by-a-person"])
def test_a_help_desks_acknowledgement_is_an_autoreply(sender, subject, headers, body, kind):
    text = HELP_DESK.format(sender=sender, subject=subject, headers=headers, body=body)
    assert analyse_text(text).kind == kind


# A reply that opens saying the address is read by no one any more, and what only looks like one.
ABANDONED = """From: info@firm.example
To: owner@example.org
Subject: {subject}
{reply}Content-Type: text/plain; charset=utf-8

{body}
"""


@pytest.mark.parametrize("subject,reply,body,kind", [
    ("This mailbox is no longer monitored", "In-Reply-To: <spam-1@owner.example.org>\n",
     "This mailbox is no longer monitored. Your email has not been read.", "autoreply"),
    ("Re: Cheap pills 50mg", "", "Please note: this email address is no longer in use. Write to sales@firm.example.",
     "autoreply"),
    # not a reply: a notice the firm sends on its own
    ("Our new address", "", "This mailbox is no longer monitored from 1 May; write to sales@firm.example.", "ham"),
    # a person's reply that mentions an old mailbox far below its opening
    ("Re: lunch", "In-Reply-To: <lunch-1@owner.example.org>\n",
     "Thursday works for me. " + "We can meet at the usual place near the station, at noon or a little later. " * 4
     + "By the way, my old inbox is no longer monitored.", "ham"),
], ids=["monitored", "no-longer-in-use", "not-a-reply", "person-mentions-it"])
def test_an_abandoned_mailboxs_reply_is_an_autoreply(subject, reply, body, kind):
    assert analyse_text(ABANDONED.format(subject=subject, reply=reply, body=body)).kind == kind


# Yahoo Mail's vacation response, from a Yahoo or an AOL mailbox (AOL Mail runs on Yahoo's platform: its webmail
# stamps "AolMailNorrin" beside Yahoo's "YMailNorrin"), with no RFC 3834 field: the responder's title as the whole
# subject of a reply. A person's mail from Yahoo under another subject stays ham.
YAHOO = """From: {sender}
To: owner@example.org
Subject: {subject}
Message-ID: <1728394056.2219834.1709635830112@mail.yahoo.com>
{reply}X-Mailer: WebService/1.1.21952 {mailer}
Content-Type: text/plain; charset=UTF-8

I am out of the office until the 15th with limited access to email.
"""


@pytest.mark.parametrize("sender,subject,reply,mailer,kind,software", [
    ("gail_h1962@yahoo.com", "Auto Response", "In-Reply-To: <spam-1@owner.example.org>\n", "YMailNorrin",
     "autoreply", "yahoo"),
    ("rwalker55@aol.com", "Auto Response", "In-Reply-To: <spam-1@owner.example.org>\n", "AolMailNorrin",
     "autoreply", "yahoo"),
    ("gail_h1962@yahoo.com", "Auto Response", "", "YMailNorrin", "ham", None),  # not a reply
    ("gail_h1962@yahoo.com", "Auto Response settings", "In-Reply-To: <q-1@owner.example.org>\n", "YMailNorrin",
     "ham", None),  # the title is not the whole subject
], ids=["yahoo", "aol", "not-a-reply", "longer-subject"])
def test_a_webmail_vacation_response_is_yahoos(sender, subject, reply, mailer, kind, software):
    notice = analyse_text(YAHOO.format(sender=sender, subject=subject, reply=reply, mailer=mailer))
    assert (notice.kind, notice.software) == (kind, software)


def _posing_notice(return_path: str, body: str) -> str:
    return (f"Return-Path: <{return_path}>\nFrom: Mail Delivery System <postmaster@example.org>\n"
            "To: owner@example.org\nSubject: Mail delivery failed: 3 incoming messages pending\n"
            "Date: Tue, 05 Mar 2024 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
            f"{body}\n")


PHISH_TEXT = ("Mail delivery failed for 3 incoming messages addressed to owner@example.org.\n"
              "Your mailbox must be verified before they can be delivered.\n\n"
              "Release your messages: https://login-verify.example/owa/release?u=owner\n")
REAL_TEXT = ("This message was created automatically by mail delivery software.\n\n"
             "A message that you sent could not be delivered to one or more of its recipients.\n\n"
             "  nobody@dest.example\n    550 5.1.1 User unknown\n")
# RFC 5321 4.5.5: non-delivery notifications go out with the null reverse-path. A failure notice in a mail
# system's name sent with someone's envelope sender, naming no recipient and returning nothing, is a phish.
# Return-Path, text, kind
POSING_NOTICES = [
    ("SRS0=ab12=AA=bulk-sender.example=xk2q@fwd.example", PHISH_TEXT, "ham"),
    ("xk2q@bulk-sender.example", PHISH_TEXT, "ham"),
    ("", PHISH_TEXT, "bounce"),                                          # the null sender: a mail system's
    ("MAILER-DAEMON@mx.dest.example", PHISH_TEXT, "bounce"),             # a daemon's own envelope
    ("SRS0=ab12=AA=dest.example=mailer-daemon@fwd.example", PHISH_TEXT, "bounce"),  # ... forwarded with SRS
    ("xk2q@bulk-sender.example", REAL_TEXT, "bounce"),                   # names its failed recipient
]


@pytest.mark.parametrize("return_path,text,kind", POSING_NOTICES,
                         ids=["srs-person", "person", "null", "daemon", "srs-daemon", "names-recipient"])
def test_a_failure_notice_with_a_persons_envelope_naming_nothing_is_a_phish(return_path, text, kind):
    assert analyse_text(_posing_notice(return_path, text)).kind == kind
