"""The pieces every other module of the blind world shares: the message under construction,
MIME building, dates, identifiers, and the owner (a vanity domain forwarded into Gmail).

Written without reading the project's rules or its own generator: what a real inbox looks like,
from knowledge of mail systems and their documentation.
"""
from __future__ import annotations

import base64
import email.utils
import quopri
import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

UTC = timezone.utc

LABEL_FIELDS = ("mailbox", "position", "message_id", "received", "kind", "is_backscatter", "campaign", "style",
                "product", "reason", "status", "recipient", "original", "origin_ip", "origin_country", "relay_ip",
                "forged_hops", "bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_org", "orig_message_id",
                "orig_subject")


@dataclass
class Mail:
    """A message as the notifying system wrote it, before the forwarder and Gmail add their lines."""
    headers: list[tuple[str, str]]
    body: str
    label: dict = field(default_factory=dict)
    arrived: datetime | None = None          # when Gmail stored it
    gmail_labels: str = "Inbox"
    via_forwarder: bool = True               # came through the vanity domain's forwarder
    sender_ip: str | None = None             # who handed it to the forwarder (or to Gmail)
    sender_host: str | None = None
    sender_helo: str | None = None
    envelope_from: str = ""                  # "" = null reverse path
    envelope_to: str = ""
    raw: bytes | None = None                 # a deliberately malformed message, written as is
    thread: int | None = None
    mangle: object = None                    # a function bytes -> bytes that damages the rendered message

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def label(**fields) -> dict:
    row = {name: None for name in LABEL_FIELDS}
    row["forged_hops"] = 0
    row.update(fields)
    return row


# --- dates and identifiers ---------------------------------------------------------------

def rfc2822(when: datetime, offset_hours: float = 0.0, zone_comment: str | None = None) -> str:
    tz = timezone(timedelta(hours=offset_hours))
    text = email.utils.format_datetime(when.astimezone(tz))
    return f"{text} ({zone_comment})" if zone_comment else text


def token(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hexid(rng: random.Random, n: int) -> str:
    return token(rng, n, "0123456789ABCDEF")


def lowhex(rng: random.Random, n: int) -> str:
    return token(rng, n, "0123456789abcdef")


def postfix_queue_id(rng: random.Random) -> str:
    return hexid(rng, rng.choice((9, 10, 11, 12)))


def exim_id(rng: random.Random) -> str:
    b62 = string.digits + string.ascii_letters
    return f"1{token(rng, 5, b62)}-{token(rng, 6, b62)}-{token(rng, 2, b62)}"


def msgid(rng: random.Random, host: str, style: str = "plain") -> str:
    if style == "outlook":
        return f"<{token(rng, 4, string.ascii_uppercase)}{rng.randint(1, 9)}PR{rng.randint(10, 99)}MB{rng.randint(1000, 9999)}" \
               f"{token(rng, 12, string.ascii_uppercase + string.digits)}@{host}>"
    if style == "gmail":
        return f"<CA{token(rng, 40, string.ascii_letters + string.digits + '+_-')}@mail.gmail.com>"
    if style == "time":
        return f"<{rng.randint(1_600_000_000, 1_800_000_000)}.{rng.randint(1000, 99999)}@{host}>"
    return f"<{lowhex(rng, 16)}.{lowhex(rng, 8)}@{host}>"


# --- MIME ----------------------------------------------------------------------------------

def encode_body(text: str, charset: str = "utf-8", cte: str = "7bit") -> str:
    data = text.encode(charset, errors="replace")
    if cte == "base64":
        return base64.encodebytes(data).decode("ascii")
    if cte == "quoted-printable":
        return quopri.encodestring(data).decode("ascii")
    return data.decode("ascii", errors="surrogateescape")  # raw 8-bit bytes kept as they are on the wire


def part(ctype: str, text: str, charset: str | None = "us-ascii", cte: str = "7bit",
         extra: list[tuple[str, str]] | None = None, name: str | None = None) -> str:
    """One MIME part, headers and body, as text."""
    params = f"; charset=\"{charset}\"" if charset else ""
    if name:
        params += f"; name=\"{name}\""
    lines = [f"Content-Type: {ctype}{params}"]
    if name:
        lines.append(f"Content-Disposition: attachment; filename=\"{name}\"")
    if cte != "7bit" or ctype.startswith("text/"):
        lines.append(f"Content-Transfer-Encoding: {cte}")
    lines += [f"{k}: {v}" for k, v in (extra or [])]
    body = encode_body(text, charset or "us-ascii", cte) if ctype.startswith("text/") or cte != "7bit" else text
    return "\n".join(lines) + "\n\n" + body


def raw_part(headers: list[tuple[str, str]], body: str) -> str:
    return "\n".join(f"{k}: {v}" for k, v in headers) + "\n\n" + body


def multipart(parts: list[str], boundary: str, preamble: str = "This is a multi-part message in MIME format.") -> str:
    out = [preamble, ""] if preamble else []
    for p in parts:
        out.append(f"--{boundary}")
        out.append(p.rstrip("\n"))
        out.append("")
    out.append(f"--{boundary}--")
    out.append("")
    return "\n".join(out)


def boundary(rng: random.Random, style: str = "plain") -> str:
    if style == "postfix":
        return f"{hexid(rng, 10)}.{rng.randint(1_700_000_000, 1_800_000_000)}/mail.example"
    if style == "exchange":
        return f"_000_{token(rng, 30, string.ascii_uppercase + string.digits)}_"
    if style == "gmail":
        return f"000000000000{lowhex(rng, 16)}"
    return f"----=_Part_{rng.randint(10000, 999999)}_{rng.randint(10000000, 99999999)}.{rng.randint(10**12, 10**13)}"


def encoded_word(text: str, charset: str = "utf-8", encoding: str = "B") -> str:
    data = text.encode(charset, errors="replace")
    if encoding == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    q = "".join(chr(b) if (chr(b).isalnum() and b < 128) else ("_" if b == 32 else f"={b:02X}") for b in data)
    return f"=?{charset}?Q?{q}?="


def maybe_encode(rng: random.Random, text: str, charset: str = "utf-8") -> str:
    """Header text as a real client writes it: ASCII stays, anything else becomes encoded words."""
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return encoded_word(text, charset, "B" if charset.lower() == "iso-2022-jp" else rng.choice("BQ"))


def fold(value: str, width: int = 76) -> str:
    """Fold a long header value at spaces (continuation lines start with a tab or space)."""
    words, lines, cur = value.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n\t".join(lines)


# --- the owner -----------------------------------------------------------------------------

OWNERS = [
    ("Dariusz", "Nowicki", "nowicki.net"), ("Helen", "Marsh", "helenmarsh.net"),
    ("Tomas", "Lindqvist", "lindqvist.net"), ("Renata", "Oliveira", "roliveira.net"),
    ("Pieter", "Vandenberghe", "vandenberghe.net"), ("Sandra", "Kowalski", "kowalski-family.net"),
]

FORWARDERS = [
    # name, MX hosts, their IPs, SRS domain, org, ARC domain
    ("improvmx", ["mx1.improvmx.com", "mx2.improvmx.com"], ["107.178.236.91", "35.242.178.12"], "improvmx.com",
     "ImprovMX"),
    ("pobox", ["mx-1.pobox.com", "mx-2.pobox.com", "mx-3.pobox.com"], ["64.147.108.50", "64.147.108.51", "64.147.123.17"],
     "pobox.com", "Pobox"),
    ("forwardemail", ["mx1.forwardemail.net", "mx2.forwardemail.net"], ["138.197.213.185", "104.248.224.170"],
     "forwardemail.net", "Forward Email"),
]


@dataclass
class Owner:
    first: str
    last: str
    domain: str
    address: str
    gmail: str
    forwarder: tuple
    friends: list[tuple[str, str]]

    @property
    def display(self) -> str:
        return f"{self.first} {self.last}"


FRIEND_NAMES = ["Anna Berger", "Mark Ellison", "Sofia Reyes", "Jonas Weber", "Priya Nair", "Luc Moreau",
                "Grace Chen", "Tomasz Zielinski", "Olga Petrova", "Hiro Tanaka", "Ben Carter", "Maria Rossi",
                "Kofi Mensah", "Eva Novak", "Sam O'Neill", "Ingrid Dahl"]
FRIEND_DOMAINS = ["gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "gmx.de", "web.de",
                  "orange.fr", "libero.it", "icloud.com", "proton.me", "fastmail.com", "comcast.net", "wp.pl",
                  "seznam.cz", "uni-heidelberg.de", "acme-engineering.co.uk", "kanzlei-roth.de", "stjohns.edu"]


def make_owner(rng: random.Random) -> Owner:
    first, last, domain = rng.choice(OWNERS)
    friends = []
    for name in rng.sample(FRIEND_NAMES, 12):
        f, l = name.lower().replace("'", "").split(" ")
        friends.append((name, f"{rng.choice([f, f + '.' + l, f[0] + l, f + l[:3]])}@{rng.choice(FRIEND_DOMAINS)}"))
    return Owner(first, last, domain, f"{first.lower()}@{domain}",
                 f"{first.lower()}.{last.lower()}{rng.randint(70, 99)}@gmail.com", rng.choice(FORWARDERS), friends)


def srs(rng: random.Random, sender: str, srs_domain: str) -> str:
    """SRS0 rewriting of a forwarded envelope sender (a null sender stays null)."""
    if not sender:
        return ""
    local, _, dom = sender.rpartition("@")
    return f"SRS0={token(rng, 4)}={token(rng, 2, string.ascii_uppercase + string.digits)}={dom}={local}@{srs_domain}"
