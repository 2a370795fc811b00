"""The owner's ordinary mail: correspondents, newsletters, and ham that only talks about bounces."""
from __future__ import annotations

import datetime as dt
import random

from . import world
from .mail import Mail, encode_subject, message_id, received, rfc_date, token

PROVIDER_OUT = {
    "gmail.com": ("mail-wr1-f{n}.google.com", "209.85.221.{n}"),
    "outlook.com": ("mail-db8eur05olkn20{n}.outbound.protection.outlook.com", "40.92.52.{n}"),
    "yahoo.com": ("sonic3{n}-21.consmr.mail.ir2.yahoo.com", "77.238.176.{n}"),
    "gmx.de": ("mout.gmx.net", "212.227.17.{n}"),
    "proton.me": ("mail-40{n}.protonmail.ch", "185.70.40.{n}"),
    "fastmail.com": ("out{n}-smtp.messagingengine.com", "66.111.4.{n}"),
    "orange.fr": ("smtp{n}.smtpout.orange.fr", "80.12.242.{n}"),
    "web.de": ("mout.web.de", "212.227.15.{n}"),
    "icloud.com": ("st43p00im-ztdg{n}.me.com", "17.58.63.{n}"),
    "comcast.net": ("resomta-po-{n}v.sys.comcast.net", "96.102.19.{n}"),
    "lists.example.org": ("lists.example.org", "192.0.2.{n}"),
}
NEWSLETTERS = (("Weekly Gardening Digest", "news@greenthumb-weekly.com", "greenthumb.news"),
               ("Local Library Events", "events@rivertonlibrary.org", "events.rivertonlibrary.org"),
               ("Python Tips", "tips@pytips-letter.net", "tips.pytips-letter.net"))
CHAT_SUBJECTS = ("Dinner on Friday?", "Photos from the trip", "Re: book club", "Quick question",
                 "Invoice for the garden work", "Your package", "Meeting notes", "Happy birthday!",
                 "Re: weekend plans", "Recipe you asked for", "Flat viewing on Tuesday", "Re: car repair")
TRICKY = (
    ("Re: delivery failed?",
     "Hi Jordan,\n\nI keep getting 'Mail delivery failed: returning message to sender' when I write to your\n"
     "old address. Did you close it? The bounce said 'User unknown'.\n\nCheers\n"),
    ("Undeliverable mail - was that you?",
     "Jordan, my server says your mail was undeliverable and 'returned to sender' - can you resend the\n"
     "invoice? I think my mailbox was full yesterday.\n"),
    ("Re: Out of office next week",
     "I'm out of the office next week too, back on Monday. Let's talk after that.\n"),
    ("Virus found?",
     "My antivirus says it found a virus in an attachment - was that the PDF you sent? Probably a false alarm.\n"),
    ("Please verify the booking",
     "Could you please verify the booking dates for the cottage? Thanks!\n"),
    ("Fwd: failure notice",
     "Forwarding this failure notice I got - any idea what it means?\n\n"
     "---------- Forwarded message ---------\nHi. This is the qmail-send program at mail.example.org.\n"
     "I'm afraid I wasn't able to deliver your message to the following addresses.\n"),
)


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(world.FIRST_NAMES), rng.choice(world.LAST_NAMES)
    domain = rng.choice(world.FRIEND_DOMAINS)
    return f"{first.title()} {last.title()}", f"{first}.{last}@{domain}"


def outer_received(rng: random.Random, mail: Mail, host: str, ip: str, when: dt.datetime, rcpt: str,
                   return_path: str) -> None:
    """What the owner's MX and mailbox store add on the way in (topmost last added)."""
    mx_host, mx_ip = rng.choice(world.OWNER_MX)
    mail.prepend("Received", received("owner", rng, helo=host, rdns=host, ip=ip, by=mx_host,
                                      when=when + dt.timedelta(seconds=1), rcpt=rcpt, tls=True))
    mail.prepend("Received", received("lmtp", rng, helo=mx_host, rdns=mx_host, ip=mx_ip, by=world.OWNER_STORE,
                                      when=when + dt.timedelta(seconds=rng.randint(2, 4)), rcpt=rcpt))
    mail.prepend("Delivered-To", rcpt)
    mail.prepend("Return-Path", return_path)


def provider_host(rng: random.Random, addr: str) -> tuple[str, str]:
    domain = addr.split("@")[1]
    host, ip = PROVIDER_OUT.get(domain, ("mail.{d}".replace("{d}", domain), "198.51.100.{n}"))
    n = rng.randrange(10, 250)
    return host.format(n=n), ip.format(n=n)


def personal(rng: random.Random, when: dt.datetime, subject: str | None = None, body: str | None = None) -> Mail:
    name, addr = _person(rng)
    mail = Mail()
    mail.add("From", f"{name} <{addr}>").add("To", f"{world.OWNER_NAME} <{world.OWNER_ADDR}>")
    mail.add("Subject", encode_subject(subject or rng.choice(CHAT_SUBJECTS)))
    mail.add("Date", rfc_date(when, rng.choice([0, 1, 2, -4, -7])))
    mail.add("Message-ID", message_id(rng, addr.split("@")[1], when))
    mail.add("MIME-Version", "1.0").add("Content-Type", "text/plain; charset=utf-8")
    mail.body = body or f"Hi Jordan,\n\n{token(rng, 60, 'abcdefghijklmnopqrstuvwxyz  ')}\n\n{name.split()[0]}\n"
    host, ip = provider_host(rng, addr)
    outer_received(rng, mail, host, ip, when, world.OWNER_ADDR, f"<{addr}>")
    return mail


def newsletter(rng: random.Random, when: dt.datetime) -> Mail:
    title, addr, list_id = rng.choice(NEWSLETTERS)
    mail = Mail()
    mail.add("From", f"{title} <{addr}>").add("To", world.OWNER_ADDR)
    mail.add("Subject", f"{title}: issue {rng.randrange(1, 300)}")
    mail.add("Date", rfc_date(when)).add("Message-ID", message_id(rng, addr.split("@")[1], when))
    mail.add("List-Id", f"{title} <{list_id}>").add("List-Unsubscribe", f"<mailto:leave@{addr.split('@')[1]}>")
    mail.add("Precedence", "bulk").add("MIME-Version", "1.0").add("Content-Type", "text/plain; charset=utf-8")
    mail.body = f"This week in {title}...\n\n{token(rng, 200, 'abcdefghijklmnopqrstuvwxyz   ')}\n"
    outer_received(rng, mail, f"mta{rng.randrange(9)}.{addr.split('@')[1]}", f"198.51.100.{rng.randrange(2, 250)}",
                   when, world.OWNER_ADDR, f"<bounce-{token(rng, 10).lower()}@{addr.split('@')[1]}>")
    return mail


def tricky(rng: random.Random, when: dt.datetime) -> Mail:
    subject, body = rng.choice(TRICKY)
    return personal(rng, when, subject, body)


def sent_mail(rng: random.Random, when: dt.datetime, to_addr: str, subject: str) -> tuple[Mail, Mail]:
    """The owner's own message: the copy kept in Sent, and the copy the recipient's MX received."""
    copy = Mail()
    copy.add("From", f"{world.OWNER_NAME} <{world.OWNER_ADDR}>").add("To", to_addr)
    copy.add("Subject", encode_subject(subject)).add("Date", rfc_date(when, -7))
    copy.add("Message-ID", message_id(rng, world.OWNER_DOMAIN, when))
    copy.add("User-Agent", "Mozilla/5.0 Thunderbird/115.8.0")
    copy.add("MIME-Version", "1.0").add("Content-Type", "text/plain; charset=UTF-8; format=flowed")
    copy.body = f"Hello,\n\n{token(rng, 80, 'abcdefghijklmnopqrstuvwxyz   ')}\n\nBest,\nJordan\n"
    relay_host = world.OWNER_RELAY[0]
    home_host, home_ip = world.OWNER_HOME
    wire = Mail(list(copy.headers), copy.body)
    wire.prepend("DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={world.OWNER_DOMAIN};\n\ts=mail2024; "
                                   f"t={int(when.timestamp())}; h=from:to:subject:date:message-id;\n\t"
                                   f"bh={token(rng, 43)}=;\n\tb={token(rng, 64)}")
    submit = received("owner", rng, helo="[192.168.1.20]", rdns=home_host, ip=home_ip, by=relay_host, when=when,
                      tls=True).replace("with ESMTPS", "with ESMTPSA").replace(
                          f"[{home_ip}])", f"[{home_ip}])\n\t(Authenticated sender: jordan)", 1)
    wire.prepend("Received", submit)
    return copy, wire
