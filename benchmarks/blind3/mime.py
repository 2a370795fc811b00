"""Small MIME writers: the notices are built as text so that each product's own layout (and damage) can be kept."""
from __future__ import annotations

import base64
import quopri
import random
from dataclasses import dataclass, field

from .net import hexid, token


@dataclass
class Notice:
    """A notification as its writer composed it (before the forwarder and Gmail add their lines)."""
    headers: list[tuple[str, str]]
    body: str
    envelope: str                 # the envelope sender ("" = null sender <>)
    product: str | None
    style: str
    original: str                 # rfc822 | headers | inline | subject | none
    kind: str
    reason: str | None = None
    own_received: list[str] = field(default_factory=list)   # lines the writer's own machine adds when it sends


def encode(text: str, cte: str) -> str:
    raw = text.encode("utf-8")
    if cte == "base64":
        return base64.encodebytes(raw).decode("ascii")
    if cte == "quoted-printable":
        return quopri.encodestring(raw).decode("ascii")
    return text


def cte_for(rng: random.Random, text: str, prefer: str = "") -> str:
    if text.isascii():
        return "7bit"
    return prefer or rng.choice(["quoted-printable", "base64", "8bit"])


def text_part(rng: random.Random, text: str, subtype: str = "plain", charset: str = "utf-8", prefer: str = "",
              extra: str = "") -> str:
    cte = cte_for(rng, text, prefer)
    cs = "us-ascii" if text.isascii() and charset == "utf-8" and rng.random() < 0.4 else charset
    return (f"Content-Type: text/{subtype}; charset=\"{cs}\"\n{extra}Content-Transfer-Encoding: {cte}\n\n"
            f"{encode(text, cte)}")


def boundary(rng: random.Random, style: str = "") -> str:
    if style == "exchange":
        return f"_000_{token(rng, 36)}_"
    if style == "postfix":
        return f"{token(rng, 10, '0123456789ABCDEF')}.{rng.randint(1600000000, 1800000000)}/{style}"
    return rng.choice([f"----=_Part_{rng.randint(1000, 99999)}_{rng.randint(10 ** 8, 10 ** 9)}.{rng.randint(10 ** 12, 10 ** 13)}",
                       f"{hexid(rng, 16)}={token(rng, 6)}", f"=_{token(rng, 24)}", f"--==_mimepart_{hexid(rng, 12)}"])


def multipart(subtype: str, parts: list[str], bnd: str, params: str = "", preamble: str = "") -> tuple[str, str]:
    """(Content-Type value, body) of a multipart made of already-rendered parts."""
    body = (preamble + "\n" if preamble else "") + "".join(f"--{bnd}\n{p.rstrip(chr(10))}\n\n" for p in parts) + f"--{bnd}--\n"
    return f"multipart/{subtype};{params} boundary=\"{bnd}\"", body


def dsn_part(reporting: str, arrival: str | None, recipients: list[dict]) -> str:
    """message/delivery-status (RFC 3464)."""
    lines = [f"Reporting-MTA: dns; {reporting}"]
    if arrival:
        lines.append(f"Arrival-Date: {arrival}")
    out = "\n".join(lines) + "\n"
    for r in recipients:
        block = [f"Final-Recipient: rfc822; {r['rcpt']}"]
        if r.get("original"):
            block.insert(0, f"Original-Recipient: rfc822;{r['rcpt']}")
        block.append(f"Action: {r['action']}")
        block.append(f"Status: {r['status']}")
        if r.get("remote"):
            block.append(f"Remote-MTA: dns; {r['remote']}")
        if r.get("diag"):
            block.append(f"Diagnostic-Code: smtp; {r['diag']}")
        if r.get("last"):
            block.append(f"Last-Attempt-Date: {r['last']}")
        if r.get("will_retry"):
            block.append(f"Will-Retry-Until: {r['will_retry']}")
        out += "\n" + "\n".join(block) + "\n"
    return "Content-Type: message/delivery-status\n\n" + out


def carried(orig_full: str, orig_headers: str, mode: str, label: str = "") -> str:
    """The part that returns the original."""
    if mode == "rfc822":
        return f"Content-Type: message/rfc822{label}\n\n{orig_full}"
    return f"Content-Type: text/rfc822-headers{label}\n\n{orig_headers}"
