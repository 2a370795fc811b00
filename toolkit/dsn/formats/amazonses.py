"""Amazon SES notifications delivered by SNS: a JSON document with bouncedRecipients."""
from __future__ import annotations

import json
import re

from ..context import Context
from ..model import Bounce, Delivery
from ..status import reply_code_in, status_in

NAME = "amazonses"
_JSON = re.compile(r"\{.*\"notificationType\".*\}", re.S)


def _document(text: str) -> dict | None:
    match = _JSON.search(text)
    if not match:
        return None
    body = match.group(0)
    for end in range(len(body), 0, -1):  # SNS appends text after the JSON; trim to the last brace that parses
        if body[end - 1] != "}":
            continue
        try:
            return json.loads(body[:end])
        except ValueError:
            continue
    return None


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
