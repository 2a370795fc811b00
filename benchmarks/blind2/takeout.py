"""How a message reaches the export: the sender's own hop, the vanity domain's forwarder (SRS), Gmail,
then Google Takeout's mbox with X-GM-THRID / X-Gmail-Labels. Also the damage real mail carries."""
from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from .world import UTC, Mail, Owner, rfc2822, token

MBOX_NAME = "All mail Including Spam and Trash.mbox"


def srs(owner: Owner, sender: str, when: datetime) -> str:
    """SRS0 rewrite of a non-null envelope sender by the forwarder (the null sender stays null)."""
    if not sender:
        return ""
    local, _, domain = sender.partition("@")
    tt = format(int(when.timestamp() // 86400) % 1024, "x").upper().rjust(2, "A")[-2:]
    h = hashlib.sha1(sender.encode()).hexdigest()[:4]
    return f"SRS0={h}={tt}={domain}={local}@{owner.forwarder[0]}"


def delivery_headers(rng: random.Random, owner: Owner, rcpt: str, sender: str, hand_host: str, hand_ip: str,
                     helo: str, when: datetime) -> str:
    """Gmail's and the forwarder's trace fields above a message handed by hand_host/hand_ip to the forwarder."""
    fname, fmx, fout, fprefix = owner.forwarder
    fip = fprefix + str(rng.randint(2, 250))
    at_fwd = when - timedelta(seconds=rng.randint(1, 40))
    path = srs(owner, sender, when)
    gid = token(rng, 28)
    return (f"Delivered-To: {owner.gmail}\n"
            f"Received: by 2002:a05:{token(rng, 4, '0123456789abcdef')}:{token(rng, 4, '0123456789abcdef')}:b0:{token(rng, 3, '0123456789abcdef')} with SMTP id {token(rng, 10)};\n"
            f"        {rfc2822(when)}\n"
            f"X-Google-Smtp-Source: {token(rng, 60)}\n"
            f"ARC-Seal: i=1; a=rsa-sha256; t={int(when.timestamp())}; cv=none;\n        d=google.com; s=arc-20240605;\n        b={token(rng, 64)}\n"
            f"Return-Path: <{path}>\n"
            f"Received: from {fout} ({fout}. [{fip}])\n        by mx.google.com with ESMTPS id {token(rng, 20)}\n"
            f"        for <{owner.gmail}>\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n        {rfc2822(when)}\n"
            f"Received-SPF: pass (google.com: domain of {path or 'postmaster@' + fout} designates {fip} as permitted sender) client-ip={fip};\n"
            f"Authentication-Results: mx.google.com;\n       spf=pass (google.com: domain of {path or 'postmaster@' + fout} designates {fip} as permitted sender) smtp.mailfrom={path or fout}\n"
            f"X-Forwarded-To: {owner.gmail}\nX-Forwarded-For: {rcpt} {owner.gmail}\n"
            f"Received: from {helo} ({hand_host} [{hand_ip}])\n        by {fmx} with ESMTPS id {gid[:12]}\n        for <{rcpt}>;\n        {rfc2822(at_fwd)}\n")


def thread_id(rng: random.Random) -> str:
    return str(rng.randint(1700000000000000000, 1899999999999999999))


def takeout_prefix(rng: random.Random, labels: list[str], thrid: str | None = None) -> str:
    return f"X-GM-THRID: {thrid or thread_id(rng)}\nX-Gmail-Labels: {','.join(labels)}\n"


def damage(rng: random.Random, raw: str, kind: str) -> tuple[str, str | None]:
    """Real-world defects: missing Date or Message-ID, raw 8-bit headers, very long lines, a lost closing boundary.
    Returns the text and the name of what was done (None when nothing)."""
    r = rng.random()
    if kind == "sent":      # Gmail stamps Date and Message-ID on what it sends; Sent copies stay intact
        return raw, None
    head, sep, body = raw.partition("\n\n")
    if r < 0.04:
        head = "\n".join(line for line in head.split("\n") if not line.startswith("Date:"))
        return head + sep + body, "no-date"
    if r < 0.08:
        head = "\n".join(line for line in head.split("\n") if not line.lower().startswith("message-id:"))
        return head + sep + body, "no-message-id"
    if r < 0.10:
        head += "\nX-Original-Sender-Name: Jürgen Müller – Geschäftsführung"  # raw UTF-8 in a header
        return head + sep + body, "8bit-header"
    if r < 0.12:
        return head + sep + body.replace("\n\n", "\n\n" + "x" * 1200 + "\n\n", 1), "long-line"
    if r < 0.14 and "boundary=" in head and body.rstrip().endswith("--"):
        lines = body.rstrip().split("\n")
        return head + sep + "\n".join(lines[:-1]) + "\n", "no-closing-boundary"
    return raw, None


def write_mbox(path: Path, mails: list[Mail]) -> None:
    """Write like Takeout: a From_ line, the message with From-quoting, a blank line."""
    with path.open("wb") as out:
        for m in mails:
            stamp = m.arrived.astimezone(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")
            raw = m.raw.replace(b"\r\n", b"\n")
            raw = raw.replace(b"\nFrom ", b"\n>From ")
            if raw.startswith(b"From "):
                raw = b">" + raw
            if not raw.endswith(b"\n"):
                raw += b"\n"
            number = int(hashlib.md5(raw[:400]).hexdigest()[:15], 16)
            out.write(f"From {number}@xxx {stamp}\n".encode())
            out.write(raw + b"\n")


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


__all__ = ["MBOX_NAME", "delivery_headers", "takeout_prefix", "damage", "write_mbox", "iso", "format_datetime"]
