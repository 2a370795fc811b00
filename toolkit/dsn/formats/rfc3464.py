"""RFC 3464 delivery status notifications, whichever MTA wrote them.

Reads every message/delivery-status part (or DSN fields quoted in the text,
as some appliances send), one Delivery per recipient block. The diagnostic
comes from Diagnostic-Code, else from the human-readable notice near the
recipient. The format is named after the MTA when its fingerprint is clear.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ... import mime
from ...folding import Sign
from ..context import Context, caseless, part_text, unjis
from ..model import Bounce, Delivery
from ..status import command_in, last_status_in, reply_code_in, status_in
from ..text import deliveries_from_text, dsn_blocks, parse_original, split_original

NAME = "rfc3464"
_TYPE = re.compile(r"^\s*[\w/-]+\s*;\s*", re.I)  # "rfc822;", also Mimecast's "rfc/822;"
_FINGERPRINTS = [
    ("postfix", r"X-Postfix-|This is the (mail system|Postfix program) at host"),
    ("exim", r"This message was created automatically by mail delivery software|X-Exim-"),
    ("sendmail", r"(?<!-)-+ ?Transcript of session follows|The original message was received at"),
    ("exchange2007", r"Diagnostic information for administrators|X-MS-Exchange|Delivery has failed to these recipients"),
    ("barracuda", r"Barracuda|bulk email filter"),
    ("amavis", r"Content-filter at|amavis|INFECTED:|UNSOLICITED BULK EMAIL"),
    ("gmail", r"Google tried to deliver|googlemail\.com|mail\.gmail\.com"),
    ("courier", r"Courier mail server|This is a delivery status notification from"),
    ("messagingserver", r"Oracle Communications Messaging|Sun Java\(tm\) System Messaging|This report relates to"),
    # Domino stamps X-MIMETrack ("Itemize by SMTP Server on <server>(Release 9.0.1FP10|...)") on what it writes.
    ("notes", r"\bDomino\b|X-Notes;|(^|\n)X-MIMETrack:"),
    ("mimecast", r"X-Mimecast-|\bmimecast\.com\b"),
    ("opensmtpd", r"This is the MAILER-DAEMON, please DO NOT REPLY|OpenSMTPD"),
    ("powermta", r"X-PowerMTA-"),
    ("qmail", r"qmail"),
    # Headers only these write on their DSNs (their wording alone is copied by other servers' templates):
    # Exchange 2000/2003 "X-MimeOLE: Produced By Microsoft Exchange V6.5"; the SMTP service of IIS and
    # Exchange 2000/2003 (Hotmail's of the 2000s too) "X-DSNContext: 7ce717b1 - 1386 - 00000002 - 00000000".
    ("exchange2003", r"(^|\n)X-MimeOLE: Produced By Microsoft Exchange"),
    ("mssmtp", r"(^|\n)X-DSNContext:"),
]
# PowerMTA classifies each bounce itself (X-PowerMTA-BounceCategory); its categories in our vocabulary.
POWERMTA_CATEGORY = {
    "bad-mailbox": "userunknown", "bad-domain": "hostunknown", "inactive-mailbox": "suspend",
    "quota-issues": "mailboxfull", "message-expired": "expired", "no-answer-from-host": "expired",
    "policy-related": "policyviolation", "spam-related": "spamdetected", "virus-related": "virusdetected",
    "content-related": "contenterror", "relaying-issues": "norelaying", "protocol-errors": "syntaxerror",
    "bad-connection": "networkerror", "invalid-sender": "rejected", "routing-errors": "systemerror",
    "bad-configuration": "systemerror",
}
_FINGERPRINTS = [(name, caseless(pattern)) for name, pattern in _FINGERPRINTS]  # over lower-cased text
_IN_TEXT = Sign(r"^(Final|Original)-Recipient:", re.M)
_FIRST_FIELD = re.compile(r"^(Reporting-MTA|Final-Recipient|Original-Recipient):", re.M | re.I)


def _strip_type(value: str | None) -> str | None:
    if not value:
        return None
    return _TYPE.sub("", value, count=1).strip().strip("<>") or None


def field_text(ctx: Context) -> str | None:
    """The DSN fields: the delivery-status parts, else fields quoted in the notice text (several
    format readers ask, so once per message)."""
    if "field_text" not in ctx.memo:
        ctx.memo["field_text"] = _field_text(ctx)
    return ctx.memo["field_text"]


def _field_text(ctx: Context) -> str | None:
    texts = []
    for part in ctx.parts_of("message/delivery-status", "message/global-delivery-status"):
        payload = part.get_payload()
        if isinstance(payload, list):  # the parser made one header block per DSN block
            texts.append("\n\n".join("\n".join(f"{k}: {v}" for k, v in block.items()) for block in payload))
        else:
            texts.append(part_text(part))
    if texts:
        return "\n\n".join(texts)
    if _IN_TEXT.found(ctx.text, ctx.folded_text):
        return ctx.text[_FIRST_FIELD.search(ctx.text).start():]
    return None


def _original(ctx: Context):
    for part in ctx.parts_of("message/rfc822", "message/global"):
        payload = part.get_payload()
        if isinstance(payload, list) and payload:
            return payload[0]
    for part in ctx.parts_of("text/rfc822-headers", "message/rfc822-headers", "message/global-headers"):
        return mime.parse_text(part_text(part).lstrip())
    _, copy = split_original(ctx.text)
    return parse_original(copy)


def fingerprint(ctx: Context) -> str:
    """The MTA or product a DSN comes from (computed once per message: several modules ask)."""
    if "fingerprint" not in ctx.memo:
        sample = f"{ctx.header_block}\n{ctx.text[:4000]}\n{(field_text(ctx) or '')[:2000]}".lower()  # DSN fields too
        ctx.memo["fingerprint"] = next((name for name, pattern in _FINGERPRINTS if pattern.search(sample)), NAME)
    return ctx.memo["fingerprint"]


_MAILBOX = re.compile(r"[^@\s:<>]+@[\w-]+(\.[\w-]+)+")


def _recipient(block: dict[str, str], ctx: Context) -> str | None:
    """The failed address: Final-Recipient, unless it is a file, a pipe or a source route, then the
    Original-Recipient or the X-Failed-Recipients header."""
    named = [_strip_type(block.get(f)) for f in ("final-recipient", "original-recipient", "x-actual-recipient")]
    if not any(named):
        return None
    failed = [a.strip() for v in ctx.msg.get_all("X-Failed-Recipients") or [] for a in str(v).split(",")]
    for candidate in named + (failed if len(failed) == 1 else []):
        if candidate and _MAILBOX.fullmatch(candidate):
            return candidate
    return next((c for c in named if c), None)


def _local(block: dict[str, str]) -> bool:
    """Delivered to a local program (X-Unix diagnostic, a pipe or procmail as the actual recipient)."""
    for name in ("diagnostic-code", "x-actual-recipient"):
        value = (block.get(name) or "").lower()
        if value.startswith("x-unix") or "procmail" in value or value.partition(";")[2].strip().startswith("|"):
            return True
    return False


def _given_reason(block: dict[str, str], per_message: dict[str, str]) -> str | None:
    """A reason the DSN states outright: PowerMTA's own category."""
    category = (block.get("x-powermta-bouncecategory") or per_message.get("x-powermta-bouncecategory") or "")
    return POWERMTA_CATEGORY.get(category.strip().lower())


def product(name: str, claims: Callable[[Context], bool] | None = None):
    """A parse(ctx) for a product that sends plain RFC 3464 DSNs, so that its module can carry its own
    REASONS: it claims the DSNs that ``claims`` accepts, by default those whose fingerprint (the
    ordered list above) names it, and reads them under its own name."""
    def parse_product(ctx: Context) -> Bounce | None:
        if claims is None:
            if not ctx.parts_of("message/delivery-status", "message/global-delivery-status") \
                    or fingerprint(ctx) != name:
                return None
        elif not claims(ctx):
            return None
        bounce = parse(ctx)
        if bounce is not None:
            bounce.format = name
        return bounce
    return parse_product


class _HumanReading:
    """The text engine's reading of the human-readable notice, per recipient: done only when a
    recipient block lacks a Diagnostic-Code or a command the diagnostic names (it reads every line)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._found: dict[str, Delivery] | None = None

    def get(self, recipient: str) -> Delivery | None:
        if self._found is None:
            notice, _ = split_original(self._ctx.text)
            self._found = {d.recipient: d for d in deliveries_from_text(notice, self._ctx.notify_addrs)}
        return self._found.get(recipient)

    def command(self, recipient: str) -> str | None:
        human = self.get(recipient)
        return human.command if human else None


def parse(ctx: Context) -> Bounce | None:
    fields = field_text(ctx)
    if fields is None:
        return None
    blocks = dsn_blocks(fields)
    per_message = next((b for b in blocks if "final-recipient" not in b and "original-recipient" not in b), {})
    reporting = _strip_type(per_message.get("reporting-mta"))
    from_text = _HumanReading(ctx)
    original = _original(ctx)
    not_theirs = _sender_only(original)
    deliveries = []
    for block in blocks:
        recipient = _recipient(block, ctx)
        if not recipient:
            continue
        recipient = recipient.lower()
        if recipient in not_theirs:
            continue
        diagnostic = unjis(_strip_type(block.get("diagnostic-code")))
        human = from_text.get(recipient) if not diagnostic else None
        if human is not None:
            diagnostic = human.diagnostic
        # The remote server's own code, quoted in the diagnostic, is closer to the cause than
        # the code the reporting MTA chose for its Status field.
        status = last_status_in(diagnostic) or status_in(block.get("status"))
        deliveries.append(Delivery(recipient, (block.get("action") or "").lower() or None, status,
                                   reply_code_in(diagnostic), diagnostic,
                                   _strip_type(block.get("reporting-mta")) or reporting,
                                   _strip_type(block.get("remote-mta")),
                                   reason=_given_reason(block, per_message), local=_local(block),
                                   command=command_in(diagnostic) or from_text.command(recipient)))
    if not deliveries:
        return None
    return Bounce(fingerprint(ctx), deliveries, original)


def _sender_only(original) -> set[str]:
    """The returned original's sender when it was none of its recipients: a report about that
    address is about the sender (a challenge wrapped as a 4.7.0 report), not a failed delivery."""
    if original is None:
        return set()
    from ... import headers as h
    recipients = set(h.addresses(original, "To", "Cc", "Bcc", "Delivered-To", "X-Original-To"))
    if not recipients:
        return set()  # undisclosed recipients: nothing to tell the sender from a recipient by
    return {a for a in h.addresses(original, "From", "Return-Path", "Sender") if a} - recipients
