"""RFC 5965 feedback reports (ARF): one delivery per reported recipient, reason "feedback"."""
from __future__ import annotations

import re
from email.message import Message

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
    if _feedback_report_type(ctx.msg):
        return True
    return bool(_COMPLAINT.search(ctx.subject)) and bool(ctx.parts_of("message/rfc822"))


def _feedback_report_type(msg: Message) -> bool:
    """A multipart/report with report-type=feedback-report. The parameter parser is slow and
    every DSN is a multipart/report too: it runs only when the field holds the word, or an
    RFC 2231 section ("report-type*0=") could have split it."""
    if msg.get_content_type() != "multipart/report":
        return False
    field = str(msg.get("Content-Type", "")).lower()
    if "feedback" not in field and "*" not in field:
        return False
    return str(msg.get_param("report-type") or "").lower() == "feedback-report"


def fields(ctx: Context) -> dict[str, list[str]]:
    """The machine-readable part's fields (RFC 5965 section 3.1), lower-cased names, folded lines joined."""
    found: dict[str, list[str]] = {}
    for part in ctx.parts_of("message/feedback-report"):
        payload = part.get_payload()
        text = "\n".join(p.as_string() for p in payload) if isinstance(payload, list) else part_text(part)
        name = None
        for line in text.split("\n"):
            if line[:1] in (" ", "\t") and name and line.strip():  # a folded continuation (RFC 5322 2.2.3)
                found[name][-1] = f"{found[name][-1]} {line.strip()}"
                continue
            key, sep, value = line.partition(":")
            name = key.strip().lower() if sep and key.strip() and " " not in key.strip() else None
            if name:
                found.setdefault(name, []).append(value.strip())
    return found


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
