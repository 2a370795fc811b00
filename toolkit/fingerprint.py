"""Which product sent a notification, from what it says about itself.

Appliance and filter signatures first (they wrap an MTA), then the bounce
format module that parsed it; failing both, the product names in the Received
lines that the bouncer's own hosts wrote (below the handover, see handover.py).
Names are lower-case product families.
"""
from __future__ import annotations

import re

import polars as pl

from .dsn import Bounce, Context

PRODUCTS = [
    ("barracuda", r"barracuda"),
    ("ironport", r"ironport|cisco secure email"),
    ("messagelabs", r"messagelabs|symantec"),
    ("mimecast", r"mimecast"),
    ("trendmicro", r"interscan|trend ?micro|imss"),
    ("mcafee", r"mcafee|mxlogic"),
    ("sophos", r"sophos"),
    ("proofpoint", r"proofpoint|pphosted"),
    ("mailmarshal", r"mailmarshal"),
    ("surfcontrol", r"surfcontrol"),
    ("amavis", r"amavis|content-filter at"),
    ("mailscanner", r"mailscanner"),
    ("tmda", r"\btmda\b"),
    ("domino", r"lotus|domino"),
    ("groupwise", r"groupwise"),
    ("mdaemon", r"mdaemon"),
    ("imail", r"imail|smtpd32"),
]
MTAS = [
    ("exchange", r"microsoft smtp server|x-ms-exchange|microsoft exchange|exchange server"),
    ("postfix", r"\(postfix\)|postfix"),
    ("exim", r"\bexim\b"),
    ("qmail", r"qmail"),
    ("sendmail", r"sendmail|\(\d+\.\d+\.\d+/\d+\.\d+\.\d+\)"),
    ("courier", r"courier"),
    ("opensmtpd", r"opensmtpd"),
    ("gmail", r"google\.com|gmail"),
]
FORMAT_TO_PRODUCT = {"exchange2003": "exchange", "exchange2007": "exchange", "rfc3834": None, "arf": None,
                     "plaintext": None, "rfc3464": None, "amazonses": "amazonses", "dragonfly": "dragonfly",
                     "googlegroups": "gmail", "gmail": "gmail", "yahoo": "yahoo"}
_COMPILED = [(name, re.compile(p, re.I)) for name, p in PRODUCTS]
_ANY_PRODUCT = re.compile("|".join(f"(?:{p})" for _, p in PRODUCTS), re.I)  # one pass before the ordered checks
_MTA = [(name, re.compile(p, re.I)) for name, p in MTAS]


def software(ctx: Context, bounce: Bounce | None) -> str | None:
    own = "\n".join(f"{k}: {v}" for k, v in ctx.msg.items() if k.lower() not in ("received", "to", "cc"))
    sample = f"{own}\n{ctx.text[:3000]}"
    if _ANY_PRODUCT.search(sample):
        for name, pattern in _COMPILED:
            if pattern.search(sample):
                return name
    if bounce is not None:
        product = FORMAT_TO_PRODUCT.get(bounce.format, bounce.format)
        if product:
            return product
        reporting = " ".join(d.reporting_mta or "" for d in bounce.deliveries)
        for name, pattern in _MTA:
            if pattern.search(reporting) or pattern.search(ctx.text[:3000]):
                return name
    return None


def from_received(raw: pl.Expr) -> pl.Expr:
    """A Polars expression naming the MTA in Received lines the bouncer's own hosts wrote."""
    expr = pl.lit(None, dtype=pl.String)
    for name, pattern in reversed(MTAS):
        expr = pl.when(raw.str.contains(f"(?i){pattern}")).then(pl.lit(name)).otherwise(expr)
    return expr
