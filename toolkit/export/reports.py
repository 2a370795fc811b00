"""Abuse reports about a bouncer: ARF (RFC 5965) e-mails and X-ARF v4 JSON, one per bouncer.

The evidence is the backscatter itself, unmodified. Reports go to the bouncer domain's
abuse mailbox (RFC 2142: abuse@domain), unless the user maps a domain to another contact.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser
from email.policy import compat32
from email.utils import format_datetime, make_msgid
from pathlib import Path

import polars as pl

from ..schemas import ARRIVAL

from .. import __version__
from ..sources import read_raw
from ..store import write_text_atomic

NAMESPACE = uuid.UUID("6f1c1b5e-3b7a-4d59-9d6b-2b1f0c9e4a11")


def abuse_contact(domain: str | None, contacts: dict[str, str] | None = None) -> str:
    if contacts and domain in contacts:
        return contacts[domain]
    return f"abuse@{domain}" if domain else "abuse@invalid"


def _raw(row: dict) -> bytes:
    return read_raw(row["source"], row["source_format"], row["location"])


def _summary(bouncer: dict, notices: pl.DataFrame, reporter: str) -> str:
    first, last = notices["arrival"].min(), notices["arrival"].max()
    kinds = ", ".join(f"{k}: {n}" for k, n in notices.group_by("kind").len().sort("kind").iter_rows())
    return (
        f"Your mail server {bouncer['bouncer_host'] or ''} [{bouncer['bouncer_ip']}] sent {notices.height} delivery "
        f"notifications ({kinds}) between {first:%Y-%m-%d %H:%M} and {last:%Y-%m-%d %H:%M} UTC to addresses "
        "that spammers had forged as the sender of their spam. None of the messages were sent by us: this is "
        "backscatter.\n\n"
        "Please reject unwanted mail during the SMTP transaction instead of accepting it and bouncing it later, "
        "and do not send virus, spam-filter, challenge or vacation notices to unverified senders.\n\n"
        f"The most recent notification is attached unmodified. Reported by {reporter} with "
        f"backscatter-toolkit {__version__}.\n")


def arf_report(bouncer: dict, notices: pl.DataFrame, reporter: str, to: str) -> Message:
    """A multipart/report; report-type=feedback-report with the three parts RFC 5965 requires."""
    latest = notices.sort("arrival").row(-1, named=True)
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = reporter
    report["To"] = to
    report["Subject"] = f"Backscatter from {bouncer['bouncer_ip']} ({notices.height} notifications)"
    report["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    report["Message-ID"] = make_msgid(domain=reporter.split("@")[-1])
    summary = _summary(bouncer, notices, reporter)
    report.attach(MIMEText(summary, "plain", "us-ascii" if summary.isascii() else "utf-8"))
    feedback = MIMEBase("message", "feedback-report")
    fields = [("Feedback-Type", "abuse"), ("User-Agent", f"backscatter-toolkit/{__version__}"), ("Version", "1"),
              ("Source-IP", bouncer["bouncer_ip"]),
              ("Arrival-Date", format_datetime(latest["arrival"])),
              ("Incidents", str(notices.height))]
    if bouncer.get("bouncer_domain"):
        fields.append(("Reported-Domain", bouncer["bouncer_domain"]))
    feedback.set_payload("".join(f"{k}: {v}\n" for k, v in fields))
    report.attach(feedback)
    report.attach(MIMEMessage(BytesParser(policy=compat32).parsebytes(_raw(latest))))
    return report


def xarf_report(bouncer: dict, notices: pl.DataFrame, reporter: str, evidence: int = 5) -> dict:
    """An X-ARF v4 report (category messaging, type spam) with the notifications as evidence."""
    domain = reporter.split("@")[-1]
    items = []
    for row in notices.sort("arrival").tail(evidence).iter_rows(named=True):
        raw = _raw(row)
        items.append({"content_type": "message/rfc822", "description": "backscatter notification, unmodified",
                      "payload": base64.b64encode(raw).decode("ascii"),
                      "hash": "sha256:" + hashlib.sha256(raw).hexdigest(), "size": len(raw)})
    return {
        "xarf_version": "4.0.0",
        "report_id": str(uuid.uuid5(NAMESPACE, f"{bouncer['bouncer_ip']}|{notices['msg_key'].min()}")),
        "timestamp": notices["arrival"].max().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reporter": {"org": domain, "contact": reporter, "domain": domain},
        "sender": {"org": domain, "contact": reporter, "domain": domain},
        "source_identifier": bouncer["bouncer_ip"],
        "category": "messaging",
        "type": "spam",
        "protocol": "smtp",
        "evidence_source": "spam_analysis",
        "description": f"{notices.height} backscatter notifications sent to forged senders",
        "confidence": round(float(notices["backscatter_score"].mean() or 0), 3),
        "evidence": items,
        "tags": ["abuse:backscatter"],
    }


def write(evidence, out: Path, reporter: str, contacts: dict[str, str] | None = None) -> list[Path]:
    arf_dir, xarf_dir = out / "arf", out / "xarf"
    arf_dir.mkdir(parents=True, exist_ok=True)
    xarf_dir.mkdir(parents=True, exist_ok=True)
    notices = evidence.notices.with_columns(arrival=ARRIVAL)
    written = []
    for bouncer in evidence.listed.iter_rows(named=True):
        mine = notices.filter(pl.col("bouncer_ip") == bouncer["bouncer_ip"])
        if mine.is_empty():
            continue
        name = bouncer["bouncer_ip"].replace(":", "_")
        to = abuse_contact(bouncer.get("bouncer_domain"), contacts)
        arf = arf_dir / f"{name}.eml"
        arf.write_bytes(arf_report(bouncer, mine, reporter, to).as_bytes())
        xarf = xarf_dir / f"{name}.json"
        write_text_atomic(json.dumps(xarf_report(bouncer, mine, reporter), indent=1), xarf)
        written += [arf, xarf]
    return written


def spamcop_bundle(evidence, out: Path) -> list[Path]:
    """The notifications themselves, unmodified, one .eml each: what SpamCop wants reported.

    Never the embedded spam: SpamCop would then report the forged victim.
    """
    folder = out / "spamcop"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for row in evidence.notices.sort("msg_key").iter_rows(named=True):
        path = folder / f"{row['bouncer_ip'].replace(':', '_')}-{row['msg_key']}.eml"
        path.write_bytes(_raw(row))
        written.append(path)
    readme = folder / "README.txt"
    write_text_atomic(
        f"{len(written)} backscatter notifications, unmodified, one file each.\n"
        "Report each to SpamCop as an attachment (or paste it whole into the web form). Report the\n"
        "notification itself, never the spam quoted inside it: the spam's sender was forged.\n", readme)
    return [*written, readme]
