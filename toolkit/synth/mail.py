"""Small builders for the sample corpus: dates, ids, Received lines, raw messages."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from email.header import Header
from email.utils import format_datetime

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def token(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def rfc_date(when: dt.datetime, offset_hours: float = 0) -> str:
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    return format_datetime(when.astimezone(tz))


def encode_subject(text: str) -> str:
    """RFC 2047-encode a subject that is not plain ASCII, as real mailers do."""
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, "utf-8").encode()


def message_id(rng: random.Random, domain: str, when: dt.datetime, style: str = "plain") -> str:
    if style == "outlook_express":
        return f"<{rng.getrandbits(48):012x}${rng.getrandbits(32):08x}${rng.getrandbits(32):08x}@{domain}>"
    if style == "exchange":
        return f"<{token(rng, 30)}@{domain}>"
    return f"<{when:%Y%m%d%H%M%S}.{token(rng, 12)}@{domain}>"


def received(style: str, rng: random.Random, *, helo: str, rdns: str | None, ip: str, by: str,
             when: dt.datetime, rcpt: str | None = None, offset: float = 0, tls: bool = False) -> str:
    """A Received header value in the way the named MTA writes it."""
    date = rfc_date(when, offset)
    host = rdns or "unknown"
    if style in ("postfix", "barracuda", "owner"):
        with_ = "ESMTPS" if tls else "ESMTP"
        product = "" if style == "barracuda" else " (Postfix)"
        qid = token(rng, 11, "0123456789ABCDEF")
        tail = f"\n\tfor <{rcpt}>" if rcpt else ""
        return f"from {helo} ({host} [{ip}])\n\tby {by}{product} with {with_} id {qid}{tail}; {date}"
    if style == "sendmail":
        who = f"({rdns} [{ip}])" if rdns else f"([{ip}])"
        sid = f"{token(rng, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}{rng.randrange(10**6):06d}"
        tail = f"\n\tfor <{rcpt}>" if rcpt else ""
        return f"from {helo} {who}\n\tby {by} (8.15.2/8.15.2) with ESMTP id {sid}{tail}; {date}"
    if style in ("exim", "exim_dsn"):
        who = f"{rdns} ([{ip}] helo={helo})" if rdns else f"[{ip}] (helo={helo})"
        eid = f"1{token(rng, 5, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-" \
              f"{token(rng, 6, '0123456789abcdef')}-{token(rng, 2)}"
        tail = f"\n\tfor {rcpt}" if rcpt else ""
        return f"from {who}\n\tby {by} with esmtp (Exim 4.96)\n\tid {eid}{tail}; {date}"
    if style == "exchange":
        return f"from {helo} ({ip}) by {by}\n ({by.split('.')[0].upper()}) with Microsoft SMTP Server id " \
               f"15.1.2507.{rng.randrange(10, 60)}; {date}"
    if style == "qmail":
        return f"from {host} (HELO {helo}) ({ip})\n  by {by} with SMTP; {date}"
    if style == "lmtp":
        return f"from {helo} ({helo} [{ip}])\n\tby {by} (Dovecot) with LMTP id {token(rng, 22)}\n\tfor <{rcpt}>; {date}"
    return f"from {helo} ({host} [{ip}]) by {by} with SMTP; {date}"


@dataclass
class Mail:
    """A message as ordered header fields and a body, rendered to bytes with LF endings."""

    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    def add(self, name: str, value: str) -> "Mail":
        self.headers.append((name, value))
        return self

    def prepend(self, name: str, value: str) -> "Mail":
        self.headers.insert(0, (name, value))
        return self

    def header_text(self) -> str:
        return "".join(f"{name}: {value}\n" for name, value in self.headers)

    def text(self) -> str:
        return f"{self.header_text()}\n{self.body}"

    def get(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None
