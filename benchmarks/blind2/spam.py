"""The spam runs that forge the owner's domain, and the copy of one spam each bounce can carry back.

Sending infrastructures: residential bots (direct to MX), snowshoe spam from hosted ranges, bots
through open relays, compromised webmail accounts (authenticated HTTP submission at a real provider:
the origin is the login IP), and any of these with forged Received lines below the real ones.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .servers import Server
from .world import HEX, b64, ip_in, msgid, rfc2822, token

RESIDENTIAL = [("186.", "AR", "dynamic-ip-{d}.cable.net.ar"), ("177.", "BR", "{d}.user.veloxzone.com.br"),
               ("14.", "IN", "static-{d}.bsnl.in"), ("113.", "VN", "static.vnpt.vn"), ("41.", "EG", "host-{d}.tedata.net"),
               ("95.", "RU", "broadband-{d}.ip.moscow.rt.ru"), ("88.", "TR", "{d}.dynamic.ttnet.com.tr"),
               ("181.", "CO", "dynamic-{d}.une.net.co"), ("36.", "ID", "{d}.subnet.telkom.net.id"), ("59.", "CN", None)]
SNOWSHOE = [("193.233.", "NL", "mail{d}.{dom}"), ("45.145.", "US", "srv{d}.{dom}"), ("185.234.", "RO", "mx{d}.{dom}"),
            ("104.168.", "US", "s{d}.{dom}"), ("5.188.", "RU", "smtp{d}.{dom}")]
OPEN_RELAYS = [("200.41.", "CL"), ("125.212.", "VN"), ("190.14.", "AR"), ("202.51.", "NP")]
WEBMAIL = [("webmail.aruba.it", "62.149.158.", "IT"), ("webmail.tiscali.it", "213.205.33.", "IT"),
           ("mail.uol.com.br", "200.147.36.", "BR"), ("webmail.hostinger.com", "145.14.157.", "LT")]
LOGIN_IPS = [("102.89.", "NG"), ("154.160.", "GH"), ("105.112.", "NG"), ("197.210.", "NG"), ("41.203.", "ZA")]
TOPICS = [("pharma", ["Your prescription is ready", "Save 80% on meds", "Discreet delivery of {x}"], "rx-{t}.ru"),
          ("replica", ["Luxury watches from $99", "Rolex replicas {x}", "Designer bags -70%"], "lux{t}.cn"),
          ("crypto", ["Your BTC wallet: {x} pending", "Profit 4,000 EUR/day with AI trading", "Withdraw your earnings"], "coin-{t}.top"),
          ("invoice", ["Invoice {x} overdue", "Payment advice #{x}", "Remittance {x}", "Rechnung {x}"], "files-{t}.xyz"),
          ("dating", ["{x} wants to meet you", "New message from Anna", "Lonely tonight?"], "date{t}.icu"),
          ("seo", ["SEO proposal for your website", "Page 1 of Google in 30 days", "Website redesign offer {x}"], "seo{t}.in"),
          ("loan", ["Pre-approved: {x} USD", "Low interest loan", "Préstamo aprobado {x}"], "loan{t}.online"),
          ("parcel", ["Your parcel {x} is on hold", "DHL: delivery failed {x}", "Customs fee required {x}"], "track-{t}.click"),
          ("sextortion", ["I know your password", "Account {x} hacked", "Pay {x} BTC"], "btc{t}.io"),
          ("casino", ["500 free spins", "Casino bonus {x}", "Jackpot waiting {x}"], "spin{t}.bet")]
ATTACHMENTS = ["none", "none", "zip", "iso", "html", "image"]
INFRA = ["residential", "residential", "snowshoe", "snowshoe", "relay", "webmail"]


@dataclass
class Campaign:
    name: str
    topic: str
    subjects: list[str]
    affiliate: str
    infra: str
    attachment: str
    forge_rate: float            # share of copies with forged Received lines below the real ones
    start: datetime
    length: timedelta
    volume: int                  # notifications it causes in the inbox
    hash_busting: bool
    locals_: list[str] = field(default_factory=list)


@dataclass
class Spam:
    """One copy of a spam as the target's MX got it."""
    campaign: str
    headers: str                 # header block, Received lines first
    body: str                    # MIME body (may be a multipart)
    content_type: str
    message_id: str
    subject: str
    sent: datetime
    origin_ip: str
    origin_country: str
    relay_ip: str | None
    forged_hops: int
    from_addr: str
    target: str
    attachment: str

    @property
    def raw(self) -> str:
        return f"{self.headers}MIME-Version: 1.0\nContent-Type: {self.content_type}\n\n{self.body}"


def make_campaigns(rng: random.Random, begin: datetime, days: int, n: int, total: int) -> list[Campaign]:
    weights = [rng.paretovariate(1.2) for _ in range(n)]
    out = []
    for i in range(n):
        topic, subjects, aff = rng.choice(TOPICS)
        length = timedelta(hours=rng.choice([6, 12, 30, 72, 24 * 5, 24 * 12]))
        start = begin + timedelta(hours=rng.uniform(0, max(1, days * 24 - length.total_seconds() / 3600)))
        c = Campaign(f"campaign-{i + 1:02d}", topic, subjects, aff.format(t=token(rng, 4, "abcdefghjkmnpqrstuvwxyz")),
                     rng.choice(INFRA), rng.choice(ATTACHMENTS), rng.choice([0, 0, 0.3, 1.0]), start, length,
                     max(12, int(total * weights[i] / sum(weights))), rng.random() < 0.6)
        c.locals_ = [rng.choice(["info", "sales", "billing", "no-reply", "admin", "service", "news"])] if rng.random() < 0.4 else []
        out.append(c)
    return out


def _index(c: Campaign) -> int:
    """A stable per-campaign number (str hash() is salted per process)."""
    return int(c.name.split("-")[1])


def _origin(rng: random.Random, c: Campaign) -> tuple[str, str, str, str | None]:
    """(ip, country, reverse name or None, helo) of the machine that first sent the copy."""
    if c.infra == "snowshoe":
        prefix, country, pattern = SNOWSHOE[_index(c) % len(SNOWSHOE)]
        ip = ip_in(rng, prefix + str(rng.randint(1, 30)))
        dom = f"{token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}-{rng.choice(['mailer', 'news', 'offers'])}.com"
        name = pattern.format(d=ip.split('.')[-1], dom=dom)
        return ip, country, name, name
    prefix, country, pattern = rng.choice(RESIDENTIAL)
    ip = ip_in(rng, prefix)
    name = pattern.format(d=ip.replace(".", "-")) if pattern else None
    helo = rng.choice([f"[{ip}]", "localhost", "User", token(rng, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), name or ip])
    return ip, country, name, helo


def _forged_lines(rng: random.Random, when: datetime, n: int) -> list[str]:
    lines = []
    for i in range(n):
        ip = f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        host = rng.choice(["mail.google.com", "smtp.yahoo.com", "mx.microsoft.com", "relay.aol.com", "mail.paypal.com"])
        t = when - timedelta(minutes=5 * (i + 1) + rng.randint(0, 30))
        lines.append(f"Received: from {host} ([{ip}]) by {rng.choice(['smtp', 'mail', 'mx'])}{rng.randint(1, 9)}."
                     f"{rng.choice(['hotmail.com', 'gmail.com', 'yahoo.com'])} with SMTP id {token(rng, 10)};\n\t{rfc2822(t)}")
    return lines


def _body(rng: random.Random, c: Campaign, subject: str, link: str) -> tuple[str, str]:
    text = (f"Hello,\n\n{subject}. Click here: {link}\n\n"
            + (f"ref {token(rng, 12)} {' '.join(token(rng, rng.randint(3, 8), 'abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(4, 12)))}\n" if c.hash_busting else "")
            + "To unsubscribe reply STOP.\n")
    if c.attachment == "none":
        return "text/plain; charset=utf-8", text
    boundary = f"----=_Part_{token(rng, 12, '0123456789')}"
    if c.attachment == "image":
        part = (f"Content-Type: text/html; charset=utf-8\n\n<html><body><a href=\"{link}\"><img src=\"cid:{token(rng, 8)}\">"
                f"</a></body></html>\n--{boundary}\nContent-Type: image/jpeg; name=\"offer.jpg\"\nContent-Transfer-Encoding: base64\n"
                f"Content-Disposition: inline\n\n/9j/4AAQSkZJRgABAQEASABIAAD/{token(rng, 60)}\n")
    else:
        name = {"zip": f"Invoice_{token(rng, 6, '0123456789')}.zip", "iso": f"DOC_{token(rng, 5, '0123456789')}.iso",
                "html": f"Payment_Advice_{token(rng, 4, '0123456789')}.html"}[c.attachment]
        ctype = {"zip": "application/zip", "iso": "application/octet-stream", "html": "text/html"}[c.attachment]
        part = (f"Content-Type: text/plain; charset=utf-8\n\nPlease find attached.\n{text}\n--{boundary}\n"
                f"Content-Type: {ctype}; name=\"{name}\"\nContent-Transfer-Encoding: base64\n"
                f"Content-Disposition: attachment; filename=\"{name}\"\n\n{b64(token(rng, 90))}\n")
    return f"multipart/mixed; boundary=\"{boundary}\"", f"This is a multi-part message in MIME format.\n\n--{boundary}\n{part}--{boundary}--\n"


def make_spam(rng: random.Random, c: Campaign, owner_domain: str, server: Server, target: str, when: datetime) -> Spam:
    """One copy of campaign c to target at server, with its true origin."""
    local = rng.choice(c.locals_) if c.locals_ else rng.choice([token(rng, rng.randint(5, 9), "abcdefghijklmnopqrstuvwxyz"),
                                                                 rng.choice(["anna", "mike", "j.smith", "office", "m.keller"])])
    from_addr = f"{local}@{owner_domain}"
    x = token(rng, 6, "0123456789") if c.hash_busting else "2291"
    subject = rng.choice(c.subjects).format(x=x)
    if c.hash_busting and rng.random() < 0.5:
        subject += f" {token(rng, 5, 'abcdefghijklmnopqrstuvwxyz')}"
    link = f"http://{c.affiliate}/?aff={rng.randint(1000, 1040)}&id={token(rng, 8)}"
    mx_id = token(rng, 10, "0123456789ABCDEF")
    lines: list[str] = []
    relay_ip = None
    t = when
    mid = msgid(rng, rng.choice([owner_domain, f"{token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}.{rng.choice(['com', 'net', 'info'])}"]))
    extra = ""
    if c.infra == "webmail":
        host, prefix, country_w = WEBMAIL[_index(c) % len(WEBMAIL)]
        out_ip = ip_in(rng, prefix)
        login_prefix, country = rng.choice(LOGIN_IPS)
        origin = ip_in(rng, login_prefix)
        lines.append(f"Received: from {host} ({host} [{out_ip}])\n\tby {server.mx} with ESMTPS id {mx_id}\n\tfor <{target}>; {rfc2822(t)}")
        lines.append(f"Received: from [{origin}] by {host}\n\twith HTTP (HTTP/1.1 POST); {rfc2822(t - timedelta(seconds=rng.randint(1, 20)))}")
        extra = f"X-Originating-IP: [{origin}]\nUser-Agent: Roundcube Webmail/1.{rng.randint(4, 6)}.{rng.randint(0, 9)}\n"
        mid = msgid(rng, host)
    else:
        origin, country, name, helo = _origin(rng, c)
        if c.infra == "relay":
            relay_prefix, _ = OPEN_RELAYS[_index(c) % len(OPEN_RELAYS)]
            relay_ip = ip_in(rng, relay_prefix)
            relay_host = f"mail.{token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}.{rng.choice(['cl', 'vn', 'com.ar', 'com.np'])}"
            lines.append(f"Received: from {relay_host} ({relay_host} [{relay_ip}])\n\tby {server.mx} with ESMTP id {mx_id}\n\tfor <{target}>; {rfc2822(t)}")
            lines.append(f"Received: from {helo} ({name or 'unknown'} [{origin}])\n\tby {relay_host} (8.14.4/8.14.4) with SMTP id "
                         f"{token(rng, 14)}; {rfc2822(t - timedelta(seconds=rng.randint(5, 300)))}")
        else:
            lines.append(f"Received: from {helo} ({name or 'unknown'} [{origin}])\n\tby {server.mx} with ESMTP id {mx_id}\n"
                         f"\tfor <{target}>; {rfc2822(t)}")
        extra = f"X-Mailer: {rng.choice(['Microsoft Outlook 16.0', 'The Bat! (v3.5) Professional', 'PHPMailer 5.2.9', 'Foxmail 7.2'])}\n"
    if rng.random() < 0.15:  # asks for a read receipt, which Outlook recipients then send to the forged From
        extra += f"Disposition-Notification-To: {from_addr}\n"
    forged = rng.randint(1, 3) if rng.random() < c.forge_rate else 0
    lines.extend(_forged_lines(rng, t, forged))
    ctype, body = _body(rng, c, subject, link)
    disp = rng.choice(["", "Support Team", "Accounts Payable", "Anna", local.title()])
    head = "\n".join(lines) + "\n" + (
        f"From: {disp + ' ' if disp else ''}<{from_addr}>\nTo: {target}\nSubject: {subject}\n"
        f"Date: {rfc2822(t - timedelta(minutes=rng.randint(0, 90)), rng)}\nMessage-ID: {mid}\n{extra}")
    return Spam(c.name, head, body, ctype, mid.strip("<>"), subject, t, origin, country, relay_ip, forged,
                from_addr, target, c.attachment)
