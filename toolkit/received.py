"""Received headers to hops: who handed the message to whom, when, from which address.

One tolerant parser for the dialects of Postfix, Sendmail, Exim, qmail, Exchange,
Gmail, Yahoo, Courier, MDaemon, IMail, Lotus, Barracuda, IronPort and bulk
senders: it reads the ``from`` clause (HELO, reverse DNS as the receiver
recorded it, the connecting IP), the ``by`` host, ``with`` protocol, ``id``,
``for`` and the time stamp after the last semicolon. A line it cannot read
keeps its raw text with ``parse_ok`` false.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache

from . import config
from .folding import caseless
from .headers import parse_date

# "[IPv6:...]" is RFC 5321's address literal; MDaemon writes the tag "IPV6:" in capitals.
_IP_BRACKET = re.compile(r"\[(?:[Ii][Pp][Vv]6:)?([0-9A-Fa-f:.]+)(?:%\w+)?\]")
# A comment without nested parentheses; the IPs below are looked for inside one (matching the
# whole "(... [ip] ...)" in one pattern rescanned the rest of the line from every bracket).
_COMMENT = re.compile(r"\(([^()]*)\)")
_IPV4_WORD = r"((?:\d{1,3}\.){3}\d{1,3})(?=[\s:]|$)"
_IP_WORDS = (re.compile(r"(?<=[\s@])" + _IPV4_WORD), re.compile("^" + _IPV4_WORD))  # "(x@1.2.3.4:25)", "(1.2.3.4)"
# A comment that is an address and nothing else: Exchange writes "from HELO (2603:10a6:10:121::16)"
# for an IPv6 client and "by HOST (IP)" for itself, without brackets (one class, then a zone: linear).
_ADDRESS_COMMENT = re.compile(r"\((?:\[|\d|[Ii][Pp][Vv]6:|[0-9A-Fa-f]{1,4}:)")  # "(IP", "([IP", "(IPv6:", "(2603:"
_IP_ALONE = re.compile(r"^\s*(?:[Ii][Pp][Vv]6:)?([0-9A-Fa-f:.]+)(?:%\w+)?\s*$")
_IPV4 = re.compile(r"(?<![\d.])((?:\d{1,3}\.){3}\d{1,3})(?![\d.])")
_HOSTNAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$")
# A clause keyword between whitespace; its position is group 1's. The space before it is consumed and
# the one after only looked at: a leading class lets the engine skip to the next whitespace (a
# lookbehind made it try the keywords at every position), and a keyword may still follow at once.
_CLAUSE = re.compile(r"\s(from|by|via|with|id|for)(?=\s)", re.I)
_CLAUSE_LOWER = re.compile(r"\s(from|by|via|with|id|for)(?=\s)")  # the same, over lower-cased ASCII text
# Written so that its required words are the rare ones (ESMTPSA, "auth", "plain)"), not "with", which
# every line holds: the literal prefilter then spares the regex engine nearly every line. IceWarp writes
# "with ASMTP" for an authenticated session.
_AUTH = caseless(r"\bwith\s+(ESMTPSA|ESMTPA|SMTPSA|SMTPA|LMTPSA|ASMTP)\b|authenticated sender|\(authenticated|\bauth=|"
                 r"\bSMTP-AUTH\b|\(Authenticated sender|\bwith (?:plain\)|login\)|cram-md5\))|\(AUTH: ")  # lower-cased text


_HELO = re.compile(r"\b(?:helo|ehlo)[= ]+([^\s)\]]+\]?)", re.I)
_HELO_LITERAL = re.compile(r"helo=\[[^\]]*\]", re.I)
_RDNS = re.compile(r"\(\s*([^\s()\[\]]+)\.?\s*\[")
_WEEKDAY = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? ")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_ENVELOPE = re.compile(r"<?(?<![^\s<>;])([^\s<>;]+@[^\s<>;]+)>?")
_QMAIL_ID = re.compile(r"\b\d+\.\d+\.qmail@([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})")
_QMAIL_SEND = re.compile(r"This is the qmail-send program at ([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})", re.I)
_ID_HOST = re.compile(r"<[^<>@\s]+@([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})>")
_LOCAL = re.compile(r"\(qmail \d+ invoked (by|from|for) |\(from [^()]+@localhost\)|\(\w+ outbound\)", re.I)


@dataclass
class Hop:
    raw: str
    from_helo: str | None = None
    from_host: str | None = None
    from_ip: str | None = None
    by_host: str | None = None
    by_ip: str | None = None  # the receiver's own address, where it writes one ("by HOST (IP)": Exchange, MDaemon)
    protocol: str | None = None
    smtp_id: str | None = None
    envelope_for: str | None = None
    timestamp: object | None = None
    auth: bool = False
    by_inferred: bool = False  # by_host was not in the line: taken from the neighbouring line (see chain)

    @property
    def parse_ok(self) -> bool:
        """Something usable was read: an address, a receiving host, or a known local-delivery form."""
        return bool(self.from_ip or self.by_host or _LOCAL.search(self.raw))


@lru_cache(maxsize=65536)  # relays recur in every message they pass; ipaddress is slow to parse
def valid_ip(text: str | None) -> str | None:
    """The address in canonical form. An IPv4-mapped IPv6 address ("::ffff:192.0.2.1", RFC 4291
    2.5.5.2, what Courier's couriertcpd reports for IPv4 clients on a dual-stack socket) is the
    IPv4 client it stands for."""
    if not text:
        return None
    text = text.strip("[]")
    if text[:5].lower() == "ipv6:":
        text = text[5:]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


@lru_cache(maxsize=65536)
def is_public(ip: str | None) -> bool:
    try:
        return ipaddress.ip_address(ip).is_global
    except (ValueError, TypeError):
        return False


_PAREN = re.compile(r"[()]")


class _CommentMask(dict):
    r"""A str.translate table: every character but whitespace and parentheses to "x" (what
    re.sub(r"[^\s()]", "x", ...) does, four times faster). Filled as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = masked = char if char.isspace() or char in "()" else "x"
        return masked


_MASK = _CommentMask()


def _mask(segment: str) -> str:
    return segment.translate(_MASK)


def _mask_flat(match: re.Match) -> str:
    return "(" + _mask(match.group(1)) + ")"


def _mask_comments(text: str) -> str:
    """The text with every character inside (nested) comments but spaces and parentheses made 'x',
    so that no keyword inside a comment is found; the same length, so positions hold."""
    if "(" not in text:
        return text
    masked, comments = _COMMENT.subn(_mask_flat, text)
    if text.count("(") == comments == text.count(")"):  # every parenthesis in a flat comment: done
        return masked
    out, depth, last = [], 0, 0
    for paren in _PAREN.finditer(text):
        segment = text[last:paren.start()]
        out += [_mask(segment) if depth else segment, paren.group()]
        depth = depth + 1 if paren.group() == "(" else max(0, depth - 1)
        last = paren.end()
    tail = text[last:]
    out.append(_mask(tail) if depth else tail)
    return "".join(out)


def _clauses(text: str) -> dict[str, str]:
    """Split 'from A by B with C id D for E' at the keywords that are outside comments."""
    masked = _mask_comments(text)
    if masked.isascii():  # lower-casing keeps positions: a plain pattern, faster than re.I
        marks = [(m.start(1), m.group(1)) for m in _CLAUSE_LOWER.finditer(masked.lower())]
    else:
        marks = [(m.start(1), m.group(1).lower()) for m in _CLAUSE.finditer(masked)]
    out: dict[str, str] = {}
    for (start, name), (end, _) in zip(marks, marks[1:] + [(len(text), "")]):
        out.setdefault(name, text[start + len(name):end].strip())
    return out


def _host(token: str | None, dotted: bool = False) -> str | None:
    """A host name token, lower-cased; with dotted, only a name with a domain (not a local user)."""
    if not token:
        return None
    token = token.strip("<>;,").rstrip(".")
    if dotted and token.lower() != "localhost" and (not ("." in token and _HOSTNAME.match(token))
                                                    or valid_ip(token)):
        return None
    return token.lower() or None


def _in_comments(*patterns: re.Pattern):
    """A finder of the first match in each comment of a text, of the first pattern that matches there."""
    def find(text: str):
        for comment in _COMMENT.finditer(text):
            match = next(filter(None, (p.search(comment.group(1)) for p in patterns)), None)
            if match:
                yield match
    return find


def _own_address(by: str) -> str | None:
    """The address a receiver writes for itself in its first comment: "by HOST (IP)" (Exchange),
    "by HOST (IPv6:...)" (MDaemon), "by HOST ([IP])"."""
    comment = _COMMENT.search(by)
    if comment is None:
        return None
    inside = comment.group(1)
    found = _IP_ALONE.match(inside) or (_IP_BRACKET.fullmatch(inside.strip()) if "[" in inside else None)
    return valid_ip(found.group(1)) if found else None


def _from_clause(hop: Hop, clause: str) -> None:
    words = clause.split()
    first = words[0] if words else ""
    lower = clause.lower()  # the case-insensitive patterns run only where their word is (they are slow)
    named = "helo" in lower or "ehlo" in lower
    helo = _HELO.search(clause) if named else None      # exim helo=, qmail (HELO x), (EHLO x)
    seen = _HELO_LITERAL.sub("helo=", clause) if "helo=[" in lower else clause  # a HELO literal is not the peer's address
    ip = None
    for finder in (_in_comments(_IP_BRACKET), _in_comments(*_IP_WORDS, _IP_ALONE), _IP_BRACKET.finditer,
                   _IPV4.finditer):
        for match in finder(seen):  # what the receiver saw, before the HELO
            ip = valid_ip(match.group(1))
            if ip:
                break
        if ip:
            break
    hop.from_ip = ip
    rdns = _RDNS.search(clause)                         # (rdns [ip])  postfix/sendmail
    if helo:                                                          # exim "rdns ([ip] helo=x)", qmail "rdns (HELO x) (ip)"
        hop.from_helo = helo.group(1).strip("[]") if not helo.group(1).startswith("[") else helo.group(1)
        if first and not first.startswith(("[", "(")) and first.lower() != "unknown":
            hop.from_host = _host(first, dotted=True)
    else:
        hop.from_helo = first or None
        if rdns:
            hop.from_host = None if rdns.group(1).lower() in ("unknown", "may", "port") else _host(rdns.group(1), True)
        # without a comment, "from X [ip]" gives only the name the sender claimed, not its reverse DNS
    if hop.from_helo and hop.from_ip is None and (hop.from_helo.startswith("[") or ":" in hop.from_helo):
        hop.from_ip = valid_ip(hop.from_helo)  # "from [ip]", and a bare IPv6 client (webmail: "from 2a00:...")


def parse(raw: str) -> Hop:
    """One Received header (unfolded or not) as a Hop."""
    text = " ".join(raw[:config.RECEIVED_MAX_CHARS].split())  # whitespace runs to one space (str.split and re's \s agree)
    hop = Hop(raw=text)
    body, sep, stamp = text.rpartition(";")
    if sep:
        hop.timestamp = parse_date(stamp)
    else:
        body = text
        weekday = _WEEKDAY.search(text)  # a date without the ";": from the first weekday, if a time follows
        if weekday and _CLOCK.search(text, weekday.end()):
            hop.timestamp = parse_date(text[weekday.start():])
    clauses = _clauses(" " + body + " ")
    if "from" in clauses:
        _from_clause(hop, clauses["from"])
    by = clauses.get("by")
    if by:
        hop.by_host = _host(by.split()[0]) if by.split() else None
        if _ADDRESS_COMMENT.search(by):
            hop.by_ip = _own_address(by)
    protocol = clauses.get("with")
    if protocol:
        hop.protocol = protocol.split()[0].strip(";") if protocol.split() else None
    ident = clauses.get("id")
    if ident:
        hop.smtp_id = ident.split()[0].strip("<>;") if ident.split() else None
        own = _ID_HOST.search(ident)
        if hop.by_host is None and own:
            hop.by_host = _host(own.group(1))  # Oracle Messaging Server: "from X (...) id <n@recorder>"
    envelope = clauses.get("for")
    if envelope:
        addr = _ENVELOPE.search(envelope)
        hop.envelope_for = addr.group(1).lower() if addr else None
    hop.auth = bool(_AUTH.search(text.lower()))
    return hop


def qmail_host(message_id: str | None, text: str = "") -> str | None:
    """The qmail host a message was made on: named by its Message-ID ("<20240624.44409.qmail@host>")
    or by qmail-send's own bounce ("This is the qmail-send program at host")."""
    found = _QMAIL_ID.search(message_id or "") or _QMAIL_SEND.search(text[:2000])
    return found.group(1).lower().rstrip(".") if found else None


def chain(lines: list[str], local_host: str | None = None) -> list[Hop]:
    """A message's Received headers, topmost first, with the host filled in where a line names none.

    qmail writes "(qmail 123 invoked from network)" and "(qmail 123 invoked for bounce)", Haraka
    "(Haraka outbound)": lines without any host. Each was written by the host that held the
    message at that moment: the receiver of the line below it or, at the bottom of the chain,
    the sender that the line above names. A chain of qmail lines only never left one host:
    ``local_host``, when the message names it (see ``qmail_host``). Such hosts are marked
    ``by_inferred``.
    """
    hops = [parse(line) for line in lines]
    for index in range(len(hops) - 1, -1, -1):
        hop = hops[index]
        if _hostless(hop) and index + 1 < len(hops) and hops[index + 1].by_host:
            hop.by_host, hop.by_inferred = hops[index + 1].by_host, True
    for index, hop in enumerate(hops):
        if _hostless(hop) and index > 0:
            above = hops[index - 1]
            sender = above.from_host or (above.from_helo if above.from_helo and "." in above.from_helo else None)
            if sender and sender != "unknown":
                hop.by_host, hop.by_inferred = sender, True
    if local_host and hops and all(_hostless(h) and "qmail" in h.raw for h in hops):
        for hop in hops:
            hop.by_host, hop.by_inferred = local_host, True
    return hops


def _hostless(hop: Hop) -> bool:
    return not (hop.by_host or hop.from_ip or hop.from_host) and bool(_LOCAL.search(hop.raw))


# The words of residential access pools, whole ("dsl", "dynamic") or as a prefix ("dsl-187-...").
_POOL_WORDS = (r"dyn(amic)?|pool|dsl|adsl|xdsl|cable|ppp|pppoe|dhcp|dial(up)?|cpe|broadband|customer|client|"
               r"res(idential)?|home|user")
_POOL_PREFIX = r"\b(dyn|pool|dsl|ppp|dhcp|cpe)[-.\d]"
# ("host3.golden.pl" is a server's name; an access pool's "host86-123-45-6..." spells the address.)
_DYNAMIC = re.compile(rf"(\d{{1,3}}[-.x]\d{{1,3}}[-.x]\d{{1,3}}[-.x]\d{{1,3}})|"
                      rf"\b({_POOL_WORDS}|static-?ip|ip-?\d)\b|{_POOL_PREFIX}", re.I)
# A pool's shared name: "static" straight under the ISP's registered domain ("static.vnpt.vn") names every
# address of a range, not a host (the other access words make a name dynamic wherever they stand).
_POOL_LABELS = frozenset({"static"})


# The words of residential access pools alone (looks_dynamic also counts any name that spells its
# address, which hosting providers' servers share: static.20.180.75.62.clients.your-server.de).
_RESIDENTIAL = re.compile(rf"\b({_POOL_WORDS}|hsd\d*|fios)\b|{_POOL_PREFIX}", re.I)


def looks_residential(host: str | None) -> bool:
    """Missing reverse DNS, or a name with the words of a residential pool (dsl, ppp, cable, dynamic...)."""
    return not host or host in ("unknown", "localhost") or bool(_RESIDENTIAL.search(host))


def looks_dynamic(host: str | None, ip: str | None = None) -> bool:
    """Missing reverse DNS, or a name that encodes an address or a residential pool."""
    if not host or host in ("unknown", "localhost"):
        return True
    if _DYNAMIC.search(host) or _pool_name(host):
        return True
    if ip and ip.count(".") == 3:
        a, b, c, d = ip.split(".")
        digits = re.sub(r"\D", "-", host).split("-")
        return d in digits and c in digits or _spells_packed(host, (a, b, c, d))
    return False


def _pool_name(host: str) -> bool:
    """A name made of an access word and the registered domain (static.vnpt.vn): a whole range's PTR."""
    first, _, rest = host.lower().partition(".")
    if not rest or first not in _POOL_LABELS:
        return False
    from .originals import registered_domain  # the offline public-suffix list (originals loads it once)
    return registered_domain(host) == rest


def _spells_packed(host: str, octets: tuple[str, ...]) -> bool:
    """The first label spells the address's octets run together, as some cable ISPs name their customers
    (1868139219.virtua.com.br for 186.8.139.219), with or without zero padding."""
    first = host.split(".")[0]
    return first in ("".join(octets), "".join(o.zfill(3) for o in octets))
