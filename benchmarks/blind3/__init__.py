"""The "blind3" world: a fourth-opinion sample inbox written without reading the project's rules or the other
generators. A vanity domain forwarded (with SRS) by a forwarding provider into Gmail and exported as one Google
Takeout mbox; 15 spam campaigns forging the domain (rented botnets shared between operators, open relays, hijacked
accounts and webmail, forged Received lines); about 280 servers answering with bounces, delay warnings,
auto-replies, challenges, filter notices and feedback reports; mixed with the owner's ordinary mail. See README.md.

    generate(out, seed, days=30, scale=1.0)  ->  out/mail/<Takeout mbox>, out/labels.jsonl, out/owner.json
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from . import bounces, net, ordinary, replies, spam
from .bounces import Ctx
from .mime import Notice
from .net import UTC, Server
from .takeout import MBOX_NAME, Item, write_mbox

CAMPAIGNS = 15
BACKSCATTER_PER_MONTH = 1900
MTA_SERVERS = 205
RELAYS = 24
CARRIED = ("rfc822", "headers", "inline")
# share of each kind at an ordinary MTA (the rest are bounces)
AUTOREPLY_AT_MTA = 0.2
CHALLENGE_AT_MTA = 0.025
VIRUS_AT_MTA = 0.2        # a content filter (amavis, MailScanner) on an ordinary MTA answers malware
DELAY_RATE = 0.07
FAIL_AFTER_DELAY = 0.6
RELAY_BOUNCES_ITSELF = 0.55
FEEDBACK_RATE = 0.025   # DMARC failure reports and abuse complaints per forged message answered
GATEWAYS = {"barracuda", "proofpoint", "messagelabs", "sophos", "spamtitan", "mailmarshal", "trendmicro", "ironport",
            "mcafee", "forcepoint", "mimecast", "surfcontrol"}
LOCAL_FILTERS = {"amavis", "mailscanner"}
# hosted mail behind the recipients' domains (Google Workspace, Microsoft 365, IONOS, ...)
REMOTE_MX = ["aspmx.l.google.com", "{d}-{t}.mail.protection.outlook.com", "mx00.ionos.de", "mx01.mail.icloud.com",
             "mx.zoho.eu", "{d}.mail.eo.outlook.com"]


class World:
    def __init__(self, seed: int, days: int, scale: float):
        self.rng = rng = random.Random(seed)
        self.days, self.scale = days, scale
        self.start = datetime(2026, 9, 7, 6, tzinfo=UTC) + timedelta(days=rng.randint(0, 45))
        self.owner = ordinary.make_owner(rng)
        self.fwd = rng.choice(net.FORWARDERS)
        self.items: list[Item] = []
        self._servers()
        self._campaigns()

    # --- the answering side ------------------------------------------------------------------------------------
    def _servers(self) -> None:
        rng = self.rng
        plats = list(net.PLATFORMS)
        self.mtas = [net.server(rng, rng.choices(plats, [net.PLATFORMS[p] for p in plats])[0]) for _ in range(MTA_SERVERS)]
        self.relays = [net.relay(rng) for _ in range(RELAYS)]
        self.relay_servers = {r.ip: Server(r.ip, r.host, r.host.split(".", 1)[1], r.platform, rng.choice(["en", "en", "pt", "es", "it", "pl"]),
                                           0, 1.0) for r in self.relays}
        self.providers = []
        for name in net.PROVIDERS:
            for _ in range(rng.randint(2, 3)):
                domain, host, ip = net.fixed(rng, net.PROVIDERS, name)
                lang = {"gmx": "de", "webde": "de", "mailru": "ru", "yandex": "ru", "orange": "fr", "libero": "it",
                        "seznam": "cs"}.get(name, rng.choice(["en", "en", "es", "pt", "de", "fr"]))
                s = Server(ip, host, domain, "provider:" + name, lang, 0, rng.uniform(1, 4))
                self.providers.append(s)
        self.challengers = []
        for name in net.CHALLENGERS:
            for _ in range(rng.randint(1, 2)):
                domain, host, ip = net.fixed(rng, net.CHALLENGERS, name)
                self.challengers.append(Server(ip, host, domain, "challenge:" + name, "en" if name != "mailinblack" else "fr",
                                               0, rng.uniform(0.5, 2)))
        self.lists = [self._special("list:" + m) for m in ["mailman", "mailman", "mailman", "fml", "sympa", "sympa"]]
        self.desks = [self._special("desk:" + d) for d in ["zendesk", "zendesk", "otrs", "other", "other"]]
        self.reporters = [self._special("report:" + r) for r in ["opendmarc"] * 5 + ["dmarc-other"] * 2 + ["arf"] * 3]
        for s in self.desks:
            if s.platform == "desk:zendesk":
                s.ip, s.host = f"192.161.{rng.randint(144, 159)}.{rng.randint(1, 254)}", f"mail{rng.randint(100, 300)}.suw{rng.randint(10, 99)}.mandrillapp.com"

    def _special(self, platform: str) -> Server:
        s = net.server(self.rng, "postfix")
        s.platform = platform
        return s

    def _campaigns(self) -> None:
        rng, start, days = self.rng, self.start, self.days
        self.botnets = [net.botnet(rng, "B1", 700), net.botnet(rng, "B2", 420), net.botnet(rng, "B3", 140, hosting=True)]
        b1, b2, b3 = self.botnets
        # (kit, operator, botnets, relay share, forged lines, local parts, generic share, schedule)
        plan = [
            ("pharma", "op-rx1", [b1], 0.0, 1, "words", 0.08, "daily"),
            ("pharma", "op-rx2", [b2], 0.15, 0, "random", 0.05, "waves"),
            ("watches", "op-lux", [b1], 0.0, 2, "words", 0.1, "waves"),
            ("dating", "op-date", [b1, b2], 0.0, 0, "words", 0.15, "daily"),
            ("pump", "op-pump", [b2], 0.0, 1, "random", 0.0, "burst"),
            ("fraud419", "op-419", [b3], 0.85, 0, "role", 0.1, "trickle"),
            ("mailbox", "op-phish", [b3], 0.9, 0, "role", 0.05, "waves"),
            ("crypto", "op-crypto", [b2], 0.1, 0, "words", 0.1, "daily"),
            ("casino", "op-casino", [b1], 0.0, 1, "random", 0.05, "daily"),
            ("invoice", "op-mal", [b1, b2], 0.05, 0, "role", 0.1, "waves"),
            ("seo", "op-seo", [b3], 0.8, 0, "words", 0.05, "trickle"),
            ("ru_bases", "op-ru", [b3], 0.3, 0, "random", 0.1, "daily"),
            ("zh_invoice", "op-zh", [b3], 0.0, 2, "random", 0.1, "burst"),
            ("loan", "op-loan", [b2], 0.0, 0, "words", 0.2, "waves"),
            ("parcel", "op-parcel", [b1], 0.1, 0, "role", 0.1, "burst"),
        ]
        rng.shuffle(plan)
        sizes = sorted((rng.lognormvariate(0, 0.9) for _ in range(CAMPAIGNS)), reverse=True)
        total = sum(sizes)
        budget = BACKSCATTER_PER_MONTH * self.scale * days / 30
        pool = self.mtas + self.providers + self.challengers + self.lists + self.desks
        self.campaigns: list[spam.Campaign] = []
        for i, (kit, op, bots, rshare, forged, lp, generic, sched) in enumerate(plan):
            volume = max(3, round(budget * (0.25 / CAMPAIGNS + 0.75 * sizes[i] / total)))
            zombies = [z for b in bots for z in rng.sample(b.zombies, min(len(b.zombies), rng.randint(40, 260)))]
            relays = rng.sample(self.relays, rng.randint(2, 8)) if rshare else []
            tld = rng.choice([".ru", ".su", ".xyz", ".top", ".club", ".cn", ".online", ".icu"])
            domains = [rng.choice(net.WORDS) + rng.choice(["rx", "shop", "store", "online", "best", "win", "deal", "24"]) +
                       str(rng.randint(1, 99)) + tld for _ in range(rng.choice([1, 3, 8, 30]))]
            windows = self._schedule(sched)
            servers = rng.sample(pool, min(len(pool), rng.randint(60, 170)))
            brand = rng.choice(["Canadian Pharmacy", "MyCanadianPharmacy", "Toronto Drugstore", "Pharmacy Express"]) \
                if kit == "pharma" else ""
            c = spam.Campaign(f"c{i + 1:02d}-{kit}", spam.KITS[kit], op, bots, zombies, relays, rshare, forged, domains,
                              windows, volume, lp, generic, brand, servers)
            self.campaigns.append(c)

    def _schedule(self, kind: str) -> list[tuple[datetime, float]]:
        rng, days = self.rng, self.days
        first = rng.uniform(0, max(1, days - 6))
        if kind == "burst":
            return [(self.start + timedelta(days=first), rng.uniform(6, 36))]
        if kind == "waves":
            return [(self.start + timedelta(days=rng.uniform(0, days - 1)), rng.uniform(2, 8)) for _ in range(rng.randint(3, 6))]
        if kind == "daily":
            span = rng.randint(min(days, 8), days)
            begin = rng.uniform(0, days - span)
            hour = rng.uniform(0, 20)
            return [(self.start + timedelta(days=begin + d, hours=hour), rng.uniform(2, 5)) for d in range(span)]
        return [(self.start + timedelta(days=d), 24.0) for d in range(days)]   # trickle

    # --- one notification --------------------------------------------------------------------------------------
    def backscatter(self, c: spam.Campaign) -> None:
        rng = self.rng
        s = rng.choices(c.servers, [x.weight for x in c.servers])[0]
        when = c.send_time(rng)
        if rng.random() < FEEDBACK_RATE:
            s = rng.choice(self.reporters)
        rcpt = self._recipient(s)
        o = spam.compose(rng, c, self.owner.domain, rcpt, when)
        if s.platform.startswith("report:"):
            o.relay = None   # receivers that report DMARC failures are the recipients' own MX
            self._feedback(c, o, s)
            return
        if o.relay is not None and rng.random() < RELAY_BOUNCES_ITSELF:
            self._relay_bounce(c, o)
            return
        spam.path(rng, o, net.mx_style(s.platform) if ":" not in s.platform else "postfix", s.host, s.tz, s.internal)
        kind = self._kind(c, s)
        latency = timedelta(seconds=rng.uniform(2, 400)) if kind != "bounce" else timedelta(seconds=rng.uniform(1, 1800))
        ctx = Ctx(rng, s, o, self._reason(c), when + latency, self._mode())
        if kind == "bounce":
            if s.platform in bounces.DELAY_CAPABLE and rng.random() < DELAY_RATE:
                ctx.reason, ctx.delayed, ctx.remote = "expired", True, s.internal[0][0] if s.internal else None
                ctx.when = when + timedelta(hours=rng.choice([4, 4, 24, 48]), minutes=rng.uniform(0, 30))
                self._emit(c, o, s, bounces.bounce(ctx))
                if rng.random() < FAIL_AFTER_DELAY:
                    ctx.delayed = False
                    ctx.when = when + timedelta(days=rng.choice([4, 5]), minutes=rng.uniform(0, 60))
                    self._emit(c, o, s, bounces.bounce(ctx))
                return
            notice = bounces.bounce(ctx)
        elif kind == "autoreply":
            notice = self._autoreply(ctx, s)
        elif kind == "challenge":
            notice = self._challenge(ctx, s)
        else:
            notice = self._filter(ctx, s, kind == "virus_notice")
        self._emit(c, o, s, notice)

    def _recipient(self, s: Server) -> str:
        rng = self.rng
        if s.platform.startswith("list:"):
            return f"{rng.choice(['members', 'announce', 'discuss', 'alumni', 'club', 'users'])}@{s.domain}"
        if s.platform.startswith("desk:"):
            return f"{rng.choice(['support', 'help', 'service', 'kundenservice'])}@{s.domain}"
        if s.platform.startswith("provider:") or s.platform.startswith("challenge:"):
            domain = s.domain if s.platform.startswith("provider:") else rng.choice(["comcast.net", "att.net", "verizon.net",
                                                                                   "earthlink.net", "optonline.net", "bellsouth.net"])
            return f"{rng.choice(net.FIRST_NAMES).replace('.', '')}{rng.randint(1, 999)}@{domain}"
        return f"{rng.choice(s.users)}@{s.domain}"

    def _reason(self, c: spam.Campaign) -> str:
        return self.rng.choices(["userunknown", "mailboxfull", "suspend", "spamdetected", "blocked"], [64, 13, 6, 13, 4])[0]

    def _mode(self) -> str:
        return self.rng.choices(["rfc822", "headers", "inline", "none"], [55, 30, 5, 10])[0]

    def _kind(self, c: spam.Campaign, s: Server) -> str:
        rng = self.rng
        p = s.platform
        if p.startswith("provider:") or p.startswith("list:") or p.startswith("desk:"):
            return "autoreply"
        if p.startswith("challenge:"):
            return "challenge"
        malware = c.kit.attachment is not None or (c.kit.name == "mailbox" and rng.random() < 0.5)
        if p in GATEWAYS or p in LOCAL_FILTERS:
            x = rng.random()
            if x < 0.45:
                return "virus_notice" if malware else "spam_notice"
            return "bounce" if x < 0.72 else "autoreply"
        x = rng.random()
        if malware and p in ("postfix", "cpanel", "zimbra", "sendmail", "qmail") and rng.random() < VIRUS_AT_MTA:
            return "virus_notice"
        if x < AUTOREPLY_AT_MTA:
            return "autoreply"
        if x < AUTOREPLY_AT_MTA + CHALLENGE_AT_MTA and p in ("cpanel", "postfix", "qmail", "sendmail"):
            return "challenge"
        return "bounce"

    def _autoreply(self, ctx: Ctx, s: Server) -> Notice:
        p = s.platform
        if p.startswith("provider:"):
            return replies.provider_reply(ctx, p.split(":")[1])
        if p.startswith("list:"):
            return replies.list_reply(ctx, p.split(":")[1])
        if p.startswith("desk:"):
            return replies.ticket(ctx, p.split(":")[1])
        return replies.autoreply(ctx)

    def _challenge(self, ctx: Ctx, s: Server) -> Notice:
        p = s.platform
        if p.startswith("challenge:"):
            return replies.challenge(ctx, p.split(":")[1])
        system = {"cpanel": "boxtrapper", "qmail": "tmda", "sendmail": "choicemail"}.get(
            p, self.rng.choice(["tmda", "sendio", "choicemail"]))
        return replies.challenge(ctx, system)

    def _filter(self, ctx: Ctx, s: Server, virus: bool) -> Notice:
        product = s.platform if s.platform in GATEWAYS | LOCAL_FILTERS else self.rng.choice(["amavis", "mailscanner"])
        return replies.filter_notice(ctx, product, virus)

    def _feedback(self, c: spam.Campaign, o: spam.Original, s: Server) -> None:
        rng = self.rng
        spam.path(rng, o, "postfix", s.host, s.tz, [])
        ctx = Ctx(rng, s, o, "feedback", o.sent + timedelta(minutes=rng.uniform(1, 600)), "headers")
        kind = s.platform.split(":")[1]
        notice = replies.arf_complaint(ctx, self.owner.domain) if kind == "arf" else \
            replies.dmarc_failure(ctx, self.owner.domain, kind == "opendmarc")
        self._emit(c, o, s, notice, rcpt=notice_to(notice))

    def _relay_bounce(self, c: spam.Campaign, o: spam.Original) -> None:
        """The hijacked server accepted the spam, the real recipient's MX refused it: the relay bounces it home."""
        rng = self.rng
        s = self.relay_servers[o.relay.ip]
        spam.path(rng, o, o.relay.software, s.host, s.tz, [], relay_is_bouncer=True)
        domain = o.rcpt.split("@")[1]
        remote = rng.choice([f"mx{rng.randint(1, 3)}.{domain}", f"mail.{domain}"]) if rng.random() < 0.6 else \
            rng.choice(REMOTE_MX).format(d=domain.replace(".", "-"), t=rng.choice(["com", "mail"]))
        reason = rng.choices(["userunknown", "spamdetected", "blocked", "mailboxfull", "hostunknown"], [45, 25, 15, 7, 8])[0]
        ctx = Ctx(rng, s, o, reason, o.sent + timedelta(seconds=rng.uniform(5, 900)), self._mode(), remote=remote)
        if reason == "hostunknown":
            ctx.remote = None
        if s.platform in bounces.DELAY_CAPABLE and rng.random() < DELAY_RATE * 2:
            ctx.delayed, ctx.reason = True, "expired"
            ctx.when = o.sent + timedelta(hours=rng.choice([4, 24]))
            self._emit(c, o, s, bounces.bounce(ctx))
            if rng.random() > FAIL_AFTER_DELAY:
                return
            ctx.delayed = False
            ctx.when = o.sent + timedelta(days=5, minutes=rng.uniform(0, 90))
        self._emit(c, o, s, bounces.bounce(ctx))

    def _emit(self, c: spam.Campaign, o: spam.Original, s: Server, n: Notice, rcpt: str | None = None) -> None:
        rng = self.rng
        carried = n.original in CARRIED
        label = {"kind": n.kind, "is_backscatter": True, "campaign": c.cid,
                 "origin_ip": o.zombie.ip if carried else None,
                 "relay_ip": o.relay.ip if o.relay else None,
                 "forged_hops": len(o.forged) if carried else 0,
                 "bouncer_ip": s.ip, "product": n.product, "original": n.original, "style": n.style,
                 "reason": n.reason, "recipient": rcpt or o.sender, "lang": s.lang, "zombie_ip": o.zombie.ip,
                 "path": o.relay.how if o.relay else "direct", "operator": c.operator, "kit": c.kit.name}
        when = max(n_when(n, s, o), o.sent) + timedelta(seconds=rng.uniform(1, 90))
        spam_folder = rng.random() < (0.45 if n.kind in ("bounce", "virus_notice", "spam_notice") else 0.25)
        labels = ["Spam"] if spam_folder else rng.choice([["Inbox", "Category Updates", "Unread"], ["Inbox", "Unread"],
                                                          ["Archived", "Opened"], ["Inbox", "Opened", "Category Updates"],
                                                          ["Trash", "Opened"]])
        self.items.append(Item(when, n.headers, n.body, label, labels, n.envelope, rcpt or o.sender, True,
                               (s.host, s.host, s.ip), n.own_received, ordinary.thread_id(rng)))


def notice_to(n: Notice) -> str:
    return next(v for k, v in n.headers if k == "To")


def n_when(n: Notice, s: Server, o: spam.Original) -> datetime:
    from email.utils import parsedate_to_datetime
    date = next(v for k, v in n.headers if k == "Date")
    return parsedate_to_datetime(date).astimezone(UTC)


def generate(out: Path, seed: int, days: int = 30, scale: float = 1.0) -> Path:
    """Write out/mail/<Takeout mbox>, out/labels.jsonl (one line per message, in mbox order) and out/owner.json."""
    out = Path(out)
    world = World(seed, days, scale)
    for c in world.campaigns:
        for _ in range(c.volume):
            world.backscatter(c)
    ordinary.add_ordinary(world)
    ordinary.damage(world)
    rng = world.rng
    keyed = sorted(((it.when + (timedelta(hours=rng.uniform(-30, 30)) if rng.random() < 0.03 else timedelta()), i, it)
                    for i, it in enumerate(world.items)), key=lambda k: (k[0], k[1]))
    items = [k[2] for k in keyed]
    write_mbox(out / "mail" / MBOX_NAME, rng, items, world.owner.gmail, world.fwd)
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for position, it in enumerate(items):
            f.write(json.dumps({"mailbox": MBOX_NAME, "position": position, **it.label,
                                "damage": it.damage}, ensure_ascii=False) + "\n")
    owner = world.owner
    (out / "owner.json").write_text(json.dumps({"addresses": [owner.address, owner.gmail], "domains": [owner.domain]},
                                               indent=1) + "\n", encoding="utf-8")
    return out
