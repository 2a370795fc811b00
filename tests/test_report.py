"""The reports: every notebook executes, the HTML works offline, the owner stays private,
hostile text stays text. A real browser (headless Chromium, no network) checks the rendering."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import polars as pl
import pytest

from toolkit import config, overview, plots
from toolkit import report as report_module
from toolkit.ingest import ingest
from toolkit.redact import Redactor
from toolkit.report import DEFAULT_NOTEBOOKS, PrivacyWarning, build_reports
from toolkit.synth import generate, world
from toolkit.verdict import Owner

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


# A subject this long once took a report over ten minutes to render.
HUGE_SUBJECT = "Re: " + "cheap pills " * 90_000


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def reports(work):
    """The sample plus hostile mail, in folders and files named after the owner (as IMAP exports are)."""
    generate(work / "raw", seed=11, days=14, scale=0.3)
    owner_folder = work / "raw" / "mail" / world.OWNER_ADDR  # e.g. jordan@quietmeadow.net/INBOX.mbox
    owner_folder.mkdir()
    (owner_folder / "INBOX.mbox").write_text(mbox(*[hostile_bounce(i) for i in range(1, 6)]))
    (owner_folder / f"{world.OWNER_ADDR}.mbox").write_text(
        mbox(*[hostile_bounce(i).replace(f"Subject: {PAYLOADS[0]}", f"Subject: {HUGE_SUBJECT}") for i in (7, 8)]))
    (owner_folder / f"{world.OWNER_ADDR}.notes.dat").write_bytes(b"\0\1\2 not mail")  # skipped, listed
    ingest([work / "raw" / "mail"], work / "tables", cache_dir=work / "cache", progress=False,
           geoip_dir=tiny_geoip(work / "GeoIP"), owner=Owner(addresses=(world.OWNER_ADDR,)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PrivacyWarning)
        started = time.monotonic()
        paths = build_reports(work / "tables", work / "reports", progress=False,
                              labels=work / "raw" / "labels.jsonl")
        seconds = time.monotonic() - started
    scrubbed = [str(w.message) for w in caught if issubclass(w.category, PrivacyWarning)]
    return {"pages": {p.name: p for p in paths}, "scrubbed": scrubbed, "seconds": seconds}


def test_every_notebook_becomes_a_report_and_the_index_links_them(reports):
    reports = reports["pages"]
    assert set(reports) == {f"{n}.html" for n in DEFAULT_NOTEBOOKS} | {"index.html"}
    index = reports["index.html"].read_text()
    for name in DEFAULT_NOTEBOOKS:
        assert f'href="{name}.html"' in index
    assert "backscatter notifications" in index and "spam runs" in index


def test_reports_need_no_network(reports):
    reports = reports["pages"]
    for name, path in reports.items():
        page = path.read_text()
        external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', page)
        assert not [u for u in external if "plot" in u or "require" in u], (name, external)
        if name != "index.html":
            assert "Plotly.newPlot" in page or "plotly" in page.lower()
    assert "PlotlyGeoAssets.topojson['world_110m']" in reports["03-zombie-map.html"].read_text()


def test_reports_share_one_plotly_js(reports):
    """plotly.js once in assets/, each page loading it by relative path: pages stay small."""
    pages = {n: p for n, p in reports["pages"].items() if n != "index.html"}
    asset = next(iter(pages.values())).parent / "assets" / "plotly.min.js"
    assert asset.stat().st_size > 1_000_000
    for name, path in pages.items():
        page = path.read_text()
        assert page.count('src="assets/plotly.min.js"') == 1, name
        assert path.stat().st_size < 1_500_000, (name, path.stat().st_size)


def test_no_owner_address_nor_local_path_in_any_report(reports, work):
    """Not in mailbox or folder names, legends, hover texts, skipped files, the GeoIP note, the index."""
    assert len(reports["pages"]) == len(DEFAULT_NOTEBOOKS) + 1
    local = {str(work), str(work.resolve()), str(config.ROOT), str(config.EXTERNAL_DIR),
             str(Path.home()) + "/", tempfile.gettempdir() + "/"}
    for name, path in reports["pages"].items():
        page = path.read_text()
        assert world.OWNER_ADDR not in page.lower(), name
        assert world.OWNER_DOMAIN not in page.lower(), name
        assert [p for p in local if p in page] == [], name
    overview_page = reports["pages"]["00-overview.html"].read_text()
    assert "owner-1@owner.invalid" in overview_page  # the owner-named mailboxes are shown, pseudonymised
    assert "GeoIP: MaxMind GeoIP2/GeoLite2 (GeoLite2-City.mmdb, GeoLite2-ASN.mmdb), built" in overview_page


def test_the_notebooks_redact_by_themselves(reports):
    """The final scrub is a safety net: it found nothing to do."""
    assert reports["scrubbed"] == []


def test_a_huge_subject_is_cut_for_display(reports):
    pages = [path.read_text() for path in reports["pages"].values()]
    assert any("cheap pills cheap pills" in page for page in pages)  # shown (the spam runs' subjects) ...
    assert not any("cheap pills " * 100 in page for page in pages)  # ... but cut
    assert reports["seconds"] < 60 * len(DEFAULT_NOTEBOOKS)


def test_redaction_and_display_of_a_megabyte_value_is_fast():
    red = Redactor([world.OWNER_ADDR], [world.OWNER_DOMAIN])
    frame = pl.DataFrame({"subject": [HUGE_SUBJECT, "a." * 500_000, f"x{world.OWNER_ADDR}" * 20_000],
                          "source": [f"/home/u/{world.OWNER_ADDR}/INBOX.mbox", "b", "c"]})
    started = time.monotonic()
    shown = plots.html_table(red.frame(frame))
    assert time.monotonic() - started < 5
    assert world.OWNER_ADDR not in shown and len(shown) < 10 * plots.MAX_CELL_CHARS + 2000


@pytest.mark.parametrize("text,shown", [
    (f"{world.OWNER_ADDR}/INBOX.mbox", "owner-1@owner.invalid/INBOX.mbox"),
    (f"{world.OWNER_ADDR.upper()}.mbox", "owner-1@owner.invalid.mbox"),
    (f"mx2.{world.OWNER_DOMAIN}.", "owner.invalid."),
    (f"not{world.OWNER_DOMAIN}", f"not{world.OWNER_DOMAIN}"),
    ("postmaster@bouncer.example", "postmaster@bouncer.example"),
])
def test_redactor_finds_the_owner_inside_names(text, shown):
    assert Redactor([world.OWNER_ADDR], [world.OWNER_DOMAIN]).text(text) == shown


@pytest.mark.parametrize("geoip,expected,absent", [
    ({"kind": "embedded", "location": "/srv/x/data/external/geoip", "database": "dbip-country.mmdb",
      "built": "2026-01-01", "attribution": "IP geolocation by DB-IP", "warnings": ["GeoIP database in /srv/x is stale"]},
     "DB-IP Lite (embedded) (dbip-country.mmdb), built 2026-01-01 (100 days old; stale). IP geolocation by DB-IP",
     "/srv/x"),
    ({"kind": "none", "warnings": ["no GeoIP database found (none in /usr/share/GeoIP, no /srv/x/dbip.mmdb)"]},
     "No GeoIP database was available", "/srv/x"),
])
def test_geoip_note_names_the_source_and_age_never_a_path(geoip, expected, absent):
    import datetime as dt

    note = overview.geoip_note({"geoip": geoip}, today=dt.date(2026, 4, 11))
    assert expected in note and absent not in note


def test_hostile_text_stays_text(reports):
    shown = 0
    for name, path in reports["pages"].items():
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
    dom, log = chromium(reports["pages"][f"{name}.html"], "--dump-dom")
    errors = [line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]
    assert not errors, errors
    assert dom.count('class="main-svg"') >= 1
    if name == "03-zombie-map":
        countries = re.search(r'<g class="layer countries"[^>]*>\s*<path[^>]* d="M[^"]{200,}', dom)
        assert countries, "the world map drew no countries"
        assert dom.count('class="choroplethlocation"') >= 1


# --- a killed or stuck report leaves no kernel running ------------------------------------------------

SPIN = {"cells": [{"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
                   "outputs": [], "source": ["params = {}\n"]},
                  {"cell_type": "code", "execution_count": None, "id": "s", "metadata": {}, "outputs": [],
                   "source": ["import os, re\n", "marker = os.environ.get('SPIN_MARKER')  # tells the test the kernel runs\n",
                              "marker and open(marker, 'w').close()\n",
                              "re.match(r'(a+)+$', 'a' * 60 + 'b')  # holds the GIL: only a signal stops it\n"]}],
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
                     "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture
def spinning_home(tmp_path):
    """A project home whose only notebook spins for ever, and a tiny corpus."""
    import json

    from helpers import message

    (tmp_path / "home" / "notebooks").mkdir(parents=True)
    (tmp_path / "home" / "pyproject.toml").write_text("")
    (tmp_path / "home" / "notebooks" / "spin.ipynb").write_text(json.dumps(SPIN))
    (tmp_path / "mail.mbox").write_text(mbox(message("one")))
    ingest([tmp_path / "mail.mbox"], tmp_path / "tables", cache_dir=tmp_path / "cache", progress=False)
    return tmp_path


def _kernels_of(pid):
    kernels = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"ipykernel_launcher" not in cmdline.read_bytes():
                continue
            ppid = int((cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
        if ppid == pid:
            kernels.append(int(cmdline.parent.name))
    return kernels


def _gone(pids, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists()
                 and Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
        if not alive:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_killed_report_leaves_no_kernel(spinning_home, how):
    import os
    import signal
    import sys

    env = {**os.environ, "BACKSCATTER_HOME": str(spinning_home / "home"),
           "SPIN_MARKER": str(spinning_home / "kernel-started")}
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "report", str(spinning_home / "tables"),
                             "--out", str(spinning_home / "reports"), "--notebook", "spin", "--quiet"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240  # a loaded machine starts a kernel slowly
    while time.monotonic() < deadline and not (spinning_home / "kernel-started").exists():
        time.sleep(0.3)
    kernels = _kernels_of(proc.pid)
    assert len(kernels) == 1
    proc.send_signal(getattr(signal, how))
    proc.communicate(timeout=60)
    assert _gone(kernels, 15), f"kernel {kernels} still running after {how}"
    if how == "SIGTERM":
        assert proc.returncode == 130


def test_a_cell_over_its_time_limit_fails_the_report_and_stops_its_kernel(spinning_home, monkeypatch):
    import os

    from toolkit import report

    monkeypatch.setattr(config, "NOTEBOOKS_DIR", spinning_home / "home" / "notebooks")
    monkeypatch.setattr(report, "CELL_TIMEOUT_SECONDS", 3)
    started = time.monotonic()
    with pytest.raises(Exception, match="(?i)timed? ?out|timeout"):
        build_reports(spinning_home / "tables", spinning_home / "reports", notebooks=["spin"], progress=False)
    assert time.monotonic() - started < 60
    assert _gone(_kernels_of(os.getpid()), 15)


@pytest.mark.parametrize("runtime_dir,transport", [
    ("/tmp/rt", "ipc"),                    # Unix sockets: no kernel ports open to the machine
    ("/tmp/" + "deep/" * 20, "tcp"),       # a socket path past the 107-byte limit: TCP, as Jupyter does by default
])
def test_report_kernels_talk_over_unix_sockets_when_the_path_fits(monkeypatch, runtime_dir, transport):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", runtime_dir)
    assert report_module._local_kernel_manager()().transport == transport
