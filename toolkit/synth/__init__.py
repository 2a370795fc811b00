"""A deterministic, labelled sample of an owner's exported mailbox drowning in backscatter.

Two worlds. ``classic`` (this module): ``out/mail/Inbox.mbox`` (mboxrd), ``out/mail/Sent/``
(a Maildir), nine weeks, eight spam runs. ``realistic`` (``synth/realistic/``): a vanity
domain forwarded with SRS into Gmail and exported with Google Takeout, 30 days, 15
campaigns on rented botnets, ~300 bouncers running real products. Both write
``out/labels.jsonl``: the ground truth for every message (kind, backscatter or not,
spam run, zombie origin, bouncer, product, reason), keyed by Message-ID and position.
The same seed gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import ham, spam, world
from .mail import Mail, received
from .styles import STYLES, Incident

EPOCH = dt.datetime(2024, 3, 4, 6, 0, tzinfo=dt.timezone.utc)
DSN_REASONS = (("userunknown", 0.70), ("mailboxfull", 0.12), ("spamdetected", 0.12), ("expired", 0.06))


@dataclass
class Entry:
    when: dt.datetime
    mail: Mail
    label: dict


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def _reason(rng: random.Random, style: str) -> str:
    fixed = {"barracuda": "spamdetected", "interscan": "virusdetected", "vacation": "vacation",
             "challenge": "undefined"}
    if style in fixed:
        return fixed[style]
    if style == "amavis":
        return rng.choice(("virusdetected", "spamdetected"))
    return _weighted(rng, DSN_REASONS)


def _kind(style: str, reason: str) -> str:
    if style == "amavis":
        return "virus_notice" if reason == "virusdetected" else "spam_notice"
    return STYLES[style][1]


def _status(style: str, inc: Incident) -> str | None:
    if style in ("interscan", "vacation", "challenge"):
        return None
    return "5.7.0" if style == "amavis" else inc.status


def _deliver(rng: random.Random, b: world.Bouncer, notice: Mail, inc: Incident, null_sender: bool) -> Mail:
    """Add what the bouncer's outbound path and the owner's system write on top."""
    if b.out_host != b.mx_host:
        notice.prepend("Received", received("postfix", rng, helo=b.internal[0], rdns=b.internal[0],
                                            ip=f"10.0.{rng.randrange(9)}.{rng.randrange(2, 200)}", by=b.out_host,
                                            when=inc.when, rcpt=inc.notify_to))
    ham.outer_received(rng, notice, b.out_host, b.out_ip, inc.when + dt.timedelta(seconds=rng.randint(0, 5)),
                       inc.notify_to, return_path="<>" if null_sender else f"<{inc.rcpt}>")
    return notice


def _notification(rng: random.Random, b: world.Bouncer, original: Mail, subject: str, rcpt: str,
                  notify_to: str, sent: dt.datetime) -> tuple[Mail, Incident, str]:
    style = b.style
    renderer, _, carries = STYLES[style]
    reason = _reason(rng, style)
    delay = dt.timedelta(days=5) if reason == "expired" else dt.timedelta(seconds=rng.randint(5, 900))
    inc = Incident(original, subject, rcpt, notify_to, sent + delay, reason, rng.choice(carries))
    notice = renderer(b, inc, rng)
    null_sender = style not in ("vacation", "challenge") or rng.random() < 0.5
    return _deliver(rng, b, notice, inc, null_sender), inc, reason


def _label(kind: str, *, backscatter: bool, **fields) -> dict:
    base = {"kind": kind, "is_backscatter": backscatter, "campaign": None, "style": None, "reason": None,
            "status": None, "recipient": None, "original": None, "origin_ip": None, "origin_country": None,
            "forged_hops": None, "bouncer_ip": None, "bouncer_host": None, "bouncer_domain": None,
            "bouncer_org": None, "orig_message_id": None, "orig_subject": None, "product": None, "relay_ip": None}
    base.update(fields)
    return base


# classic style -> the product that writes it (toolkit/products.py); vacation and challenge styles mix several
CLASSIC_PRODUCTS = {"postfix": "postfix", "sendmail": "sendmail", "exchange": "exchange", "exim_dsn": "exim",
                    "exim": "exim", "qmail": "qmail", "barracuda": "barracuda", "interscan": "trendmicro",
                    "amavis": "amavis"}


def _bouncer_labels(b: world.Bouncer) -> dict:
    return {"bouncer_ip": b.out_ip, "bouncer_host": b.out_host, "bouncer_domain": b.domain, "bouncer_org": b.org,
            "style": b.style, "product": CLASSIC_PRODUCTS.get(b.style)}


def _runs(rng: random.Random, days: int, scale: float) -> list[spam.Run]:
    sizes = [260, 200, 160, 120, 90, 60, 30, 20]
    starts = sorted(rng.uniform(1, days - 3) for _ in sizes)
    return [spam.make_run(rng, i, EPOCH + dt.timedelta(days=day), rng.choice([4, 8, 16, 30, 48]),
                          max(5, int(size * scale)))
            for i, (day, size) in enumerate(zip(starts, rng.sample(sizes, len(sizes))))]


def _backscatter(rng: random.Random, bouncers: list[world.Bouncer], runs: list[spam.Run]) -> list[Entry]:
    weights = [{"postfix": 5, "exchange": 4, "sendmail": 3, "exim": 3, "exim_dsn": 2, "qmail": 3, "barracuda": 3,
                "interscan": 2, "amavis": 2, "vacation": 2, "challenge": 2}[b.style] for b in bouncers]
    entries = []
    for run in runs:
        for _ in range(run.size):
            b = rng.choices(bouncers, weights)[0]
            sent = run.start + dt.timedelta(hours=rng.triangular(0, run.hours, run.hours * 0.2))
            s = spam.make_spam(rng, run, b, sent)
            subject = s.mail.get("Subject") or ""
            notice, inc, reason = _notification(rng, b, s.mail, _decoded(subject), s.victim, s.forged_from, sent)
            label = _label(_kind(b.style, reason), backscatter=True, campaign=run.ident, reason=reason,
                           status=_status(b.style, inc), recipient=s.victim, original=inc.include,
                           origin_ip=s.zombie.ip, origin_country=s.zombie.country, forged_hops=s.forged_hops,
                           orig_message_id=(s.mail.get("Message-ID") or "").strip("<>"), orig_subject=_decoded(subject),
                           **_bouncer_labels(b))
            entries.append(Entry(inc.when, notice, label))
    return entries


def _decoded(subject: str) -> str:
    from ..headers import decode_text
    return decode_text(subject)


def _owner_mail(rng: random.Random, bouncers: list[world.Bouncer], days: int, scale: float
                ) -> tuple[list[Entry], list[Entry]]:
    inbox: list[Entry] = []
    sent_folder: list[Entry] = []
    for day in range(days):
        for _ in range(max(1, int(rng.randint(3, 8) * scale))):
            when = EPOCH + dt.timedelta(days=day, hours=rng.uniform(1, 16))
            maker = rng.choices([ham.personal, ham.newsletter, ham.tricky], [6, 3, 0.4])[0]
            inbox.append(Entry(when, maker(rng, when), _label("ham", backscatter=False,
                                                                 style="tricky" if maker is ham.tricky else None)))
        for _ in range(rng.randint(1, 4)):
            when = EPOCH + dt.timedelta(days=day, hours=rng.uniform(1, 16))
            _send(rng, bouncers, when, inbox, sent_folder)
    return inbox, sent_folder


def _send(rng: random.Random, bouncers: list[world.Bouncer], when: dt.datetime,
          inbox: list[Entry], sent_folder: list[Entry]) -> None:
    """The owner writes a message; now and then it bounces or triggers an auto-reply: genuine notices."""
    roll = rng.random()
    if roll < 0.10:
        b = rng.choice([b for b in bouncers if b.style in STYLES and STYLES[b.style][1] == "bounce"])
        to_addr = f"{rng.choice(world.FIRST_NAMES)}.{rng.choice(world.LAST_NAMES)}@{b.domain}"
    elif roll < 0.16:
        b = rng.choice([b for b in bouncers if b.style == "vacation"])
        to_addr = f"{rng.choice(world.FIRST_NAMES)}.{rng.choice(world.LAST_NAMES)}@{b.domain}"
    else:
        b, to_addr = None, f"{rng.choice(world.FIRST_NAMES)}.{rng.choice(world.LAST_NAMES)}@" \
                           f"{rng.choice(world.FRIEND_DOMAINS)}"
    subject = rng.choice(["Re: " + s for s in ham.CHAT_SUBJECTS] + ["Quote for the fence", "Documents attached",
                                                                    "Re: your order", "Schedule next week"])
    copy, wire = ham.sent_mail(rng, when, to_addr, subject)
    msg_id = (copy.get("Message-ID") or "").strip("<>")
    sent_folder.append(Entry(when, copy, _label("sent", backscatter=False, recipient=to_addr)))
    if b is None:
        return
    relay_host, relay_ip = world.OWNER_RELAY
    wire.prepend("Received", received(b.style if b.style in ("postfix", "sendmail", "exim", "qmail", "exchange")
                                      else "postfix", rng, helo=relay_host, rdns=relay_host, ip=relay_ip,
                                      by=b.mx_host, when=when + dt.timedelta(seconds=2), rcpt=to_addr, tls=True))
    notice, inc, reason = _notification(rng, b, wire, subject, to_addr, world.OWNER_ADDR, when)
    label = _label(_kind(b.style, reason), backscatter=False, reason=reason, status=_status(b.style, inc),
                   recipient=to_addr, original=inc.include, origin_ip=world.OWNER_HOME[1], forged_hops=0,
                   orig_message_id=msg_id, orig_subject=subject, **_bouncer_labels(b))
    inbox.append(Entry(inc.when, notice, label))


def _mboxrd(entries: list[Entry]) -> bytes:
    out = []
    for entry in entries:
        postmark = entry.when.strftime("%a %b %e %H:%M:%S %Y")
        lines = entry.mail.text().split("\n")
        quoted = [">" + line if line.lstrip(">").startswith("From ") else line for line in lines]
        out.append(f"From MAILER-DAEMON {postmark}\n" + "\n".join(quoted).rstrip("\n") + "\n\n")
    return "".join(out).encode("utf-8")


# Bump when the generator's output changes, so `ensure` makes the sample again.
GENERATOR_VERSION = "3"
WORLDS = ("classic", "realistic")
CLASSIC_DAYS = 63


def ensure(out: str | Path, *, seed: int, days: int | None = None, scale: float = 1.0,
           world: str = "realistic") -> str:
    """Generate the sample unless ``out`` already holds the one these arguments make.

    Leaving an existing sample untouched keeps its files' mtimes, so ingest's cache holds.
    """
    stamp = Path(out) / "synth.json"
    wanted = {"seed": seed, "days": days, "scale": scale, "world": world, "version": GENERATOR_VERSION}
    try:
        if json.loads(stamp.read_text()) == wanted and (Path(out) / "labels.jsonl").exists():
            return f"sample corpus (seed {seed}) already in {out}"
    except (OSError, ValueError):
        pass
    summary = generate(out, seed=seed, days=days, scale=scale, world=world)
    stamp.write_text(json.dumps(wanted))
    return summary


def generate(out: str | Path, *, seed: int, days: int | None = None, scale: float = 1.0,
             world: str = "classic") -> str:
    """Write the sample corpus of ``world`` under ``out`` (replacing an earlier one); returns a one-line summary.

    ``days`` defaults to the world's own period (63 days classic, 30 days realistic).
    """
    if world == "realistic":
        from . import realistic
        return realistic.generate(out, seed=seed, days=days or realistic.DAYS, scale=scale)
    if world != "classic":
        raise ValueError(f"unknown world {world!r}: choose one of {', '.join(WORLDS)}")
    return _classic(out, seed=seed, days=days or CLASSIC_DAYS, scale=scale)


def _classic(out: str | Path, *, seed: int, days: int, scale: float) -> str:
    rng = random.Random(seed)
    bouncers = world.bouncers(rng)
    runs = _runs(rng, days, scale)
    inbox, sent_folder = _owner_mail(rng, bouncers, days, scale)
    inbox += _backscatter(rng, bouncers, runs)
    inbox.sort(key=lambda e: e.when)
    sent_folder.sort(key=lambda e: e.when)

    out = Path(out)
    mail_dir = out / "mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    (mail_dir / "Sent" / "cur").mkdir(parents=True)
    (mail_dir / "Sent" / "new").mkdir()
    (mail_dir / "Sent" / "tmp").mkdir()
    (mail_dir / "Inbox.mbox").write_bytes(_mboxrd(inbox))
    labels = []
    for position, entry in enumerate(inbox):
        labels.append({"mailbox": "Inbox.mbox", "position": position,
                       "message_id": (entry.mail.get("Message-ID") or entry.mail.get("Message-Id") or "").strip("<>"),
                       "received": entry.when.isoformat(), **entry.label})
    for position, entry in enumerate(sent_folder):
        name = f"{int(entry.when.timestamp())}.M{position:05d}P1.quietmeadow:2,S"
        (mail_dir / "Sent" / "cur" / name).write_text(entry.mail.text(), encoding="utf-8")
        labels.append({"mailbox": "Sent", "position": position,
                       "message_id": (entry.mail.get("Message-ID") or "").strip("<>"),
                       "received": entry.when.isoformat(), **entry.label})
    (out / "labels.jsonl").write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in labels),
                                      encoding="utf-8")
    n_bs = sum(1 for e in inbox if e.label["is_backscatter"])
    return (f"sample corpus (seed {seed}): {len(inbox)} inbox messages ({n_bs} backscatter from {len(runs)} spam runs), "
            f"{len(sent_folder)} sent -> {out}")
