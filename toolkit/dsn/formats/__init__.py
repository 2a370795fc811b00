"""The ordered registry of bounce formats: the first that returns a Bounce wins.

Specific formats come before the general RFC 3464 reader (their wording pins
the MTA and their recipients); the plain-text fallback comes last. Adding a
format: one module with NAME and parse(ctx), one line here, one sample test.
"""
from . import (amazonses, arf, dragonfly, exchange2003, exchange2007, exim, fml, gmail, googlegroups, imailserver,
               mailmarshal, mimecast, notes, opensmtpd, plaintext, postfix, qmail, rfc3464, sendmail, yahoo)

REGISTRY = [
    arf,
    amazonses,
    googlegroups,
    fml,
    rfc3464,
    gmail,
    dragonfly,
    opensmtpd,
    yahoo,
    notes,
    imailserver,
    mailmarshal,
    mimecast,
    exchange2003,
    exchange2007,
    qmail,
    exim,
    sendmail,
    postfix,
    plaintext,
]
