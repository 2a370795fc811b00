"""Google Takeout's single mbox: every message with X-GM-THRID / X-Gmail-Labels, the Gmail and forwarder hops above
what the sender wrote, Sent mail without them."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .net import Forwarder, forwarder_line, token

MBOX_NAME = "All mail Including Spam and Trash.mbox"


@dataclass
class Item:
    """One message of the export, before rendering."""
    when: datetime                       # arrival at Gmail
    headers: list[tuple[str, str]]       # what the writer wrote
    body: str
    label: dict
    gmail_labels: list[str]
    envelope: str | None = None          # envelope sender ("" = <>); None: sent by the owner
    rcpt: str = ""                       # envelope recipient at the vanity domain (via the forwarder) or the Gmail address
    via_forwarder: bool = True
    peer: tuple[str, str | None, str] | None = None   # (helo, host, ip) of the machine that handed it over
    own_received: list[str] = field(default_factory=list)
    thread: int | None = None
    damage: str | None = None


def pacific(when: datetime) -> str:
    off, zone = (-7, "PDT") if when.month in (4, 5, 6, 7, 8, 9, 10) else (-8, "PST")
    local = when.astimezone(timezone(timedelta(hours=off)))
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + f"-0{abs(off)}00 ({zone})"


def google_id(rng: random.Random) -> str:
    return f"{token(rng, 2, 'abcdefghijklmnopqrstuvwxyz0123456789')}{rng.randint(10, 99)}-{token(rng, 10, string.ascii_lowercase + string.digits)}" \
           f"{token(rng, 8, string.ascii_lowercase + string.digits)}.{rng.randint(10, 999)}.{rng.randint(2026, 2026)}." \
           f"{rng.randint(1, 12)}.{rng.randint(1, 28)}.{rng.randint(1, 23)}.{rng.randint(1, 59)}.{rng.randint(10, 59)}"


def render(rng: random.Random, item: Item, gmail: str, fwd: Forwarder) -> bytes:
    h: list[tuple[str, str]] = [("X-GM-THRID", str(item.thread)), ("X-Gmail-Labels", ",".join(item.gmail_labels))]
    if item.envelope is not None:
        h.append(("Delivered-To", gmail))
        h.append(("Received", f"by 2002:a05:{rng.randint(6000, 7999):x}:{rng.randint(100, 999):x}:b0:{token(rng, 3, '0123456789abcdef')} "
                              f"with SMTP id {token(rng, 6, string.ascii_lowercase)};\n        {pacific(item.when)}"))
        h.append(("X-Google-Smtp-Source", token(rng, 60) + "=="))
        h.append(("X-Received", f"by 2002:a17:90b:{rng.randint(1000, 9999):x} with SMTP id {token(rng, 12, string.ascii_lowercase)}."
                                f"{rng.randint(1, 99)}.{rng.randint(10 ** 12, 10 ** 13)};\n        {pacific(item.when)}"))
        if item.via_forwarder:
            mx = rng.choice(fwd.mx)
            from .net import srs
            ret = srs(rng, fwd, item.envelope, item.when) if item.envelope else ""
            h.append(("ARC-Seal", f"i=1; a=rsa-sha256; t={int(item.when.timestamp())}; cv=none;\n        d=google.com; s=arc-20240605;\n"
                                  f"        b={token(rng, 70)}"))
            h.append(("Return-Path", f"<{ret}>"))
            h.append(("Received", f"from {mx[0]} ({mx[0]}. [{mx[1]}])\n        by mx.google.com with ESMTPS id "
                                  f"{google_id(rng)}\n        for <{gmail}>\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 "
                                  f"bits=256/256);\n        {pacific(item.when)}"))
            helo_dom = ret.split("@")[1] if ret else mx[0]
            h.append(("Received-SPF", f"pass (google.com: {'domain of ' + ret if ret else 'domain of postmaster@' + mx[0]} designates "
                                      f"{mx[1]} as permitted sender) client-ip={mx[1]};"))
            h.append(("Authentication-Results", f"mx.google.com;\n       spf=pass (google.com: domain of {ret or 'postmaster@' + mx[0]} "
                                                f"designates {mx[1]} as permitted sender) smtp.mailfrom={helo_dom}"))
            if fwd.software == "postfix":
                h.append(("X-Original-To", item.rcpt))
            peer = item.peer
            h.append(("Received", forwarder_line(rng, fwd, mx, peer[0], peer[1], peer[2], item.rcpt,
                                                 item.when - timedelta(seconds=rng.randint(1, 4)))))
        else:
            peer = item.peer
            h.append(("Return-Path", f"<{item.envelope}>"))
            if peer is not None:
                h.append(("Received", f"from {peer[0]} ({peer[1] or 'unknown'}. [{peer[2]}])\n        by mx.google.com with ESMTPS id "
                                      f"{google_id(rng)}\n        for <{gmail}>\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 "
                                      f"bits=256/256);\n        {pacific(item.when)}"))
                h.append(("Received-SPF", f"pass (google.com: domain of {item.envelope or 'postmaster@' + (peer[1] or peer[0])} "
                                          f"designates {peer[2]} as permitted sender) client-ip={peer[2]};"))
        for line in item.own_received:
            h.append(("Received", line))
    h.extend(item.headers)
    head = "".join(f"{k}: {v}\n" for k, v in h)
    text = head + "\n" + item.body
    if not text.endswith("\n"):
        text += "\n"
    lines = [(">" + ln if ln.startswith("From ") else ln) for ln in text.split("\n")]
    stamp = item.when.strftime("%a %b %d %H:%M:%S +0000 %Y")
    out = f"From {item.thread}@xxx {stamp}\n" + "\n".join(lines)
    data = out.encode("utf-8", "surrogateescape")
    if item.damage == "raw8bit":
        data = data.replace("@@RAW@@".encode(), "Caf\xe9 r\xe9sum\xe9 \xfcber".encode("latin-1"))
    return data + b"\n"


def write_mbox(path: Path, rng: random.Random, items: list[Item], gmail: str, fwd: Forwarder) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        for item in items:
            f.write(render(rng, item, gmail, fwd))
