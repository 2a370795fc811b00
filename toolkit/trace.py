"""Where the original really came from: a trust-boundary walk down its Received chain.

The topmost lines were written by the bouncer's own mail system and can be
trusted; below the first hop that came from outside (a public address that
is not the receiving organisation's, not authenticated), lines were written
by the sender and can be forged. The origin is the first untrusted public IP
as recorded by a trusted receiver (SpamAssassin's idea, applied inside the
returned original). Lines below it were written by the sender and are counted
as forged (see _forged_below).

An open relay or a hijacked server is not the origin: the zombie handed it the spam and the
relay's own lines, just below, name the zombie. The walk therefore goes on past a named,
non-residential public hop whose line below is the relay's own: written under the name its
receiver recorded, the host name it announced, its address, its registered domain (or provider
family) or an inside name of the same organisation (EX01.opencorp.local). The relay's own hosts
and processes below that (amavis on localhost, Exchange back ends, a gateway's filter, qmail's
queue lines, Gmail's from-less handover) are passed, and the first public client outside the
relay, on an SMTP or webmail receiver's line stamped before the relay handed over, is the next
hop. The walk stops at the first residential or nameless host, or at the first line that does
not fit; what lies below that stays forged. The formats it is checked against are in
tests/test_relays.py, each with its source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from .received import Hop, is_public, looks_dynamic, looks_residential, parse, valid_ip


@lru_cache(maxsize=65536)
def org_domain(host: str | None) -> str | None:
    """The registered domain of a host name (offline public-suffix list), or None."""
    if not host or "." not in host:
        return None
    from .originals import registered_domain
    return registered_domain(host)


@dataclass
class Origin:
    ip: str | None = None
    host: str | None = None
    helo: str | None = None
    hop: int | None = None
    forged_hops: int = 0
    dynamic: bool | None = None


def _internal(hop: Hop, trusted: set[str]) -> bool:
    """A hop inside the receiving organisation: private address, same domain family, or authenticated."""
    if hop.from_ip is not None and not is_public(hop.from_ip):
        return True
    domain = org_domain(hop.from_host) or org_domain(_server_helo(hop.from_helo))
    return domain in trusted if domain else False


def _server_helo(helo: str | None) -> str | None:
    """A HELO name that can stand for the host: a server announces its own host name; a bare
    registered domain ("EHLO yahoo.com") is what spam software claims."""
    if not helo or org_domain(helo) == helo.lower():
        return None
    return helo


# Registered domains one mail provider writes its lines and notices under: a Gmail bounce comes
# from googlemail.com, its receivers write "by mx.google.com", its submission server "by smtp.gmail.com";
# Exchange Online's front ends are named under exchangelabs.com and outlook.office365.com.
PROVIDER_FAMILIES = (
    frozenset({"google.com", "gmail.com", "googlemail.com"}),
    frozenset({"outlook.com", "hotmail.com", "live.com", "microsoft.com", "exchangelabs.com", "office365.com"}),
    frozenset({"yahoo.com", "yahoodns.net", "yahoo.net", "aol.com"}),
)


def _families(domains: set[str]) -> set[str]:
    """The domains with the rest of their provider's family."""
    out = set(domains)
    for family in PROVIDER_FAMILIES:
        if out & family:
            out |= family
    return out


CLOCK_SKEW = timedelta(minutes=10)   # a relay's clock may run a little ahead of its receiver's
RELAY_QUEUE = timedelta(days=2)      # a relay that kept the message longer than this is not believed
# A mail receiver's "with" clause (RFC 5321 4.4 With, the RFC 3848 / RFC 6531 protocol types): SMTP, ESMTP,
# LMTP and UTF8SMTP/UTF8LMTP with their S/A/SA variants; Exim's esmtps/esmtpsa and IronPort's
# "ESMTP/TLS/cipher"; IceWarp's authenticated "with ASMTP"; MailEnable's "with MailEnable ESMTP"; Exchange's "with Microsoft SMTP Server" (2003 to
# Online); the Windows SMTP service's "with Microsoft SMTPSVC(6.0.3790.x)"; and a webmail front end's
# "with HTTP" (Roundcube, Horde "with HTTP (HTTP/1.1 POST)", SquirrelMail "with HTTP;": the web client wrote it).
_RECEIVED_WITH = re.compile(r"\bwith\s+(?:mailenable\s+)?(?:(?:utf8)?(?:e?smtp|lmtp)s?a?|esmtp\w*|asmtp|"
                            r"microsoft smtp server|microsoft smtpsvc|https?)\b", re.I)
# SMTP receivers that name no protocol (RFC 5321 4.4 makes "with" optional): Ipswitch IMail's daemon writes
# "from HELO [ip] by HOST (SMTPD32-8.15) id ID" and adds "with ESMTP" only after EHLO (IMail 12: "SMTPD-12.x").
_SMTP_PRODUCT = re.compile(r"\(SMTPD(?:32)?-\d[\d.]*\)", re.I)


def smtp_receiver(hop: Hop) -> bool:
    """The line was written by a mail (or webmail) receiver: its protocol, or its product's own mark."""
    return bool(_RECEIVED_WITH.search(hop.raw) or _SMTP_PRODUCT.search(hop.raw))
_RDNS_COMMENT = re.compile(r"\(\s*[^\s()\[\]]+\s*\[")  # "(name [ip])": the receiver logs reverse DNS
# Top-level names that never resolve on the Internet, used for a site's inside names: .local (RFC 6762,
# Active Directory's habit), .lan/.home/.corp/.internal/.intranet/.localdomain/.private (reserved or
# name-collision lists). An Exchange server known inside as EX01.opencorp.local writes that name.
INTERNAL_TLDS = frozenset({"local", "lan", "home", "corp", "internal", "intranet", "localdomain", "private", "intra"})


def _relay_name(relay: Hop) -> str | None:
    """The relay's name as its receiver recorded it: the reverse DNS, or for receivers that log only
    the announced name and the address ("from NAME (IP)", as Exchange does) that name, if it is a
    host's name (RFC 5321 4.1.1.1: the client's FQDN) and not a bare domain ("EHLO yahoo.com")."""
    if relay.from_host:
        return relay.from_host
    helo = _announced(relay)
    if helo and not _RDNS_COMMENT.search(relay.raw) and not _NO_RDNS.match(relay.raw):
        return helo
    return None


# "from unknown (HELO x)" (qmail, IronPort), "from [ip] (helo=x)" (Exim): the receiver found no name
_NO_RDNS = re.compile(r"from (?:unknown\b|\[)", re.I)


def _announced(hop: Hop) -> str | None:
    """The host name the client announced in HELO/EHLO, if it is one (a dotted name, not an address
    literal, not a bare domain): an MTA announces its own host name (RFC 5321 4.1.1.1) and writes
    the same name in the "by" of its own Received lines (4.4)."""
    helo = _server_helo(hop.from_helo)
    if not helo or "." not in helo or ipaddress_like(helo):
        return None
    return helo.lower().rstrip(".")


def ipaddress_like(name: str) -> bool:
    return bool(re.fullmatch(r"\[?[\d.:a-fA-F]+\]?", name))


HELD, CLAIMED = "held", "claimed"  # a line's client is the relay's own / only claims the relay's name


@dataclass
class _Site:
    """The relay a trusted receiver named: its name, address and the domains its own hosts write under."""
    name: str
    helo: str | None
    ip: str | None
    domains: set[str]
    strict: bool = False  # known only by its own host name: the line below must bear exactly that name

    @classmethod
    def of(cls, relay: Hop) -> "_Site | None":
        """The relay as a site, unless it is a residential host or has no name. A server whose reverse
        DNS spells its address (hosting: static.20.180.75.62.clients.your-server.de) but which announced
        a host name is believed only for a line below written under exactly that name or address."""
        name, helo = _relay_name(relay), _announced(relay)
        if not name:
            return None
        if not looks_dynamic(name, relay.from_ip):
            return cls(name, helo, relay.from_ip, _families({d for d in (org_domain(name),) if d}))
        if helo and not looks_residential(name) and not looks_dynamic(helo, relay.from_ip):
            return cls(name, helo, relay.from_ip, set(), strict=True)
        return None

    def wrote(self, hop: Hop) -> bool:
        """The line was written by one of the relay's hosts: under the name the trusted receiver recorded
        or the host name the relay announced, the address that receiver saw ("by HOST (IP)"), a host of
        the relay's registered domain (or provider family), or an inside name of the same organisation
        (EX01.opencorp.local for mail.opencorp.com)."""
        by = hop.by_host
        if not by or hop.by_inferred:
            return False
        if by in (self.name, self.helo) or self.ip in (hop.by_ip, valid_ip(by)) or self._short_name(by):
            return True
        if self.strict:
            return False
        return org_domain(by) in self.domains or _inside_name_of(by, self.domains)

    def _short_name(self, by: str) -> bool:
        """A host writing its bare host name ("by SERVER01", a Windows server's NetBIOS name; Sendmail with
        an unqualified $j): the first label of the name it is known by."""
        return "." not in by and any(n and n.split(".")[0] == by for n in (self.name, self.helo))

    def holds(self, hop: Hop) -> str | None:
        """Whether the line's client is one of the relay's own hosts or processes: HELD for no address
        (a local pickup, qmail's "invoked from network"), a loopback or private address (a content
        filter, a back end) or a public host whose reverse DNS the receiver recorded under the relay's
        domains; CLAIMED for a public client that only announced such a name (Exchange records no
        reverse DNS: its own back ends look like that, and so does a zombie saying "EHLO mail.<relay's
        domain>"); None for an outsider."""
        if hop.from_ip is None or not is_public(hop.from_ip):
            return HELD
        if hop.from_host:
            return HELD if org_domain(hop.from_host) in self.domains else None
        name = _relay_name(hop)
        return CLAIMED if name and org_domain(name) in self.domains else None


def _inside_name_of(host: str, domains: set[str]) -> bool:
    """An inside name (under a TLD that never resolves) of an organisation whose registered domain has the
    same name: opencorp.local for opencorp.com."""
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] not in INTERNAL_TLDS:
        return False
    return any(d.split(".")[0] == labels[-2] for d in domains)


def _anonymous(hop: Hop) -> bool:
    """A receiver that wrote no public name for itself ("by localhost", qmail's "by 0", an address)."""
    return hop.by_inferred or not hop.by_host or org_domain(hop.by_host) is None


def _handed_over(hops: list[Hop], found: int) -> int | None:
    """The client the relay at `found` received the message from, as the relay's own lines name it.

    Below the relay's line come its own: the first must be one it wrote (see _Site.wrote); lines of
    its own hosts and processes (amavis on 127.0.0.1, Exchange's back ends, a Proofpoint filter, Gmail's
    from-less handover) are passed, and the first public client outside it is the one, if an SMTP
    receiver of the relay wrote that line at a time that fits the handover."""
    relay = hops[found]
    site = _Site.of(relay)
    if site is None:
        return None
    tied, claimed = False, None
    for index in range(found + 1, len(hops)):
        hop = hops[index]
        if not hop.parse_ok:
            break
        if hop.by_inferred and hop.from_ip is None:
            continue  # qmail's "(qmail 123 invoked from network)": the next line's host, no news
        if not (site.wrote(hop) or tied and _anonymous(hop)):
            break  # a line the relay did not write: the chain stops fitting here
        tied = True
        held = site.holds(hop)
        if held == CLAIMED and claimed is None:
            claimed = index  # one of the relay's own hosts if the relay's lines go on below it
        if held:
            continue
        return index if _received_from(relay, hop) and not _claims_provider(hop, site) else None
    # the lines stopped fitting below a client that only claimed the relay's name: that client it is
    return claimed if claimed is not None and _received_from(relay, hops[claimed]) else None


PROVIDERS = frozenset().union(*PROVIDER_FAMILIES)


def _claims_provider(hop: Hop, site: _Site) -> bool:
    """The client is known only by the name it announced, a host of a large mail provider that is not the
    relay's own ("from mtaout-ddc1.mx.aol.com ([64.12.19.148]) by <relay> with Microsoft SMTPSVC"). A
    provider's outbound servers deliver to the recipients' MX, not through a stranger's server to a third
    domain; a line that says so on the announced name alone is the classic fake provider hop of ratware,
    so the walk does not believe it (the relay that wrote it is the origin)."""
    if hop.from_host:
        return False
    name = _announced(hop)
    domain = org_domain(name) if name else None
    return bool(domain and domain in PROVIDERS and domain not in site.domains)


def _received_from(relay: Hop, below: Hop) -> bool:
    """`below` is an SMTP (or webmail) receiver's line from a public client, stamped before the relay
    handed over."""
    if not below.by_host or not is_public(below.from_ip) or not smtp_receiver(below):
        return False
    if not (relay.timestamp and below.timestamp):
        return False
    try:
        lag = relay.timestamp - below.timestamp
    except TypeError:  # one stamp without a zone
        return False
    return -CLOCK_SKEW <= lag <= RELAY_QUEUE


def _forged_below(hops: list[Hop], found: int) -> int:
    """How many lines below the origin its host did not write about itself. A zombie (a residential or
    nameless host) runs no mail server: every line under its hop is the ratware's. A server that is the
    origin wrote its own lines about its own processes (a local pickup, qmail's "invoked by uid", a filter
    on localhost); the first line that is not one of those, and everything under it, is forged, even when
    it looks consistent ("by" the zombie's own HELO is the oldest trick)."""
    site = _Site.of(hops[found])
    own = found + 1
    while site is not None and own < len(hops) and _own_line(hops[own], site):
        own += 1
    return len(hops) - own


def _own_line(hop: Hop, site: _Site) -> bool:
    """A line the origin server wrote about a hand-over inside itself (no client from outside)."""
    if hop.by_inferred and hop.from_ip is None:
        return True  # qmail's "(qmail 123 invoked by uid 48)": the host it was made on
    return hop.parse_ok and site.wrote(hop) and site.holds(hop) == HELD


def origin(received: list[str] | list[Hop], receiver_domains: set[str] | None = None) -> Origin:
    """Walk the original's Received lines (topmost first, raw or parsed) to the first untrusted public hop."""
    hops = [r if isinstance(r, Hop) else parse(r) for r in received]
    if not hops:
        return Origin()
    trusted = _families(set(receiver_domains or ()) | {d for d in (org_domain(hops[0].by_host),) if d})
    found = None
    for index, hop in enumerate(hops):
        by_domain = org_domain(hop.by_host)
        if index and by_domain and by_domain not in trusted and hop.by_host not in trusted:
            break  # this line was not written by a receiver we trust
        if hop.from_ip is None:
            continue
        if _internal(hop, trusted) or hop.auth and is_public(hop.from_ip) is False:
            for name in (hop.from_host, hop.from_helo):
                if org_domain(name):
                    trusted.add(org_domain(name))
            continue
        found = index
        break
    if found is None:
        return Origin()
    hop = hops[found]
    if found + 1 < len(hops):  # an authenticated submission behind the sender's relay is the real origin
        below = hops[found + 1]
        relay = org_domain(hop.from_host) or org_domain(hop.from_helo)
        if below.auth and is_public(below.from_ip) and relay and relay == org_domain(below.by_host):
            found, hop = found + 1, below
    while (below := _handed_over(hops, found)) is not None:
        found, hop = below, hops[below]
    forged = _forged_below(hops, found)
    return Origin(hop.from_ip, hop.from_host, hop.from_helo, found, forged, looks_dynamic(hop.from_host, hop.from_ip))
