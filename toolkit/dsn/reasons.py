"""Why a delivery failed, in Sisimai's vocabulary, so results compare with Sisimai's.

Two passes, the way Sisimai decides (its ``Reason.find``), with our own phrase lists:

1. *Probes*, in a fixed order (mailboxfull, mesgtoobig, ... blocked): a reason
   holds when the status code names it or its phrases occur in the diagnostic.
   Three probes also weigh the SMTP command that was refused: ``userunknown``
   needs an X.1.1-like status or a refusal at RCPT; ``filtered`` is a
   "no such user" said after DATA (or with no command known), the way
   Japanese carriers and content filters answer; ``rejected`` is a refusal of
   the envelope sender at MAIL.
2. *Fallbacks*, when no probe holds and the status code does not decide:
   phrases for the other reasons (spam, virus, policy, system, network, ...),
   then the status class (X.6 content, X.7 security), then ``expired`` for
   delayed deliveries, ``blocked`` for refusals at HELO, and ``onhold`` when
   there is a diagnostic that says nothing we know.

A message without any status code gets Sisimai's pseudo status for its reason
(``5.0.911`` for userunknown, ...), the convention of Sisimai's
``SMTP::Status``, so the status columns compare too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PHRASES: dict[str, tuple[str, ...]] = {
    "delivered": (
        r"\bdelivered to mailbox\b",
    ),
    "mailererror": (
        r"procmail", r"x-unix", r"mailer error", r"operating system error", r"command (died|failed)",
        r"pipe to \|",
    ),
    "systemerror": (
        r"ldap server", r"could not load drd", r"system error", r"loop alert",
        r"duplicated message-id", r"could not load", r"transaction failed", r"ldap", r"internal (server )?error",
        r"local error", r"temporary (failure|problem)", r"(does not|doesn.t) support (tls|starttls)", r"service (currently )?(unavailable|refused)",
    ),
    "badreputation": (
        r"user complaints", r"(poor|bad|low) reputation", r"reputation (is )?too low",
    ),
    "vacation": (
        r"\bout of (the )?office\b", r"\bauto(matic)?[- ]?reply\b",
    ),
    "authfailure": (
        r"\bdmarc\b", r"unauthenticated email", r"authentication information", r"\bspf\b.*\b(fail|record|check)",
        r"\bdkim\b.*\b(fail|invalid|check)", r"sender is unauthenticated", r"does not pass .*(dmarc|spf|dkim)",
        r"authentication (check )?fail",
    ),
    "requireptr": (
        r"reverse dns", r"\bptr\b", r"reverse (lookup|address|hostname)", r"\brdns\b",
        r"cannot find your hostname", r"hostname (lookup|verification) failed", r"no (reverse|ptr)",
        r"client host .* (ptr|reverse)", r"unresolvable (ip|host)",
        r"ip address sending this message does not have", r"connection refused by reverse",
        r"ip name lookup failed", r"mismatches client ip",
    ),
    "notcompliantrfc": (
        r"multiple addresses in from", r"not (rfc ?5322|rfc ?2822) compliant", r"header .* not compliant",
        r"rfc 5322 violation",
    ),
    "virusdetected": (
        r"\bvirus", r"\bmalware\b", r"\binfected\b", r"\bworm\b", r"\btrojan\b",
    ),
    "spamdetected": (
        r"\bspam\b", r"\bube\b", r"unsolicited (bulk|commercial)", r"bulk e?-?mail", r"junk mail",
        r"content filter", r"classified as spam", r"mail rejete",
        r"message (looks|considered) (like )?(spam|unsolicited)", r"spamassassin",
        r"\bsuspicious (message|content)\b", r"mcspamsignature",
        r"message content rejected", r"(black|block)listed url", r"url (is )?(black|block)listed", r"\buribl\b",
    ),
    "norelaying": (
        r"relay(ing)? (access )?(denied|not permitted|prohibited)", r"not permitted to relay",
        r"insecure mail relay", r"unable to relay", r"relay not permitted", r"we do not relay",
        r"email address is not verified", r"relaying denied",
    ),
    "rejected": (
        r"sender address rejected", r"sender (was )?rejected", r"unroutable sender", r"domain of sender",
        r"purported responsible address", r"(address|sender) (that )?(has been|is) (black|block)listed",
        r"sender (is )?(not allowed|denied|blacklisted|unknown)", r"^\s*(5\d\d )?(\d\.\d\.\d+ )?access denied\.?$",
        r"recipient addresses rejected ?: access denied", r"(from|sender):? domain is invalid",
        r"different address or alias using the .?send mail as",
    ),
    "blocked": (
        r"blocked using", r"\bblack ?list", r"\bblock ?list", r"\bdnsbl\b", r"\brbl\b", r"spamhaus", r"spamcop",
        r"sorbs", r"barracudacentral", r"banned sending ip", r"ip .* (is )?(blocked|banned)",
        r"refused to talk to me", r"service refuse", r"my name was rejected",
        r"invalid ip for sending", r"messages from \S+ weren.t sent", r"smtp server of your isp",
        r"your (ip|host|server) .* (listed|blocked|rejected)", r"has been blocked", r"client host .* rejected",
        r"connection (refused|rejected)", r"rejected (by|due to) .* reputation", r"poor reputation",
        r"\blisted\b.*\bat\b", r"not allowed to send",
    ),
    "hasmoved": (
        r"no longer on (this )?server", r"\bhas moved\b", r"address has changed", r"not our (user|customer)",
    ),
    "suspend": (
        r"\binactive\b", r"\bdisabled\b", r"\bsuspended\b", r"\bfrozen\b", r"\blocked\b", r"deactivated",
        r"\bexpired account\b", r"account .* (closed|terminated|not active)", r"mailbox .* (disabled|inactive)",
    ),
    "systemfull": (
        r"disk (space|full)", r"insufficient (system )?storage", r"system (is )?full", r"file system full",
    ),
    "mailboxfull": (
        r"mailbox (is )?full", r"\bover ?quota\b", r"quota (exceeded|exceed|full)", r"exceeded .*quota",
        r"out of storage", r"mailbox .* exceeded", r"exceeded the (local )?limit", r"mailbox size",
        r"(mail)?box (is )?(full|over)", r"insufficient (space|storage)", r"no space left",
        r"storage (space|limit|full)", r"quotaexceeded", r"full mailbox", r"user.*over.*limit",
        r"recipient'?s mailbox is full", r"mailbox has exceeded", r"(disk|mailbox|storage) quota",
    ),
    "mesgtoobig": (
        r"message (is )?too (large|big)", r"size limit", r"message size exceeds", r"too big",
        r"exceeds (the )?(maximum|message) size", r"message length exceeds", r"mail size", r"recipsizelimit",
        r"message is larger than", r"line (length )?limit exceeded",
    ),
    "toomanyconn": (
        r"too many (connections|recipients|concurrent)", r"connection rate limit", r"frequency limited",
        r"rate limit(ed)?",
    ),
    "exceedlimit": (
        r"message (size|length) exceeds (the )?(administrative )?limit", r"exceeds? (the )?(per-?user )?limit of",
    ),
    "speeding": (
        r"receiving mail at a rate", r"sent to too many recipients", r"sending (rate|too fast)",
    ),
    "notaccept": (
        r"no mx", r"does not accept (e?-?mail|messages)", r"null mx", r"no smtp service",
        r"couldn't find a mail exchanger", r"doesn't (receive|accept) (e?-?mail|mail)", r"not accepting mail",
        r"mail is not accepted",
    ),
    "networkerror": (
        r"dns error", r"routing loop", r"hop count exceeded", r"too many hops", r"network (is )?unreachable",
        r"lookup of .* responded", r"dns (lookup )?failure", r"host not found, try again",
        r"loops? back to myself", r"lost connection", r"dns query failed", r"no route to host",
        r"establish an smtp connection", r"name lookup failure",
    ),
    "hostunknown": (
        r"host (or domain name )?(unknown|not found)", r"host \S+ not found", r"domain (not found|does not exist|is invalid)",
        r"name service error", r"no such domain", r"invalid domain", r"illegal host",
        r"unrouteable (mail )?domain", r"domain .* (not exist|unknown)", r"unknown (host|domain)",
        r"host not found", r"domain is not reachable", r"nxdomain.*(not found)?",
    ),
    "userunknown": (
        r"user unknown", r"unknown user", r"no such (user|mailbox|recipient|address)",
        r"(user|account|mailbox|address|recipient) (does not|doesn't) exist", r"does not exist",
        r"recipient not found", r"recipientnotfound", r"invalid recipient", r"no mailbox",
        r"mailbox (unavailable|not found)", r"unknown recipient",
        r"(user|recipient|address) (not found|unknown|invalid)", r"not a valid (user|mailbox|recipient)",
        r"unrouteable address", r"account .* (not exist|unknown)", r"recipient address rejected: (user unknown|unknown user|invalid user|userunknown|invalid-recipient|access denied)",
        r"no (such )?account", r"doesn't have a .* account", r"not (listed|found) in",
        r"invalid (mailbox|address|user)", r"bad destination (mailbox|address)", r"bad recipient", r"unknown (local|address)",
        r"mailbox not available", r"address (is )?(invalid|unknown)", r"no mailbox here", r"is not a known user",
        r"user (is )?not local", r"recipient name is not recognized", r"unknown or illegal alias",
        r"unknown address", r"not exist", r"(wasn.t|was not|couldn.t be|could not be) found",
        r"invalid final delivery", r"mailbox unavailable", r"check (if|that) (the )?address is correct",
    ),
    "expired": (
        r"expired", r"queue too long", r"retry time(out)? (exceeded|reached)", r"giving up", r"timed? ?out",
        r"could not be delivered (with)?in", r"delivery time", r"too long in (the )?queue",
        r"have been failing for a long time", r"not delivered within \d+ days?", r"retry timeout exceeded", r"delayed beyond", r"retried for",
        r"did not accept our requests to connect", r"failed \d+ attempts", r"not reachable", r"still undelivered",
        r"delivery attempts? (has|have) failed", r"unable to connect",
    ),
    "securityerror": (
        r"authentication required", r"unauthenticated", r"not authori[sz]ed", r"senders? not allowed", r"authrequired", r"security",
        r"certificate",
    ),
    "policyviolation": (
        r"polic(y|ies)", r"header error", r"protocol violation", r"prohibited", r"not accepted for policy",
    ),
    "contenterror": (
        r"8-?bit data", r"duplicate header", r"invalid (mime )?header", r"malformed (mime|header|message)",
        r"too many (received )?headers", r"header (line )?too long",
    ),
    "filtered": (

    ),
}

# Last resorts: words that only say "refused somehow", for a diagnostic nothing else explains.
WEAK = {
    "filtered": (r"\bfilter", r"rejected by (the )?recipient"),
    "rejected": (r"\brejected\b", r"\brefused\b", r"\bdenied\b", r"not (a )?member"),
}


def _compile(table: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern]:
    return {reason: re.compile("|".join(f"(?:{p})" for p in phrases), re.I) for reason, phrases in table.items()
            if phrases}


_PHRASE = _compile(PHRASES)
_WEAK = _compile(WEAK)

# What an RFC 3463 status code means, as a reason: "subject.detail", then class-specific meanings.
STATUS_NAME = {
    "1.0": "userunknown", "1.1": "userunknown", "1.2": "hostunknown", "1.3": "userunknown", "1.4": "filtered",
    "1.6": "hasmoved", "1.7": "rejected", "1.8": "rejected", "1.9": "systemerror", "1.10": "notaccept",
    "2.0": "filtered", "2.1": "filtered", "2.2": "mailboxfull", "2.3": "exceedlimit", "2.4": "filtered",
    "3.0": "systemerror", "3.1": "systemfull", "3.2": "notaccept", "3.3": "systemerror", "3.4": "mesgtoobig",
    "3.5": "systemerror", "4.0": "networkerror", "4.1": "expired", "4.2": "networkerror", "4.3": "systemerror",
    "4.4": "hostunknown", "4.5": "systemfull", "4.6": "networkerror", "4.7": "expired", "4.8": "networkerror",
    "5.2": "syntaxerror", "5.3": "toomanyconn", "5.4": "systemerror", "5.5": "systemerror", "5.6": "syntaxerror",
    "6.0": "contenterror", "6.1": "contenterror", "6.2": "contenterror", "6.3": "contenterror",
    "6.5": "contenterror", "6.6": "contenterror", "6.7": "contenterror", "6.8": "contenterror",
    "6.9": "contenterror", "7.0": "securityerror", "7.1": "securityerror", "7.2": "securityerror",
    "7.3": "securityerror", "7.4": "securityerror", "7.5": "securityerror", "7.6": "securityerror",
    "7.7": "securityerror", "7.8": "securityerror", "7.9": "securityerror", "7.10": "securityerror",
    "7.11": "securityerror", "7.12": "securityerror", "7.13": "suspend", "7.14": "securityerror",
    "7.15": "securityerror", "7.16": "mesgtoobig", "7.17": "hasmoved", "7.18": "hasmoved",
    "7.19": "securityerror", "7.20": "authfailure", "7.21": "authfailure", "7.22": "authfailure",
    "7.23": "authfailure", "7.24": "authfailure", "7.25": "requireptr", "7.26": "authfailure",
    "7.27": "notaccept", "7.28": "spamdetected", "7.29": "authfailure",
}
# Transient codes mean something else, or too little: a disabled mailbox is refusing for now, and
# X.Y.0 says nothing specific.
TRANSIENT_NAME = {"2.1": "blocked", "7.1": "blocked", "7.2": "blocked", "4.4": "networkerror", "1.0": None,
                  "2.0": None, "3.0": None, "4.0": None, "5.0": None, "7.0": None}

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

PROBE_ORDER = ("mailboxfull", "mesgtoobig", "exceedlimit", "suspend", "hasmoved", "norelaying", "authfailure",
               "userunknown", "filtered", "requireptr", "notcompliantrfc", "badreputation", "contenterror",
               "rejected", "hostunknown", "spamdetected", "speeding", "toomanyconn", "blocked")
FALLBACK_ORDER = ("mailboxfull", "authfailure", "badreputation", "speeding", "spamdetected", "virusdetected",
                  "policyviolation", "norelaying", "systemerror", "networkerror", "suspend", "contenterror",
                  "systemfull", "notaccept", "expired", "securityerror", "mailererror")
# A status that names one of these still lets the phrases look for something more precise.
UNSURE = {"", "undefined", "onhold", "systemerror", "securityerror", "expired", "networkerror", "hostunknown",
          "userunknown"}
BEFORE_DATA = {"CONN", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT"}
# Other reasons whose words, in a diagnostic that comes with X.1.1, say the X.1.1 is wrong.
NOT_A_USER = ("norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept")

_CONTINUATION = re.compile(r"\b[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?")
_SYNTAX_REPLY = re.compile(r"^\s*50[0-4]\b")
_TRY_AGAIN = re.compile(r"not found, try again", re.I)


def status_name(status: str | None) -> str:
    """The reason an RFC 3463 status code names ("" for none or a generic one)."""
    if not status or status.count(".") != 2:
        return ""
    klass, subject, detail = status.split(".")
    key = f"{subject}.{detail}"
    if klass == "2":
        return "delivered"
    if klass == "4" and key in TRANSIENT_NAME:
        return TRANSIENT_NAME[key] or ""
    if klass == "5" and key in ("4.1", "4.2"):
        return ""  # "no answer" and "bad connection" cannot be permanent: Microsoft's 5.4.1 is an access refusal
    return STATUS_NAME.get(key, "")


def says(reason: str, text: str) -> bool:
    pattern = _PHRASE.get(reason)
    return bool(pattern and pattern.search(text))


@dataclass(frozen=True)
class Fact:
    """What the reason is decided from: one delivery's status, diagnostic, action and refused command."""

    status: str
    name: str  # the reason the status code names (status_name), looked up once
    text: str
    action: str
    command: str
    local: bool = False  # a local program refused it (Diagnostic-Code: X-Unix), not an SMTP server
    syntax_reply: bool = False  # the reply code says the server did not understand (500-504)


def _userunknown(f: Fact) -> bool:
    if f.name == "suspend":
        return False
    if f.name == "userunknown":
        return not any(says(r, f.text) for r in NOT_A_USER)
    return f.command == "RCPT" and says("userunknown", f.text)


def _filtered(f: Fact) -> bool:
    if f.name == "suspend":
        return False
    if f.name != "filtered" and f.command in BEFORE_DATA:
        return False  # a refusal before DATA is not a filter reading the message
    return says("filtered", f.text) or says("userunknown", f.text)


def _rejected(f: Fact) -> bool:
    if f.name == "rejected":
        return True
    if f.command == "MAIL" or (f.command == "DATA" and f.name != "userunknown") \
            or f.name in ("", "undefined", "onhold", "securityerror", "systemerror"):
        return says("rejected", f.text)
    return False


def _hostunknown(f: Fact) -> bool:
    """"Host not found, try again" is a DNS server failing for now, not a missing domain."""
    return f.name == "hostunknown" or (says("hostunknown", f.text) and not _TRY_AGAIN.search(f.text))


def _contenterror(f: Fact) -> bool:
    """Only the words: an X.6 status comes with spam and virus refusals too, which later probes name."""
    return says("contenterror", f.text)


PROBES = {"userunknown": _userunknown, "filtered": _filtered, "rejected": _rejected, "hostunknown": _hostunknown,
          "contenterror": _contenterror}


def _probe(reason: str, f: Fact) -> bool:
    special = PROBES.get(reason)
    if special:
        return special(f)
    return f.name == reason or says(reason, f.text)


def _fallback(f: Fact) -> str:
    name = f.name
    if name not in UNSURE and not f.local:  # a local program's words say more than the status it got
        return name
    for reason in FALLBACK_ORDER:
        if says(reason, f.text):
            return reason
    if name:
        return name
    subject = f.status.split(".")[1] if f.status.count(".") == 2 else ""
    if subject in ("6", "7"):
        return {"6": "contenterror", "7": "securityerror"}[subject]
    if f.local:
        return "mailererror"
    if subject == "5" or f.syntax_reply:
        return "syntaxerror"
    if f.action == "delayed":
        return "expired"
    if f.command == "HELO":
        return "blocked"
    return ""


def classify(status: str | None, diagnostic: str | None, action: str | None = None,
             command: str | None = None, local: bool = False) -> str:
    """The reason for one delivery; ``local`` when a local program (X-Unix), not a server, refused it."""
    # multi-line replies repeat "550-5.7.1" on every line
    text = " ".join(_CONTINUATION.sub(" ", diagnostic or "").split())
    action = (action or "").lower()
    if action in ("delivered", "relayed", "expanded") or (status or "").startswith("2.") or says("delivered", text):
        return "delivered"
    fact = Fact(status or "", status_name(status), text, action, (command or "").upper(), local,
                bool(_SYNTAX_REPLY.match(diagnostic or "")))
    if not local:
        for reason in PROBE_ORDER:
            if _probe(reason, fact):
                return reason
    reason = _fallback(fact)
    if reason:
        return reason
    for weak, pattern in _WEAK.items():
        if pattern.search(text):
            return weak
    if says("vacation", text):
        return "vacation"
    return "onhold" if text.strip() else "undefined"


def pseudo_status(reason: str, temporary: bool = False) -> str:
    return f"{'4' if temporary else '5'}.0.{PSEUDO_STATUS.get(reason, '900')}"
