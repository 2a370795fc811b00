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

import polars as pl

_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
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
        domains = "|".join(re.escape(d) for d in self.owner_domains)
        self._domain = re.compile(rf"(?<![\w-])(?:[\w-]+\.)*(?:{domains})(?![\w-])", re.I) if domains else None

    def address(self, addr: str) -> str:
        low = addr.lower()
        local, _, domain = low.rpartition("@")
        if low in self._numbers:
            return f"owner-{self._numbers[low]}@{OWNER_DOMAIN}"
        tag = hmac.new(self.key, low.encode(), hashlib.sha256).hexdigest()[:8]
        if self._domain is not None and self._domain.fullmatch(domain):
            return f"user-{tag}@{OWNER_DOMAIN}"
        if local in ROLES:
            return low
        return f"user-{tag}@{domain}"

    def text(self, value: str | None) -> str | None:
        """Every address in a text pseudonymised, then any remaining mention of the owner's domain."""
        if value is None:
            return None
        value = _ADDRESS.sub(lambda m: self.address(m.group(0)), value)
        if self._domain is not None:
            value = self._domain.sub(OWNER_DOMAIN, value)
        return value

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
