"""Shared ground for the blind2 world: the owner, time, address and IP helpers, and the label record.

Everything else (spam, notices, ham, the Takeout export) builds on these small pieces.
"""
from __future__ import annotations

import base64
import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

UTC = timezone.utc
LABEL_FIELDS = ("mailbox", "position", "message_id", "received", "kind", "is_backscatter", "campaign", "style",
                "product", "reason", "status", "recipient", "original", "origin_ip", "origin_country", "relay_ip",
                "forged_hops", "bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_org", "orig_message_id",
                "orig_subject")
HEX = "0123456789abcdef"
ALNUM = string.ascii_letters + string.digits
VANITY_NAMES = ["quillfeather", "marlowgrey", "tessaburke", "oakridge-studio", "nordlicht-design", "haverfield"]
VANITY_TLDS = ["net", "com", "org", "io", "eu"]
FORWARDERS = [  # (name, MX host, outbound host, outbound IP prefix): vanity-domain forwarding services
    ("forwardemail.net", "mx1.forwardemail.net", "smtp.forwardemail.net", "138.197.213."),
    ("improvmx.com", "mx1.improvmx.com", "mx2.improvmx.com", "35.173.32."),
    ("pobox.com", "mx-1.pobox.com", "pb-smtp2.pobox.com", "64.147.108."),
]


@dataclass
class Owner:
    name: str
    local: str
    domain: str
    gmail: str
    forwarder: tuple[str, str, str, str]

    @property
    def address(self) -> str:
        return f"{self.local}@{self.domain}"


@dataclass
class Mail:
    """One message as it sits in the export, with its ground truth."""
    raw: bytes
    arrived: datetime
    label: dict
    gmail_labels: list[str] = field(default_factory=lambda: ["Inbox"])


def make_owner(rng: random.Random) -> Owner:
    name = rng.choice(["Tessa Burke", "Oliver Marlow", "Hanna Lindqvist", "Rafael Costa"])
    domain = f"{rng.choice(VANITY_NAMES)}.{rng.choice(VANITY_TLDS)}"
    first = name.split()[0].lower()
    gmail = f"{first}.{name.split()[1].lower()}{rng.randint(10, 99)}@gmail.com"
    return Owner(name, first, domain, gmail, rng.choice(FORWARDERS))


def token(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def rfc2822(when: datetime, rng: random.Random | None = None) -> str:
    """A Date: value; sometimes in a sender's local offset, as real servers write them."""
    if rng is not None and rng.random() < 0.5:
        offset = rng.choice([1, 2, 3, -5, -8, 8, 9, 5.5])
        when = when.astimezone(timezone(timedelta(hours=offset)))
    return format_datetime(when)


def msgid(rng: random.Random, host: str) -> str:
    return f"<{token(rng, 16, HEX)}.{token(rng, 8)}@{host}>"


def ip_in(rng: random.Random, prefix: str) -> str:
    parts = prefix.rstrip(".").split(".")
    while len(parts) < 4:
        parts.append(str(rng.randint(1, 254)))
    return ".".join(parts)


def b64(text: str, charset: str = "utf-8") -> str:
    data = base64.b64encode(text.encode(charset, "replace")).decode()
    return "\n".join(data[i:i + 76] for i in range(0, len(data), 76))


def encoded_word(text: str, charset: str = "utf-8") -> str:
    """RFC 2047 B-encoding of a header text that is not ASCII."""
    if all(ord(c) < 128 for c in text):
        return text
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset, 'replace')).decode()}?="


def label(**given) -> dict:
    """A label row with every field; the unknown ones null."""
    row = {name: None for name in LABEL_FIELDS}
    row.update(given)
    unknown = set(row) - set(LABEL_FIELDS)
    if unknown:
        raise ValueError(f"unknown label fields {sorted(unknown)}")
    return row


def headers(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in pairs)
