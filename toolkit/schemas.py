"""The schema of every table the toolkit writes, declared once.

``docs/schema.md`` is generated from here (``backscatter schema``) and a
test keeps it in step, so code and documentation cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

UTC_TIME = pl.Datetime("us", "UTC")
STRINGS = pl.List(pl.String)


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)

    def frame(self, rows: list[dict]) -> pl.DataFrame:
        """Rows (dicts) as a frame of exactly this schema, in column order."""
        return pl.DataFrame(rows, schema=self.schema, orient="row") if rows else self.empty()


MESSAGES = Table(
    "messages",
    "One row per input message, never fewer: a message that cannot be parsed keeps its row "
    "with `parse_error` set. Written to `messages.parquet` by `backscatter ingest`.",
    (
        Column("msg_key", pl.String, "Unique, stable key: hash of `source` and `location`."),
        Column("source", pl.String, "Absolute path of the mailbox (file or folder) the message came from."),
        Column("source_format", pl.String, "`mbox`, `maildir`, `mh`, `emldir` or `eml` (compressed mbox: `mbox`)."),
        Column("location", pl.String, "Where in the source: `offset:N` (byte offset of the mbox `From ` line, "
               "in the uncompressed stream) or the file's path relative to the source folder."),
        Column("position", pl.UInt32, "0-based index inside its source: file order for mbox, "
               "sorted path order for folders (numeric order for MH)."),
        Column("size_bytes", pl.Int64, "Size of the raw message in bytes, as stored."),
        Column("date", UTC_TIME, "`Date:` header in UTC; null when absent or unreadable."),
        Column("date_raw", pl.String, "`Date:` header as written (forged and broken dates are evidence)."),
        Column("received_date", UTC_TIME, "Time stamp of the topmost `Received:` header, in UTC: "
               "when the owner's system took the message (harder to forge than `Date:`)."),
        Column("from_addr", pl.String, "Address in `From:`, lower-cased."),
        Column("from_name", pl.String, "Display name in `From:`, RFC 2047 decoded."),
        Column("to_addrs", STRINGS, "Addresses in `To:`, lower-cased."),
        Column("cc_addrs", STRINGS, "Addresses in `Cc:`, lower-cased."),
        Column("delivered_to", STRINGS, "Envelope recipients recorded by the receiving system "
               "(`Delivered-To`, `X-Original-To`, `Envelope-To`), lower-cased."),
        Column("subject", pl.String, "`Subject:`, RFC 2047 decoded, white space folded."),
        Column("message_id", pl.String, "`Message-ID:` without the angle brackets."),
        Column("in_reply_to", pl.String, "`In-Reply-To:` message id without angle brackets."),
        Column("references", STRINGS, "Message ids in `References:`."),
        Column("return_path", pl.String, "Envelope sender from `Return-Path:`, lower-cased: "
               "empty string for the null sender `<>` that bounces use, null when the header is absent."),
        Column("auto_submitted", pl.String, "`Auto-Submitted:` (RFC 3834), e.g. `auto-replied`."),
        Column("precedence", pl.String, "`Precedence:` (bulk, junk, list, auto_reply)."),
        Column("x_autoreply", pl.String, "`X-Autoreply:` / `X-Autorespond:` / `X-Auto-Response-Suppress:`, "
               "the first present."),
        Column("content_type", pl.String, "MIME type of the top level, lower-cased (e.g. `multipart/report`)."),
        Column("report_type", pl.String, "`report-type` parameter of a multipart/report "
               "(`delivery-status`, `feedback-report`, ...)."),
        Column("x_mailer", pl.String, "`X-Mailer:` or else `User-Agent:`."),
        Column("list_id", pl.String, "`List-Id:`."),
        Column("received_count", pl.UInt16, "Number of `Received:` headers."),
        Column("gmail_labels", STRINGS, "Gmail Takeout's `X-Gmail-Labels` as a list; null when absent."),
        Column("mailbox_role", pl.String, "`sent` for the owner's Sent folder (by name, or given with `--sent`), "
               "else `inbox`."),
        Column("kind", pl.String, "What the message is: `bounce`, `autoreply`, `challenge`, `virus_notice`, "
               "`spam_notice`, `feedback_report` or `ham` (see docs/verdict.md)."),
        Column("notice_format", pl.String, "The bounce format module that parsed it (`rfc3464`, `postfix`, `qmail`, "
               "`exim`, ...; `rfc3834` for auto-replies), null for ham."),
        Column("is_backscatter", pl.Boolean, "True when the notification was caused by a message the owner never "
               "sent; false for genuine notices and ham; null for the owner's own sent mail."),
        Column("backscatter_score", pl.Float64, "0..1: how strongly the evidence points to backscatter."),
        Column("signals", STRINGS, "Named reasons behind the verdict (`sent_folder_match`, `no_original`, "
               "`burst`, ...; see docs/verdict.md)."),
        Column("parse_error", pl.String, "Why the message could not be read; null when it was fine."),
        Column("defects", STRINGS, "Defects Python's `email` parser and the reader noted "
               "(class names, e.g. `MissingHeaderBodySeparatorDefect`, `TruncatedMessage`)."),
    ),
)

DELIVERIES = Table(
    "deliveries",
    "One row per recipient that a notification reports on (a bounce may list several). "
    "`reason` uses Sisimai's vocabulary so results can be compared with Sisimai's.",
    (
        Column("msg_key", pl.String, "The notification (`messages.msg_key`)."),
        Column("index", pl.UInt16, "1-based order of the recipient in the notification."),
        Column("recipient", pl.String, "The address the notification is about, lower-cased."),
        Column("action", pl.String, "RFC 3464 Action: failed, delayed, delivered, relayed, expanded."),
        Column("status", pl.String, "Enhanced status code (RFC 3463), e.g. `5.1.1`; when the notice has none, "
               "Sisimai's pseudo code for the reason (`5.0.911` for userunknown, ...)."),
        Column("reply_code", pl.String, "SMTP reply code (RFC 5321), e.g. `550`."),
        Column("diagnostic", pl.String, "The remote server's or the bouncer's error text."),
        Column("reason", pl.String, "Why it failed: userunknown, mailboxfull, hostunknown, filtered, blocked, "
               "rejected, spamdetected, virusdetected, expired, suspend, policyviolation, securityerror, "
               "systemerror, networkerror, mesgtoobig, exceedlimit, norelaying, notaccept, toomanyconn, "
               "contenterror, syntaxerror, hasmoved, onhold, mailererror, systemfull, authfailure, requireptr, "
               "vacation, feedback, delivered, undefined."),
        Column("reporting_mta", pl.String, "Reporting-MTA of a DSN."),
        Column("remote_mta", pl.String, "Remote-MTA of a DSN."),
        Column("format", pl.String, "The format module that parsed it."),
    ),
)

ORIGINALS = Table(
    "originals",
    "One row per notification that carries (part of) the message that caused it: attached as "
    "message/rfc822 or text/rfc822-headers, quoted inline, or only named in the subject of an auto-reply.",
    (
        Column("msg_key", pl.String, "The notification (`messages.msg_key`)."),
        Column("orig_source", pl.String, "How the original is carried: `rfc822`, `headers`, `inline` or `subject`."),
        Column("orig_subject", pl.String, "Subject of the original, RFC 2047 decoded."),
        Column("orig_from", pl.String, "From address of the original, lower-cased (often forged)."),
        Column("orig_to", STRINGS, "To addresses of the original, lower-cased."),
        Column("orig_message_id", pl.String, "Message-ID of the original, without <>."),
        Column("orig_date", UTC_TIME, "Date of the original, UTC."),
        Column("orig_x_mailer", pl.String, "X-Mailer or User-Agent of the original."),
        Column("orig_return_path", pl.String, "Return-Path of the original, lower-cased."),
        Column("orig_dkim_domains", STRINGS, "d= domains of the original's DKIM-Signature headers."),
        Column("orig_urls", STRINGS, "URLs in the original's text (the spamvertised links)."),
        Column("orig_url_domains", STRINGS, "Registered domains of those URLs (offline public-suffix list)."),
        Column("orig_received", STRINGS, "The original's Received headers, raw, topmost first."),
        Column("headers_complete", pl.Boolean, "The original's From, Date and Message-ID are all present."),
        Column("has_body", pl.Boolean, "The original's body is included, not only its headers."),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (MESSAGES, DELIVERIES, ORIGINALS)}


def type_name(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime):
        return f"Datetime({dtype.time_unit}, {dtype.time_zone})"
    return str(dtype)


def markdown() -> str:
    """docs/schema.md, generated."""
    out = [
        "# Tables",
        "",
        "Generated from `toolkit/schemas.py` by `backscatter schema > docs/schema.md`; "
        "a test fails when this file is out of date. `toolkit.load(DIR)` returns each table "
        "as a Polars frame of exactly these types.",
        "",
    ]
    for table in TABLES.values():
        out += [f"## `{table.name}`", "", table.doc, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | `{type_name(c.dtype)}` | {c.doc} |" for c in table.columns]
        out.append("")
    return "\n".join(out)
