"""Spam runs: who the spammer pretends to be, what the spam says, where it comes from.

A run has a subject family, spamvertised domains, a time burst and a pool of
zombies; each spam it sends forges a From: at the owner's domain, so the
bounces come to the owner. Some zombies add forged Received lines below the
real ones, as ratware does.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import world
from .mail import Mail, encode_subject, message_id, received, rfc_date, token
from .world import Bouncer, Zombie

RUN_THEMES = (
    ("pharma", ["Cheap {drug} without prescription {n}", "{drug} {n}mg - 80% OFF today", "Re: your {drug} order #{n}",
                "Best prices on {drug}, {drug2}"],
     ["pillsmarket", "rxdiscount", "medsonline", "pharmadeals"], [".ru", ".cn", ".su"]),
    ("replica", ["Replica watches from ${n}", "Luxury {brand} for {n}$ only", "{brand} replica - perfect copy {n}"],
     ["swisscopies", "replicahub", "watchluxe"], [".cn", ".ws", ".top"]),
    ("stock", ["Hot stock alert: {ticker} set to soar", "{ticker} breaking news - buy now", "Investor alert {ticker} +{n}%"],
     ["pennymover", "stockpicks", "tradealert"], [".info", ".biz"]),
    ("casino", ["{n} free spins waiting for you", "Your casino bonus {n}$ is ready", "Jackpot: you won {n} EUR"],
     ["luckyspin", "royalbet", "casinoglory"], [".com", ".net", ".bet"]),
    ("loan", ["Pre-approved: {n}$ loan at 1.9%", "Your credit line of {n}$ is approved", "Refinance now {n}"],
     ["quickcredit", "loanfast", "easymoney"], [".xyz", ".online"]),
    ("dating", ["{name} sent you a message", "{name} wants to chat with you", "New match: {name}, {n} km away"],
     ["hotdates", "lonelyhearts", "meetnow"], [".com", ".click"]),
    ("phish", ["Your mailbox is almost full ({n}%)", "Action required: verify account {n}", "Invoice #{n} overdue"],
     ["secure-verify", "account-check", "mailbox-upgrade"], [".com", ".support"]),
)
DRUGS = ("Viagra", "Cialis", "Levitra", "Tramadol", "Xanax", "Valium")
BRANDS = ("Rolex", "Omega", "Breitling", "Cartier")
NAMES = ("Natasha", "Olga", "Irina", "Svetlana", "Katya")
RATWARE_MAILERS = ("Microsoft Outlook Express 6.00.2900.5512", "The Bat! (v3.51.10) Home",
                   "Microsoft Office Outlook 12.0", "Mozilla Thunderbird 1.5.0.10 (Windows/20070221)", None)


@dataclass
class Run:
    ident: str
    theme: str
    subjects: list[str]
    domains: list[str]
    start: dt.datetime
    hours: float
    zombies: list[Zombie]
    size: int
    forged_rate: float


@dataclass
class Spam:
    """One spam as the bouncer's MX received it (Received lines included)."""

    mail: Mail
    run: Run
    zombie: Zombie
    sent: dt.datetime
    forged_from: str
    victim: str
    forged_hops: int
    urls: list[str]


def make_run(rng: random.Random, index: int, start: dt.datetime, hours: float, size: int) -> Run:
    theme, subjects, stems, tlds = RUN_THEMES[index % len(RUN_THEMES)]
    domains = [rng.choice(stems) + token(rng, 2, "0123456789") + rng.choice(tlds) for _ in range(rng.randint(2, 3))]
    countries = rng.sample(sorted(world.ACCESS_NETWORKS), rng.randint(6, 12))
    zombies = [world.make_zombie(rng, rng.choice(countries)) for _ in range(max(8, size // 3))]
    return Run(f"run{index + 1:02d}-{theme}", theme, subjects, domains, start, hours, zombies, size,
               forged_rate=rng.choice((0.0, 0.3, 0.6)))


def _subject(rng: random.Random, run: Run) -> str:
    template = rng.choice(run.subjects)
    return template.format(drug=rng.choice(DRUGS), drug2=rng.choice(DRUGS), n=rng.randrange(10, 999),
                           brand=rng.choice(BRANDS), ticker=token(rng, 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                           name=rng.choice(NAMES))


def forged_sender(rng: random.Random) -> str:
    """Spammers forge the owner's exact address, or random local parts at the owner's domain."""
    roll = rng.random()
    if roll < 0.2:
        return world.OWNER_ADDR
    if roll < 0.35:
        return f"{rng.choice(['info', 'sales', 'admin', 'jordan.ellis', 'office'])}@{world.OWNER_DOMAIN}"
    return f"{token(rng, rng.randint(5, 9), 'abcdefghijklmnopqrstuvwxyz')}@{world.OWNER_DOMAIN}"


def victim_address(rng: random.Random, bouncer: Bouncer) -> str:
    if bouncer.style in ("vacation", "challenge"):
        return f"{rng.choice(world.FIRST_NAMES)}.{rng.choice(world.LAST_NAMES)}@{bouncer.domain}"
    local = rng.choice([f"{rng.choice(world.FIRST_NAMES)}{rng.randrange(1, 99)}",
                        token(rng, 6, "abcdefghijklmnopqrstuvwxyz"),
                        f"{rng.choice(world.FIRST_NAMES)}.{rng.choice(world.LAST_NAMES)}"])
    return f"{local}@{bouncer.domain}"


def _forged_received(rng: random.Random, sent: dt.datetime) -> str:
    """A Received line that ratware writes below the real ones to mislead tracing."""
    earlier = sent - dt.timedelta(minutes=rng.randint(3, 300))
    kind = rng.randrange(4)
    if kind == 0:
        ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return f"from {token(rng, 6, 'abcdefghij')} ([{ip}]) by mail.{rng.choice(['yahoo.com', 'hotmail.com'])} " \
               f"with HTTP; {rfc_date(earlier)}"
    if kind == 1:
        ip = f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return f"from User (HELO {token(rng, 7, 'abcdefghijklmnop')}) ({ip}) by smtp{rng.randrange(9)}.mailer.net " \
               f"with ESMTPA; {rfc_date(earlier)}"
    if kind == 2:
        ip = f"{rng.randrange(1, 223)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return f"from {token(rng, 8, 'abcdefghijklmnop')}.com ([{ip}]) by {token(rng, 5, 'abcdefgh')}.net " \
               f"(8.12.11/8.12.11) with ESMTP id {token(rng, 12)}; {rfc_date(earlier)}"
    return f"from 127.0.0.1 by {token(rng, 6, 'abcdefghijklmnop')}.local (MailEnable) with SMTP; " \
           f"{rfc_date(sent + dt.timedelta(hours=rng.randint(2, 30)))}"


def make_spam(rng: random.Random, run: Run, bouncer: Bouncer, sent: dt.datetime) -> Spam:
    zombie = rng.choice(run.zombies)
    forged_from = forged_sender(rng)
    victim = victim_address(rng, bouncer)
    subject = _subject(rng, run)
    urls = [f"http://{rng.choice(['www.', '', token(rng, 4, 'abcdefghijklmnop') + '.'])}{d}/"
            f"?{token(rng, 3, 'abcdefghijklmnopqrstuvwxyz')}={token(rng, 8)}" for d in rng.sample(run.domains, 1)]
    mail = Mail()
    forged_hops = rng.randint(1, 2) if rng.random() < run.forged_rate else 0
    arrive = sent + dt.timedelta(seconds=rng.randint(1, 20))
    mail.add("Received", received(bouncer.style if bouncer.style not in ("vacation", "challenge", "interscan",
                                                                           "amavis") else "postfix",
                                  rng, helo=zombie.helo, rdns=zombie.rdns, ip=zombie.ip, by=bouncer.mx_host,
                                  when=arrive, rcpt=victim, offset=0))
    if bouncer.internal and rng.random() < 0.5:
        inner = received("postfix", rng, helo=bouncer.mx_host, rdns=bouncer.mx_host, ip=f"10.0.{rng.randrange(9)}.{rng.randrange(2, 200)}",
                         by=bouncer.internal[0], when=arrive + dt.timedelta(seconds=2), rcpt=victim)
        mail.prepend("Received", inner)
    for _ in range(forged_hops):
        mail.add("Received", _forged_received(rng, sent))
    mailer = rng.choice(RATWARE_MAILERS)
    sender_name = rng.choice(["", f'"{rng.choice(NAMES)}" ', f'"{forged_from.split("@")[0]}" '])
    mail.add("Message-ID", message_id(rng, rng.choice([world.OWNER_DOMAIN, zombie.helo.strip("[]")]), sent,
                                      "outlook_express" if mailer and "Express" in mailer else "plain"))
    mail.add("From", f"{sender_name}<{forged_from}>")
    mail.add("To", f"<{victim}>")
    mail.add("Subject", encode_subject(subject))
    mail.add("Date", rfc_date(sent - dt.timedelta(minutes=rng.choice([0, 0, 0, 5, 90])), rng.choice([-5, 0, 1, 3, 8])))
    mail.add("MIME-Version", "1.0")
    mail.add("Content-Type", 'text/plain; charset="us-ascii"')
    if mailer:
        mail.add("X-Mailer", mailer)
    mail.body = (f"{subject}\n\nDon't miss it! Visit {urls[0]}\n\n"
                 f"{token(rng, 40, 'abcdefghijklmnopqrstuvwxyz ')}\n"
                 "To unsubscribe reply with REMOVE in the subject.\n")
    return Spam(mail, run, zombie, sent, forged_from, victim, forged_hops, urls)
