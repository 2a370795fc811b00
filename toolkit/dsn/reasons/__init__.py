"""Why a delivery failed, in Sisimai's vocabulary, so results compare with Sisimai's.

One module per reason (``userunknown.py``, ``mailboxfull.py``, ...): its meaning, the RFC 3463
status codes that name it (``STATUS``, ``TRANSIENT``), Sisimai's pseudo status for it
(``PSEUDO``), the phrases MTAs and providers use for it (``PHRASES``, one compiled alternation
per reason) and, where the refused SMTP command matters, its own ``holds(fact)`` test.

The decision, in two passes (the shape of Sisimai's ``Reason.find``, with our own tables):

1. ``ORDER``: the reasons tried first, in this order; the first that holds wins. A reason
   holds when the status code names it or its phrases occur in the diagnostic (or its own
   ``holds`` says so: ``userunknown`` needs an X.1.1-like status or a refusal at RCPT,
   ``filtered`` a "no such user" after the recipient was accepted, ``rejected`` a refusal of
   the envelope sender).
2. ``FALLBACK``: when nothing in ORDER holds and the status names nothing specific
   (``UNSURE``), the phrases of these reasons, in this order; then what the status names;
   then the status class (X.6 content, X.7 security); then ``mailererror`` for a local
   program, ``syntaxerror`` for 500-504, what the basic reply code means (``REPLY``: 451
   systemerror, 452 systemfull, 551 hasmoved, 552 mailboxfull, 553 userunknown, 521/556
   notaccept), ``expired`` for a delayed delivery, ``blocked`` for a refusal at HELO; then the
   WEAK words ("rejected", "filter"); and ``onhold`` last, when the notice says nothing any
   table knows.

A notice without a status code gets Sisimai's pseudo status for its reason (``5.0.911`` for
userunknown, ...), the convention of Sisimai's ``SMTP::Status``, so status columns compare too.
"""
from __future__ import annotations

import re

from ...folding import Sign
from . import (authfailure, badreputation, blocked, contenterror, delivered, exceedlimit, expired, filtered,
               hasmoved, hostunknown, mailboxfull, mailererror, mesgtoobig, networkerror, norelaying, notaccept,
               notcompliantrfc, onhold, policyviolation, rejected, requireptr, securityerror, spamdetected,
               speeding, suspend, syntaxerror, systemerror, systemfull, toomanyconn, undefined, userunknown,
               vacation, virusdetected)
from ._base import PATTERNS, TABLES, Fact, compile_phrases, phrase_table, says

MODULES = (authfailure, badreputation, blocked, contenterror, delivered, exceedlimit, expired, filtered, hasmoved,
           hostunknown, mailboxfull, mailererror, mesgtoobig, networkerror, norelaying, notaccept, notcompliantrfc,
           onhold, policyviolation, rejected, requireptr, securityerror, spamdetected, speeding, suspend,
           syntaxerror, systemerror, systemfull, toomanyconn, undefined, userunknown, vacation, virusdetected)
BY_NAME = {m.NAME: m for m in MODULES}

# Which reason wins when several hold: the first of ORDER, then the first of FALLBACK.
ORDER = ("mailboxfull", "exceedlimit", "mesgtoobig", "suspend", "hasmoved", "norelaying", "authfailure",
         "userunknown", "filtered", "requireptr", "notcompliantrfc", "badreputation", "contenterror",
         "rejected", "hostunknown", "spamdetected", "speeding", "toomanyconn", "blocked")
FALLBACK = ("mailboxfull", "authfailure", "badreputation", "speeding", "spamdetected", "virusdetected",
            "policyviolation", "norelaying", "systemerror", "networkerror", "suspend", "contenterror",
            "systemfull", "notaccept", "expired", "securityerror", "mailererror")
# A status that names one of these still lets the phrases look for something more precise.
# X.6 (contenterror) too: servers give "5.6.0" to loops and spam as well (Gmail's "Message exceeded 50 hops").
UNSURE = {"", "undefined", "onhold", "systemerror", "securityerror", "expired", "networkerror", "hostunknown",
          "userunknown", "contenterror"}
# The last resorts, in order, before onhold.
WEAK_ORDER = ("filtered", "rejected")
# What the status class says when nothing more precise does.
CLASS_NAME = {"6": "contenterror", "7": "securityerror"}

for _module in MODULES:
    _pattern = compile_phrases(_module.PHRASES)
    if _pattern is not None:
        PATTERNS[_module.NAME] = _pattern
        TABLES[_module.NAME] = phrase_table(_module.PHRASES)
PHRASES = {m.NAME: m.PHRASES for m in MODULES}
_WEAK = {name: phrase_table(BY_NAME[name].WEAK) for name in WEAK_ORDER}


def _status_table(attribute: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for module in MODULES:
        for code in getattr(module, attribute, ()):
            if code in table:
                raise ValueError(f"status X.{code} named by both {table[code]} and {module.NAME}")
            table[code] = module.NAME
    return table


# What an RFC 3463 status code means, as a reason: "subject.detail" -> reason.
STATUS_NAME = _status_table("STATUS")
# Transient codes that mean something else; X.Y.0 say nothing specific, nor does 4.2.1 (Gmail's "receiving mail
# too quickly", La Poste's inactive mailbox): the words decide.
GENERIC_TRANSIENT = ("1.0", "2.0", "2.1", "3.0", "4.0", "5.0", "7.0")
TRANSIENT_NAME = {**_status_table("TRANSIENT"), **{code: "" for code in GENERIC_TRANSIENT}}
# Vendors' own three-digit details (Exchange Online's 5.7.606-649, ...): (class.subject, low, high) -> reason.
STATUS_RANGES = tuple((prefix, low, high, m.NAME) for m in MODULES for prefix, low, high in getattr(m, "STATUS_RANGES", ()))
PSEUDO_STATUS = {m.NAME: m.PSEUDO for m in MODULES if m.PSEUDO}
REPLY_NAME = {code: m.NAME for m in MODULES for code in getattr(m, "REPLY", ())}

# "\b" before the code, asked after its first digit ("(?<!\w[245])"): a pattern that starts with a
# character class lets the engine skip ahead instead of trying every position.
_CONTINUATION = re.compile(r"[245](?<!\w[245])\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?")
_SYNTAX_REPLY = re.compile(r"^\s*50[0-4]\b")
_LEADING_REPLY = re.compile(r"^\s*([245]\d\d)\b")
# Postfix answers "Recipient address rejected:" only to RCPT TO (smtpd_recipient_restrictions, and every
# restriction when smtpd_delay_reject defers it there): the command, when the notice does not name one.
_RCPT_REPLY = Sign(r"recipient address rejected:")


def status_name(status: str | None) -> str:
    """The reason an RFC 3463 status code names ("" for none or a generic one)."""
    if not status or status.count(".") != 2:
        return ""
    klass, subject, detail = status.split(".")
    key = f"{subject}.{detail}"
    if klass == "2":
        return "delivered"
    if klass == "4" and key in TRANSIENT_NAME:
        return TRANSIENT_NAME[key]
    if klass == "5" and key in ("4.1", "4.2"):
        return ""  # "no answer" and "bad connection" cannot be permanent: Microsoft's 5.4.1 is an access refusal
    if key in STATUS_NAME:
        return STATUS_NAME[key]
    return _ranged(f"{klass}.{subject}", detail)


def _ranged(prefix: str, detail: str) -> str:
    """The reason a vendor's documented range of details names ("" outside every range)."""
    # RFC 3463 and the IANA registry use one- and two-digit details; vendors number theirs from 100
    if len(detail) == 3 and detail.isdigit():
        number = int(detail)
        for start, low, high, reason in STATUS_RANGES:
            if start == prefix and low <= number <= high:
                return reason
    return ""


# Each reason's own holds(fact) test, where it has one: looked up once (a module getattr that
# misses raises and catches AttributeError inside, on every delivery for every reason).
_OWN_TEST = {m.NAME: m.holds for m in MODULES if hasattr(m, "holds")}


def _holds(reason: str, f: Fact) -> bool:
    special = _OWN_TEST.get(reason)
    if special is not None:
        return special(f)
    return f.name == reason or f.says(reason)


def _fallback(f: Fact) -> str:
    name = f.name
    if name not in UNSURE and not f.local:  # a local program's words say more than the status it got
        return name
    for reason in FALLBACK:
        if f.says(reason):
            return reason
    if name:
        return name
    if f.subject in CLASS_NAME:
        return CLASS_NAME[f.subject]
    if f.local:
        return "mailererror"
    if f.subject == "5" or f.syntax_reply:
        return "syntaxerror"
    if f.reply in REPLY_NAME and (not f.status or f.status.endswith(".0.0")):  # a specific code says more
        return REPLY_NAME[f.reply]
    if f.action == "delayed":
        return "expired"
    if f.command == "HELO":
        return "blocked"
    return ""


def classify(status: str | None, diagnostic: str | None, action: str | None = None,
             command: str | None = None, local: bool = False, reply_code: str | None = None) -> str:
    """The reason for one delivery; ``local`` when a local program (X-Unix), not a server, refused it;
    ``reply_code`` the basic SMTP code (else the one that starts the diagnostic)."""
    # multi-line replies repeat "550-5.7.1" on every line
    text = " ".join(_CONTINUATION.sub(" ", diagnostic or "").split())
    action = (action or "").lower()
    folded = text.lower()
    if action in ("delivered", "relayed", "expanded") or (status or "").startswith("2.") \
            or TABLES["delivered"].occurs(folded):
        return "delivered"
    leading = _LEADING_REPLY.match(diagnostic or "")
    command = (command or "").upper() or ("RCPT" if _RCPT_REPLY.found(text, folded) else "")
    fact = Fact(status or "", status_name(status), text, folded, action, command, local,
                bool(_SYNTAX_REPLY.match(diagnostic or "")), reply_code or (leading.group(1) if leading else ""))
    if not local:
        for reason in ORDER:
            if _holds(reason, fact):
                return reason
    reason = _fallback(fact)
    if reason:
        return reason
    for weak in WEAK_ORDER:
        if _WEAK[weak].occurs(folded):
            return weak
    if fact.says("vacation"):
        return "vacation"
    return onhold.NAME if text.strip() and not fact.says(undefined.NAME) else undefined.NAME


def pseudo_status(reason: str, temporary: bool = False) -> str:
    """Sisimai's pseudo status for a reason, for a notice that carries no status code."""
    return f"{'4' if temporary else '5'}.0.{PSEUDO_STATUS.get(reason, undefined.PSEUDO)}"


__all__ = ["BY_NAME", "FALLBACK", "Fact", "MODULES", "ORDER", "PHRASES", "STATUS_NAME", "classify",
           "pseudo_status", "says", "status_name"]
