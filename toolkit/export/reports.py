"""Abuse reports about a bouncer: ARF (RFC 5965) e-mails and X-ARF v4 JSON, one per bouncer.

The evidence is the backscatter itself, with the owner's addresses redacted unless the user
asks for it unmodified (evidence.py). The text parts carry no control or escape characters
(safe.py). Where a report goes is the user's decision: the bouncer's domain comes from the
notification, which whoever forged it wrote, so ``abuse@domain`` (RFC 2142) is only a
suggestion, listed in a contacts file (``write_contacts``) for the user to check and confirm;
only confirmed contacts (``read_contacts``, or ``--contact DOMAIN=ADDRESS``) are sent to.
"""
from __future__ import annotations

import base64
import csv
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

from .. import __version__
from ..errors import ToolkitError
from ..redact import Redactor
from ..schemas import ARRIVAL
from ..sources import read_raw
from ..store import write_text_atomic
from .evidence import redacted
from .safe import csv_frame, header_value, strip_controls

CONTACT_COLUMNS = ("domain", "contact", "confirmed", "bouncer_ips", "basis")
SUGGESTION_BASIS = ("RFC 2142 abuse@ of the domain the notifications name (unverified: a forged notification "
                    "names whatever its forger chose; check it, e.g. in the IP registry's abuse contact)")
YES = {"yes", "y", "true", "1", "x"}

NAMESPACE = uuid.UUID("6f1c1b5e-3b7a-4d59-9d6b-2b1f0c9e4a11")


def abuse_contact(domain: str | None, contacts: dict[str, str] | None = None) -> str:
    if contacts and domain in contacts:
        return contacts[domain]
    return f"abuse@{domain}" if domain else "abuse@invalid"


def parse_contact(item: str) -> tuple[str, str]:
    """``DOMAIN=ADDRESS`` from the command line, checked."""
    domain, sep, address = item.partition("=")
    domain, address = domain.strip().lower(), address.strip()
    if not sep or not domain or "@" not in address:
        raise ToolkitError(f"--contact {item!r}: expected DOMAIN=ADDRESS, e.g. --contact example.net=abuse@example.net")
    return domain, address


def suggest_contacts(evidence) -> pl.DataFrame:
    """One row per bouncer domain: the suggested abuse address, unconfirmed, and why it is suggested."""
    listed = evidence.listed.with_columns(domain=pl.col("bouncer_domain").fill_null("(unknown)").str.to_lowercase())
    return (listed.group_by("domain").agg(bouncer_ips=pl.col("bouncer_ip").sort().str.join(" "))
            .sort("domain")
            .with_columns(contact=pl.when(pl.col("domain") != "(unknown)")
                          .then(pl.lit("abuse@") + pl.col("domain")).otherwise(pl.lit("")),
                          confirmed=pl.lit("no"), basis=pl.lit(SUGGESTION_BASIS))
            .select(CONTACT_COLUMNS))


def write_contacts(evidence, path: Path) -> Path:
    """The contacts file for the user to review: set ``confirmed`` to yes where the address is right."""
    path.parent.mkdir(parents=True, exist_ok=True)
    csv_frame(suggest_contacts(evidence)).write_csv(path)
    return path


def read_contacts(path: Path) -> dict[str, str]:
    """Domain -> address for the rows the user confirmed (a bouncer IP works as a key too)."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise ToolkitError(f"{path}: cannot read the contacts file ({exc.strerror})") from None
    if rows and not {"domain", "contact", "confirmed"} <= set(rows[0]):
        raise ToolkitError(f"{path}: a contacts file needs the columns domain, contact, confirmed "
                           "(write one with --write-contacts)")
    confirmed = {}
    for row in rows:
        address = (row.get("contact") or "").strip().lstrip("'")
        if (row.get("confirmed") or "").strip().lower() in YES and "@" in address:
            confirmed[(row.get("domain") or "").strip().lstrip("'").lower()] = address
    return confirmed


def recipient(bouncer: dict, confirmed: dict[str, str]) -> str | None:
    """The confirmed contact for a bouncer (by IP, else by domain), or None: then nothing is sent."""
    domain = (bouncer.get("bouncer_domain") or "").lower()
    return confirmed.get(bouncer["bouncer_ip"]) or (confirmed.get(domain) if domain else None)


def _raw(row: dict) -> bytes:
    return read_raw(row["source"], row["source_format"], row["location"])


def _evidence(row: dict, owner: Redactor | None) -> bytes:
    """A notification as attached: redacted by ``owner`` unless None (the user chose unmodified)."""
    raw = _raw(row)
    return raw if owner is None else redacted(raw, owner)


def _summary(bouncer: dict, notices: pl.DataFrame, reporter: str, unmodified: bool = False) -> str:
    first, last = notices["arrival"].min(), notices["arrival"].max()
    kinds = ", ".join(f"{k}: {n}" for k, n in notices.group_by("kind").len().sort("kind").iter_rows())
    return (
        f"Your mail server {header_value(bouncer['bouncer_host'])} [{bouncer['bouncer_ip']}] sent {notices.height} delivery "
        f"notifications ({kinds}) between {first:%Y-%m-%d %H:%M} and {last:%Y-%m-%d %H:%M} UTC to addresses "
        "that spammers had forged as the sender of their spam. None of the messages were sent by us: this is "
        "backscatter.\n\n"
        "Please reject unwanted mail during the SMTP transaction instead of accepting it and bouncing it later, "
        "and do not send virus, spam-filter, challenge or vacation notices to unverified senders.\n\n"
        f"The most recent notification is attached {'unmodified' if unmodified else 'with our addresses redacted'}. "
        f"Reported by {header_value(reporter)} with backscatter-toolkit {__version__}.\n")


def arf_report(bouncer: dict, notices: pl.DataFrame, reporter: str, to: str,
               owner: Redactor | None = None) -> Message:
    """A multipart/report; report-type=feedback-report with the three parts RFC 5965 requires.

    ``owner``: hides the owner in the attached notification; None attaches it unmodified.
    """
    latest = notices.sort("arrival").row(-1, named=True)
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = reporter
    report["To"] = header_value(to)
    report["Subject"] = f"Backscatter from {header_value(bouncer['bouncer_ip'])} ({notices.height} notifications)"
    report["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    report["Message-ID"] = make_msgid(domain=reporter.split("@")[-1])
    summary = strip_controls(_summary(bouncer, notices, reporter, unmodified=owner is None))
    report.attach(MIMEText(summary, "plain", "us-ascii" if summary.isascii() else "utf-8"))
    feedback = MIMEBase("message", "feedback-report")
    fields = [("Feedback-Type", "abuse"), ("User-Agent", f"backscatter-toolkit/{__version__}"), ("Version", "1"),
              ("Source-IP", header_value(bouncer["bouncer_ip"])),
              ("Arrival-Date", format_datetime(latest["arrival"])),
              ("Incidents", str(notices.height))]
    if bouncer.get("bouncer_domain"):
        fields.append(("Reported-Domain", header_value(bouncer["bouncer_domain"])))
    feedback.set_payload("".join(f"{k}: {v}\n" for k, v in fields))
    report.attach(feedback)
    report.attach(MIMEMessage(BytesParser(policy=compat32).parsebytes(_evidence(latest, owner))))
    return report


def xarf_report(bouncer: dict, notices: pl.DataFrame, reporter: str, evidence: int = 5,
                owner: Redactor | None = None) -> dict:
    """An X-ARF v4 report (category messaging, type spam) with the notifications as evidence."""
    domain = reporter.split("@")[-1]
    items = []
    for row in notices.sort("arrival").tail(evidence).iter_rows(named=True):
        raw = _evidence(row, owner)
        described = "unmodified" if owner is None else "the reporter's addresses redacted"
        items.append({"content_type": "message/rfc822", "description": f"backscatter notification, {described}",
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


def write(evidence, out: Path, reporter: str, contacts: dict[str, str] | None = None,
          unredacted: bool = False) -> list[Path]:
    """One ARF .eml and one X-ARF .json per listed bouncer, addressed to its confirmed contact where
    ``contacts`` has one, else to the unconfirmed suggestion (shown for review, never sent)."""
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
        to = recipient(bouncer, contacts or {}) or abuse_contact(bouncer.get("bouncer_domain"))
        owner = None if unredacted else evidence.owner
        arf = arf_dir / f"{name}.eml"
        arf.write_bytes(arf_report(bouncer, mine, reporter, to, owner).as_bytes())
        xarf = xarf_dir / f"{name}.json"
        write_text_atomic(json.dumps(xarf_report(bouncer, mine, reporter, owner=owner), indent=1), xarf)
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
