"""Delivery notifications: which format, which recipients, why they failed, and the original.

``parse(msg)`` tries the registered formats in order and fills in each
delivery's reason (Sisimai's vocabulary) and, where the notice has none,
Sisimai's pseudo status code for it.
"""
from __future__ import annotations

import os
from email.message import Message
from functools import lru_cache

from .. import config
from . import providers, reasons
from .context import Context
from .formats import REGISTRY, own_reason, temporary_reasons
from .model import Bounce, Delivery

__all__ = ["Bounce", "Context", "Delivery", "RULES_OFF_ENV", "parse", "REGISTRY", "rules_off"]

# Names of format tables and provider modules to switch off, comma-separated: the conformance
# benchmark's leave-one-family-out view sets it (an environment variable reaches ingest's workers).
RULES_OFF_ENV = "BACKSCATTER_RULES_OFF"


def rules_off() -> frozenset[str]:
    """The format REASONS tables and provider modules switched off by name (none unless set)."""
    return _names_off(os.environ.get(RULES_OFF_ENV, ""))


@lru_cache(maxsize=16)
def _names_off(setting: str) -> frozenset[str]:
    """The names in a comma-separated setting, parsed once per value (asked for every delivery)."""
    return frozenset(n.strip().lower() for n in setting.split(",") if n.strip())


def _finish(delivery: Delivery, fmt: str) -> None:
    """Reason and status: the provider's meaning first, then the format's own table, then the generic rules."""
    own = None
    if delivery.diagnostic:
        delivery.diagnostic = delivery.diagnostic[:config.DIAGNOSTIC_MAX_CHARS]
    if delivery.reason is None:
        off = rules_off()
        own = None if fmt in off else own_reason(fmt, delivery.diagnostic)
        delivery.reason = providers.reason_for(delivery.recipient, delivery.remote_mta, delivery.diagnostic, off) \
            or own \
            or reasons.classify(delivery.status, delivery.diagnostic, delivery.action, delivery.command,
                                delivery.local, delivery.reply_code)
    if delivery.status is None and delivery.reason not in ("feedback", "vacation", "delivered"):
        temporary = (delivery.action or "") == "delayed" or (delivery.reply_code or "").startswith("4") \
            or (own is not None and own == delivery.reason and own in temporary_reasons(fmt))
        delivery.status = reasons.pseudo_status(delivery.reason, temporary)


def parse(msg: Message, ctx: Context | None = None) -> Bounce | None:
    """The notification's parsed form, or None when no format recognises it."""
    ctx = ctx or Context.of(msg)
    for module in REGISTRY:
        bounce = module.parse(ctx)
        if bounce is not None and bounce.deliveries:
            for delivery in bounce.deliveries:
                _finish(delivery, bounce.format)
            return bounce
    return None
