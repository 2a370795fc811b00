"""RFC 5965 feedback reports (ARF): one delivery per reported recipient, reason "feedback"."""
from __future__ import annotations

import re

from ... import headers as h
from ..context import Context, part_text
from ..model import Bounce, Delivery
from .rfc3464 import _original

NAME = "arf"


_COMPLAINT = re.compile(r"^complaint about message from|^(abuse|spam) (report|complaint)", re.I)


def is_feedback(ctx: Context) -> bool:
    """An RFC 5965 report, or the older complaint format (a subject naming it, the message attached)."""
    if ctx.parts_of("message/feedback-report"):
        return True
    if ctx.msg.get_content_type() == "multipart/report" and \
            str(ctx.msg.get_param("report-type") or "").lower() == "feedback-report":
        return True
    return bool(_COMPLAINT.search(ctx.subject)) and bool(ctx.parts_of("message/rfc822"))


def parse(ctx: Context) -> Bounce | None:
    if not is_feedback(ctx):
        return None
    fields: dict[str, list[str]] = {}
    for part in ctx.parts_of("message/feedback-report"):
        payload = part.get_payload()
        text = "\n".join(p.as_string() for p in payload) if isinstance(payload, list) else part_text(part)
        for line in text.split("\n"):
            name, sep, value = line.partition(":")
            if sep and name.strip() and " " not in name.strip():
                fields.setdefault(name.strip().lower(), []).append(value.strip())
    original = _original(ctx)
    recipients = [r.strip("<> ").lower() for r in fields.get("original-rcpt-to", []) if "@" in r]
    if not recipients and original is not None:
        recipients = [a for a in h.addresses(original, "To") if "@" in a]
    recipients = recipients or [None]  # the report names no recipient
    diag = ctx.text.strip().split("\n\n")[0][:500] if ctx.text else None
    kind = (fields.get("feedback-type") or [""])[0].lower()
    deliveries = [Delivery(r, "failed" if kind else None, None, None, diag, None, None, "feedback")
                  for r in dict.fromkeys(recipients)]
    return Bounce(NAME, deliveries, original)
