"""The reports: every notebook executes, the HTML works offline, the owner stays private,
hostile text stays text. A real browser (headless Chromium, no network) checks the rendering."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from toolkit.ingest import ingest
from toolkit.report import DEFAULT_NOTEBOOKS, build_reports
from toolkit.synth import generate, world

from helpers import mbox

PAYLOADS = ['<script>alert("subject")</script>', '<img src=x onerror=alert(1)>']
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def hostile_bounce(i: int) -> str:
    """A qmail bounce whose returned spam carries script in its subject and sender name."""
    return (f"Return-Path: <>\nFrom: MAILER-DAEMON@mx{i}.hostile-bouncer{i}.example\n"
            f"To: xqzv{i}@{world.OWNER_DOMAIN}\nSubject: failure notice\n"
            f"Date: Tue, 05 Mar 2024 10:0{i}:00 +0000\nMessage-ID: <h{i}@hostile.example>\n"
            f"Received: from mx{i}.hostile-bouncer{i}.example (mx{i}.hostile-bouncer{i}.example [64.71.161.{i + 10}])"
            f" by mx1.{world.OWNER_DOMAIN} (Postfix) with ESMTP id H{i}; Tue, 05 Mar 2024 10:0{i}:05 +0000\n\n"
            "Hi. This is the qmail-send program at mx.\n"
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
            f"<victim{i}@hostile-bouncer{i}.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
            "--- Below this line is a copy of the message.\n\n"
            f"Received: from qq (ppp-95-25-3-{i}.dynamic.rt.ru [95.25.3.{i}]) by mx{i}.hostile-bouncer{i}.example "
            f"(Postfix) with SMTP id Z{i}; Tue, 05 Mar 2024 09:59:00 +0000\n"
            f'From: "{PAYLOADS[1]}" <xqzv{i}@{world.OWNER_DOMAIN}>\nTo: victim{i}@hostile-bouncer{i}.example\n'
            f"Subject: {PAYLOADS[0]}\nMessage-ID: <spam{i}@{world.OWNER_DOMAIN}>\n"
            "Date: Tue, 05 Mar 2024 09:58:00 +0000\n\nbuy now http://evil-pills.example.com/x\n")


def tiny_geoip(folder):
    """A GeoLite2-format City and ASN database covering the sample's access networks (test data only)."""
    from mmdb_writer import MMDBWriter
    from netaddr import IPSet

    folder.mkdir()
    city = MMDBWriter(ip_version=6, database_type="GeoLite2-City", ipv4_compatible=True)
    asn = MMDBWriter(ip_version=6, database_type="GeoLite2-ASN", ipv4_compatible=True)
    for number, (country, (_, prefixes)) in enumerate(sorted(world.ACCESS_NETWORKS.items()), 64500):
        networks = IPSet([f"{p}.0.0/16" for p in prefixes])
        city.insert_network(networks, {"country": {"iso_code": country}})
        asn.insert_network(networks, {"autonomous_system_number": number,
                                      "autonomous_system_organization": f"Access {country}"})
    city.to_db_file(str(folder / "GeoLite2-City.mmdb"))
    asn.to_db_file(str(folder / "GeoLite2-ASN.mmdb"))
    return folder


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    work = tmp_path_factory.mktemp("report")
    generate(work / "raw", seed=11, days=14, scale=0.3)
    hostile = work / "raw" / "mail" / "Hostile.mbox"
    hostile.write_text(mbox(*[hostile_bounce(i) for i in range(1, 6)]))
    ingest([work / "raw" / "mail"], work / "tables", cache_dir=work / "cache", progress=False,
           geoip_dir=tiny_geoip(work / "GeoIP"))
    paths = build_reports(work / "tables", work / "reports", progress=False, labels=work / "raw" / "labels.jsonl")
    return {p.name: p for p in paths}


def test_every_notebook_becomes_a_report_and_the_index_links_them(reports):
    assert set(reports) == {f"{n}.html" for n in DEFAULT_NOTEBOOKS} | {"index.html"}
    index = reports["index.html"].read_text()
    for name in DEFAULT_NOTEBOOKS:
        assert f'href="{name}.html"' in index
    assert "backscatter notifications" in index and "spam runs" in index


def test_reports_need_no_network(reports):
    for name, path in reports.items():
        page = path.read_text()
        external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', page)
        assert not [u for u in external if "plot" in u or "require" in u], (name, external)
        if name != "index.html":
            assert "Plotly.newPlot" in page or "plotly" in page.lower()
    assert "PlotlyGeoAssets.topojson['world_110m']" in reports["03-zombie-map.html"].read_text()


def test_no_owner_address_in_any_report(reports):
    for name, path in reports.items():
        page = path.read_text().lower()
        assert world.OWNER_ADDR not in page, name
        assert world.OWNER_DOMAIN not in page, name


def test_hostile_text_stays_text(reports):
    shown = 0
    for name, path in reports.items():
        page = path.read_text()
        for payload in PAYLOADS:
            assert payload not in page, (name, payload)
        shown += bool(re.search(r"&lt;script&gt;alert\((&quot;|\\\"|\")subject", page))
    assert shown >= 1  # the spam runs report lists the subject, escaped


def chromium(path, *extra):
    """Headless Chromium with every host name unresolvable: a page that needs the network fails."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={path.parent / '.chrome'}",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=10000", *extra, f"file://{path}"],
        capture_output=True, text=True, timeout=120)
    return done.stdout, done.stderr


@pytest.mark.skipif(not CHROMIUM, reason="no Chromium on this machine (`make test` installs Debian's chromium as root)")
@pytest.mark.parametrize("name", DEFAULT_NOTEBOOKS)
def test_reports_render_in_a_browser_offline(reports, name):
    dom, log = chromium(reports[f"{name}.html"], "--dump-dom")
    errors = [line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]
    assert not errors, errors
    assert dom.count('class="main-svg"') >= 1
    if name == "03-zombie-map":
        countries = re.search(r'<g class="layer countries"[^>]*>\s*<path[^>]* d="M[^"]{200,}', dom)
        assert countries, "the world map drew no countries"
        assert dom.count('class="choroplethlocation"') >= 1
