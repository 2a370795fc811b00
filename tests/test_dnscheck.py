"""Live DNS checks, with a fake resolver: they are off by default and never run in tests."""
from __future__ import annotations

import polars as pl

from toolkit import dnscheck


def test_dnsbl_and_reverse_dns_with_cache(tmp_path):
    asked = []

    def resolve(name):
        asked.append(name)
        if name == "9.160.71.64.ips.backscatterer.org":
            return "127.0.0.2"
        raise OSError("NXDOMAIN")

    def reverse(ip):
        return ("MX.Example.COM", [], [ip])

    cache = tmp_path / "dns.json"
    frame = dnscheck.check(["64.71.160.9", "192.0.2.1", "64.71.160.9"], resolve=resolve, reverse=reverse,
                           cache_path=cache, now=1000.0)
    rows = {r["ip"]: r for r in frame.to_dicts()}
    assert rows["64.71.160.9"]["dnsbl_listed"] == ["ips.backscatterer.org"]
    assert rows["192.0.2.1"]["dnsbl_listed"] == [] and rows["192.0.2.1"]["rdns_live"] == "mx.example.com"
    assert len(asked) == 2
    dnscheck.check(["64.71.160.9"], resolve=resolve, reverse=reverse, cache_path=cache, now=2000.0)
    assert len(asked) == 2  # answered from the cache
    dnscheck.check(["64.71.160.9"], resolve=resolve, reverse=reverse, cache_path=cache, now=1000.0 + 2 * dnscheck.TTL)
    assert len(asked) == 3  # stale entries are asked again


def test_ipv6_query_names():
    assert dnscheck._query_name("2001:db8::1", "z.example").startswith("1.0.0.0.0.0.0.0")
    assert dnscheck._query_name("1.2.3.4", "z.example") == "4.3.2.1.z.example"


def test_ingest_does_not_look_anything_up_by_default(tmp_path, monkeypatch):
    import socket

    from toolkit.ingest import ingest

    from helpers import mbox, message

    def refuse(*args, **kwargs):
        raise AssertionError("no network by default")
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    monkeypatch.setattr(socket, "gethostbyaddr", refuse)
    box = tmp_path / "box.mbox"
    box.write_text(mbox(message("hello")))
    ingest([box], tmp_path / "out", cache_dir=tmp_path / "c", progress=False)
    assert pl.read_parquet(tmp_path / "out" / "bouncers.parquet")["dnsbl_listed"].null_count() == 0
