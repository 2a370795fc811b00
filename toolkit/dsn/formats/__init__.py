"""The ordered registry of bounce formats: the first that returns a Bounce wins.

Specific formats come before the general RFC 3464 reader (their wording pins
the MTA and their recipients); the plain-text fallback comes last. Adding a
format: one module with NAME and parse(ctx), one line here, one sample test.

A format may also carry REASONS, (reason, phrase) pairs for its own wording
("The recipient name is not recognized" is Exchange's missing user), tried
before the generic rules; a DSN the RFC 3464 reader names after an MTA by its
fingerprint uses that MTA's table too.
"""
import re

from . import (amavis, amazonses, aol, arf, barracuda, courier, dragonfly, exchange2003, exchange2007, exim, fml, gmail,
               googlegroups, groupwise, imailserver, mailmarshal, mcafee, mdaemon, messagelabs, messagingserver, mimecast,
               mssmtp, netscape, notes, opensmtpd, plaintext, postfix, powermta, qmail, receivingses, rfc3464, sendmail,
               smail, trendmicro, yahoo)

REGISTRY = [
    arf,
    amazonses,
    googlegroups,
    fml,
    opensmtpd,
    mcafee,
    receivingses,
    barracuda,
    amavis,
    messagelabs,
    courier,
    messagingserver,
    powermta,
    rfc3464,
    mssmtp,
    aol,
    netscape,
    gmail,
    dragonfly,
    yahoo,
    notes,
    imailserver,
    mailmarshal,
    mimecast,
    trendmicro,
    groupwise,
    mdaemon,
    exchange2003,
    exchange2007,
    smail,
    qmail,
    exim,
    sendmail,
    postfix,
    plaintext,
]

_BY_NAME = {m.NAME: m for m in REGISTRY}
_COMPILED = {name: [(reason, re.compile(p, re.I)) for reason, p in m.REASONS]
             for name, m in _BY_NAME.items() if getattr(m, "REASONS", ())}


def own_reason(fmt: str | None, diagnostic: str | None) -> str | None:
    """The reason a format's own wording names, if any."""
    for reason, pattern in _COMPILED.get(fmt or "", ()):
        if diagnostic and pattern.search(diagnostic):
            return reason
    return None


def temporary_reasons(fmt: str | None) -> set[str]:
    """Reasons the format counts as transient when it gives no status (Exim: a full mailbox, an expiry)."""
    return getattr(_BY_NAME.get(fmt or ""), "TEMPORARY_REASONS", set())
