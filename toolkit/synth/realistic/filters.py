"""Spam and virus filters telling the (forged) sender that a message was stopped."""
from __future__ import annotations

import random

from ..mail import Mail, token
from .event import Event, date, dsn_fields, plain, report, subject

VIRUSES = ("Trojan.GenericKD.4711", "W32/Emotet.AA!tr", "HTML/Phishing.Agent", "JS/Downloader.Agent", "Mal/DrodZp-A")


def _headers_copy(ev: Event) -> str:
    return f"\n\nOriginal message headers:\n\n{ev.original.header_text()}" if ev.include == "inline" else ""


def mailmarshal(ev: Event, rng: random.Random) -> Mail:
    rule = rng.choice(["Spam - Block High Probability Spam", "Inbound Spam Profiler: High", "Block Blacklisted senders"])
    body = (f"MailMarshal (an automated content monitoring gateway) has stopped the following email for the following "
            f"reason(s):\n\nIt believes it may contain spam.\n\nMessage: B{token(rng, 8, '0123456789abcdef')}.00000001.mml"
            f"\nFrom:    {ev.notify_to}\nTo:      {ev.rcpt}\nSubject: {ev.orig_subject}\n\nRule: {rule}\n"
            f"{_headers_copy(ev)}")
    return plain([("From", f"MailMarshal@{ev.bouncer.domain}"), ("To", ev.notify_to), ("Date", date(ev, rng)),
                  ("Subject", subject(f"MailMarshal has stopped a message: {ev.orig_subject}")),
                  ("Message-ID", f"<MM{token(rng, 12)}@{ev.bouncer.out_host}>"), ("X-Mailer", "MailMarshal 10.0")], body)


def barracuda(ev: Event, rng: random.Random) -> Mail:
    diag = f"550 permanent failure for one or more recipients ({ev.rcpt}:blocked)"
    human = (f"Your message to: {ev.rcpt}\nwas blocked by our Spam Firewall. The email you sent with the following "
             f"subject has NOT BEEN DELIVERED:\n\nSubject: {ev.orig_subject}\n")
    return report(ev, rng, top=[("From", f"MAILER-DAEMON@{ev.bouncer.out_host}"), ("To", ev.notify_to),
                                ("Subject", "**Message you sent blocked by our bulk email filter**"),
                                ("Date", date(ev, rng)), ("Message-Id", f"<{token(rng, 20)}@{ev.bouncer.out_host}>")],
                  human=human, fields=dsn_fields(ev, ev.bouncer.out_host, diag, status="5.7.1"))


def proofpoint(ev: Event, rng: random.Random) -> Mail:
    body = (f"Your message to {ev.rcpt} was blocked by the Proofpoint Protection Server at {ev.bouncer.domain} because "
            f"it was classified as spam.\n\nSubject: {ev.orig_subject}\nPPS ID: {token(rng, 10, '0123456789abcdef')}\n"
            f"{_headers_copy(ev)}")
    return plain([("From", f"Proofpoint Protection Server <postmaster@{ev.bouncer.out_host}>"), ("To", ev.notify_to),
                  ("Subject", subject(f"Message blocked: {ev.orig_subject}")), ("Date", date(ev, rng)),
                  ("Message-ID", f"<pps.{token(rng, 16, '0123456789abcdef')}@{ev.bouncer.out_host}>")], body)


def messagelabs(ev: Event, rng: random.Random) -> Mail:
    human = ("This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n\n"
             "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n" if rng.random() < 0.1 else "") + (
        f"Delivery to the following recipients failed permanently:\n\n  {ev.rcpt}\n\nThe message was detected as spam "
        "by the Symantec Email Security.cloud service and was not delivered.\n")
    diag = "553-SPF (Sender Policy Framework) domain authentication fail. 553 Message filtered. Refer to the " \
           "Troubleshooting page at http://www.symanteccloud.com/troubleshooting for more information. (#5.7.1)"
    return report(ev, rng, top=[("From", "MAILER-DAEMON@messagelabs.com"), ("To", ev.notify_to),
                                ("Subject", "failure notice"), ("Date", date(ev, rng)),
                                ("Message-ID", f"<{token(rng, 12)}.{rng.randrange(10**6)}@{ev.bouncer.out_host}>")],
                  human=human, fields=dsn_fields(ev, ev.bouncer.out_host, diag, status="5.7.1"))


def sophos(ev: Event, rng: random.Random) -> Mail:
    body = (f"The following message was blocked because it was identified as spam by the Sophos Email Appliance at "
            f"{ev.bouncer.domain}:\n\nFrom: {ev.notify_to}\nTo: {ev.rcpt}\nSubject: {ev.orig_subject}\n"
            f"Reference: {token(rng, 16, '0123456789abcdef')}\n{_headers_copy(ev)}")
    return plain([("From", f"Sophos Email Appliance <postmaster@{ev.bouncer.domain}>"), ("To", ev.notify_to),
                  ("Subject", "Message blocked"), ("Date", date(ev, rng)),
                  ("Message-ID", f"<sophos.{token(rng, 16)}@{ev.bouncer.out_host}>")], body)


def spamtitan(ev: Event, rng: random.Random) -> Mail:
    body = (f"Your message to {ev.rcpt} has been blocked by SpamTitan.\n\nReason: the message scored above the spam "
            f"threshold.\nSubject: {ev.orig_subject}\n\nIf you believe this is an error please contact the postmaster "
            f"of {ev.bouncer.domain}.\n{_headers_copy(ev)}")
    return plain([("From", f"SpamTitan <spamtitan@{ev.bouncer.out_host}>"), ("To", ev.notify_to),
                  ("Subject", subject(f"Message Blocked: {ev.orig_subject}")), ("Date", date(ev, rng)),
                  ("Message-ID", f"<st.{token(rng, 16)}@{ev.bouncer.out_host}>")], body)


def mimecast(ev: Event, rng: random.Random) -> Mail:
    human = (f"Your message couldn't be delivered to {ev.rcpt}.\n\nThe recipient's organisation rejected the message "
             "because it was detected as spam.\n\nMimecast Reference: "
             f"{token(rng, 20)}\n")
    diag = f"550 Rejected by header based Anti-Spoofing policy: {ev.rcpt} - https://community.mimecast.com/docs/DOC-1369#550"
    return report(ev, rng, top=[("From", f"Mimecast <postmaster@{ev.bouncer.out_host}>"), ("To", ev.notify_to),
                                ("Subject", subject(f"Undeliverable: {ev.orig_subject}")), ("Date", date(ev, rng)),
                                ("X-Mimecast-Spam-Score", str(rng.randrange(10, 30))),
                                ("Message-ID", f"<mimecast-{token(rng, 20)}@{ev.bouncer.out_host}>")],
                  human=human, fields=dsn_fields(ev, ev.bouncer.out_host, diag, status="5.7.1"))


def interscan(ev: Event, rng: random.Random) -> Mail:
    body = ("Trend Micro InterScan Messaging Security Suite has detected a virus in a message you sent.\n\n"
            f"Date: {ev.original.get('Date')}\nSender: {ev.notify_to}\nRecipient: {ev.rcpt}\nSubject: {ev.orig_subject}\n"
            f"Virus: {rng.choice(VIRUSES)}\nAction: The message was quarantined.\n")
    return plain([("From", f'"InterScan MSS" <postmaster@{ev.bouncer.domain}>'), ("To", ev.notify_to),
                  ("Subject", subject(f'Virus found in sent message "{ev.orig_subject}"')), ("Date", date(ev, rng)),
                  ("Message-ID", f"<imss.{token(rng, 16)}@{ev.bouncer.out_host}>")], body)


def amavis(ev: Event, rng: random.Random) -> Mail:
    virus = rng.choice(VIRUSES)
    human = (f"A message from <{ev.notify_to}> to:\n  -> {ev.rcpt}\n\ncontains a computer virus or other malware "
             f"({virus}).\n\nOur internal reference code for your message is {token(rng, 5, '0123456789')}-"
             f"{token(rng, 2, '0123456789')}/{token(rng, 12)}\n\nSubject: {ev.orig_subject}\n")
    diag = f"554 5.7.0 Reject, id={token(rng, 5, '0123456789')}-01 - INFECTED: {virus}"
    return report(ev, rng, top=[("From", f"Content-filter at {ev.bouncer.out_host} <postmaster@{ev.bouncer.out_host}>"),
                                ("To", ev.notify_to), ("Subject", f"VIRUS ({virus}) IN MAIL FROM YOU"),
                                ("Date", date(ev, rng)), ("Message-ID", f"<VA{token(rng, 12)}@{ev.bouncer.out_host}>")],
                  human=human, fields=dsn_fields(ev, ev.bouncer.out_host, diag, status="5.7.0"))


# style -> (renderer, kind, ways of carrying the original)
FILTERS = {
    "mailmarshal": (mailmarshal, "spam_notice", ("inline", "none")),
    "barracuda": (barracuda, "spam_notice", ("headers", "none")),
    "proofpoint": (proofpoint, "spam_notice", ("inline", "none")),
    "messagelabs": (messagelabs, "spam_notice", ("headers", "rfc822")),
    "sophos": (sophos, "spam_notice", ("inline", "none")),
    "spamtitan": (spamtitan, "spam_notice", ("inline", "none")),
    "mimecast": (mimecast, "spam_notice", ("headers", "none")),
    "interscan": (interscan, "virus_notice", ("none",)),
    "amavis": (amavis, "virus_notice", ("headers",)),
}
