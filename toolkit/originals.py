"""The message that caused a notification: its headers, its links, its Received chain.

Found, in order of trust, as an attached message/rfc822, as attached headers
(text/rfc822-headers), quoted inline after a marker line, or, for auto-replies
that carry nothing, named in their subject ("Out of Office: <subject>").
"""
from __future__ import annotations

import re
from email.message import Message
from functools import lru_cache

from . import headers as h
from . import sketch
from .dsn import Bounce, Context
from .dsn.context import part_text
from .dsn.formats import arf
from .dsn.inline import split_inline
from .dsn.text import parse_original
from .kinds import AUTOREPLY_SUBJECTS
from .mdn import is_receipt, original_message_id

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'()\[\]{}]+""", re.I)
_DKIM_DOMAIN = re.compile(r"(?:^|;)\s*d\s*=\s*([\w.-]+)", re.I)
_PREFIX = re.compile(r"^\s*((re|aw|sv|fw|fwd|wg|tr|rv)\s*:\s*)+", re.I)


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # the bundled list: no network


def registered_domain(url: str) -> str | None:
    host = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("/")[0].split("?")[0].split(":")[0].lower()
    result = _extractor()(host)
    found = getattr(result, "top_domain_under_public_suffix", None) if hasattr(result, "top_domain_under_public_suffix") \
        else result.registered_domain
    if found:
        return found
    labels = [x for x in host.split(".") if x]  # no known suffix (.example, .local, ...): the last two labels
    return ".".join(labels[-2:]) if len(labels) >= 2 and not labels[-1].isdigit() else None


def urls_in(text: str) -> list[str]:
    return list(dict.fromkeys(u.rstrip(".,;:!>") for u in _URL.findall(text)))[:50]


def _body_text(msg: Message) -> str:
    texts = [part_text(p) for p in msg.walk() if p.get_content_maintype() == "text"]
    return "\n".join(texts)


def _embedded(ctx: Context, bounce: Bounce | None) -> tuple[Message | None, str | None]:
    if bounce is not None and bounce.original is not None:
        carried = "inline" if bounce.original_text is not None else None
        return bounce.original, carried
    for part in ctx.parts_of("message/rfc822", "message/global"):
        payload = part.get_payload()
        if isinstance(payload, list) and payload:
            return payload[0], "rfc822"
    for part in ctx.parts_of("text/rfc822-headers", "message/rfc822-headers"):
        return parse_original(part_text(part)), "headers"
    _, copy = split_inline(ctx.text)
    found = parse_original(copy)
    return (found, "inline") if found is not None else (None, None)


def _source(ctx: Context, original: Message, carried: str | None) -> str:
    if carried:
        return carried
    for part in ctx.parts_of("message/rfc822", "message/global"):
        payload = part.get_payload()
        if isinstance(payload, list) and payload and payload[0] is original:
            return "rfc822"
    return "headers"


def row(msg_key: str, ctx: Context, bounce: Bounce | None, kind: str) -> dict | None:
    """The `originals` row of a notification, or None when nothing of the original is there."""
    if kind == "ham":
        return None
    original, carried = _embedded(ctx, bounce)
    if original is None:
        return _from_receipt(msg_key, ctx) or _from_subject(msg_key, ctx, kind)
    source = _source(ctx, original, carried)
    body = _body_text(original) if source != "headers" else ""
    has_body = bool(body.strip())
    urls = urls_in(body) if has_body else []
    dkim = [m.group(1).lower() for v in original.get_all("DKIM-Signature", [])
            for m in [_DKIM_DOMAIN.search(h.raw_text(v))] if m]
    if kind == "feedback_report":  # only what the reporter verified (arf.verified_dkim_domains)
        verified = set(arf.verified_dkim_domains(arf.fields(ctx)))
        dkim = [d for d in dkim if d in verified]
    return {
        "msg_key": msg_key,
        "orig_source": source,
        "orig_subject": h.first(original, "Subject"),
        "orig_from": h.address(original, "From")[1],
        "orig_to": h.addresses(original, "To"),
        "orig_message_id": h.msg_id(original.get("Message-ID")),
        "orig_date": h.parse_date(original.get("Date")),
        "orig_x_mailer": h.first(original, "X-Mailer") or h.first(original, "User-Agent"),
        "orig_return_path": h.return_path(original) or None,
        "orig_auto_submitted": h.first(original, "Auto-Submitted"),
        "orig_dkim_domains": dkim,
        "orig_urls": urls,
        "orig_url_domains": list(dict.fromkeys(d for d in map(registered_domain, urls) if d)),
        "orig_received": [re.sub(r"\s+", " ", h.raw_text(v)).strip() for v in original.get_all("Received", [])],
        "headers_complete": all(original.get(n) for n in ("From", "Date", "Message-ID")),
        "has_body": has_body,
        "orig_body_sketch": sketch.sketch(body) if has_body else [],
    }


# Exchange/Outlook-style notices name the original's subject after the prefix. Not Lotus Domino's
# "DELIVERY FAILURE: <why>": its subject names the failure, and its text quotes "Subject: <subject>".
_NOTICE_PREFIX = re.compile(r"^\s*(undeliverable( mail)?|undelivered|non remis|unzustellbar|no entregado|"
                            r"non recapitabile|onbestelbaar|n[aã]o entregue)\s*:\s*(?P<rest>.+)$", re.I)
_QUOTED_SUBJECT = re.compile(r"^[ \t]*Subject[ \t]*:[ \t]*(\S.*)$", re.M | re.I)  # callers strip it
_SUBJECT_IN_QUOTES = re.compile(r"\"([^\"]{3,})\"")
_SEPARATOR = re.compile(r"^[^:：\n]{0,20}?\s*[:：]\s*")  # "Automatic reply: ", "Réponse automatique : "
_SIEVE_DEFAULT = re.compile(r"^\s*auto\s*:\s*", re.I)
# The markers challenge systems add around the original's subject ("Re: <subject> [ChoiceMail registration
# request]", "<subject> [Verify to deliver]"): the rest is the original's subject.
_CHALLENGE_MARK = re.compile(r"\[(choicemail registration request|verify to deliver)\]", re.I)
# Lotus Notes/Domino R4-R5 Delivery Failure Report: "Your document:" then the subject, on its line or the
# next (IBM technote 1100477 quotes one: "Your document: / <subject> / was not delivered to: / because:").
_YOUR_DOCUMENT = re.compile(r"^[ \t]*Your document:(.*)$", re.M | re.I)
_DOCUMENT_LINES = 4  # the subject stands within the lines after "Your document:" (blank ones skipped)


def _reply_subject(subject: str) -> str | None:
    """Their subject in an auto-reply's: after "Re:", after a responder's "<phrase>:" prefix
    ("Automatic reply:", "Réponse automatique :"), or after Pigeonhole's default "Auto:" (its vacation
    action without :subject, src/lib-sieve/plugins/vacation/cmd-vacation.c). A subject the user wrote
    ("Gracias por escribirnos", "不在のお知らせ") does not name the original: None."""
    match = AUTOREPLY_SUBJECTS.match(subject)
    if match and _SEPARATOR.match(subject[match.end():]):
        return _SEPARATOR.sub("", subject[match.end():], count=1)
    if _SIEVE_DEFAULT.match(subject):
        return _SIEVE_DEFAULT.sub("", subject, count=1)
    return _PREFIX.sub("", subject) if _PREFIX.match(subject) else None


def _thread_topic(ctx: Context) -> str | None:
    """The conversation topic Exchange and Outlook write on a reply (Thread-Topic, MS-OXCMAIL's
    PidTagConversationTopic): the original's subject without its prefixes, when the user's own subject
    of an automatic reply names nothing."""
    topic = " ".join((h.first(ctx.msg, "Thread-Topic") or "").split())
    return topic if topic and topic.lower() != " ".join(ctx.subject.split()).lower() else None


def _subject_only(ctx: Context, kind: str) -> str | None:
    """The original's subject when nothing else of it came back: named in the notice's subject or text."""
    if kind == "autoreply":
        return _reply_subject(ctx.subject) or _thread_topic(ctx)
    if kind == "challenge":  # "Re: <their subject>", or the subject quoted in the request
        subject = _CHALLENGE_MARK.sub(" ", ctx.subject).strip()
        if _PREFIX.match(subject) or (subject and subject != ctx.subject.strip()):
            return _PREFIX.sub("", subject)
        quoted = _SUBJECT_IN_QUOTES.search(ctx.text) or _QUOTED_SUBJECT.search(ctx.text)
        return quoted.group(1) if quoted else None
    prefixed = _NOTICE_PREFIX.match(ctx.subject)
    if prefixed:
        return prefixed.group("rest")
    if kind in ("virus_notice", "spam_notice"):
        quoted = _QUOTED_SUBJECT.search(ctx.text) or _SUBJECT_IN_QUOTES.search(ctx.subject)
        return quoted.group(1) if quoted else None
    quoted = _QUOTED_SUBJECT.search(ctx.text)  # "Your message / Subject: ... / was not delivered" (Domino)
    return quoted.group(1) if quoted else _your_document(ctx.text)


def _your_document(text: str) -> str | None:
    """The subject a Domino R5 report names after "Your document:", on that line or the next one."""
    match = _YOUR_DOCUMENT.search(text)
    if match is None:
        return None
    if match.group(1).strip():
        return match.group(1).strip()
    following = next((line.strip() for line in text[match.end():].split("\n")[1:_DOCUMENT_LINES] if line.strip()), "")
    return following if following and not following.lower().startswith("was not delivered") else None


def _from_subject(msg_key: str, ctx: Context, kind: str) -> dict | None:
    subject = (_subject_only(ctx, kind) or "").lstrip(" :-").strip()
    if not subject:
        return None
    return {"msg_key": msg_key, "orig_source": "subject", "orig_subject": subject, "orig_to": [],
            "orig_dkim_domains": [], "orig_urls": [], "orig_url_domains": [], "orig_received": [],
            "headers_complete": False, "has_body": False, "orig_body_sketch": []}


# Outlook's and Exchange's receipt subjects: "Read: <subject>", "Not read: <subject>".
_RECEIPT_PREFIX = re.compile(r"^\s*(not )?read\s*:\s*", re.I)


def _from_receipt(msg_key: str, ctx: Context) -> dict | None:
    """A read receipt carrying nothing of the original names it by its Message-ID (RFC 8098 3.2.5
    Original-Message-ID), so that the owner's own mail is found in the Sent folder."""
    if not is_receipt(ctx):
        return None
    message_id = h.msg_id(original_message_id(ctx))
    if not message_id:
        return None
    subject = _RECEIPT_PREFIX.sub("", ctx.subject, count=1).strip() if _RECEIPT_PREFIX.match(ctx.subject) else None
    return {"msg_key": msg_key, "orig_source": "report", "orig_subject": subject or None, "orig_message_id": message_id,
            "orig_to": [], "orig_dkim_domains": [], "orig_urls": [], "orig_url_domains": [], "orig_received": [],
            "headers_complete": False, "has_body": False, "orig_body_sketch": []}
