"""Block lists of bouncer IPs in the formats their consumers read.

- ``ips.txt``: one address a line.
- ``cidr.txt``: adjacent addresses merged into the smallest covering networks.
- ``backscatter.ip4set``: an rbldnsd ip4set zone: a default ``:A:TXT`` line, then one entry a
  line (``$`` in the TXT is replaced by the queried address); IPv4 only, as ip4set is.
- ``postfix_access``: a Postfix access(5) table for ``check_client_access`` (run ``postmap``).
- ``bouncers.csv``: the evidence behind every entry (text cells CSV-safe: see safe.py).
"""
from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import polars as pl

from ..store import write_text_atomic
from .safe import csv_frame


def _addresses(listed: pl.DataFrame) -> list[ipaddress._BaseAddress]:
    return sorted({ipaddress.ip_address(ip) for ip in listed["bouncer_ip"].to_list()},
                  key=lambda a: (a.version, int(a)))


def write(listed: pl.DataFrame, out: Path, min_evidence: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    addresses = _addresses(listed)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = f"# backscatter sources: {len(addresses)} address(es) with at least {min_evidence} backscatter " \
             f"notification(s); generated {stamp} by backscatter-toolkit\n"
    networks = [n for v in (4, 6) for n in ipaddress.collapse_addresses(
        ipaddress.ip_network(a) for a in addresses if a.version == v)]
    evidence = {row["bouncer_ip"]: row for row in listed.iter_rows(named=True)}
    written = {
        "ips.txt": header + "".join(f"{a}\n" for a in addresses),
        "cidr.txt": header + "".join(f"{n}\n" for n in networks),
        "backscatter.ip4set": header + ":127.0.0.2:Backscatter source, see $ sending notifications to forged senders\n"
        + "".join(f"{a}\n" for a in addresses if a.version == 4),
        "postfix_access": header + "".join(
            f"{a} REJECT backscatter: {evidence[str(a)]['backscatter']} notifications to forged senders "
            f"{evidence[str(a)]['first_seen']:%Y-%m-%d}..{evidence[str(a)]['last_seen']:%Y-%m-%d}\n"
            for a in addresses),
    }
    paths = []
    for name, text in written.items():
        write_text_atomic(text, out / name)
        paths.append(out / name)
    csv = out / "bouncers.csv"
    csv_frame(listed.select("rank", "bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_software", "notifications",
                  "backscatter", "virus_spam", "with_original", "days_active", "first_seen", "last_seen",
                  "score")).write_csv(csv)
    return [*paths, csv]
