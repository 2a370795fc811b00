"""The "blind" world: a second-opinion sample inbox written WITHOUT reading the project's rules.

A victim's vanity domain is forwarded (SRS) by a forwarding provider into Gmail and exported with
Google Takeout. Spammers forge the domain in 15 overlapping campaigns sent by rented botnets;
hundreds of servers answer with bounces, auto-replies, challenges, filter notices and feedback
reports, mixed into the owner's ordinary mail. See README.md beside this file.

    generate(out, seed, days=30, scale=1.0)  ->  out/mail/*.mbox and out/labels.jsonl
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from . import botnet, bounces, challenges, feedback, filters, ham, responders, servers, takeout
from .responders import Trigger
from .world import UTC, Mail, Owner, label, make_owner, rfc2822, token

BOTNETS = ["botnet-A", "botnet-B", "botnet-C", "botnet-D"]
BACKSCATTER_PER_MONTH = 2000
MTA_BOUNCERS = 235
KIND_WEIGHTS = {"bounce": 74, "autoreply": 11, "challenge": 3, "filter": 8, "feedback": 4}
LOCAL_PARTS = ["info", "sales", "office", "admin", "contact", "kontakt", "buchhaltung", "j.smith", "m.rossi", "anna",
               "support", "hr", "marketing", "webmaster", "p.nowak", "lucas", "maria", "k.tanaka", "accounts", "reception"]
PEOPLE = ["Julia Hoffmann", "Marco Bianchi", "Claire Dubois", "Pedro Alves", "Katarzyna Wiśniewska", "John Miller",
          "Sanne de Vries", "Yuki Sato", "Ольга Иванова", "Lars Nilsson", "Petra Novotná", "Ana García"]
OWNER_FLAGS_FILE = "owner.json"
MULTI_RECIPIENT_RATE = 0.12       # the spam went to several addresses at one site; one notice lists them all
FINAL_AFTER_WARNING_RATE = 0.6    # a delay warning is later followed by the final failure


def _target(rng: random.Random, domain: str) -> str:
    local = rng.choice(LOCAL_PARTS) if rng.random() < 0.6 else token(rng, rng.randint(4, 9), "abcdefghijklmnopqrstuvwxyz") + \
        rng.choice(["", str(rng.randint(1, 99))])
    return f"{local}@{domain}"


class World:
    def __init__(self, seed: int, days: int, scale: float):
        self.rng = rng = random.Random(seed)
        self.days, self.scale = days, scale
        self.begin = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=seed % 200)
        self.end = self.begin + timedelta(days=days)
        self.owner: Owner = make_owner(rng)
        sizes = [max(30, int(s * max(scale, 0.2))) for s in (900, 500, 300, 200)]
        self.nets = botnet.make_botnets(rng, BOTNETS, sizes, self.owner.domain)
        self.relays = botnet.make_relays(rng)
        self.bouncers = servers.make_bouncers(rng, MTA_BOUNCERS)
        self.popularity = [rng.paretovariate(1.1) for _ in self.bouncers]
        self.responder_of = {id(b): rng.choices(*zip(*responders.RESPONDERS[b.family]))[0]
                             for b in self.bouncers if b.family in responders.RESPONDERS}
        self.filter_sites = self._sites(sum(1 for _ in range(24)), "filter")
        self.challenge_sites = self._sites(14, "challenge")
        self.reporters = feedback.REPORTERS_RUF + feedback.REPORTERS_ARF
        total = max(15, round(BACKSCATTER_PER_MONTH * scale * days / 30))
        self.campaigns = botnet.make_campaigns(rng, self.begin, days, total, BOTNETS)
        for c in self.campaigns:  # each list reaches a part of the world; lists overlap
            share = rng.uniform(0.25, 0.7)
            c.targets = [i for i in range(len(self.bouncers)) if rng.random() < share]
        self.mails: list[Mail] = []
        self.zombie_ips_by_day: dict[int, list[tuple[str, int]]] = {}

    def _sites(self, n: int, kind: str) -> list[tuple[str, servers.Bouncer]]:
        rng = self.rng
        out = []
        names = list(filters.FILTERS) if kind == "filter" else list(challenges.SYSTEMS)
        weights = [filters.FILTERS[x] for x in names] if kind == "filter" else [challenges.SYSTEMS[x][1] for x in names]
        used: set[str] = {b.domain for b in self.bouncers}
        for i in range(n):
            product = names[i] if i < len(names) else rng.choices(names, weights)[0]
            b = servers.make_bouncer(rng, "postfix" if kind == "filter" else rng.choice(["postfix", "exim", "exchange"]), used)
            if product == "proofpoint":
                b.mx_host = b.out_host = f"mx0{rng.choice('ab')}-00{rng.randint(100000, 999999)}.pphosted.com"
                b.out_ip = b.mx_ip = f"148.163.{rng.randint(128, 159)}.{rng.randint(1, 254)}"
            elif product == "messagelabs":
                b.mx_host = b.out_host = f"mail{rng.randint(1, 9)}.bemta{rng.randint(20, 45)}.messagelabs.com"
                b.out_ip = b.mx_ip = f"85.158.{rng.randint(136, 143)}.{rng.randint(1, 254)}"
            elif product == "mimecast":
                b.mx_host = b.out_host = f"{rng.choice(['eu', 'us'])}-smtp-{rng.choice(['inbound', 'delivery'])}-{rng.randint(1, 200)}.mimecast.com"
                b.out_ip = b.mx_ip = f"{rng.choice(['185.58.86', '205.139.110', '207.211.30'])}.{rng.randint(1, 254)}"
            elif product in ("barracuda", "sophos", "spamtitan", "mailmarshal", "trendmicro"):
                b.mx_host = b.out_host = f"{product.replace('mailmarshal', 'mm').replace('trendmicro', 'imss')}.{b.domain}"
            elif product in ("boxbe", "spamarrest", "bluebottle", "mailinblack"):
                svc = {"boxbe": "boxbe.com", "spamarrest": "spamarrest.com", "bluebottle": "bluebottle.com",
                       "mailinblack": "mailinblack.com"}[product]
                b.out_host = f"mail{rng.randint(1, 4)}.{svc}"
                b.out_ip = f"{rng.choice([64, 69, 208, 91])}.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(2, 250)}"
                b.org = {"boxbe.com": "Boxbe, Inc.", "spamarrest.com": "Spam Arrest LLC", "bluebottle.com": "Bluebottle",
                         "mailinblack.com": "Mailinblack SAS"}[svc]
            out.append((product, b))
        return out

    # --- one notification ---------------------------------------------------------------------
    def _spam_for(self, c: botnet.Campaign, rcpt: str, b: servers.Bouncer) -> tuple[botnet.Spam, list[str]]:
        rng = self.rng
        zombie = rng.choice(self.nets[rng.choice(c.botnets)])
        relay = rng.choice(self.relays) if rng.random() < c.relay_rate else None
        sent = c.when(rng)
        spam = botnet.make_spam(rng, c, zombie, relay, sent, rcpt, self.owner)
        arrive = sent + timedelta(seconds=rng.randint(1, 40))
        inbound = servers.inbound_received(rng, b, spam.helo, spam.connecting_host if spam.relay else zombie.rdns,
                                           spam.connecting_ip, rcpt, spam.sender, arrive)
        return spam, inbound

    def _base_label(self, c, spam: botnet.Spam, kind: str, style: str, product, original: str, out_host: str, out_ip: str,
                    b: servers.Bouncer, **kw) -> dict:
        return label(kind=kind, is_backscatter=True, campaign=c.id, style=style, product=product, original=original,
                     origin_ip=spam.zombie.ip, origin_country=spam.zombie.country, relay_ip=spam.relay.ip if spam.relay else None,
                     forged_hops=spam.forged_hops, bouncer_ip=out_ip, bouncer_host=out_host, bouncer_domain=b.domain,
                     bouncer_org=b.org, orig_message_id=spam.message_id, orig_subject=spam.subject, **kw)

    def _latency(self, reason: str | None) -> timedelta:
        rng = self.rng
        if reason == "expired":
            return timedelta(days=rng.uniform(2, 5))
        if reason == "delayed":
            return timedelta(hours=rng.choice((4, 4, 24)) + rng.random())
        return timedelta(seconds=min(86400, rng.lognormvariate(3.5, 1.8)))

    def _accept(self, m: Mail, when: datetime, spam: botnet.Spam, out_host: str, out_ip: str, env_from: str) -> None:
        m.arrived = when
        m.sender_host, m.sender_ip, m.envelope_from = out_host, out_ip, env_from
        m.gmail_labels = self.rng.choice(["Spam", "Spam", "Inbox,Unread", "Inbox,Category Updates,Unread", "Spam,Unread", "Trash"])
        m.label["message_id"] = m.header("Message-ID") or m.header("Message-Id")
        self.mails.append(m)
        day = (spam.sent - self.begin).days
        self.zombie_ips_by_day.setdefault(day, []).append((spam.zombie.ip, 1))

    def _bounce(self, c, b: servers.Bouncer, spam: botnet.Spam, inbound: list[str], when: datetime, reason: str,
                others: tuple) -> None:
        ctx = bounces.Ctx(self.rng, b, spam, when, reason, b.original, inbound, others)
        headers, body, style = bounces.render(ctx)
        out_host, out_ip = b.sender(self.rng)
        m = Mail(headers, body)
        m.label = self._base_label(c, spam, "bounce", style, b.product, bounces.carried(b.family, b.original, reason),
                                   out_host, out_ip, b, reason=reason, status=ctx.status, recipient=spam.recipient)
        self._accept(m, when, spam, out_host, out_ip, "")

    def notification(self, c: botnet.Campaign) -> None:
        rng = self.rng
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        if kind == "bounce" or kind == "autoreply":
            pool = c.targets if kind == "bounce" else [i for i in c.targets if id(self.bouncers[i]) in self.responder_of]
            if not pool:
                pool = c.targets
                kind = "bounce"
            b = self.bouncers[rng.choices(pool, [self.popularity[i] for i in pool])[0]]
            rcpt = _target(rng, b.domain)
            spam, inbound = self._spam_for(c, rcpt, b)
            if kind == "bounce":
                reason = bounces.pick_reason(rng, b.family)
                when = spam.sent + self._latency(reason)
                if not self.begin <= when < self.end:
                    return
                others = tuple(_target(rng, b.domain) for _ in range(rng.randint(1, 3))) \
                    if b.family in bounces.LISTS_ALL and rng.random() < MULTI_RECIPIENT_RATE else ()
                self._bounce(c, b, spam, inbound, when, reason, others)
                if reason == "delayed" and rng.random() < FINAL_AFTER_WARNING_RATE:  # the same message finally gives up
                    final = spam.sent + timedelta(days=5, hours=rng.uniform(0, 6))
                    if final < self.end:
                        self._bounce(c, b, spam, inbound, final, "expired", others)
                return
            responder = self.responder_of[id(b)]
            when = spam.sent + timedelta(seconds=rng.randint(5, 4000))
            if not self.begin <= when < self.end:
                return
            person = rng.choice(PEOPLE)
            answer_to = spam.from_addr if responder in responders.ANSWERS_HEADER_FROM else spam.sender
            t = Trigger(answer_to, spam.subject, spam.message_id, rcpt, person, when)
            headers, body, style = responders.reply(rng, responder, t, b.mx_host, b.language)
            out_host, out_ip = b.sender(rng)
            if responder == "exchange-mimecast":
                out_host = f"{rng.choice(['eu', 'us'])}-smtp-delivery-{rng.randint(1, 200)}.mimecast.com"
                out_ip = f"{rng.choice(['185.58.85', '205.139.110', '207.211.31'])}.{rng.randint(1, 254)}"
            m = Mail(headers, body)
            m.label = self._base_label(c, spam, "autoreply", style, responders.PRODUCT_OF[responder], "none", out_host, out_ip, b,
                                       recipient=rcpt)
            env = "" if responder in ("exchange", "exchange-mimecast") and rng.random() < 0.5 else rcpt
            self._accept(m, when, spam, out_host, out_ip, env)
            return
        if kind == "challenge":
            system, b = rng.choice(self.challenge_sites)
            rcpt = _target(rng, b.domain)
            spam, inbound = self._spam_for(c, rcpt, b)
            when = spam.sent + timedelta(seconds=rng.randint(10, 3000))
            if not self.begin <= when < self.end:
                return
            answer_to = spam.sender if system in ("tmda", "boxtrapper") else spam.from_addr
            t = Trigger(answer_to, spam.subject, spam.message_id, rcpt, rng.choice(PEOPLE), when)
            quoted = spam.full(inbound).split("\n\n", 1)[0] + "\n"
            headers, body, style = challenges.challenge(rng, system, t, b.mx_host, quoted)
            m = Mail(headers, body)
            m.label = self._base_label(c, spam, "challenge", style, system, challenges.CARRIES.get(system, "none"),
                                       b.out_host, b.out_ip, b, recipient=rcpt)
            env = rcpt if system in ("choicemail", "tmda", "sendio") else f"bounce@{b.out_host.split('.', 1)[1]}"
            self._accept(m, when, spam, b.out_host, b.out_ip, env)
            return
        if kind == "filter":
            virus = bool(c.theme.attachment) and rng.random() < 0.85
            product, b = rng.choice(self.filter_sites)
            if product == "trendmicro" or product == "mailscanner":
                virus = True
            rcpt = _target(rng, b.domain)
            spam, inbound = self._spam_for(c, rcpt, b)
            when = spam.sent + timedelta(seconds=rng.randint(2, 600))
            if not self.begin <= when < self.end:
                return
            full = spam.full(inbound)
            headers, body, style, carried = filters.notice(rng, product, virus, spam.sender, rcpt, spam.subject, when, b.mx_host,
                                                           b.domain, full.split("\n\n", 1)[0] + "\n", full)
            m = Mail(headers, body)
            m.label = self._base_label(c, spam, "virus_notice" if virus else "spam_notice", style, product, carried,
                                       b.out_host, b.out_ip, b, recipient=rcpt)
            self._accept(m, when, spam, b.out_host, b.out_ip, "")
            return
        reporter = rng.choice(self.reporters)
        product, host, domain, _agent = reporter
        b = servers.Bouncer("feedback", product, domain, domain.split(".")[0].title() + " (reporter)", "US", host,
                            f"{rng.choice([81, 185, 212])}.{sum(map(ord, host)) % 250}.{len(host)}.{sum(map(ord, domain)) % 250 + 1}",
                            host, f"{rng.choice([81, 185, 212])}.{sum(map(ord, host)) % 250}.{len(host)}.{sum(map(ord, domain)) % 250 + 1}",
                            "headers")
        b.out_ip = b.mx_ip
        rcpt = _target(rng, domain)
        spam, inbound = self._spam_for(c, rcpt, servers.Bouncer("postfix", "postfix", domain, b.org, "US", host, b.mx_ip, host,
                                                                 b.mx_ip, "headers"))
        when = spam.sent + timedelta(minutes=rng.randint(1, 600))
        if not self.begin <= when < self.end:
            return
        full = spam.full(inbound)
        if product == "opendmarc":
            headers, body, style = feedback.failure_report(rng, reporter, self.owner.domain, spam.sender, rcpt, spam.subject,
                                                           spam.connecting_ip, when, full.split("\n\n", 1)[0] + "\n")
            original = "headers"
        else:
            headers, body, style = feedback.abuse_report(rng, reporter, self.owner.domain, spam.sender, rcpt, spam.subject,
                                                         spam.connecting_ip, when, full)
            original = "rfc822"
        m = Mail(headers, body)
        m.label = self._base_label(c, spam, "feedback_report", style, product, original, host, b.mx_ip, b, recipient=None)
        self._accept(m, when, spam, host, b.mx_ip, f"bounces@{domain}")

    # --- messy reality -----------------------------------------------------------------------
    def damage_a_few(self) -> None:
        """A handful of messages damaged the way real exports are: cut short, a missing blank line, raw 8-bit headers."""
        rng = self.rng
        candidates = [m for m in self.mails if m.label.get("kind") in ("bounce", "ham") and m.raw is None]
        for i, m in enumerate(rng.sample(candidates, min(len(candidates), 8))):
            kind = i % 4
            if kind == 0:
                m.mangle = lambda d: d[: max(400, len(d) * 2 // 3)] + b"\r\n"  # truncated (no closing boundary)
            elif kind == 1:
                m.mangle = lambda d: d.replace(b"\r\n\r\n", b"\r\n", 1)      # header/body separator lost
            elif kind == 2:
                m.headers.append(("X-Original-Subject", "\u0412\u0430\u0448 \u0437\u0430\u043a\u0430\u0437".encode("koi8-r").decode("ascii", "surrogateescape")))
            else:
                m.mangle = lambda d: d.replace(b"\r\n", b"\n", 5)             # bare LF among CRLF
            m.label["style"] = (m.label.get("style") or "") + "+damaged"

    def build(self) -> list[Mail]:
        for c in self.campaigns:
            for _ in range(c.volume):
                self.notification(c)
        hm = ham.HamMaker(self.rng, self.owner, self.begin, self.days, self.scale)
        sent = hm.conversations()
        hm.genuine_notices(sent, self.bouncers)
        hm.newsletters()
        hm.notifications()
        hm.mailing_lists()
        hm.plain_spam(self.campaigns, self.nets)
        hm.forwarded_bounces_and_talk(self.bouncers)
        hm.forwarder_reports()
        hm.dmarc_aggregates(self.zombie_ips_by_day)
        self.mails += [m for m in hm.mails if self.begin <= m.arrived < self.end]
        self.damage_a_few()
        return self.mails


def generate(out: Path, seed: int, days: int = 30, scale: float = 1.0) -> None:
    """Write out/mail/<Takeout mbox>, out/labels.jsonl and out/owner.json (the flags a user would give ingest)."""
    out = Path(out)
    world = World(seed, days, scale)
    mails = world.build()
    takeout.write(out, mails, world.owner, world.rng)
    flags = {"addresses": [world.owner.address, world.owner.gmail], "domains": [world.owner.domain]}
    (out / OWNER_FLAGS_FILE).write_text(json.dumps(flags, indent=1) + "\n", encoding="utf-8")
