"""What kind of message: one small rule per kind of notification, tried in order.

A rule sees the dsn Context and the parsed bounce (if any). Every rule but the
bounce rule asks for an automated sender first (a daemon, the null sender,
RFC 3834 headers or a known product), so that a person writing about a
bounce, a virus or an absence stays ham.
"""
from __future__ import annotations

import re
from typing import Callable

from .dsn import Bounce, Context
from .dsn.formats.arf import is_feedback

KINDS = ("bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report", "ham")

AUTOREPLY_SUBJECTS = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto[- ]?reply|auto[- ]?response|autoresponse|away from|"
    r"on vacation|vacation|abwesenheit(snotiz)?|automatische antwort|r[ée]ponse automatique|absence|absent|"
    r"respuesta autom[áa]tica|fuera de la oficina|risposta automatica|fuori (ufficio|sede)|"
    r"resposta autom[áa]tica|ausente|automatisch antwoord|afwezig|autosvar|fr[åa]nvaro|frav[æa]r|"
    r"automatyczna odpowied[źz]|nieobecno[śs][ćc]|automaattinen vastaus|poissa|"
    r"automatick[áa] odpov[ěe]d|otomatik yan[ıi]t|автоответ|автоматический ответ|自動応答|自動返信|不在|"
    r"自动回复|자동 ?응답|αυτόματη απάντηση)", re.I)
_AUTO_HEADER_VALUES = re.compile(r"^auto-(replied|generated|notified)", re.I)
_VIRUS = re.compile(r"\bvirus\b|\bmalware\b|\binfected\b|\bW32/|\bworm[_.]|\btroj(an)?[_.]|VIRUS \(|"
                    r"detected a virus|virus (was )?(found|detected)|contains a (computer )?virus", re.I)
_SPAM_NOTICE = re.compile(r"blocked by (our|the) (bulk e?mail|spam|content) filter|bulk email filter|"
                          r"spam firewall|unsolicited bulk e?mail|considered (as )?(spam|unsolicited)|"
                          r"(identified|classified|detected|flagged|marked) as (spam|junk)|"
                          r"(quarantined|blocked) (as|because of|due to) (spam|junk)|message (was|has been) "
                          r"(quarantined|blocked)", re.I)
_CHALLENGE_HEADERS = ("X-Delivery-Agent", "X-Challenge", "X-Boxbe-Verification", "X-Spam-Arrest",
                      "X-Mailinblack", "X-BoxTrapper", "X-0spam", "X-TMDA-Confirm-Done")
_CHALLENGE = re.compile(r"verify (that )?you are (a )?(human|real person|not a (robot|spammer))|"
                        r"(please )?(verify|confirm|validate) (your )?(e-?mail( address)?|message|identity|address)|"
                        r"approved senders|(allowed|approved|white) ?list|challenge[- ]response|"
                        r"(waiting|pending) (for )?(your )?(approval|verification|confirmation)|"
                        r"\bTMDA\b|spam ?arrest|boxbe|boxtrapper|mailinblack|0spam|qurb", re.I)
_PRODUCT_SENDER = re.compile(r"interscan|mailscanner|symantec|mcafee|sophos|barracuda|content[- ]filter|"
                             r"antivirus|anti-virus|virus|postmaster|ironport|messagelabs|mimecast|trend ?micro|"
                             r"amavis|spam ?filter|clamav|kaspersky|eset", re.I)


def automated(ctx: Context) -> bool:
    """Sent by software on its own: a daemon, the null sender, RFC 3834 headers, a filter product."""
    msg = ctx.msg
    if ctx.from_daemon or ctx.null_sender:
        return True
    if _AUTO_HEADER_VALUES.match(str(msg.get("Auto-Submitted", ""))):
        return True
    if any(msg.get(name) for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", *_CHALLENGE_HEADERS)):
        return True
    if str(msg.get("Precedence", "")).lower() in ("auto_reply", "junk"):
        return True
    return bool(_PRODUCT_SENDER.search(str(msg.get("From", ""))))


_QUOTED_REPLY = re.compile(r"\b[245]\d\d\b|\b[245]\.\d{1,3}\.\d{1,3}\b|^\s*(<<<|>>>)|said:")


def _top(ctx: Context) -> str:
    """The subject and the opening of the notice: what the notifier itself wrote.

    Lines quoting a remote server's SMTP reply are left out: a bounce that relays
    "550 5.7.1 rejected as spam" is a bounce, not a spam filter's notice.
    """
    own = [line for line in ctx.text[:2000].split("\n") if not _QUOTED_REPLY.search(line)]
    return ctx.subject + "\n" + "\n".join(own)


def feedback_report(ctx: Context, bounce: Bounce | None) -> bool:
    return is_feedback(ctx)


def virus_notice(ctx: Context, bounce: Bounce | None) -> bool:
    return automated(ctx) and bool(_VIRUS.search(_top(ctx))) and not _is_reply_to_person(ctx)


def spam_notice(ctx: Context, bounce: Bounce | None) -> bool:
    return automated(ctx) and bool(_SPAM_NOTICE.search(_top(ctx)))


def challenge(ctx: Context, bounce: Bounce | None) -> bool:
    if any(ctx.msg.get(name) for name in _CHALLENGE_HEADERS):
        return True
    return automated(ctx) and bounce is None and bool(_CHALLENGE.search(_top(ctx)))


def bounce(ctx: Context, parsed: Bounce | None) -> bool:
    return parsed is not None and parsed.format not in ("rfc3834", "arf")


def autoreply(ctx: Context, parsed: Bounce | None) -> bool:
    msg = ctx.msg
    if ctx.from_daemon:  # a mail system's own notice is no one's absence
        return False
    value = str(msg.get("Auto-Submitted", "")).lower()
    if value.startswith("auto-replied"):
        return True
    if msg.get("X-Autoreply") or msg.get("X-Autorespond") or str(msg.get("Precedence", "")).lower() == "auto_reply":
        return True
    match = AUTOREPLY_SUBJECTS.match(ctx.subject)
    if not match:
        return False
    prefixed = ctx.subject[match.end():].lstrip().startswith(":")  # "Automatic reply: <their subject>"
    return automated(ctx) or prefixed


def _is_reply_to_person(ctx: Context) -> bool:
    return bool(re.match(r"^\s*(re|aw|sv|fw|fwd|wg)\s*:", ctx.subject, re.I)) and not ctx.null_sender \
        and not ctx.from_daemon


RULES: list[tuple[str, Callable[[Context, Bounce | None], bool]]] = [
    ("feedback_report", feedback_report),
    ("virus_notice", virus_notice),
    ("spam_notice", spam_notice),
    ("challenge", challenge),
    ("bounce", bounce),
    ("autoreply", autoreply),
]


def classify(ctx: Context, parsed: Bounce | None) -> str:
    for kind, rule in RULES:
        if rule(ctx, parsed):
            return kind
    return "ham"
