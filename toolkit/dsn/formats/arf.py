"""RFC 5965 feedback reports (ARF): one delivery per reported recipient, reason "feedback"."""
from __future__ import annotations

import re

from ... import headers as h
from ..context import Context, declares_report, report_fields
from ..model import Bounce, Delivery
from .rfc3464 import _original

NAME = "arf"


_COMPLAINT = re.compile(r"^complaint about message from|^(abuse|spam) (report|complaint)", re.I)


def is_feedback(ctx: Context) -> bool:
    """An RFC 5965 report, or the older complaint format (a subject naming it, the message attached)."""
    if ctx.parts_of("message/feedback-report"):
        return True
    if declares_report(ctx.msg, "feedback-report"):
        return True
    return bool(_COMPLAINT.search(ctx.subject)) and bool(ctx.parts_of("message/rfc822"))


def fields(ctx: Context) -> dict[str, list[str]]:
    """The machine-readable part's fields (RFC 5965 section 3.1), lower-cased names, folded lines joined."""
    return report_fields(ctx, "message/feedback-report")


# A DKIM result in an Authentication-Results field (RFC 8601 2.7.1): dkim=pass ... header.d=<domain> or
# header.i=[<local>]@<domain>, within the method's own clause (up to the next ";").
_DKIM_PASS = re.compile(r"\bdkim\s*=\s*pass\b[^;]*?\bheader\.[di]\s*=\s*([^\s;]+)", re.I)


def verified_dkim_domains(found: dict[str, list[str]]) -> list[str]:
    """The DKIM signing domains the reporter itself says verified, in the report's
    Authentication-Results (RFC 5965 3.2, RFC 6591 3.1). A failure report is sent because
    authentication failed, so a DKIM-Signature header in the reported copy proves nothing by
    itself: anyone can write one."""
    return list(dict.fromkeys(m.group(1).strip("\"").split("@")[-1].lower().rstrip(".")
                              for value in found.get("authentication-results", [])
                              for m in _DKIM_PASS.finditer(value)))


def parse(ctx: Context) -> Bounce | None:
    if not is_feedback(ctx):
        return None
    fields_ = fields(ctx)
    original = _original(ctx)
    recipients = [r.strip("<> ").lower() for r in fields_.get("original-rcpt-to", []) if "@" in r]
    if not recipients and original is not None:
        recipients = [a for a in h.addresses(original, "To") if "@" in a]
    recipients = recipients or [None]  # the report names no recipient
    diag = ctx.text.strip().split("\n\n")[0][:500] if ctx.text else None
    kind = (fields_.get("feedback-type") or [""])[0].lower()
    deliveries = [Delivery(r, "failed" if kind else None, None, None, diag, None, None, "feedback")
                  for r in dict.fromkeys(recipients)]
    return Bounce(NAME, deliveries, original)
