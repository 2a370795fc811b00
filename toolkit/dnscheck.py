"""Optional live DNS checks of bouncers: reverse DNS and DNSBL listings (e.g. ips.backscatterer.org).

Off unless asked for (``backscatter ingest --dns``): the toolkit makes no network call by default.
Answers are cached in data/interim/dns-cache.json for a day, so re-runs ask again only for new
addresses. The resolver is injectable, so tests never touch the network.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import time
from pathlib import Path
from typing import Callable

import polars as pl

from . import config

ZONES = ("ips.backscatterer.org",)
CACHE = config.INTERIM_DIR / "dns-cache.json"
TTL = 24 * 3600


def _query_name(ip: str, zone: str) -> str | None:
    addr = ipaddress.ip_address(ip)
    if addr.version == 4:
        return ".".join(reversed(ip.split("."))) + "." + zone
    nibbles = addr.exploded.replace(":", "")
    return ".".join(reversed(nibbles)) + "." + zone


def _listed(name: str, resolve: Callable[[str], str]) -> bool:
    try:
        answer = resolve(name)
    except OSError:
        return False
    return answer.startswith("127.")


def _reverse(ip: str, reverse: Callable[[str], tuple]) -> str | None:
    try:
        return reverse(ip)[0].lower()
    except OSError:
        return None


def check(ips: list[str], zones=ZONES, *, resolve=socket.gethostbyname, reverse=socket.gethostbyaddr,
          cache_path: Path | None = CACHE, now: float | None = None) -> pl.DataFrame:
    """ip, rdns_live, dnsbl_listed (the zones that list it) for each distinct address."""
    now = now or time.time()
    cache = {}
    if cache_path and cache_path.exists():
        cache = json.loads(cache_path.read_text())
    rows = []
    for ip in sorted(set(ips)):
        entry = cache.get(ip)
        if not entry or now - entry["at"] > TTL:
            listed = [z for z in zones if (q := _query_name(ip, z)) and _listed(q, resolve)]
            entry = {"at": now, "rdns": _reverse(ip, reverse), "listed": listed}
            cache[ip] = entry
        rows.append({"ip": ip, "rdns_live": entry["rdns"], "dnsbl_listed": entry["listed"]})
    if cache_path:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache))
    return pl.DataFrame(rows, schema={"ip": pl.String, "rdns_live": pl.String, "dnsbl_listed": pl.List(pl.String)})
