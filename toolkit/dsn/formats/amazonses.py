"""Amazon SES notifications delivered by SNS: a JSON document with bouncedRecipients."""
from __future__ import annotations

import json

from ..context import Context
from ..model import Bounce, Delivery
from ..status import reply_code_in, status_in

NAME = "amazonses"
_DECODER = json.JSONDecoder()


def _document(text: str) -> dict | None:
    """The JSON object from the first brace (SNS appends text after it), decoded in one pass: trying
    every "}" as its end was quadratic in a run of braces."""
    start = text.find("{")
    if start < 0 or '"notificationType"' not in text[start:]:
        return None
    try:
        doc, _ = _DECODER.raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


def parse(ctx: Context) -> Bounce | None:
    if '"notificationType"' not in ctx.text:
        return None
    doc = _document(ctx.text.replace("\n", ""))
    if not doc:
        return None
    kind = doc.get("notificationType") or doc.get("eventType")
    deliveries = []
    if kind == "Bounce":
        for rcpt in doc.get("bounce", {}).get("bouncedRecipients", []):
            diag = rcpt.get("diagnosticCode") or ""
            deliveries.append(Delivery(rcpt.get("emailAddress", "").lower(), rcpt.get("action") or "failed",
                                       rcpt.get("status") or status_in(diag), reply_code_in(diag), diag,
                                       doc.get("bounce", {}).get("reportingMTA")))
    elif kind == "Complaint":
        for rcpt in doc.get("complaint", {}).get("complainedRecipients", []):
            deliveries.append(Delivery(rcpt.get("emailAddress", "").lower(), reason="feedback"))
    elif kind == "Delivery":
        for addr in doc.get("delivery", {}).get("recipients", []):
            deliveries.append(Delivery(addr.lower(), "delivered", "2.6.0", "250",
                                       doc.get("delivery", {}).get("smtpResponse")))
    return Bounce(NAME, deliveries) if deliveries else None
