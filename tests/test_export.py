"""Exports: block lists as their consumers read them, ARF and X-ARF reports, SpamCop bundle, SMTP."""
from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import re
import socket
from email.parser import BytesParser
from email.policy import compat32

import polars as pl
import pytest

from toolkit import bouncers, timeline
from toolkit.export import blocklists, gather, reports, smtp
from toolkit.ingest import ingest
from toolkit.sources import read_raw
from toolkit.store import load
from toolkit.synth import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    work = tmp_path_factory.mktemp("export")
    generate(work / "raw", seed=5, days=21, scale=0.4)
    ingest([work / "raw" / "mail"], work / "tables", cache_dir=work / "cache", progress=False)
    return work


@pytest.fixture(scope="module")
def exported(corpus):
    evidence = gather(corpus / "tables", min_evidence=3)
    out = corpus / "out"
    files = blocklists.write(evidence.listed, out / "blocklists", 3)
    files += reports.write(evidence, out, "me@example.org")
    files += reports.spamcop_bundle(evidence, out)
    return evidence, out, files


def lines(path):
    return [l for l in path.read_text().splitlines() if l and not l.startswith("#")]


def test_threshold_is_applied(exported):
    evidence, _, _ = exported
    assert evidence.listed.height > 3
    assert evidence.listed["backscatter"].min() >= 3


def test_plain_and_cidr_lists_parse(exported):
    evidence, out, _ = exported
    ips = [ipaddress.ip_address(l) for l in lines(out / "blocklists" / "ips.txt")]
    assert sorted(map(str, ips)) == sorted(evidence.listed["bouncer_ip"].to_list())
    nets = [ipaddress.ip_network(l) for l in lines(out / "blocklists" / "cidr.txt")]
    assert all(any(ip in net for net in nets) for ip in ips)


def test_rbldnsd_ip4set_follows_its_format(exported):
    # rbldnsd(8), ip4set: "[!]ip4range [:A:TXT]" entries; a line starting with ':' sets the default A and TXT.
    entry = re.compile(r"^!?\d{1,3}(\.\d{1,3}){0,3}(/\d{1,2}|-\d{1,3})?(\s+:.*)?$")
    default = re.compile(r"^:127\.\d{1,3}\.\d{1,3}\.\d{1,3}:.+$")
    body = lines(exported[1] / "blocklists" / "backscatter.ip4set")
    assert default.match(body[0])
    assert body[1:] and all(entry.match(l) for l in body[1:])


def test_postfix_access_table_follows_access5(exported):
    # access(5): "pattern action"; for check_client_access the pattern is an address, the action e.g. REJECT text.
    for line in lines(exported[1] / "blocklists" / "postfix_access"):
        pattern, action, *_ = line.split()
        ipaddress.ip_address(pattern)
        assert action in {"REJECT", "DEFER", "OK", "DUNNO", "DISCARD", "HOLD"} or re.match(r"^[45]\d\d$", action)


def test_arf_reports_parse_back_with_three_parts(exported):
    evidence, out, _ = exported
    arfs = sorted((out / "arf").glob("*.eml"))
    assert len(arfs) == evidence.listed.height
    keys = set(evidence.notices["message_id"].drop_nulls().to_list())
    for path in arfs:
        report = BytesParser(policy=compat32).parsebytes(path.read_bytes())
        assert report.get_content_type() == "multipart/report"
        assert report.get_param("report-type") == "feedback-report"
        parts = report.get_payload()
        assert [p.get_content_type() for p in parts] == ["text/plain", "message/feedback-report", "message/rfc822"]
        fields = dict(line.split(": ", 1) for line in parts[1].get_payload().strip().splitlines()) \
            if isinstance(parts[1].get_payload(), str) else {k: v for p in parts[1].get_payload() for k, v in p.items()}
        assert fields["Feedback-Type"] == "abuse" and fields["Version"] == "1"
        assert fields["Source-IP"] == path.stem.replace("_", ":")
        attached = parts[2].get_payload()[0]
        assert attached["Message-ID"].strip("<>") in keys
        assert report["To"].startswith("abuse@")


def test_xarf_reports_carry_verifiable_evidence(exported):
    _, out, _ = exported
    for path in (out / "xarf").glob("*.json"):
        report = json.loads(path.read_text())
        for field in ("xarf_version", "report_id", "timestamp", "reporter", "sender", "source_identifier",
                      "category", "type"):
            assert field in report
        assert report["xarf_version"].startswith("4.") and report["category"] == "messaging"
        for item in report["evidence"]:
            raw = base64.b64decode(item["payload"])
            assert item["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_spamcop_bundle_holds_the_notifications_unmodified(exported):
    evidence, out, _ = exported
    files = {p.stem.rsplit("-", 1)[1]: p for p in (out / "spamcop").glob("*.eml")}
    assert len(files) == evidence.notices.height
    for row in evidence.notices.head(5).iter_rows(named=True):
        assert files[row["msg_key"]].read_bytes() == read_raw(row["source"], row["source_format"], row["location"])


def test_smtp_sending_to_a_local_server(exported):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        files = sorted((exported[1] / "arf").glob("*.eml"))[:2]
        waits = []
        sent = smtp.send(files, "127.0.0.1", port, starttls=False, per_minute=30, sleep=waits.append)
    finally:
        controller.stop()
    assert len(received) == 2 and sent[0].startswith("abuse@")
    assert waits == [2.0]
    assert b"feedback-report" in received[0][1]


def test_ranking_is_stable_and_documented_levels(corpus):
    tables = load(corpus / "tables")
    for level in ("ip", "domain", "org", "product"):
        first = bouncers.rank(tables.messages, tables.originals, tables.bouncers, by=level)
        again = bouncers.rank(tables.messages, tables.originals, tables.bouncers, by=level)
        assert first.equals(again) and first["rank"].to_list() == list(range(1, first.height + 1))
        assert first["score"].is_sorted(descending=True)


def test_run_start_detector_marks_bursts(corpus):
    tables = load(corpus / "tables")
    hourly = timeline.run_starts(tables.messages)
    starts = hourly.filter(pl.col("run_start"))
    assert 1 <= starts.height <= 3 * tables.campaigns.height
    assert timeline.counts(tables.messages, "1d")["notifications"].sum() > 0
