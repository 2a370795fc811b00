"""Received lines of more MTAs, and the way in: the bouncer -> forwarding provider (SRS) -> Gmail -> Takeout.

The forwarding provider rewrites a non-null envelope sender with SRS0 (so SPF
passes at Gmail) and keeps a null one; Gmail adds its own hops, ARC and
Authentication-Results; Google Takeout writes X-GM-THRID and X-Gmail-Labels on
top of every message.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random

from .. import mail as classic
from ..mail import Mail, rfc_date, token
from . import cast

HEX = "0123456789abcdef"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _pacific(when: dt.datetime) -> str:
    return rfc_date(when, -8).replace("-0800", "-0800 (PST)")


def received(mta: str, rng: random.Random, *, helo: str, rdns: str | None, ip: str, by: str, when: dt.datetime,
             rcpt: str | None = None, tls: bool = False) -> str:
    """A Received line as the named MTA writes it (the classic styles plus Gmail, Yahoo, Courier, ...)."""
    date = rfc_date(when, rng.choice([0, 1, 2, -5]))
    host = rdns or "unknown"
    if mta == "gmail":
        return (f"from {helo} ({host}. [{ip}])\n        by mx.google.com with ESMTPS id "
                f"{token(rng, 14, 'abcdefghijklmnopqrstuvwxyz0123456789')}.{rng.randrange(100, 999)}.{when:%Y.%m.%d}."
                f"{when:%H.%M.%S}\n        for <{rcpt}>; {_pacific(when)}")
    if mta == "yahoo":
        return f"from {ip} (EHLO {helo})\n by {by} with SMTP; {date}"
    if mta == "courier":
        return f"from {helo} ({host} [{ip}])\n  (AUTH: none)\n  by {by} with ESMTP; {date}\n  id {token(rng, 16, HEX)}"
    if mta == "mdaemon":
        return f"from {helo} ([{ip}]) by {by} (MDaemon PRO v21.5.2)\n\twith ESMTP id md{rng.randrange(10**13):013d}.msg\n" \
               f"\tfor <{rcpt}>; {date}"
    if mta == "domino":
        return f"from {helo} ([{ip}])\n          by {by} (Lotus Domino Release 9.0.1FP10)\n          with ESMTP id " \
               f"2024{token(rng, 12)} ;\n          {date}"
    if mta == "groupwise":
        return f"from {helo} ([{ip}])\n\tby {by} with ESMTP; {date}"
    style = mta if mta in ("postfix", "sendmail", "exim", "exchange", "qmail") else "postfix"
    return classic.received(style, rng, helo=helo, rdns=rdns, ip=ip, by=by, when=when, rcpt=rcpt, tls=tls)


def srs(sender: str, when: dt.datetime) -> str:
    """SRS0=HHHH=TT=domain=local@forwarder (Shevek's scheme, as postsrsd writes it)."""
    local, domain = sender.rsplit("@", 1)
    days = int(when.timestamp() // 86400) % 1024
    stamp = B64[26:][days // 32 % 32] + B64[26:][days % 32]
    digest = hashlib.sha1(f"{stamp}{domain}{local}".encode()).digest()
    mac = "".join(B64[b % 64] for b in digest[:4])
    return f"SRS0={mac}={stamp.upper()}={domain}={local}@{cast.FORWARDER_DOMAIN}"


def via_forwarder(rng: random.Random, m: Mail, *, from_host: str, from_ip: str, when: dt.datetime, rcpt: str,
                  envelope: str) -> str:
    """The forwarding provider's MX receives for the vanity address; returns the envelope sender it forwards with."""
    mx, _ = rng.choice(cast.FORWARDER_MX)
    m.prepend("Received", f"from {from_host} ({from_host} [{from_ip}])\n\tby {mx} (Postfix) with ESMTPS id "
                          f"{token(rng, 12, '0123456789ABCDEF')}\n\tfor <{rcpt}>; {rfc_date(when)}")
    m.prepend("X-Original-To", rcpt)
    return "" if envelope == "" else srs(envelope, when)


def into_gmail(rng: random.Random, m: Mail, *, when: dt.datetime, envelope: str, forwarded: bool,
               from_host: str = "", from_ip: str = "") -> None:
    """Gmail's receiving hops and authentication results, on top of what came before."""
    if forwarded:
        from_host, from_ip = rng.choice(cast.FORWARDER_MX)
    domain = envelope.rsplit("@", 1)[-1] if envelope else from_host
    spf = "pass" if forwarded or rng.random() < 0.8 else "neutral"
    m.prepend("Authentication-Results", f"mx.google.com;\n       spf={spf} (google.com: domain of "
                                        f"{envelope.lower() or 'postmaster@' + from_host} designates {from_ip} as "
                                        f"permitted sender) smtp.mailfrom={domain}")
    m.prepend("Received-SPF", f"{spf} (google.com: domain of {envelope.lower() or 'postmaster@' + from_host} designates "
                              f"{from_ip} as permitted sender) client-ip={from_ip};")
    m.prepend("Received", f"from {from_host} ({from_host}. [{from_ip}])\n        by mx.google.com with ESMTPS id "
                          f"{token(rng, 12, 'abcdefghijklmnopqrstuvwxyz0123456789')}.{rng.randrange(100, 999)}.2024."
                          f"{when:%m.%d.%H.%M.%S}\n        for <{cast.GMAIL_ADDR}>\n        (version=TLS1_3 "
                          f"cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n        {_pacific(when)}")
    m.prepend("Return-Path", f"<{envelope}>")
    m.prepend("ARC-Authentication-Results", f"i=1; mx.google.com;\n       spf={spf} smtp.mailfrom={domain}")
    m.prepend("ARC-Seal", f"i=1; a=rsa-sha256; t={int(when.timestamp())}; cv=none;\n        d=google.com; "
                          f"s=arc-20160816;\n        b={token(rng, 60, B64)}")
    m.prepend("X-Received", f"by 2002:a17:90a:{token(rng, 4, HEX)}:b0:{token(rng, 3, HEX)}:{token(rng, 4, HEX)} "
                            f"with SMTP id {token(rng, 20, 'abcdefghijklmnopqrstuvwxyz0123456789')};\n        "
                            f"{_pacific(when + dt.timedelta(seconds=1))}")
    m.prepend("Received", f"by 2002:a05:7300:{token(rng, 4, HEX)}:b0:{token(rng, 3, HEX)}:{token(rng, 4, HEX)} "
                          f"with SMTP id {token(rng, 2, 'abcdefghijklmnopqrstuvwxyz')}{rng.randrange(10)}csp"
                          f"{rng.randrange(10**6, 10**7)}{token(rng, 3, 'abcdefghijklmnopqrstuvwxyz')};\n        "
                          f"{_pacific(when + dt.timedelta(seconds=1))}")
    m.prepend("Delivered-To", cast.GMAIL_ADDR)


def deliver(rng: random.Random, m: Mail, *, host: str, ip: str, when: dt.datetime, rcpt: str, envelope: str,
            direct: bool = False) -> None:
    """The whole way in: through the forwarder (mail to the vanity domain) or straight to Gmail."""
    if direct:
        into_gmail(rng, m, when=when, envelope=envelope, forwarded=False, from_host=host, from_ip=ip)
        return
    envelope = via_forwarder(rng, m, from_host=host, from_ip=ip, when=when, rcpt=rcpt, envelope=envelope)
    into_gmail(rng, m, when=when + dt.timedelta(seconds=rng.randint(1, 4)), envelope=envelope, forwarded=True)


def through_gateway(rng: random.Random, m: Mail, b: cast.Bouncer, when: dt.datetime) -> None:
    """The organisation's outbound gateway relays the notice: its Received line and its own headers."""
    inner = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(2, 250)}"
    date = rfc_date(when)
    if b.gateway == "mimecast":
        m.prepend("Received", f"from {b.internal} ({b.internal} [{inner}]) by relay.mimecast.com with ESMTP with "
                              "STARTTLS\n (version=TLSv1.2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id\n "
                              f"{b.domain.split('.')[0]}-{token(rng, 12, B64[:62])}-1; {date}")
    else:
        m.prepend("Received", f"from {b.internal} ([{inner}])\n\tby {b.out_host} (PPS) with ESMTPS id "
                              f"3{token(rng, 9, 'abcdefghijklmnopqrstuvwxyz0123456789')}-1\n\t(version=TLSv1.2 "
                              f"cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT); {date}")
    if b.gateway == "mimecast":
        m.add("X-MC-Unique", f"{token(rng, 22, B64[:62])}-1")
        m.add("X-Mimecast-Spam-Score", str(rng.randrange(0, 5)))
    else:
        m.add("X-Proofpoint-GUID", token(rng, 32, B64[:62]))
        m.add("X-Proofpoint-Spam-Details", f"rule=outbound_notspam policy=outbound score=0 mlxscore=0 "
                                           f"engine=8.19.0-{rng.randrange(2306000000, 2312999999)}")


def takeout(rng: random.Random, m: Mail, labels: str, thread: int) -> None:
    """What Google Takeout writes on top of each message."""
    m.prepend("X-Gmail-Labels", labels)
    m.prepend("X-GM-THRID", str(thread))
