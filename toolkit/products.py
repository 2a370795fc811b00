"""The vocabulary of `bouncer_software`: one lower-case name per software that writes notifications.

The name is the software that WROTE the notice: the autoresponder, the challenge system or the
filter, not the MTA that carried it (a cPanel autoresponder running under Exim is `cpanel`, a
Sieve vacation reply from Dovecot's Pigeonhole under Postfix is `dovecot`). Bounces are named
after the MTA or the mail provider that composed them.

Each product is recognised by what it documents or always writes about itself: a header of its
own, the form of its Message-IDs, its sending domain, and (weakest) the words it uses for itself.
`toolkit/fingerprint.py` applies these marks; the reports and the sample generator use the names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

AUTORESPONDER, CHALLENGE, FILTER, MTA, PROVIDER = "autoresponder", "challenge", "filter", "mta", "provider"


@dataclass(frozen=True)
class Product:
    """A notifying product and the marks it leaves.

    `headers`: (field name, value pattern) pairs; a pattern of "" means the field's presence.
    `message_id`: the form of the Message-IDs it makes. `sender`: its From/Return-Path domain or
    address. `words`: how it names itself in the subject or the notice's own text.
    """

    name: str
    role: str
    label: str
    headers: tuple[tuple[str, str], ...] = ()
    message_id: str | None = None
    sender: str | None = None
    words: str | None = None


PRODUCTS: tuple[Product, ...] = (
    # Challenge-response systems: ask an unknown sender to prove they are a person.
    Product("choicemail", CHALLENGE, "DigiPortal ChoiceMail",
            sender=r"choicemail|digiportal\.com", words=r"\bchoice ?mail\b|digiportal"),
    Product("boxbe", CHALLENGE, "Boxbe",
            headers=(("X-Boxbe-Verification", ""), ("X-Boxbe-Cc", ""), ("X-Boxbe-Data", ""),
                     ("X-Boxbe-Type", "")),
            sender=r"@(\w+\.)*boxbe\.com", words=r"\bboxbe\b|guest list"),
    Product("spamarrest", CHALLENGE, "Spam Arrest",
            headers=(("X-Spam-Arrest", ""),), sender=r"@(\w+\.)*spamarrest\.com",
            words=r"spam ?arrest|\[verify to deliver\]"),
    Product("bluebottle", CHALLENGE, "Bluebottle", sender=r"@(\w+\.)*bluebottle\.com", words=r"\bbluebottle\b"),
    Product("sendio", CHALLENGE, "Sendio I.C.E. Box", sender=r"@(\w+\.)*sendio\.(com|net)",
            words=r"\bsendio\b"),
    Product("mailinblack", CHALLENGE, "Mailinblack", headers=(("X-Mailinblack", ""),),
            sender=r"@(\w+\.)*mailinblack\.com", words=r"mailinblack"),
    Product("boxtrapper", CHALLENGE, "cPanel BoxTrapper", headers=(("X-BoxTrapper", ""),),
            words=r"boxtrapper"),
    Product("tmda", CHALLENGE, "TMDA", headers=(("X-Delivery-Agent", r"TMDA"), ("X-TMDA-Confirm-Done", "")),
            words=r"\bTMDA\b"),
    Product("0spam", CHALLENGE, "0Spam", headers=(("X-0spam", ""),), sender=r"@(\w+\.)*0spam\.com",
            words=r"\b0spam\b"),
    Product("qurb", CHALLENGE, "Qurb", sender=r"@(\w+\.)*qurb\.com", words=r"\bqurb\b"),
    Product("spamblocker", CHALLENGE, "EarthLink spamBlocker", words=r"earthlink spamblocker"),
    # Autoresponders (absence and acknowledgement replies).
    Product("dovecot", AUTORESPONDER, "Dovecot Pigeonhole (Sieve vacation)",
            headers=(("X-Sieve", r"pigeonhole|dovecot"),),
            message_id=r"^<?dovecot-sieve-\d+-\d+-\d+@", words=r"pigeonhole"),
    Product("cyrus", AUTORESPONDER, "Cyrus Sieve vacation", headers=(("X-Sieve", r"cmu|cyrus"),),
            message_id=r"^<?cmu-sieve-"),
    Product("zimbra", AUTORESPONDER, "Zimbra out of office",
            headers=(("Auto-Submitted", r"zimbra"), ("X-Mailer", r"zimbra")), words=r"\bzimbra\b"),
    Product("vacation", AUTORESPONDER, "Unix vacation(1)",
            headers=(("Delivered-By-The-Graces-Of", r"vacation"), ("X-Mailer", r"^vacation\b"),
                     ("User-Agent", r"^vacation\b")),
            words=r"\bthe vacation program\b"),
    Product("exchange", AUTORESPONDER, "Microsoft Exchange / Outlook automatic replies",
            headers=(("X-MS-Exchange-Inbox-Rules-Loop", ""), ("X-MS-Exchange-Generated-Message-Source", ""),
                     ("X-MS-Exchange-Organization-AutoResponse", ""), ("Thread-Index", ""),
                     ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""))),
    Product("mimecast", AUTORESPONDER, "Mimecast",
            headers=(("X-Mimecast-Spam-Score", ""), ("X-MC-Unique", ""), ("X-Mimecast-Impersonation-Protect", "")),
            sender=r"@(\w+\.)*mimecast\.com", words=r"mimecast"),
    Product("cpanel", AUTORESPONDER, "cPanel autoresponder (Exim)",
            headers=(("X-Autorespond", ""), ("X-AntiAbuse", r"^Primary Hostname")),
            words=r"\bcpanel\b"),
    Product("gmail", PROVIDER, "Gmail (vacation responder, bounces)",
            message_id=r"@mail\.gmail\.com>?$", sender=r"@(gmail|googlemail)\.com|@google\.com"),
    # Spam and virus filters, gateways and appliances (they wrap an MTA).
    Product("barracuda", FILTER, "Barracuda", words=r"barracuda"),
    Product("ironport", FILTER, "Cisco IronPort", words=r"ironport|cisco secure email"),
    Product("messagelabs", FILTER, "Symantec MessageLabs", words=r"messagelabs|symantec"),
    Product("trendmicro", FILTER, "Trend Micro InterScan", words=r"interscan|trend ?micro|\bimss\b"),
    Product("mcafee", FILTER, "McAfee / MX Logic", words=r"mcafee|mxlogic"),
    Product("sophos", FILTER, "Sophos", words=r"sophos"),
    Product("proofpoint", FILTER, "Proofpoint", words=r"proofpoint|pphosted"),
    Product("mailmarshal", FILTER, "MailMarshal", words=r"mailmarshal"),
    Product("spamtitan", FILTER, "SpamTitan", words=r"spamtitan"),
    Product("surfcontrol", FILTER, "SurfControl", words=r"surfcontrol"),
    Product("amavis", FILTER, "amavis", words=r"amavis|content-filter at"),
    Product("mailscanner", FILTER, "MailScanner", words=r"mailscanner"),
    Product("domino", MTA, "Lotus Domino", words=r"lotus|domino"),
    Product("groupwise", MTA, "Novell GroupWise", words=r"groupwise"),
    Product("mdaemon", MTA, "MDaemon", words=r"mdaemon"),
    Product("imail", MTA, "Ipswitch IMail", words=r"imail|smtpd32"),
)
# MTAs named from their bounce format, Reporting-MTA or Received lines when no product above says more.
MTAS: tuple[tuple[str, str], ...] = (
    ("exchange", r"microsoft smtp server|x-ms-exchange|microsoft exchange|exchange server"),
    ("postfix", r"\(postfix\)|postfix"),
    ("exim", r"\bexim\b"),
    ("qmail", r"qmail"),
    ("sendmail", r"sendmail|\(\d+\.\d+\.\d+/\d+\.\d+\.\d+\)"),
    ("courier", r"courier"),
    ("opensmtpd", r"opensmtpd"),
    ("gmail", r"google\.com|gmail"),
)
NAMES = tuple(dict.fromkeys([p.name for p in PRODUCTS] + [name for name, _ in MTAS]))
BY_NAME = {p.name: p for p in PRODUCTS}


def of_role(*roles: str) -> tuple[Product, ...]:
    return tuple(p for p in PRODUCTS if p.role in roles)


def compiled(pattern: str | None) -> re.Pattern | None:
    return re.compile(pattern, re.I) if pattern else None
