"""RFC 8098 message disposition notifications: read / not-read receipts.

A receipt answers a message that asked for one (Disposition-Notification-To): spam that names the
forged address there draws receipts to it, automatic responses like an out-of-office reply. The
receipt's machine-readable part names the message it answers (Original-Message-ID, section 3.2.5)
and the software that wrote it (Reporting-UA, section 3.2.1).
"""
from __future__ import annotations

from .dsn.context import Context, declares_report, report_fields

PART = "message/disposition-notification"
REPORT_TYPE = "disposition-notification"


def is_receipt(ctx: Context) -> bool:
    """A multipart/report declaring report-type=disposition-notification (RFC 8098 section 3) with its
    machine-readable part: a report cut down to its declaration says nothing of what it answers."""
    return declares_report(ctx.msg, REPORT_TYPE) and bool(ctx.parts_of(PART))


def fields(ctx: Context) -> dict[str, str]:
    """The machine-readable part's fields, lower-cased names, the first of each (folded lines joined)."""
    return {name: values[0] for name, values in report_fields(ctx, PART).items()}


def original_message_id(ctx: Context) -> str | None:
    """The Message-ID of the message the receipt answers (Original-Message-ID), as written."""
    return fields(ctx).get("original-message-id") or None


def reporting_ua(ctx: Context) -> str:
    """The software that wrote the receipt ("<host>; Microsoft Exchange Server"), or ""."""
    return fields(ctx).get("reporting-ua", "")
