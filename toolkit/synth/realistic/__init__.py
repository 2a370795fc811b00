"""The realistic world: a forged vanity domain, forwarded with SRS into Gmail, exported with Google Takeout.

``generate(out, seed)`` writes ``out/mail/All mail Including Spam and Trash.mbox``
(everything received, as Takeout writes it), ``out/mail/Sent.mbox`` and
``out/labels.jsonl``. Written from how backscatter really arrives (see the
README's "The sample corpus"), not from how the analysis recognises it.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from ...headers import decode_text
from ..mail import Mail
from . import campaigns as camp
from . import cast, hops, owner
from .event import DSN_REASONS, OWNER_DSN_REASONS, Event
from .registry import STYLES

EPOCH = dt.datetime(2024, 4, 1, 5, 0, tzinfo=dt.timezone.utc)
INBOX = "All mail Including Spam and Trash.mbox"
SENT = "Sent.mbox"
DAYS = 30
CAMPAIGNS = 15
BACKSCATTER_SPAMS = 2400     # spams whose bounce, reply or report reaches the owner, at scale 1
FEEDBACK_SHARE = 0.025       # of those spams, how many also draw a DMARC failure report or an ARF complaint


@dataclass
class Entry:
    when: dt.datetime
    mail: Mail
    label: dict
    gmail_labels: str


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def label(kind: str, *, backscatter: bool | None, **fields) -> dict:
    base = {"kind": kind, "is_backscatter": backscatter, "campaign": None, "style": None, "product": None,
            "reason": None, "status": None, "recipient": None, "original": None, "origin_ip": None,
            "origin_country": None, "relay_ip": None, "forged_hops": None, "bouncer_ip": None, "bouncer_host": None,
            "bouncer_domain": None, "bouncer_org": None, "orig_message_id": None, "orig_subject": None}
    base.update(fields)
    return base


def _reason(rng: random.Random, kind: str, genuine: bool) -> str:
    if kind == "bounce":
        return _weighted(rng, OWNER_DSN_REASONS if genuine else DSN_REASONS)
    return {"autoreply": "vacation", "challenge": "undefined", "virus_notice": "virusdetected",
            "spam_notice": "spamdetected", "feedback_report": "feedback"}[kind]


def _delay(rng: random.Random, style: str, reason: str) -> dt.timedelta:
    if reason == "expired":
        return dt.timedelta(days=rng.choice([2, 3, 5]), minutes=rng.randint(0, 300))
    if style == "choicemail":        # runs on the user's PC: answers when it polls
        return dt.timedelta(minutes=rng.randint(5, 600))
    if style in ("dmarc", "arf"):
        return dt.timedelta(minutes=rng.randint(1, 240))
    return dt.timedelta(seconds=rng.randint(3, 1200))


def notify(rng: random.Random, b: cast.Bouncer, original: Mail, orig_subject: str, rcpt: str, notify_to: str,
           sent: dt.datetime, origin_ip: str, *, genuine: bool = False, also: tuple[str, ...] = ()
           ) -> tuple[Mail, Event]:
    s = STYLES[b.style]
    reason = _reason(rng, s.kind, genuine)
    ev = Event(original, orig_subject, rcpt, notify_to, sent + _delay(rng, b.style, reason), reason,
               rng.choice(s.carries), b, origin_ip, also=also)
    return s.render(ev, rng), ev


def _gmail_labels(rng: random.Random, kind: str) -> str:
    if kind == "ham":
        return rng.choice(["Inbox,Opened", "Inbox,Opened", "Inbox,Unread", "Category Updates,Inbox,Opened"])
    return rng.choice(["Inbox,Unread", "Inbox,Unread", "Inbox,Opened", "Spam,Unread", "Category Updates,Inbox,Unread"])


def _backscatter(rng: random.Random, bouncers: list[cast.Bouncer], reporters: list[cast.Bouncer],
                 relays: list[cast.Relay], campaigns: list[camp.Campaign]) -> list[Entry]:
    weights = [b.weight for b in bouncers]
    entries = []
    for c in campaigns:
        for _ in range(c.size):
            b = rng.choices(bouncers, weights)[0]
            entries.append(_one(rng, c, b, relays))
            if rng.random() < FEEDBACK_SHARE:
                entries.append(_one(rng, c, rng.choice(reporters), relays))
    return entries


def _one(rng: random.Random, c: camp.Campaign, b: cast.Bouncer, relays: list[cast.Relay]) -> Entry:
    sent = c.start + dt.timedelta(hours=rng.triangular(0, c.hours, c.hours * 0.15))
    spam = camp.make_spam(rng, c, b, relays, sent)
    notice, ev = notify(rng, b, spam.mail, spam.subject, spam.victim,
                        cast.DMARC_RUF if b.style == "dmarc" else
                        (f"abuse@{cast.OWNER_DOMAIN}" if b.style == "arf" else spam.forged_from),
                        sent, spam.zombie.ip, also=spam.also)
    s = STYLES[b.style]
    envelope = "" if rng.random() < s.null_sender else ev.rcpt if s.kind in ("autoreply", "challenge") else \
        f"postmaster@{b.domain}"
    if b.gateway:
        hops.through_gateway(rng, notice, b, ev.when)
    hops.deliver(rng, notice, host=b.out_host, ip=b.out_ip, when=ev.when, rcpt=ev.notify_to, envelope=envelope)
    lab = label(s.kind, backscatter=True, campaign=c.ident, style=b.style, product=s.product, reason=ev.reason,
                status=ev.reported_status or (ev.status if s.kind == "bounce" else None),
                recipient=spam.victim, original=ev.include, origin_ip=spam.zombie.ip,
                origin_country=spam.zombie.country, relay_ip=spam.relay.ip if spam.relay else None,
                forged_hops=spam.forged_hops, orig_message_id=(spam.mail.get("Message-ID") or "").strip("<>"),
                orig_subject=spam.subject, **_bouncer(b))
    return Entry(ev.when, notice, lab, _gmail_labels(rng, s.kind))


def _bouncer(b: cast.Bouncer) -> dict:
    return {"bouncer_ip": b.out_ip, "bouncer_host": b.out_host, "bouncer_domain": b.domain, "bouncer_org": b.org}


def _direct_spam(rng: random.Random, campaigns: list[camp.Campaign], relays: list[cast.Relay], when: dt.datetime
                 ) -> Entry:
    """Spam of the same campaigns aimed at the owner herself: ordinary (unwanted) mail, not a notification."""
    c = rng.choice(campaigns)
    me = cast.Bouncer("owner", cast.OWNER_DOMAIN, "SE", "", "", "postfix", cast.FORWARDER_MX[0][0],
                      cast.FORWARDER_MX[0][1], "", "", cast.FORWARDER_MX[0][0], 1.0)
    spam = camp.make_spam(rng, c, me, relays, when)
    mail = spam.mail
    mail.headers = [(k, v) for k, v in mail.headers if k != "Received"]
    mail.headers = [("To", cast.OWNER_ADDR) if k == "To" else (k, v) for k, v in mail.headers]
    hops.deliver(rng, mail, host=spam.zombie.rdns or "unknown", ip=spam.zombie.ip, when=when, rcpt=cast.OWNER_ADDR,
                 envelope=spam.forged_from)
    return Entry(when, mail, label("ham", backscatter=False, style="direct_spam", origin_ip=spam.zombie.ip,
                                   origin_country=spam.zombie.country), "Spam,Unread")


def _owner_days(rng: random.Random, bouncers: list[cast.Bouncer], campaigns: list[camp.Campaign],
                relays: list[cast.Relay], days: int, scale: float) -> tuple[list[Entry], list[Entry]]:
    inbox: list[Entry] = []
    sent_box: list[Entry] = []
    for day in range(days):
        def at() -> dt.datetime:
            return EPOCH + dt.timedelta(days=day, hours=rng.uniform(2, 18))
        for _ in range(max(1, round(rng.randint(6, 12) * scale))):
            maker = rng.choices([owner.personal, owner.newsletter], [6, 4])[0]
            when = at()
            inbox.append(Entry(when, maker(rng, when), label("ham", backscatter=False), _gmail_labels(rng, "ham")))
        for _ in range(round(rng.randint(1, 5) * scale)):
            inbox.append(_direct_spam(rng, campaigns, relays, at()))
        if rng.random() < 0.6 * max(scale, 0.5):
            when = at()
            maker = rng.choice([owner.tricky, owner.tricky, owner.tricky, owner.forwarded_bounce])
            style = "forwarded_bounce" if maker is owner.forwarded_bounce else "tricky"
            inbox.append(Entry(when, maker(rng, when), label("ham", backscatter=False, style=style), "Inbox,Opened"))
        if day % 7 == 6:
            when = at()
            inbox.append(Entry(when, owner.forwarder_report(rng, when),
                               label("ham", backscatter=False, style="forwarder_report"), "Inbox,Unread"))
        for _ in range(round(rng.randint(2, 6) * scale)):
            _send(rng, bouncers, at(), inbox, sent_box)
    return inbox, sent_box


def _send(rng: random.Random, bouncers: list[cast.Bouncer], when: dt.datetime, inbox: list[Entry],
          sent_box: list[Entry]) -> None:
    """The owner writes; now and then the mail bounces or draws a reply or a challenge: genuine notices."""
    roll = rng.random()
    kinds = {"bounce": roll < 0.08, "autoreply": 0.08 <= roll < 0.13, "challenge": 0.13 <= roll < 0.16}
    wanted = next((k for k, hit in kinds.items() if hit), None)
    b = None
    if wanted:
        pool = [x for x in bouncers if STYLES[x.style].kind == wanted]
        b = rng.choice(pool) if pool else None
    name, local = cast.person(rng)
    to_addr = f"{local}@{b.domain}" if b else f"{local}@{rng.choice(owner.FRIEND_DOMAINS)}"
    subject = rng.choice(owner.CHAT + ("Quote for the poster series", "Re: your order", "Files for print"))
    copy, wire, (gmail_host, gmail_ip) = owner.sent(rng, when, to_addr, subject)
    mid = (copy.get("Message-ID") or "").strip("<>")
    hops.takeout(rng, copy, "Sent", rng.randrange(10**18, 2 * 10**18))
    sent_box.append(Entry(when, copy, label("sent", backscatter=None, recipient=to_addr), "Sent"))
    if b is None:
        return
    wire.prepend("Received", hops.received(b.mta, rng, helo=gmail_host, rdns=gmail_host, ip=gmail_ip, by=b.mx_host,
                                           when=when + dt.timedelta(seconds=2), rcpt=to_addr, tls=True))
    s = STYLES[b.style]
    notify_to = cast.GMAIL_ADDR if s.kind == "bounce" else cast.OWNER_ADDR
    notice, ev = notify(rng, b, wire, subject, to_addr, notify_to, when, gmail_ip, genuine=True)
    if s.kind == "bounce" and rng.random() < 0.3:
        ev.include = "none"  # some bounces carry no copy: the Sent folder is the only link
    hops.deliver(rng, notice, host=b.out_host, ip=b.out_ip, when=ev.when, rcpt=notify_to,
                 envelope="" if s.kind == "bounce" else to_addr, direct=s.kind == "bounce")
    inbox.append(Entry(ev.when, notice, label(s.kind, backscatter=False, style=b.style, product=s.product,
                                              reason=ev.reason, status=ev.reported_status or (ev.status if s.kind == "bounce" else None),
                                              recipient=to_addr, original=ev.include, origin_ip=gmail_ip,
                                              forged_hops=0, orig_message_id=mid, orig_subject=subject, **_bouncer(b)),
                       _gmail_labels(rng, s.kind)))


def _mbox(entries: list[Entry]) -> bytes:
    out = []
    for entry in entries:
        postmark = entry.when.strftime("%a %b %d %H:%M:%S +0000 %Y")
        thrid = entry.mail.get("X-GM-THRID")
        lines = entry.mail.text().split("\n")
        quoted = [">" + line if line.lstrip(">").startswith("From ") else line for line in lines]
        out.append(f"From {thrid}@xxx {postmark}\n" + "\n".join(quoted).rstrip("\n") + "\n\n")
    return "".join(out).encode("utf-8")


def generate(out: str | Path, *, seed: int, days: int = DAYS, scale: float = 1.0) -> str:
    """Write the realistic sample under ``out`` (replacing an earlier one); returns a one-line summary."""
    rng = random.Random(seed)
    nets = cast.botnets(rng)
    relays = cast.relays(rng)
    bouncers = cast.bouncers(rng)
    reporters = cast.reporters(rng)
    campaigns = camp.campaigns(rng, nets, EPOCH, days, CAMPAIGNS, int(BACKSCATTER_SPAMS * scale * days / DAYS))
    inbox, sent_box = _owner_days(rng, bouncers, campaigns, relays, days, scale)
    inbox += _backscatter(rng, bouncers, reporters, relays, campaigns)
    inbox.sort(key=lambda e: e.when)
    sent_box.sort(key=lambda e: e.when)
    for entry in inbox:
        hops.takeout(rng, entry.mail, entry.gmail_labels, rng.randrange(10**18, 2 * 10**18))

    out = Path(out)
    mail_dir = out / "mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    mail_dir.mkdir(parents=True)
    (mail_dir / INBOX).write_bytes(_mbox(inbox))
    (mail_dir / SENT).write_bytes(_mbox(sent_box))
    rows = []
    for box, entries in ((INBOX, inbox), (SENT, sent_box)):
        for position, entry in enumerate(entries):
            rows.append({"mailbox": box, "position": position,
                         "message_id": (entry.mail.get("Message-ID") or entry.mail.get("Message-Id") or "").strip("<>"),
                         "received": entry.when.isoformat(), **entry.label})
    for row in rows:
        if row["orig_subject"]:
            row["orig_subject"] = decode_text(row["orig_subject"])
    (out / "labels.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    n_bs = sum(1 for e in inbox if e.label["is_backscatter"])
    n_bouncers = len({e.label["bouncer_ip"] for e in inbox if e.label["is_backscatter"]})
    return (f"realistic sample (seed {seed}): {len(inbox)} received ({n_bs} backscatter from {len(campaigns)} campaigns, "
            f"{n_bouncers} bouncers), {len(sent_box)} sent -> {out}")
