"""Which product wrote a notification, in the vocabulary of toolkit/products.py.

The writer, not the carrier: for an auto-reply or a challenge, the responder or challenge
system that composed it (its own headers, Message-ID form, sending domain, then its words);
for the other notices, appliance and filter signatures first (they wrap an MTA), then the
bounce format module that parsed it, then the MTA named by the Reporting-MTA. Failing all of
these, the product names in the Received lines that the bouncer's own hosts wrote (below the
handover, see handover.py).
"""
from __future__ import annotations

import re

import polars as pl

from .dsn import Bounce, Context
from .products import AUTORESPONDER, CHALLENGE, FILTER, MTA, MTAS, PROVIDER, Product, compiled, of_role

FORMAT_TO_PRODUCT = {"exchange2003": "exchange", "exchange2007": "exchange", "rfc3834": None, "arf": None,
                     "plaintext": None, "rfc3464": None, "amazonses": "amazonses", "dragonfly": "dragonfly",
                     "googlegroups": "gmail", "gmail": "gmail", "yahoo": "yahoo"}
# Which products may have written a notice of each kind, in the order they are tried.
RESPONDERS = of_role(CHALLENGE, AUTORESPONDER, PROVIDER)
WRAPPERS = of_role(FILTER, MTA)
SELF_TEXT = 3000  # characters of the notice's own text looked at for a product's words
_MTA = [(name, re.compile(p, re.I)) for name, p in MTAS]


class _Marks:
    """A product's patterns, compiled once."""

    def __init__(self, product: Product):
        self.name = product.name
        self.headers = [(field, compiled(value)) for field, value in product.headers]
        self.message_id = compiled(product.message_id)
        self.sender = compiled(product.sender)
        self.words = compiled(product.words)

    def by_headers(self, ctx: Context) -> bool:
        msg = ctx.msg
        for field, value in self.headers:
            found = msg.get(field)
            if found is not None and (value is None or value.search(str(found))):
                return True
        message_id = str(msg.get("Message-ID", "")).strip()
        if self.message_id and message_id and self.message_id.search(message_id):
            return True
        senders = f"{ctx.from_addr} {ctx.return_path or ''}"
        return bool(self.sender and self.sender.search(senders))

    def by_words(self, sample: str) -> bool:
        return bool(self.words and self.words.search(sample))


_RESPONDERS = [_Marks(p) for p in RESPONDERS]
_WRAPPERS = [_Marks(p) for p in WRAPPERS]
_ANY_WRAPPER = re.compile("|".join(f"(?:{p.words})" for p in WRAPPERS if p.words), re.I)


def _own_sample(ctx: Context) -> str:
    """The notice's own headers (not Received, To, Cc) and the opening of its own text."""
    own = "\n".join(f"{k}: {v}" for k, v in ctx.msg.items() if k.lower() not in ("received", "to", "cc"))
    return f"{own}\n{ctx.text[:SELF_TEXT]}"


def responder(ctx: Context) -> str | None:
    """The autoresponder or challenge system that wrote an auto-reply or a challenge."""
    for marks in _RESPONDERS:
        if marks.by_headers(ctx):
            return marks.name
    sample = f"{ctx.subject}\n{ctx.text[:SELF_TEXT]}"
    for marks in _RESPONDERS:
        if marks.by_words(sample):
            return marks.name
    return None


def software(ctx: Context, bounce: Bounce | None, kind: str | None = None) -> str | None:
    if kind in ("autoreply", "challenge"):
        found = responder(ctx)
        if found:
            return found
    sample = _own_sample(ctx)
    if _ANY_WRAPPER.search(sample):
        for marks in _WRAPPERS:
            if marks.by_words(sample):
                return marks.name
    if bounce is not None:
        product = FORMAT_TO_PRODUCT.get(bounce.format, bounce.format)
        if product:
            return product
        reporting = " ".join(d.reporting_mta or "" for d in bounce.deliveries)
        for name, pattern in _MTA:
            if pattern.search(reporting) or pattern.search(ctx.text[:SELF_TEXT]):
                return name
    return None


def from_received(raw: pl.Expr) -> pl.Expr:
    """A Polars expression naming the MTA in Received lines the bouncer's own hosts wrote."""
    expr = pl.lit(None, dtype=pl.String)
    for name, pattern in reversed(MTAS):
        expr = pl.when(raw.str.contains(f"(?i){pattern}")).then(pl.lit(name)).otherwise(expr)
    return expr
