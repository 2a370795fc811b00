"""Where the original really came from: a trust-boundary walk down its Received chain.

The topmost lines were written by the bouncer's own mail system and can be
trusted; below the first hop that came from outside (a public address that
is not the receiving organisation's, not authenticated), lines were written
by the sender and can be forged. The origin is the first untrusted public IP
as recorded by a trusted receiver (SpamAssassin's idea, applied inside the
returned original). Lines below it are checked for the marks of forgery.

An open relay or a hijacked server is not the origin: the zombie handed it the spam and the
relay's own line, just below, names the zombie. The walk therefore goes on past a public hop
whose line below is the relay's own (its `by` is the host the trusted receiver saw, its time
fits, it reads as an SMTP receiver's line) and stops at the first dynamic or residential host
or the first line that does not fit; what lies below that stays forged.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from .received import Hop, is_public, looks_dynamic, parse


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


def _reserved(ip: str | None) -> bool:
    if not ip:
        return False
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return True
    return not addr.is_global


def _forged(below: Hop, above: Hop) -> bool:
    """A line the sender wrote that does not fit the chain it claims to continue."""
    if not below.parse_ok or below.by_host is None:
        return True
    if _reserved(below.from_ip):
        return True
    claimed = {x for x in (above.from_host, above.from_helo, above.from_ip) if x}
    names = {below.by_host, org_domain(below.by_host)}
    if claimed and not (names & (claimed | {org_domain(c) for c in claimed})):
        return True
    if above.timestamp and below.timestamp and below.timestamp > above.timestamp:
        return True
    return False


# Registered domains one mail provider writes its lines and notices under: a Gmail bounce comes
# from googlemail.com, its receivers write "by mx.google.com".
PROVIDER_FAMILIES = (
    frozenset({"google.com", "gmail.com", "googlemail.com"}),
    frozenset({"outlook.com", "hotmail.com", "live.com", "microsoft.com"}),
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
# An SMTP receiver's "with" clause: ESMTP/SMTP/LMTP and their S/A variants, UTF8SMTP, Exchange's own.
_SMTP = re.compile(r"\bwith\s+(e?smtps?a?|lmtps?a?|esmtp\w*|utf8s?m?tpa?|microsoft smtp server)\b", re.I)
_RDNS_COMMENT = re.compile(r"\(\s*[^\s()\[\]]+\s*\[")  # "(name [ip])": the receiver logs reverse DNS


def _relay_name(relay: Hop) -> str | None:
    """The relay's name as its receiver recorded it: the reverse DNS, or for receivers that log only
    the announced name and the address ("from NAME (IP)", as Exchange does) that name."""
    if relay.from_host:
        return relay.from_host
    if relay.from_helo and "." in relay.from_helo and not _RDNS_COMMENT.search(relay.raw) \
            and not ipaddress_like(relay.from_helo):
        return relay.from_helo.lower()
    return None


def ipaddress_like(name: str) -> bool:
    return bool(re.fullmatch(r"\[?[\d.:a-fA-F]+\]?", name))


def _relayed(relay: Hop, below: Hop) -> bool:
    """`below` is the relay's own line: the relay (a named, non-residential host as the trusted
    receiver recorded it) received the message there from the public host it names."""
    name = _relay_name(relay)
    if not name or looks_dynamic(name, relay.from_ip):
        return False
    if not below.parse_ok or below.by_inferred or not below.by_host or not is_public(below.from_ip):
        return False
    if not _SMTP.search(below.raw):
        return False
    if below.by_host != name and org_domain(below.by_host) != org_domain(name):
        return False
    if not (relay.timestamp and below.timestamp):
        return False
    try:
        lag = relay.timestamp - below.timestamp
    except TypeError:  # one stamp without a zone
        return False
    return -CLOCK_SKEW <= lag <= RELAY_QUEUE


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
    while found + 1 < len(hops) and _relayed(hop, hops[found + 1]):
        found, hop = found + 1, hops[found + 1]
    forged = sum(1 for upper, lower in zip(hops[found:], hops[found + 1:]) if _forged(lower, upper))
    return Origin(hop.from_ip, hop.from_host, hop.from_helo, found, forged, looks_dynamic(hop.from_host, hop.from_ip))
