"""Write the inbox as Google Takeout does: one "All mail Including Spam and Trash.mbox" holding
every message (sent mail too, labelled "Sent"), each preceded by X-GM-THRID and X-Gmail-Labels,
CRLF line ends, ">From " escaping (mboxrd) in bodies.

Inbound mail carries what really stacks up on top of the notifier's own headers: the forwarding
provider's Received line (naming the notifier's IP) with SRS-rewritten envelope sender and its ARC
set, then Gmail's Received/ARC/Authentication-Results and Delivered-To.
"""
from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from .world import UTC, Mail, Owner, lowhex, rfc2822, srs, token

MBOX_NAME = "All mail Including Spam and Trash.mbox"
FROM_LINE = re.compile(r"^(>*From )", re.MULTILINE)


def _gmail_id(rng: random.Random) -> int:
    return rng.randint(1_780_000_000_000_000_000, 1_800_000_000_000_000_000)


def _arc(rng: random.Random, i: int, domain: str, when: datetime, results: str) -> list[tuple[str, str]]:
    t = int(when.timestamp())
    sig = token(rng, 64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    return [("ARC-Seal", f"i={i}; a=rsa-sha256; t={t}; cv={'none' if i == 1 else 'pass'};\n        d={domain}; s=arc-20240605;\n        b={sig}"),
            ("ARC-Message-Signature", f"i={i}; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=arc-20240605;\n        "
                                      f"h=to:subject:message-id:date:from:mime-version;\n        bh={token(rng, 43)}=;\n        b={sig[::-1]}"),
            ("ARC-Authentication-Results", f"i={i}; {results}")]


def wrap(rng: random.Random, m: Mail, owner: Owner) -> list[tuple[str, str]]:
    """The headers Gmail and the forwarder put above the message's own."""
    when = m.arrived
    fname, mxs, ips, srs_domain, _ = owner.forwarder
    env = srs(rng, m.envelope_from, srs_domain) if m.via_forwarder else m.envelope_from
    out: list[tuple[str, str]] = [("Delivered-To", owner.gmail),
                                  ("Received", f"by 2002:a05:{lowhex(rng, 4)}:{lowhex(rng, 4)}:b0:{lowhex(rng, 3)}:{lowhex(rng, 4)}:{lowhex(rng, 4)} "
                                               f"with SMTP id {token(rng, 10).lower()};\n        {rfc2822(when, -8, 'PST')}"),
                                  ("X-Google-Smtp-Source", f"AGHT+I{token(rng, 60)}"),
                                  ("X-Received", f"by 2002:a17:{lowhex(rng, 3)}:{lowhex(rng, 4)}:b0:{lowhex(rng, 3)} with SMTP id "
                                                 f"{token(rng, 20).lower()}.{rng.randint(10, 99)}.{int(when.timestamp())};\n        {rfc2822(when, -8, 'PST')}")]
    if m.sender_ip is None and not m.via_forwarder:  # written inside Google (its own DSN)
        return out
    if m.via_forwarder:
        k = rng.randrange(len(mxs))
        fmx, fip = mxs[k], ips[k]
        spf = f"spf={'pass' if env else 'none'} (google.com: domain of {env or 'postmaster@' + fmx} designates {fip} as permitted sender) " \
              f"smtp.mailfrom=\"{env or ''}\""
        results = f"mx.google.com;\n       arc=pass (i=1 spf=softfail spfdomain={m.envelope_from.split('@')[-1] or fmx});\n       {spf}"
        out += _arc(rng, 2, "google.com", when, results)
        out += [("Return-Path", f"<{env}>"),
                ("Received", f"from {fmx} ({fmx}. [{fip}])\n        by mx.google.com with ESMTPS id {token(rng, 20).lower()}."
                             f"{rng.randint(10, 99)}.2026.{when.month:02d}.{when.day:02d}.{rng.randint(10, 99)}\n        for <{owner.gmail}>\n"
                             f"        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n        {rfc2822(when, -8, 'PST')}"),
                ("Received-SPF", f"pass (google.com: domain of {env or 'postmaster@' + fmx} designates {fip} as permitted sender) client-ip={fip};"),
                ("Authentication-Results", results)]
        earlier = when - timedelta(seconds=rng.randint(1, 20))
        host = m.sender_host or "unknown"
        helo = m.sender_helo or host
        out += _arc(rng, 1, srs_domain, earlier, f"{fmx};\n\tspf=softfail smtp.mailfrom={m.envelope_from or helo} smtp.helo={helo}")
        fwd_line = (f"from {helo} ({host} [{m.sender_ip}])\n\tby {fmx} (Postfix) with ESMTPS id {token(rng, 11, '0123456789ABCDEF')}\n\t"
                    f"for <{owner.address}>; {rfc2822(earlier, 0)}" if fname != "forwardemail" else
                    f"from {helo} ({host} [{m.sender_ip}])\n by {fmx} with ESMTPS id {token(rng, 12)}\n for <{owner.address}>;\n {rfc2822(earlier, 0)}")
        if fname == "pobox":
            out.append(("X-Pobox-Delivery-ID", f"{lowhex(rng, 8).upper()}-{lowhex(rng, 4).upper()}"))
        out += [("Received-SPF", f"softfail ({fmx}: domain of transitioning {m.envelope_from or 'postmaster@' + helo} does not "
                                 f"designate {m.sender_ip} as permitted sender) client-ip={m.sender_ip};"),
                ("Received", fwd_line)]
        if fname == "improvmx":
            out.append(("X-Original-To", owner.address))
        return out
    ip, host = m.sender_ip, m.sender_host or "unknown"
    results = f"mx.google.com;\n       spf=pass (google.com: domain of {m.envelope_from} designates {ip} as permitted sender) smtp.mailfrom={m.envelope_from}"
    out += _arc(rng, 1, "google.com", when, results)
    out += [("Return-Path", f"<{m.envelope_from}>"),
            ("Received", f"from {host} ({host}. [{ip}])\n        by mx.google.com with ESMTPS id {token(rng, 20).lower()}.{rng.randint(10, 99)}\n"
                         f"        for <{owner.gmail}>;\n        {rfc2822(when, -8, 'PST')}"),
            ("Received-SPF", f"pass (google.com: domain of {m.envelope_from} designates {ip} as permitted sender) client-ip={ip};"),
            ("Authentication-Results", results)]
    return out


def render(rng: random.Random, m: Mail, owner: Owner) -> bytes:
    if m.raw is not None:
        return m.raw
    top = [] if m.label.get("kind") == "sent" else wrap(rng, m, owner)
    thread = m.thread or _gmail_id(rng)
    lines = [f"X-GM-THRID: {thread}", f"X-Gmail-Labels: {m.gmail_labels}"]
    lines += [f"{k}: {v}" if v else f"{k}:" for k, v in top + m.headers]
    body = FROM_LINE.sub(r">\1", m.body)
    text = "\n".join(lines) + "\n\n" + body
    if not text.endswith("\n"):
        text += "\n"
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8", "surrogateescape")
    return m.mangle(data) if m.mangle else data


def write(out: Path, mails: list[Mail], owner: Owner, rng: random.Random) -> int:
    """Write the mbox and labels.jsonl; returns the number of messages."""
    mail_dir = out / "mail"
    mail_dir.mkdir(parents=True, exist_ok=True)
    mails = sorted(mails, key=lambda m: (m.arrived, m.label.get("message_id") or ""))
    with open(mail_dir / MBOX_NAME, "wb") as mbox, open(out / "labels.jsonl", "w", encoding="utf-8") as labels:
        for position, m in enumerate(mails):
            data = render(rng, m, owner)
            thread = _gmail_id(rng)
            stamp = m.arrived.astimezone(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")
            mbox.write(f"From {thread}@xxx {stamp}\r\n".encode())
            mbox.write(data)
            if not data.endswith(b"\r\n"):
                mbox.write(b"\r\n")
            mbox.write(b"\r\n")
            row = {**m.label, "mailbox": MBOX_NAME, "position": position,
                   "received": m.arrived.astimezone(UTC).isoformat()}
            labels.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(mails)
