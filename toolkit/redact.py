"""Privacy for shared reports: pseudonyms for the owner and for the people the mail was about.

The owner's addresses and domain become `owner-N@owner.invalid`; every other address keeps its
domain (a bouncer's or a victim's domain is evidence) with its local part replaced by a short
keyed hash. The same input gives the same pseudonym within one report (one key per report);
across reports the key differs, so pseudonyms cannot be matched up or reversed by guessing.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from pathlib import PurePath

import polars as pl

# Starts only where a run of local-part characters starts, and never gives back what it took: linear
# on any text (the unanchored form went quadratic on a 100 KB run of letters).
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
_ADDRESS = re.compile(rf"(?<!{_LOCAL}){_LOCAL}++@[\w-]++(?:\.[\w-]++)++")
# A host-name-like run of labels, taken whole (the owner's domain is looked for among its labels):
# the pattern `(?:[\w-]+\.)*domain` went quadratic on long dotted runs.
_HOSTLIKE = re.compile(r"(?<![\w-])[\w-]++(?:\.[\w-]++)*+")
# Role mailboxes of mail systems are evidence, not people: kept as they are (outside the owner's domain).
ROLES = {"mailer-daemon", "postmaster", "abuse", "noreply", "no-reply", "bounce", "bounces", "root"}
OWNER_DOMAIN = "owner.invalid"


@dataclass
class Redactor:
    owner_addresses: list[str]
    owner_domains: list[str]
    key: bytes = field(default_factory=lambda: secrets.token_bytes(16))

    def __post_init__(self):
        self.owner_addresses = sorted({a.lower() for a in self.owner_addresses})
        self.owner_domains = sorted({d.lower() for d in self.owner_domains}, key=len, reverse=True)
        self._numbers = {a: i for i, a in enumerate(self.owner_addresses, 1)}
        # The owner's addresses wherever they stand, even glued to other text (`alice@example.org.mbox`).
        mine = "|".join(re.escape(a) for a in sorted(self.owner_addresses, key=len, reverse=True))
        self._owner = re.compile(mine, re.I) if mine else None
        self._domain_labels = [d.split(".") for d in self.owner_domains]

    def address(self, addr: str) -> str:
        low = addr.lower()
        local, _, domain = low.rpartition("@")
        if low in self._numbers:
            return f"owner-{self._numbers[low]}@{OWNER_DOMAIN}"
        if domain == OWNER_DOMAIN or domain.startswith(OWNER_DOMAIN + "."):  # a pseudonym already
            return addr
        tag = hmac.new(self.key, low.encode(), hashlib.sha256).hexdigest()[:8]
        if any(domain == d or domain.endswith("." + d) for d in self.owner_domains):
            return f"user-{tag}@{OWNER_DOMAIN}"
        if local in ROLES:
            return low
        return f"user-{tag}@{domain}"

    def text(self, value: str | None) -> str | None:
        """Every address in a text pseudonymised, then any remaining mention of the owner's domain.

        Linear in the text's length (a 1 MB subject takes milliseconds).
        """
        if value is None:
            return None
        if self._owner is not None:
            value = self._owner.sub(lambda m: self.address(m.group(0)), value)
        value = _ADDRESS.sub(lambda m: self.address(m.group(0)), value)
        if self._domain_labels:
            value = _HOSTLIKE.sub(self._owner_domain_in, value)
        return value

    def _owner_domain_in(self, match: re.Match) -> str:
        """A host-like token with the owner's domain (and its subdomains) replaced by OWNER_DOMAIN."""
        token = match.group(0)
        labels = token.lower().split(".")
        for domain in self._domain_labels:
            width = len(domain)
            for start in range(len(labels) - width + 1):
                if labels[start:start + width] == domain:
                    return ".".join([OWNER_DOMAIN, *token.split(".")[start + width:]])
        return token

    def path(self, value: str | PurePath | None) -> str | None:
        """A local path as a shared report may show it: its last part only, redacted."""
        if value is None:
            return None
        return self.text(PurePath(value).name or str(value))

    def frame(self, frame: pl.DataFrame) -> pl.DataFrame:
        """All text and list-of-text columns of a frame, redacted (for display only)."""
        exprs = []
        for name, dtype in frame.schema.items():
            if dtype == pl.String:
                exprs.append(pl.col(name).map_elements(self.text, return_dtype=pl.String, skip_nulls=True))
            elif dtype == pl.List(pl.String):
                exprs.append(pl.col(name).list.eval(
                    pl.element().map_elements(self.text, return_dtype=pl.String, skip_nulls=True)))
        return frame.with_columns(exprs) if exprs else frame


class NoRedaction(Redactor):
    """For the owner's own eyes: shows everything as it is."""

    def __init__(self):
        super().__init__([], [])

    def text(self, value: str | None) -> str | None:
        return value

    def path(self, value: str | PurePath | None) -> str | None:
        return None if value is None else (PurePath(value).name or str(value))

    def frame(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame


def for_corpus(manifest: dict, redact: bool, owner: str | None = None) -> Redactor:
    """The redactor a notebook uses: the owner from the parameter, else from the ingest manifest."""
    if not redact:
        return NoRedaction()
    known = manifest.get("owner") or {}
    addresses = [a.strip() for a in (owner or "").split(",") if a.strip()] or known.get("addresses", [])
    domains = sorted({a.rsplit("@", 1)[-1] for a in addresses} | set(known.get("domains", [])))
    return Redactor(addresses, domains)
