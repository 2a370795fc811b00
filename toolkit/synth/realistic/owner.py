"""The owner's own mail: correspondents, newsletters, spam aimed at her, ham about bounces, and what she sends.

Mail to the vanity domain comes through the forwarding provider; mail to the
Gmail address comes straight in. The owner writes from Gmail with "send mail
as" her vanity address, so Gmail is the envelope sender: genuine bounces come
straight to Gmail, while auto-replies and challenges go to the From address.
"""
from __future__ import annotations

import datetime as dt
import random

from ..mail import Mail, encode_subject, rfc_date, token
from . import cast, hops

LOWER = "abcdefghijklmnopqrstuvwxyz"
FRIEND_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "gmx.de", "proton.me", "icloud.com", "web.de", "orange.fr")
FRIEND_HOSTS = {"gmail.com": ("mail-ed1-f{n}.google.com", "209.85.208.{n}"),
                "outlook.com": ("mail-vi1eur04olkn20{n}.outbound.protection.outlook.com", "40.92.75.{n}"),
                "yahoo.com": ("sonic3{n}-22.consmr.mail.ne1.yahoo.com", "66.163.186.{n}"),
                "gmx.de": ("mout.gmx.net", "212.227.17.{n}"), "proton.me": ("mail-40{n}.proton.ch", "185.70.40.{n}"),
                "icloud.com": ("qs51p00im-qukt0{n}.me.com", "17.57.155.{n}"), "web.de": ("mout.web.de", "212.227.15.{n}"),
                "orange.fr": ("smtp{n}.smtpout.orange.fr", "80.12.242.{n}")}
CHAT = ("Dinner on Friday?", "Photos from the weekend", "Re: studio rent", "Quick question about the logo",
        "Invoice 2024-031", "Re: print proofs", "Your order has shipped", "Meeting notes", "Re: exhibition opening",
        "Happy birthday!", "Re: ceramics class", "Contract draft v2", "Re: Re: colours for the website")
NEWSLETTERS = (("Dribbble Digest", "digest@mail.dribbble-news.com"), ("Local Arts Council", "news@artscouncil-local.org"),
               ("Etsy-like Shop Updates", "updates@makersmarket-mail.com"), ("Bank Statement Service", "noreply@nordbank-mail.se"))
TRICKY = (
    ("Re: bounce messages?", "Hi Maren,\n\nI keep getting 'Undelivered Mail Returned to Sender' messages that say I wrote "
     "to people I don't know - do you get those too? Someone might be using our domains.\n\nKristin\n"),
    ("Mail delivery failed - was that you?", "Maren, my server says a message to you could not be delivered, 'mailbox "
     "full'. Can you check? I'll resend the quote tomorrow.\n"),
    ("Out of office next week", "I'm out of the office next week, back Monday. The printer has the files.\n"),
    ("Please verify the booking", "Could you verify the booking for the fair stand? The organiser needs it by Friday.\n"),
    ("Re: spam complaints", "The hosting company says our IP got a spam complaint and a DMARC report - probably spoofing. "
     "Nothing to worry about, I set p=reject.\n"),
)


def _friend(rng: random.Random) -> tuple[str, str, str, str]:
    name, local = cast.person(rng)
    domain = rng.choice(FRIEND_DOMAINS)
    host, ip = FRIEND_HOSTS[domain]
    n = rng.randrange(10, 99)
    return name, f"{local}@{domain}", host.format(n=n), ip.format(n=n)


def personal(rng: random.Random, when: dt.datetime, subject: str | None = None, body: str | None = None) -> Mail:
    name, addr, host, ip = _friend(rng)
    m = Mail()
    m.add("From", f"{name} <{addr}>").add("To", f"{cast.OWNER_NAME} <{cast.OWNER_ADDR}>")
    m.add("Subject", encode_subject(subject or rng.choice(CHAT))).add("Date", rfc_date(when, rng.choice([0, 1, 2, -5])))
    m.add("Message-ID", f"<{token(rng, 24, LOWER + '0123456789')}@{addr.split('@')[1]}>")
    m.add("MIME-Version", "1.0").add("Content-Type", "text/plain; charset=utf-8")
    m.body = body or f"Hi Maren,\n\n{token(rng, 80, LOWER + '   ')}\n\n{name.split()[0]}\n"
    m.prepend("DKIM-Signature", f"v=1; a=rsa-sha256; d={addr.split('@')[1]}; s=s1; b={token(rng, 40)}")
    hops.deliver(rng, m, host=host, ip=ip, when=when, rcpt=cast.OWNER_ADDR, envelope=addr,
                 direct=rng.random() < 0.15)
    return m


def newsletter(rng: random.Random, when: dt.datetime) -> Mail:
    title, addr = rng.choice(NEWSLETTERS)
    domain = addr.split("@")[1]
    m = Mail()
    m.add("From", f"{title} <{addr}>").add("To", cast.OWNER_ADDR)
    m.add("Subject", f"{title}: {rng.choice(['this week', 'new for you', 'your monthly update'])} #{rng.randrange(1, 300)}")
    m.add("Date", rfc_date(when)).add("Message-ID", f"<{token(rng, 20)}@{domain}>")
    m.add("List-Unsubscribe", f"<mailto:unsub-{token(rng, 10).lower()}@{domain}>").add("Precedence", "bulk")
    m.add("MIME-Version", "1.0").add("Content-Type", "text/html; charset=utf-8")
    m.body = f"<html><body><h1>{title}</h1><p>{token(rng, 120, LOWER + '    ')}</p></body></html>\n"
    hops.deliver(rng, m, host=f"mta{rng.randrange(9)}.{domain}", ip=f"198.51.100.{rng.randrange(2, 250)}", when=when,
                 rcpt=cast.OWNER_ADDR, envelope=f"bounces+{token(rng, 8).lower()}@{domain}")
    return m


def tricky(rng: random.Random, when: dt.datetime) -> Mail:
    subject, body = rng.choice(TRICKY)
    return personal(rng, when, subject, body)


def forwarded_bounce(rng: random.Random, when: dt.datetime) -> Mail:
    """A friend forwards a bounce she got (as quoted text, the way webmail forwards)."""
    host = f"mail.{rng.choice(['kulturhus', 'fotoklubb', 'atelier-norr'])}.se"
    body = ("Hi Maren, got this after writing to the gallery - is their address wrong?\n\n"
            "---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@" + host + ">\n"
            f"Date: {rfc_date(when - dt.timedelta(hours=3))}\nSubject: Undelivered Mail Returned to Sender\n\n"
            f"This is the mail system at host {host}.\n\nI'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients.\n\n<info@galleri-example.se>: host mx.galleri-example.se said: "
            "550 5.1.1 User unknown\n")
    return personal(rng, when, "Fwd: Undelivered Mail Returned to Sender", body)


def forwarder_report(rng: random.Random, when: dt.datetime) -> Mail:
    """The forwarding provider's own report to its customer: not a notification about a message she sent."""
    rejected = rng.randrange(3, 40)
    m = Mail()
    m.add("From", f"RelayForward <noreply@{cast.FORWARDER_DOMAIN}>").add("To", cast.GMAIL_ADDR)
    m.add("Subject", f"Weekly delivery report for {cast.OWNER_DOMAIN}")
    m.add("Date", rfc_date(when)).add("Message-ID", f"<report-{token(rng, 16).lower()}@{cast.FORWARDER_DOMAIN}>")
    m.add("MIME-Version", "1.0").add("Content-Type", "text/plain; charset=utf-8")
    m.body = (f"Forwarding summary for {cast.OWNER_DOMAIN} -> {cast.GMAIL_ADDR}\n\nForwarded: {rng.randrange(200, 900)}\n"
              f"Rejected by the destination (5xx): {rejected}\nDeferred and retried (4xx): {rng.randrange(0, 20)}\n"
              f"Bounces received for your domain: {rng.randrange(100, 800)}\n\nMany bounces usually mean that "
              "spammers forge addresses at your domain (backscatter). Consider an SPF -all record and DMARC p=reject.\n")
    hops.deliver(rng, m, host=cast.FORWARDER_MX[0][0], ip=cast.FORWARDER_MX[0][1], when=when, rcpt=cast.GMAIL_ADDR,
                 envelope=f"noreply@{cast.FORWARDER_DOMAIN}", direct=True)
    return m


def sent(rng: random.Random, when: dt.datetime, to_addr: str, subject: str) -> tuple[Mail, Mail, tuple[str, str]]:
    """The copy in Sent, the copy the recipient's MX received, and the Gmail host and IP that sent it."""
    mid = f"<CA{token(rng, 10)}+{token(rng, 28)}@mail.gmail.com>"
    copy = Mail()
    copy.add("MIME-Version", "1.0").add("Date", rfc_date(when, 1)).add("Message-ID", mid)
    copy.add("Subject", encode_subject(subject)).add("From", f"{cast.OWNER_NAME} <{cast.OWNER_ADDR}>").add("To", to_addr)
    copy.add("Content-Type", "text/plain; charset=UTF-8")
    copy.body = f"Hi,\n\n{token(rng, 90, LOWER + '   ')}\n\nBest,\nMaren\n"
    wire = Mail(list(copy.headers), copy.body)
    n = rng.randrange(10, 99)
    wire.prepend("Received", f"by mail-wm1-f{n}.google.com with SMTP id {token(rng, 12, LOWER)}.{rng.randrange(10)}"
                             f" for <{to_addr}>; {rfc_date(when, -8)}")
    wire.prepend("DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; "
                                   f"t={int(when.timestamp())};\n\tb={token(rng, 60)}")
    wire.prepend("Return-Path", f"<{cast.GMAIL_ADDR}>")
    return copy, wire, (f"mail-wm1-f{n}.google.com", f"209.85.128.{n}")
