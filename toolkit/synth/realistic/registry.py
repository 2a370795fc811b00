"""Every notification style of the realistic world: its renderer, its product (toolkit/products.py) and its kind."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ... import products
from . import challenges, feedback, filters, mta, responders


@dataclass(frozen=True)
class Style:
    render: Callable
    product: str
    kind: str
    carries: tuple[str, ...]   # how the original may come back: rfc822 | headers | inline | none
    null_sender: float         # share sent with an empty envelope sender


_PRODUCT_OF = {"cpanel_exim": "exim", "exim_dsn": "exim", "office365": "exchange", "exchange_oof": "exchange",
               "gmail_vacation": "gmail", "dovecot_sieve": "dovecot-sieve", "interscan": "trendmicro",
               "dmarc": "opendmarc", "arf": "arf"}

STYLES: dict[str, Style] = {}
for _name, (_render, _carries) in mta.BOUNCES.items():
    STYLES[_name] = Style(_render, _PRODUCT_OF.get(_name, _name), "bounce", _carries, 1.0)
for _name, _render in responders.AUTOREPLIES.items():
    STYLES[_name] = Style(_render, _PRODUCT_OF.get(_name, _name), "autoreply", ("none",),
                          0.7 if _name in ("cpanel", "dovecot_sieve") else 0.1)
for _name, _render in challenges.CHALLENGES.items():
    STYLES[_name] = Style(_render, _name, "challenge", ("none",), 0.3)
for _name, (_render, _kind, _carries) in filters.FILTERS.items():
    STYLES[_name] = Style(_render, _PRODUCT_OF.get(_name, _name), _kind, _carries, 0.9)
STYLES["dmarc"] = Style(feedback.dmarc_failure, "opendmarc", "feedback_report", ("headers",), 0.0)
STYLES["arf"] = Style(feedback.arf_complaint, "arf", "feedback_report", ("rfc822",), 0.0)

assert all(s.product in products.PRODUCTS for s in STYLES.values()), "a style names a product outside the vocabulary"
