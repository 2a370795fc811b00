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
        Column("parse_error", pl.String, "Why the message could not be read; null when it was fine."),
        Column("defects", STRINGS, "Defects Python's `email` parser and the reader noted "
               "(class names, e.g. `MissingHeaderBodySeparatorDefect`, `TruncatedMessage`)."),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (MESSAGES,)}


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
