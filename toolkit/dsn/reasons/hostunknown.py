"""hostunknown: the recipient's domain does not exist (NXDOMAIN) or names no mail host.

Status codes (RFC 3463): X.1.2 bad destination system address; Microsoft's 5.4.310 "DNS domain does not
exist" (Exchange Online NDR reference). Phrases: Postfix ("Host or domain name not found. Name service error ... Host not found"),
Sendmail ("Host unknown (Name server: host not found)"), Exim ("Unrouteable address" with a domain
lookup failure), qmail ("Sorry, I couldn't find any host named").
"""

import re

from ._base import Fact

NAME = "hostunknown"
PSEUDO = "912"  # Sisimai's pseudo status X.0.912 when the notice has no code
STATUS = ("1.2", "4.310")  # subject.detail of permanent codes that name it
PHRASES = (
    r"host (or domain name )?(unknown|not found)",
    r"host \S+ not found",  # DragonFly dma "DNS lookup failure: host X not found"
    r"domain (not found|does not exist|is invalid)",
    r"name service error",
    r"no such domain",
    r"invalid domain",
    r"illegal host",  # Oracle Messaging Server "Illegal host/domain name found"
    r"unrouteable (mail )?domain",
    r"domain (name )?\S+ (does not exist|not exist|unknown)",
    r"unknown (host|domain)",  # Sendmail "Host unknown", Notes "unknown host"
    r"host not found",
    r"domain is not reachable",  # Outlook.com NDR "the domain is not reachable"
    r"\bnxdomain\b",
    r"couldn.t find any host (named|by that name)",  # qmail-remote "Sorry, I couldn't find any host named ... (#5.1.2)"
)

# Postfix: a DNS server that failed or answered garbage, not a domain that does not exist.
_TRY_AGAIN = re.compile(r"not found, try again|malformed or unexpected name server reply", re.I)
# Postfix's reject_unknown_helo_hostname: "Helo command rejected: Host not found" is about the CLIENT's name.
_HELO = re.compile(r"helo command rejected", re.I)


def holds(f: Fact) -> bool:
    """The status or the words; but "Host not found, try again" is a DNS server failing for now, not a missing
    domain, and a refused HELO's "Host not found" is the client's own name."""
    return f.name == NAME or (f.says(NAME) and not _TRY_AGAIN.search(f.text) and not _HELO.search(f.text))
