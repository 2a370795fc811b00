"""The overview report: executes on a corpus, works offline, shows hostile text as text."""
from __future__ import annotations

import re

import pytest

from toolkit.ingest import ingest
from toolkit.report import build_reports
from toolkit.synth import generate

from helpers import mbox, message

PAYLOADS = ['<script>alert("subject")</script>', '<img src=x onerror=alert(1)>']


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    work = tmp_path_factory.mktemp("report")
    generate(work / "raw", seed=11, days=10, scale=0.3)
    hostile = work / "raw" / "hostile.mbox"
    evil = message(PAYLOADS[0], From=f'"{PAYLOADS[1]}" <"<svg/onload=alert(2)>"@evil.example>')
    hostile.write_text(mbox(*[evil] * 40) + f"From x Tue Mar  5 10:00:00 2024\nSubject: {PAYLOADS[0]}")
    ingest([work / "raw" / "mail", hostile], work / "tables", cache_dir=work / "cache", progress=False)
    paths = build_reports(work / "tables", work / "reports", progress=False)
    return {p.name: p.read_text() for p in paths}


def test_overview_and_index_are_written(reports):
    assert set(reports) == {"00-overview.html", "index.html"}
    page = reports["00-overview.html"]
    assert "Messages per month" in page and "Most frequent senders" in page
    assert "TruncatedMessage" in page
    assert "00-overview.html" in reports["index.html"]


def test_report_needs_no_network(reports):
    page = reports["00-overview.html"]
    assert "Plotly.newPlot" in page
    external = re.findall(r'<script[^>]+src="(https?:[^"]+)"', page)
    assert all("plotly" not in src for src in external), external
    assert "cdn.plot.ly" not in page.split("Plotly.newPlot", 1)[1]
    assert "application/vnd.jupyter.widget" not in page


def test_hostile_text_is_escaped(reports):
    page = reports["00-overview.html"]
    for payload in PAYLOADS + ["<svg/onload=alert(2)>"]:
        assert payload not in page
    assert re.search(r"&lt;script&gt;alert\((&quot;|\")subject(&quot;|\")\)&lt;/script&gt;", page)  # a table cell
    assert re.search(r"&lt;svg(/|\\u002f)onload=alert\(2\)&gt;", page)  # a plotly label
