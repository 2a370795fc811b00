"""GeoIP and ASN from tiny databases written by the tests (never the real ones, never the network)."""
from __future__ import annotations

import datetime as dt
import socket

import polars as pl
import pytest
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from toolkit import geo
from toolkit.errors import ToolkitError


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("GeoIP lookups must not touch the network")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def write(path, database_type, networks):
    writer = MMDBWriter(ip_version=6, database_type=database_type, ipv4_compatible=True)
    for cidr, record in networks:
        writer.insert_network(IPSet([cidr]), record)
    writer.to_db_file(str(path))


@pytest.fixture
def maxmind(tmp_path):
    folder = tmp_path / "GeoIP"
    folder.mkdir()
    write(folder / "GeoLite2-City.mmdb", "GeoLite2-City", [
        ("95.25.0.0/16", {"country": {"iso_code": "RU", "names": {"en": "Russia"}},
                          "city": {"names": {"en": "Moscow"}}, "location": {"latitude": 55.75, "longitude": 37.62}}),
        ("2a02:6b8::/32", {"country": {"iso_code": "RU", "names": {"en": "Russia"}}}),
    ])
    write(folder / "GeoLite2-ASN.mmdb", "GeoLite2-ASN", [
        ("95.25.0.0/16", {"autonomous_system_number": 12389, "autonomous_system_organization": "Rostelecom"}),
    ])
    return folder


@pytest.fixture
def embedded(tmp_path):
    folder = tmp_path / "embedded"
    folder.mkdir()
    write(folder / "dbip-country.mmdb", "country", [("180.245.0.0/16", {"country_code": "ID"})])
    pl.DataFrame({"start": [str(int.from_bytes(socket.inet_aton("180.245.0.0"), "big"))],
                  "end": [str(int.from_bytes(socket.inet_aton("180.245.255.255"), "big"))],
                  "asn": [7713], "as_org": ["Telkom"], "version": [4]},
                 schema={"start": pl.String, "end": pl.String, "asn": pl.UInt32, "as_org": pl.String,
                         "version": pl.UInt8}).write_parquet(folder / "asn.parquet")
    return folder


def test_maxmind_city_and_asn(maxmind):
    db = geo.open_geo(maxmind, today=dt.date.today())
    frame = db.enrich(pl.Series(["95.25.3.4", "95.25.3.4", "2a02:6b8::1", "10.0.0.1", "8.8.8.8", None]))
    rows = {r["ip"]: r for r in frame.to_dicts()}
    assert frame.height == 4
    assert rows["95.25.3.4"] | {} == {"ip": "95.25.3.4", "country_iso": "RU", "country": "Russia", "asn": 12389,
                                      "as_org": "Rostelecom", "city": "Moscow", "latitude": 55.75, "longitude": 37.62}
    assert rows["2a02:6b8::1"]["country_iso"] == "RU" and rows["2a02:6b8::1"]["asn"] is None
    assert rows["10.0.0.1"]["country_iso"] is None and rows["8.8.8.8"]["country_iso"] is None
    assert "MaxMind" in db.describe() and not db.warnings


def test_embedded_dbip_country_and_asn_table(embedded):
    db = geo.open_geo(None, standard_dirs=(), embedded_dir=embedded, today=dt.date.today())
    row = db.enrich(pl.Series(["180.245.36.17"])).row(0, named=True)
    assert (row["country_iso"], row["country"], row["asn"], row["as_org"]) == ("ID", "Indonesia", 7713, "Telkom")
    assert "DB-IP" in db.describe()


def test_stale_database_is_reported(maxmind):
    db = geo.open_geo(maxmind, today=dt.date.today() + dt.timedelta(days=90))
    assert any("stale" in w for w in db.warnings)


def test_configured_folder_without_databases_is_an_error(tmp_path, monkeypatch):
    with pytest.raises(ToolkitError, match="no GeoLite2"):
        geo.open_geo(tmp_path / "nothing-here")
    monkeypatch.setenv(geo.ENV_VAR, str(tmp_path))
    with pytest.raises(ToolkitError):
        geo.open_geo(None)


def test_no_database_at_all_is_said_not_silent(tmp_path):
    db = geo.open_geo(None, standard_dirs=(tmp_path / "a",), embedded_dir=tmp_path / "b")
    assert db.kind == "none" and "no GeoIP database" in db.describe()
    frame = db.enrich(pl.Series(["95.25.3.4"]))
    assert frame.height == 1 and frame["country_iso"].null_count() == 1


def test_standard_locations_are_used(maxmind):
    db = geo.open_geo(None, standard_dirs=(maxmind,))
    assert db.kind == "maxmind" and db.location == maxmind
