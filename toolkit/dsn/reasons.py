"""Why a delivery failed, in Sisimai's vocabulary, so results compare with Sisimai's.

One rule per reason: a list of phrases found in diagnostics and notices.
Rules are tried in order (the more specific first); when no phrase matches,
the enhanced status code decides; when there is none either, the reply code.
A message without any status code gets Sisimai's pseudo status for its
reason (``5.0.911`` for userunknown, ...), the convention of Sisimai's
``SMTP::Status``, so the status columns compare too.
"""
from __future__ import annotations

import re

# (reason, phrases): first match wins.
RULES: list[tuple[str, tuple[str, ...]]] = [
    ("delivered", (r"\bdelivered to mailbox\b",)),
    ("mailererror", (r"procmail", r"x-unix", r"mailer error", r"operating system error", r"command (died|failed)",
                     r"pipe to \|")),
    ("systemerror", (r"ldap server", r"could not load drd", r"system error", r"loop alert", r"mail loop",
                     r"duplicated message-id")),
    ("badreputation", (r"user complaints", r"(poor|bad|low) reputation", r"reputation (is )?too low")),
    ("vacation", (r"\bout of (the )?office\b", r"\bauto(matic)?[- ]?reply\b")),
    ("authfailure", (r"\bdmarc\b", r"unauthenticated email", r"authentication information", r"\bspf\b.*\b(fail|record|check)", r"\bdkim\b.*\b(fail|invalid|check)",
                     r"sender is unauthenticated", r"does not pass .*(dmarc|spf|dkim)",
                     r"authentication (check )?fail")),
    ("requireptr", (r"reverse dns", r"\bptr\b", r"reverse (lookup|address|hostname)", r"\brdns\b",
                    r"cannot find your hostname", r"hostname (lookup|verification) failed",
                    r"no (reverse|ptr)", r"client host .* (ptr|reverse)", r"unresolvable (ip|host)",
                    r"ip address sending this message does not have", r"connection refused by reverse",
                    r"ip name lookup failed")),
    ("notcompliantrfc", (r"multiple addresses in from", r"not (rfc ?5322|rfc ?2822) compliant",
                         r"header .* not compliant", r"rfc 5322 violation")),
    ("virusdetected", (r"\bvirus", r"\bmalware\b", r"\binfected\b", r"\bworm\b", r"\btrojan\b")),
    ("spamdetected", (r"\bspam\b", r"\bube\b", r"unsolicited (bulk|commercial)", r"bulk e?-?mail",
                      r"junk mail", r"content filter", r"classified as spam", r"mail rejete",
                      r"message (looks|considered) (like )?(spam|unsolicited)", r"spamassassin",
                      r"\bsuspicious (message|content)\b", r"mcspamsignature")),
    ("norelaying", (r"relay(ing)? (access )?(denied|not permitted|prohibited)", r"not permitted to relay",
                    r"insecure mail relay", r"unable to relay", r"relay not permitted", r"we do not relay",
                    r"email address is not verified", r"relaying denied")),
    ("rejected", (r"sender address rejected", r"sender (was )?rejected", r"unroutable sender", r"domain of sender",
                  r"purported responsible address", r"(address|sender) (that )?(has been|is) (black|block)listed",
                  r"sender (is )?(not allowed|denied|blacklisted|unknown)", r"^\s*(5\d\d )?(\d\.\d\.\d+ )?access denied\.?$")),
    ("blocked", (r"blocked using", r"\bblack ?list", r"\bblock ?list", r"\bdnsbl\b", r"\brbl\b", r"spamhaus",
                 r"spamcop", r"sorbs", r"barracudacentral", r"banned sending ip", r"ip .* (is )?(blocked|banned)",
                 r"refused to talk to me", r"service refuse", r"access denied", r"my name was rejected",
                 r"invalid ip for sending",
                 r"smtp server of your isp", r"your (ip|host|server) .* (listed|blocked|rejected)", r"has been blocked",
                 r"client host .* rejected", r"connection (refused|rejected)", r"rejected (by|due to) .* reputation",
                 r"poor reputation", r"\blisted\b.*\bat\b", r"not allowed to send")),
    ("hasmoved", (r"no longer on (this )?server", r"\bhas moved\b", r"address has changed", r"not our (user|customer)")),
    ("suspend", (r"\binactive\b", r"\bdisabled\b", r"\bsuspended\b", r"\bfrozen\b", r"\blocked\b", r"deactivated",
                 r"\bexpired account\b", r"account .* (closed|terminated|not active)", r"mailbox .* (disabled|inactive)")),
    ("systemfull", (r"disk (space|full)", r"insufficient (system )?storage", r"system (is )?full",
                    r"file system full")),
    ("mailboxfull", (r"mailbox (is )?full", r"\bover ?quota\b", r"quota (exceeded|exceed|full)", r"exceeded .*quota",
                     r"out of storage", r"mailbox .* exceeded", r"exceeded the (local )?limit", r"mailbox size",
                     r"(mail)?box (is )?(full|over)", r"insufficient (space|storage)", r"no space left",
                     r"storage (space|limit|full)", r"quotaexceeded", r"full mailbox", r"user.*over.*limit",
                     r"recipient'?s mailbox is full", r"mailbox has exceeded", r"quota")),
    ("mesgtoobig", (r"message (is )?too (large|big)", r"size limit", r"message size exceeds", r"too big",
                    r"exceeds (the )?(maximum|message) size", r"message length exceeds", r"mail size",
                    r"recipsizelimit", r"message is larger than")),
    ("toomanyconn", (r"too many (connections|recipients|concurrent)", r"connection rate limit",
                     r"frequency limited", r"rate limit(ed)?")),
    ("exceedlimit", (r"exceeds? (the )?limit", r"limit exceeded",)),
    ("speeding", (r"receiving mail at a rate", r"sent to too many recipients", r"sending (rate|too fast)")),
    ("notaccept", (r"no mx", r"does not accept (e?-?mail|messages)", r"null mx", r"no smtp service",
                   r"couldn't find a mail exchanger", r"doesn't (receive|accept) (e?-?mail|mail)",
                   r"not accepting mail", r"mail is not accepted")),
    ("networkerror", (r"dns error", r"routing loop", r"hop count exceeded", r"too many hops",
                      r"network (is )?unreachable", r"lookup of .* responded", r"dns (lookup )?failure",
                      r"host not found, try again", r"loops? back to myself", r"lost connection", r"dns query failed",
                      r"no route to host", r"establish an smtp connection",
                      r"name lookup failure")),
    ("hostunknown", (r"host (or domain name )?(unknown|not found)", r"domain (not found|does not exist|is invalid)",
                     r"name service error", r"no such domain", r"invalid domain", r"illegal host",
                     r"unrouteable (mail )?domain", r"domain .* (not exist|unknown)", r"unknown (host|domain)",
                     r"host not found", r"domain is not reachable", r"nxdomain.*(not found)?")),
    ("userunknown", (r"user unknown", r"unknown user", r"no such (user|mailbox|recipient|address)",
                     r"(user|account|mailbox|address|recipient) (does not|doesn't) exist",
                     r"does not exist", r"recipient not found", r"recipientnotfound", r"invalid recipient",
                     r"no mailbox", r"mailbox (unavailable|not found)", r"unknown recipient",
                     r"(user|recipient|address) (not found|unknown|invalid)", r"not a valid (user|mailbox|recipient)",
                     r"unrouteable address", r"account .* (not exist|unknown)",
                     r"recipient address rejected", r"no (such )?account", r"doesn't have a .* account",
                     r"not (listed|found) in", r"invalid (mailbox|address|user)", r"bad (destination|recipient)",
                     r"unknown (local|address)", r"mailbox not available", r"address (is )?(invalid|unknown)",
                     r"no mailbox here", r"is not a known user", r"user (is )?not local",
                     r"recipient name is not recognized", r"unknown or illegal alias", r"unknown address", r"not exist",
                     r"(wasn.t|was not|couldn.t be|could not be) found", r"invalid final delivery", r"mailbox unavailable",
                     r"check (if|that) (the )?address is correct")),
    ("expired", (r"expired", r"queue too long", r"retry time(out)? (exceeded|reached)", r"giving up",
                 r"timed? ?out", r"could not be delivered (with)?in", r"delivery time", r"too long in (the )?queue",
                 r"have been failing for a long time", r"retry timeout exceeded", r"delayed beyond", r"retried for",
                 r"did not accept our requests to connect", r"failed \d+ attempts", r"not reachable", r"still undelivered",
                 r"delivery attempts? (has|have) failed", r"unable to connect")),
    ("securityerror", (r"authentication required", r"unauthenticated", r"not authori[sz]ed", r"authrequired",
                       r"security", r"certificate")),
    ("policyviolation", (r"polic(y|ies)", r"header error", r"protocol violation", r"not allowed",
                         r"prohibited", r"not accepted")),
    ("contenterror", (r"content rejected", r"8-?bit data", r"duplicate header", r"invalid header", r"malformed",
                      r"mime")),
    ("systemerror", (r"system error", r"could not load", r"transaction failed", r"ldap", r"internal (server )?error",
                     r"local error", r"temporary (failure|problem)", r"try again later", r"service (currently )?(unavailable|refused)")),
    ("filtered", (r"\bfilter", r"rejected by (the )?recipient")),
    ("rejected", (r"\brejected\b", r"\brefused\b", r"\bdenied\b", r"not (a )?member")),
]
_COMPILED = [(reason, re.compile("|".join(f"(?:{p})" for p in phrases), re.I)) for reason, phrases in RULES]
# The last two rules (filtered, rejected) only say "refused somehow": a specific status code says more.
_WEAK_FROM = len(RULES) - 2

# RFC 3463 subject.detail -> reason, used when no phrase decides.
BY_STATUS = {
    "1.1": "userunknown", "1.0": "rejected", "1.2": "hostunknown", "1.3": "userunknown", "1.4": "userunknown",
    "1.6": "hasmoved", "1.7": "rejected", "1.8": "rejected", "1.10": "userunknown",
    "2.0": "filtered", "2.1": "filtered", "2.2": "mailboxfull", "2.3": "exceedlimit", "2.4": "systemerror",
    "3.0": "systemerror", "3.1": "systemfull", "3.2": "notaccept", "3.3": "systemerror", "3.4": "mesgtoobig",
    "3.5": "systemerror", "4.0": "networkerror", "4.1": "expired", "4.2": "expired", "4.3": "systemerror",
    "4.4": "hostunknown", "4.5": "systemfull", "4.6": "networkerror", "4.7": "expired",
    "5.0": "syntaxerror", "5.1": "syntaxerror", "5.2": "syntaxerror", "5.3": "toomanyconn",
    "5.4": "syntaxerror", "5.5": "syntaxerror", "6.0": "contenterror", "6.1": "contenterror",
    "7.0": "securityerror", "7.1": "blocked", "7.2": "rejected", "7.3": "securityerror", "7.4": "securityerror",
    "7.5": "securityerror", "7.6": "securityerror", "7.7": "securityerror", "7.8": "securityerror",
    "7.9": "securityerror", "7.13": "suspend", "7.23": "authfailure", "7.24": "authfailure",
    "7.25": "requireptr", "7.26": "authfailure", "7.27": "notaccept",
}

# Sisimai's pseudo status codes for a reason when the notice carries no status.
PSEUDO_STATUS = {
    "undefined": "900", "onhold": "901", "norelaying": "909", "filtered": "910", "userunknown": "911",
    "hostunknown": "912", "hasmoved": "916", "rejected": "918", "suspend": "921", "mailboxfull": "922",
    "exceedlimit": "923", "systemerror": "930", "systemfull": "931", "notaccept": "932", "mesgtoobig": "934",
    "mailererror": "939", "networkerror": "944", "toomanyconn": "945", "expired": "947",
    "contenterror": "960", "securityerror": "970", "blocked": "971", "policyviolation": "972",
    "requireptr": "973", "spamdetected": "980", "virusdetected": "981", "authfailure": "976",
    "badreputation": "975", "speeding": "946", "notcompliantrfc": "974", "syntaxerror": "902",
}


_CONTINUATION = re.compile(r"\b[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?")


def by_text(text: str | None, strong_only: bool = False) -> str | None:
    if not text:
        return None
    text = _CONTINUATION.sub(" ", text)  # multi-line replies repeat "550-5.7.1" on every line
    for index, (reason, pattern) in enumerate(_COMPILED):
        if strong_only and index >= _WEAK_FROM:
            return None
        if pattern.search(text):
            return reason
    return None


def by_status(status: str | None) -> str | None:
    if not status or status.count(".") != 2:
        return None
    klass, subject, detail = status.split(".")
    if klass == "2":
        return "delivered"
    return BY_STATUS.get(f"{subject}.{detail}") or BY_STATUS.get(f"{subject}.0")


# Status codes that name one reason whatever the text says.
DECISIVE = {"1.1": "userunknown", "1.2": "hostunknown", "1.6": "hasmoved", "1.10": "userunknown",
            "2.2": "mailboxfull", "3.2": "notaccept", "3.4": "mesgtoobig", "4.7": "expired",
            "7.13": "suspend", "7.23": "authfailure", "7.24": "authfailure", "7.25": "requireptr",
            "7.26": "authfailure", "7.27": "notaccept"}


def classify(status: str | None, diagnostic: str | None, action: str | None = None,
             command: str | None = None) -> str:
    """The reason for one delivery; a refusal after DATA of an accepted recipient is a filter's."""
    reason = _classify(status, diagnostic, action)
    if reason == "userunknown" and command == "DATA":
        return "filtered"
    if reason in ("userunknown", "blocked", "undefined") and command == "MAIL" and by_text(diagnostic) not in (
            "blocked", "requireptr", "authfailure", "spamdetected"):
        return "rejected"
    return reason


def _classify(status: str | None, diagnostic: str | None, action: str | None = None) -> str:
    if (action or "").lower() in ("delivered", "relayed", "expanded") or (status or "").startswith("2."):
        return "delivered"
    first = by_text(diagnostic)
    if first in ("mailererror", "systemerror", "badreputation"):
        return first
    if status and status.startswith("5.") and status.count(".") == 2 and not status.split(".", 1)[1].startswith("0.9"):
        decisive = DECISIVE.get(status.split(".", 1)[1])
        if decisive:
            return decisive
    by_code = by_status(status)
    specific = by_code and not (status or "").endswith(".0.0")
    reason = by_text(diagnostic, strong_only=bool(specific))
    if reason and reason != "delivered":
        return reason
    if by_code and not (status or "").endswith(".0.0"):
        return by_code
    if (action or "").lower() == "delayed":
        return "expired"
    return by_code if by_code and by_code != "syntaxerror" else "undefined"


def pseudo_status(reason: str, temporary: bool = False) -> str:
    return f"{'4' if temporary else '5'}.0.{PSEUDO_STATUS.get(reason, '900')}"
