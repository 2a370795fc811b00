"""Mail providers whose replies mean something their words alone do not say.

Some providers answer with texts that a generic rule would misread: au
(KDDI) says "550 : User unknown" when the recipient's own filter refused the
sender, and "550 <addr>: User unknown" when there is no such user. A provider
module names its DOMAINS (recipient domains or remote-MTA host suffixes) and
its RULES (reason, phrase); they are tried before the format's own table and
the generic rules. Adding a provider: one module, one line here, one test row.
"""
from __future__ import annotations

import re

from . import facebook, godaddy, kddi, mimecast, verizon, yahoo

PROVIDERS = [kddi, yahoo, godaddy, mimecast, facebook, verizon]


def _serves(domains: tuple[frozenset[str], tuple[str, ...]], host: str) -> bool:
    """The host is one of the domains or a name under one (``domains`` as made by ``_domains``)."""
    names, suffixes = domains
    return host in names or host.endswith(suffixes)


def _domains(names) -> tuple[frozenset[str], tuple[str, ...]]:
    """A provider's domains, lower-cased, and the ".domain" suffixes of the names under them: built once."""
    lowered = tuple(d.lower() for d in names)
    return frozenset(lowered), tuple("." + d for d in lowered)


_COMPILED = [(p.__name__.rpartition(".")[2], _domains(p.DOMAINS),
              [(reason, re.compile(phrase, re.I)) for reason, phrase in p.RULES]) for p in PROVIDERS]
NAMES = tuple(name for name, _, _ in _COMPILED)


def reason_for(recipient: str | None, remote_mta: str | None, diagnostic: str | None,
               off: frozenset[str] = frozenset()) -> str | None:
    """The provider's own meaning of a diagnostic, when the recipient or the remote MTA is theirs
    (providers named in ``off`` are skipped)."""
    if not diagnostic:
        return None
    hosts = [h.lower().strip(".[] ") for h in ((recipient or "").rpartition("@")[2], remote_mta or "") if h]
    for name, domains, rules in _COMPILED:
        if name not in off and any(_serves(domains, host) for host in hosts):
            for reason, pattern in rules:
                if pattern.search(diagnostic):
                    return reason
    return None
