"""The "blind2" world: a third-opinion sample inbox, written without reading the project's rules or the
other generators. A vanity domain forwarded (SRS) into Gmail and exported with Google Takeout; 15 spam
campaigns forging the domain; ~280 servers answering with bounces (many MTA families and providers, in
several languages, delay warnings then failures), auto-replies, helpdesk acknowledgements, challenges,
filter notices and feedback reports, mixed with the owner's ordinary and Sent mail. See README.md.

    generate(out, seed, days=30, scale=1.0)  ->  out/mail/*.mbox, out/labels.jsonl, out/owner.json
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from . import bounces, challenges, feedback, filters, ham, responders, servers, spam as spamlib, takeout
from .bounces import Notice
from .ham import Piece
from .servers import Server
from .spam import Campaign, Spam
from .world import UTC, Mail, Owner, ip_in, label, make_owner, rfc2822, token

CAMPAIGNS = 15
SERVERS = 280
BACKSCATTER_PER_MONTH = 1900
HAM_PER_MONTH = {"personal": 260, "newsletter": 260, "list": 110, "plain_spam": 190, "sent_new": 90, "about": 10, "dmarc_rua": 45}
KIND_WEIGHTS = {"bounce": 70, "autoreply": 14, "challenge": 3, "virus_notice": 4, "spam_notice": 4, "feedback_report": 4}
DELAY_RATE = 0.06          # a delay warning first (the same server may give up days later)
FINAL_AFTER_DELAY = 0.6
GENUINE_BOUNCE_RATE = 0.2  # of what the owner wrote first
GENUINE_OOF_RATE = 0.12
OWN_VACATION_BOUNCES = 6   # bounces of the owner's own Gmail vacation replies (not backscatter)
# hosted services writing notices from their own machines: name -> (host, IP prefix, domain, organisation, country)
SAAS = {"zendesk": ("mail{n}.zendesk.com", "192.161.148.", "zendesk.com", "Zendesk, Inc.", "US"),
        "freshdesk": ("a{n}-12.smtp-out.amazonses.com", "54.240.8.", "amazonses.com", "Amazon.com, Inc.", "US"),
        "jira-sm": ("a{n}-33.smtp-out.amazonses.com", "54.240.27.", "amazonses.com", "Amazon.com, Inc.", "US"),
        "zoho-oof": ("sender4-op-o{n}.zoho.com", "136.143.188.", "zoho.com", "Zoho Corporation", "US"),
        "boxbe": ("mail{n}.boxbe.com", "208.83.137.", "boxbe.com", "Boxbe, Inc.", "US"),
        "spamarrest": ("smtp{n}.spamarrest.com", "66.150.161.", "spamarrest.com", "Spam Arrest LLC", "US"),
        "mailinblack": ("mib{n}.mailinblack.com", "91.208.43.", "mailinblack.com", "Mailinblack SAS", "FR"),
        "messagelabs": ("mail{n}.bemta.az-b.eu-west-1.aws.symcld.net", "85.158.142.", "symcld.net", "Broadcom (MessageLabs)", "GB"),
        "proofpoint": ("mx0a-00{n}.pphosted.com", "148.163.156.", "pphosted.com", "Proofpoint, Inc.", "US"),
        "mimecast": ("eu-smtp-delivery-{n}.mimecast.com", "195.130.217.", "mimecast.com", "Mimecast Ltd", "GB")}
FEEDBACK_STYLES = ["opendmarc", "opendmarc", "dmarc-provider", "arf-fbl", "arf-reporter"]
CHALLENGE_STYLES = ["boxbe", "spamarrest", "choicemail", "boxtrapper", "mailinblack", "tmda"]
OOF_LANG = {"DE": "de", "FR": "fr", "ES": "es", "BR": "pt", "RU": "ru", "JP": "ja"}
INTERNAL_RECEIVED = {  # how each family stamps the notice it generated itself
    "postfix": "Received: by {h} (Postfix)\n\tid {q}; {d}\n",
    "exim": "Received: from mailnull by {h} with local (Exim 4.96.2)\n\tid 1{q}-000A1b-2C; {d}\n",
    "exchange": "Received: from {h} (10.20.1.5) by {h} (10.20.1.5) with Microsoft SMTP Server\n\t(version=TLS1_2) id 15.2.1544.4; {d}\n",
    "sendmail": "Received: from localhost (localhost)\n\tby {h} (8.17.1/8.17.1) id {q}; {d}\n",
    "qmail": "Received: (qmail {n} invoked for bounce); {d}\n",
}


class World:
    def __init__(self, seed: int, days: int, scale: float):
        self.rng = random.Random(seed)
        self.begin = datetime(2026, 2, 2, tzinfo=UTC) + timedelta(days=seed % 120)
        self.days, self.scale = days, scale
        self.owner: Owner = make_owner(self.rng)
        self.servers = servers.make_servers(self.rng, SERVERS)
        self.weights = [servers.server_weight(s) for s in self.servers]
        month = days / 30 * scale
        self.campaigns = spamlib.make_campaigns(self.rng, self.begin, days, CAMPAIGNS, int(BACKSCATTER_PER_MONTH * month))
        self.pieces: list[Piece] = []
        self.sample_bounce: str | None = None

    # --- choosing who answers -------------------------------------------------------------------------
    def server(self, where=None) -> Server:
        pool = [s for s in self.servers if where is None or where(s)] or self.servers
        weights = [servers.server_weight(s) for s in pool]
        return self.rng.choices(pool, weights=weights)[0]

    def saas(self, name: str) -> Server:
        host, prefix, domain, org, country = SAAS[name]
        h = host.format(n=self.rng.randint(1, 40))
        return Server(h, ip_in(self.rng, prefix), domain, org, country, name, None, h)

    # --- one backscatter notification -----------------------------------------------------------------
    def backscatter(self, c: Campaign) -> None:
        rng = self.rng
        kind = rng.choices(list(KIND_WEIGHTS), weights=self._kind_weights(c))[0]
        style = None
        if kind == "autoreply":
            styles = list(responders.WEIGHTS)
            style = rng.choices(styles, weights=[responders.WEIGHTS[s] for s in styles])[0]
            server = self._responder_server(style)
        elif kind == "challenge":
            style = rng.choice(CHALLENGE_STYLES)
            server = self.saas(style) if style in SAAS else self.server(
                (lambda s: s.style == "exim-cpanel") if style == "boxtrapper" else (lambda s: not s.provider))
        elif kind in ("virus_notice", "spam_notice"):
            style = rng.choice(filters.VIRUS_STYLES if kind == "virus_notice" else filters.SPAM_STYLES)
            server = self.saas(style) if style in SAAS else self.server(lambda s: not s.provider)
        elif kind == "feedback_report":
            style = rng.choice(FEEDBACK_STYLES)
            server = self.server((lambda s: s.provider) if style in ("dmarc-provider", "arf-fbl") else (lambda s: not s.provider))
        else:
            server = self.server()
        local = rng.choice(["info", "sales", "office", "contact", "admin", "j.smith", "m.rossi", "anna", "k.tanaka", "buchhaltung"]) \
            if rng.random() < 0.5 else spamlib.token(rng, rng.randint(5, 9), "abcdefghijklmnopqrstuvwxyz")
        target = f"{local}@{server.domain}" if not server.host.endswith(("zendesk.com", "amazonses.com", "boxbe.com", "spamarrest.com", "mailinblack.com")) \
            else f"{local}@{spamlib.token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}.com"
        sent = c.start + timedelta(seconds=rng.uniform(0, c.length.total_seconds()))
        copy = spamlib.make_spam(rng, c, self.owner.domain, server, target, sent)
        if kind == "bounce" and server.style in bounces.DELAY_CAPABLE and rng.random() < DELAY_RATE:
            warn_at = sent + timedelta(hours=rng.choice([0.5, 4, 4, 24]), minutes=rng.randint(0, 50))
            self._add_notice(c, kind, server, copy, bounces.write(rng, server, copy, warn_at, delay=True), warn_at)
            if rng.random() < FINAL_AFTER_DELAY:
                final_at = sent + timedelta(days=rng.choice([2, 3, 5]), minutes=rng.randint(0, 600))
                self._add_notice(c, kind, server, copy, bounces.write(rng, server, copy, final_at), final_at)
            return
        at = sent + timedelta(seconds=self._latency(kind))
        if kind == "bounce":
            notice = bounces.write(rng, server, copy, at)
        elif kind == "autoreply":
            notice = responders.reply(rng, style, server.host, copy, at, OOF_LANG.get(server.country, "en") if rng.random() < 0.7 else "en")
        elif kind == "challenge":
            notice = challenges.challenge(rng, style, server.host, copy, at)
        elif kind == "virus_notice":
            notice = filters.virus_notice(rng, style, server, copy, at)
        elif kind == "spam_notice":
            notice = filters.spam_notice(rng, style, server, copy, at)
        else:
            notice = feedback.report(rng, style, server, copy, at, self.owner.domain)
        self._add_notice(c, kind, server, copy, notice, at)

    def _kind_weights(self, c: Campaign) -> list[float]:
        w = dict(KIND_WEIGHTS)
        if c.infra == "webmail":      # the envelope sender is the stolen account: bounces go there, replies to From:
            w["bounce"], w["autoreply"], w["challenge"] = 18, 45, 8
        if c.attachment in ("zip", "iso", "html"):
            w["virus_notice"] = 14
        else:
            w["virus_notice"] = 0.4
        return list(w.values())

    def _responder_server(self, style: str) -> Server:
        if style in SAAS:
            return self.saas(style)
        want = {"outlook-oof": lambda s: s.style.startswith("exchange") or s.style in ("o365", "outlookcom"),
                "gmail-vacation": lambda s: s.style == "gmail", "yahoo-vacation": lambda s: s.style == "yahoo",
                "cpanel": lambda s: s.style == "exim-cpanel",
                "dovecot-sieve": lambda s: s.style.startswith("postfix"), "cyrus-sieve": lambda s: s.style.startswith("postfix"),
                "vacation": lambda s: s.style in ("postfix", "sendmail"), "zimbra": lambda s: s.style == "zimbra-postfix",
                "mdn-read": lambda s: s.style.startswith("exchange") or s.style in ("o365", "outlookcom"),
                "mdn-not-read": lambda s: s.style.startswith("exchange") or s.style in ("o365", "outlookcom"),
                "gmx-oof": lambda s: s.style == "gmx", "mailru-oof": lambda s: s.style == "mailru"}
        return self.server(want.get(style, lambda s: not s.provider))

    def _latency(self, kind: str) -> float:
        if kind in ("autoreply", "challenge"):
            return self.rng.uniform(2, 300)
        if kind == "feedback_report":
            return self.rng.uniform(60, 86400)
        return min(self.rng.lognormvariate(5, 1.6), 6 * 86400)

    def _add_notice(self, c: Campaign | None, kind: str, server: Server, copy: Spam, notice: Notice, at: datetime,
                    backscatter: bool = True, rcpt: str | None = None, forwarded: bool = True) -> None:
        rng = self.rng
        text = self.notice_text(server, copy, notice, at, rcpt)
        original = notice.original
        first_received = copy.headers.split("\n", 1)[0]
        if original == "inline" and first_received not in notice.body:
            original = "none"       # only the subject or recipient was quoted, no header came back
        sender = "" if kind in ("bounce", "virus_notice", "spam_notice") or notice.style.startswith(("outlook-oof", "mdn-")) \
            else (f"bounce-{token(rng, 8)}@{server.domain}" if notice.from_addr.count("@") and server.style in SAAS else
                  notice.from_addr.split("<")[-1].strip(">").strip() if "@" in notice.from_addr else "")
        if kind == "feedback_report":
            sender = f"dmarc-noreply@{server.domain}" if notice.style != "opendmarc" else f"opendmarc@{server.host}"
        product = _product(kind, notice.style, server)
        extra = dict(kind=kind, is_backscatter=backscatter, campaign=c.name if c else None, style=notice.style, product=product,
                     reason=notice.reason, status=notice.status, recipient=notice.recipient, original=original,
                     origin_ip=copy.origin_ip, origin_country=copy.origin_country, relay_ip=copy.relay_ip,
                     forged_hops=copy.forged_hops if copy.origin_ip else None,
                     bouncer_ip=server.ip if forwarded else None, bouncer_host=server.host if forwarded else None,
                     bouncer_domain=_registered(server.host) if forwarded else "googlemail.com", bouncer_org=server.org,
                     orig_message_id=copy.message_id, orig_subject=copy.subject)
        hand = (server.host, server.ip, server.host) if forwarded else None
        self.pieces.append(Piece(text, at, kind, ["Inbox"] if rng.random() < 0.7 else ["Spam"] if kind != "feedback_report" else ["Inbox"],
                                 sender, hand, rcpt or copy.from_addr, extra))
        if kind == "bounce" and self.sample_bounce is None and backscatter:
            self.sample_bounce = text

    def notice_text(self, server: Server, copy: Spam, notice: Notice, at: datetime, rcpt: str | None) -> str:
        rng = self.rng
        family = next((f for f in INTERNAL_RECEIVED if notice.style.startswith(f) or (f == "exchange" and notice.style in ("o365", "outlookcom"))), None)
        lines = ""
        if family and rng.random() < 0.8:
            lines = INTERNAL_RECEIVED[family].format(h=server.host, q=token(rng, 10, "0123456789ABCDEF"), n=rng.randint(1000, 99999), d=rfc2822(at))
        names = {k for k, _ in notice.extra}
        fields = [("From", notice.from_addr), ("To", rcpt or copy.from_addr), ("Subject", notice.subject), ("Date", rfc2822(at, rng)),
                  ("Message-ID", f"<{token(rng, 18, '0123456789ABCDEF')}.{token(rng, 6)}@{server.host}>")]
        if notice.auto_submitted and "Auto-Submitted" not in names:
            fields.append(("Auto-Submitted", "auto-replied"))
        fields += notice.extra
        head = "".join(f"{k}: {v}\n" if v else f"{k}:\n" for k, v in fields)
        return f"{lines}{head}MIME-Version: 1.0\nContent-Type: {notice.content_type}\n\n{notice.body}"

    # --- the owner's own mail and the genuine notices about it ------------------------------------------
    def ordinary(self) -> None:
        rng = self.rng
        month = self.days / 30 * self.scale
        at = lambda: self.begin + timedelta(seconds=rng.uniform(0, self.days * 86400))
        originals: list[Spam] = []
        for _ in range(int(HAM_PER_MONTH["personal"] * month)):
            inbound, sent, original = ham.personal(rng, self.owner, at())
            self.pieces.append(inbound)
            if sent:
                self.pieces.append(sent)
                if "x@" in original.target or original.target.count(".") < 1 or original.target.split("@")[1].count(".") == 0:
                    originals.append(original)
        for _ in range(int(HAM_PER_MONTH["sent_new"] * month)):
            sent, original = ham.sent_new(rng, self.owner, at())
            self.pieces.append(sent)
            originals.append(original)
        for name, make in (("newsletter", ham.newsletter), ("list", ham.mailing_list), ("plain_spam", ham.plain_spam),
                           ("dmarc_rua", ham.dmarc_aggregate)):
            for _ in range(int(HAM_PER_MONTH[name] * month)):
                self.pieces.append(make(rng, self.owner, at()))
        for original in originals:
            self.genuine(original)
        for _ in range(max(1, int(OWN_VACATION_BOUNCES * month))):
            self.own_vacation_bounce(at())

    def genuine(self, original: Spam) -> None:
        """A real bounce or auto-reply to what the owner really sent (not backscatter)."""
        rng = self.rng
        domain = original.target.split("@")[1]
        typo = "x@" in original.target or domain.count(".") == 0
        if not typo and rng.random() > GENUINE_BOUNCE_RATE + GENUINE_OOF_RATE:
            return
        provider = next((s for s in self.servers if s.provider and s.domain == domain), None)
        at = original.sent + timedelta(seconds=rng.uniform(5, 900))
        if typo or rng.random() < GENUINE_BOUNCE_RATE / (GENUINE_BOUNCE_RATE + GENUINE_OOF_RATE):
            if rng.random() < 0.35 or domain.count(".") == 0:   # Gmail itself writes it: rejected at SMTP time, no forwarder hop
                gsrv = next(s for s in self.servers if s.style == "gmail")
                notice = bounces.gmail(rng, gsrv, original, at)
                self._add_notice(None, "bounce", gsrv, original, notice, at, backscatter=False, rcpt=self.owner.address, forwarded=False)
                self.pieces[-1].hand = None
                return
            server = provider or self.server(lambda s: not s.provider)
            server = Server(server.host, server.ip, domain, server.org, server.country, server.style, server.product, server.mx, server.provider)
            self._add_notice(None, "bounce", server, original, bounces.write(rng, server, original, at), at, backscatter=False, rcpt=self.owner.address)
            return
        server = self.server(lambda s: s.style.startswith("exchange") or s.style == "o365")
        notice = responders.reply(rng, "outlook-oof", server.host, original, at, OOF_LANG.get(server.country, "en"))
        self._add_notice(None, "autoreply", server, original, notice, at, backscatter=False, rcpt=self.owner.address)

    def own_vacation_bounce(self, when: datetime) -> None:
        """The owner's Gmail vacation reply to a spam with a dead From: bounces back: a genuine notice about mail the
        owner's system really sent (though it is not in Sent)."""
        rng = self.rng
        dead = f"{spamlib.token(rng, 7, 'abcdefghijklmnopqrstuvwxyz')}@{spamlib.token(rng, 8, 'abcdefghijklmnopqrstuvwxyz')}.com"
        mid = f"<CA+{token(rng, 34)}@mail.gmail.com>"
        head = (f"From: {self.owner.name} <{self.owner.address}>\nTo: {dead}\nSubject: Out of office\nDate: {rfc2822(when)}\n"
                f"Message-ID: {mid}\nAuto-Submitted: auto-replied\n")
        original = Spam(None, f"Received: by mail-sor-f41.google.com with SMTP id {token(rng, 10)}; {rfc2822(when)}\n" + head,
                        "I am away until next week.\n", "text/plain; charset=utf-8", mid.strip("<>"), "Out of office", when,
                        None, None, None, 0, self.owner.address, dead, "none")
        server = self.server(lambda s: s.style in ("postfix", "exim", "qmail"))
        at = when + timedelta(minutes=rng.randint(1, 30))
        self._add_notice(None, "bounce", server, original, bounces.write(rng, server, original, at), at, backscatter=False,
                         rcpt=self.owner.address)
        self.pieces[-1].extra["style"] = "bounce-of-own-vacation"

    def about(self) -> None:
        for _ in range(max(1, int(HAM_PER_MONTH["about"] * self.days / 30 * self.scale))):
            when = self.begin + timedelta(seconds=self.rng.uniform(0, self.days * 86400))
            self.pieces.append(ham.about_bounces(self.rng, self.owner, when, self.sample_bounce))


def _registered(host: str) -> str:
    parts = host.lower().split(".")
    two = {"co.uk", "com.br", "co.jp", "com.cn", "com.ar", "net.ar"}
    return ".".join(parts[-3:]) if ".".join(parts[-2:]) in two else ".".join(parts[-2:])


def _product(kind: str, style: str, server: Server) -> str | None:
    if kind == "bounce":
        return server.product
    if kind == "autoreply":
        return responders.PRODUCT.get(style)
    if kind == "challenge":
        return challenges.PRODUCT.get(style)
    if kind in ("virus_notice", "spam_notice"):
        return filters.PRODUCT.get(style.replace("sophos-virus", "sophos").replace("sophos-spam", "sophos"))
    return feedback.PRODUCT.get(style)


def _mail(world: World, piece: Piece, position_hint: int) -> Mail:
    rng = world.rng
    text, damage = takeout.damage(rng, piece.text, piece.kind)
    if piece.kind == "sent":
        trace = f"Received: from {world.owner.forwarder[2]} by smtp.gmail.com with ESMTPSA id {token(rng, 12)}; {rfc2822(piece.when)}\n" \
            if rng.random() < 0.3 else ""
        raw = takeout.takeout_prefix(rng, piece.labels) + trace + text
    elif piece.hand is None:
        raw = (takeout.takeout_prefix(rng, piece.labels) + f"Delivered-To: {world.owner.gmail}\n"
               f"Received: by 2002:a05:6a10:{token(rng, 4, '0123456789abcdef')} with SMTP id {token(rng, 10)};\n        {rfc2822(piece.when)}\n"
               f"Return-Path: <>\n" + text)
    else:
        host, ip, helo = piece.hand
        raw = takeout.takeout_prefix(rng, piece.labels) + takeout.delivery_headers(
            rng, world.owner, piece.rcpt or world.owner.address, piece.sender, host, ip, helo, piece.when) + text
    mid = None
    head = raw.split("\n\n", 1)[0]
    for line in head.split("\n"):
        if line.lower().startswith("message-id:"):
            mid = line.split(":", 1)[1].strip().strip("<>")
    kind = piece.kind
    fields = dict(message_id=mid, received=takeout.iso(piece.when), kind=kind,
                  is_backscatter=None if kind == "sent" else False)
    fields.update(piece.extra)
    if damage:
        fields["style"] = f"{fields.get('style') or kind}+{damage}"
    return Mail(raw.encode("utf-8"), piece.when, label(mailbox=takeout.MBOX_NAME, position=position_hint, **fields), piece.labels)


def generate(out: Path, seed: int, days: int = 30, scale: float = 1.0) -> Path:
    """Write out/mail/<Takeout mbox>, out/labels.jsonl (one line per message, in mbox order) and out/owner.json."""
    out = Path(out)
    world = World(seed, days, scale)
    for c in world.campaigns:
        for _ in range(c.volume):
            world.backscatter(c)
    world.ordinary()
    world.about()
    # Takeout's order: roughly by time, with some threads out of order
    keyed = [(p.when + timedelta(hours=world.rng.uniform(-48, 48) if world.rng.random() < 0.05 else 0), i, p)
             for i, p in enumerate(world.pieces)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    mails = [_mail(world, p, n) for n, (_, _, p) in enumerate(keyed)]
    (out / "mail").mkdir(parents=True, exist_ok=True)
    takeout.write_mbox(out / "mail" / takeout.MBOX_NAME, mails)
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for m in mails:
            f.write(json.dumps(m.label, ensure_ascii=False) + "\n")
    (out / "owner.json").write_text(json.dumps({"addresses": [world.owner.address, world.owner.gmail],
                                                "domains": [world.owner.domain]}, indent=1), encoding="utf-8")
    return out
