"""RFC 5965 feedback reports (ARF): one delivery per reported recipient, reason "feedback"."""
from __future__ import annotations

from ... import headers as h
from ..context import Context, part_text
from ..model import Bounce, Delivery
from ..text import dsn_blocks
from .rfc3464 import _original

NAME = "arf"


def is_feedback(ctx: Context) -> bool:
    return bool(ctx.parts_of("message/feedback-report")) or \
        (ctx.msg.get_content_type() == "multipart/report" and
         str(ctx.msg.get_param("report-type") or "").lower() == "feedback-report")


def parse(ctx: Context) -> Bounce | None:
    if not is_feedback(ctx):
        return None
    fields: dict[str, list[str]] = {}
    for part in ctx.parts_of("message/feedback-report"):
        payload = part.get_payload()
        text = "\n".join(p.as_string() for p in payload) if isinstance(payload, list) else part_text(part)
        for block in dsn_blocks(text.replace("\n\n", "\n")):
            for key, value in block.items():
                fields.setdefault(key, []).append(value)
    original = _original(ctx)
    recipients = [r.strip("<> ").lower() for r in fields.get("original-rcpt-to", []) if "@" in r]
    if not recipients and original is not None:
        recipients = h.addresses(original, "To")
    recipients = recipients or ["undisclosed-recipient-in-headers@libsisimai.org.invalid"]
    diag = ctx.text.strip().split("\n\n")[0][:500] if ctx.text else None
    kind = (fields.get("feedback-type") or [""])[0].lower()
    deliveries = [Delivery(r, "failed" if kind else None, None, None, diag, None, None, "feedback")
                  for r in dict.fromkeys(recipients)]
    return Bounce(NAME, deliveries, original)
