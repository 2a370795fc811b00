"""The schema of every table the toolkit writes, declared once.

``docs/schema.md`` is generated from here (``backscatter schema``) and a
test keeps it in step, so code and documentation cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

UTC_TIME = pl.Datetime("us", "UTC")
STRINGS = pl.List(pl.String)

# When a message arrived: the owner's system's time stamp (topmost Received), else its Date: header.
ARRIVAL = pl.coalesce("received_date", "date")


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
        Column("source", pl.String, "Absolute path of the mailbox (file or folder) the message came from "
               "(bytes of a file name that are not UTF-8 written `\\xNN`), or the IMAP folder's URL "
               "`imaps://user@host/Folder` (folder name as the server shows it, no password)."),
        Column("source_format", pl.String, "`mbox`, `maildir`, `mh`, `emldir`, `eml` or `imap` (compressed mbox: `mbox`)."),
        Column("location", pl.String, "Where in the source: `offset:N` (byte offset of the mbox `From ` line, "
               "in the uncompressed stream), the file's path relative to the source folder (non-UTF-8 bytes as "
               "`\\xNN`), or for IMAP the message's RFC 5092 URL `imaps://user@host/Folder;UIDVALIDITY=V/;UID=N`."),
        Column("position", pl.UInt32, "0-based index inside its source: file order for mbox, "
               "sorted path order for folders (numeric order for MH, UID order for IMAP)."),
        Column("size_bytes", pl.Int64, "Size of the raw message in bytes, as stored (also when only its "
               "headers were analysed; IMAP: with LF line ends, as an export holds it)."),
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
        Column("bouncer_ip", pl.String, "For notifications: the IP of the host that handed the notification to the "
               "owner's mail system (the first hop outside the owner's infrastructure)."),
        Column("bouncer_host", pl.String, "That host's reverse DNS (or HELO when it has none)."),
        Column("bouncer_domain", pl.String, "Registered domain of bouncer_host, else of the notification's From."),
        Column("bouncer_software", pl.String, "The product that wrote the notification, in the vocabulary of "
               "toolkit/products.py: an MTA (postfix, exim, exchange, domino, ...), an auto-responder (cpanel, "
               "dovecot-sieve, ...), a challenge system (choicemail, boxbe, ...), a filter (barracuda, trendmicro, "
               "amavis, ...) or a feedback reporter; from the notice format, Reporting-MTA, X-Mailer and Received."),
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
        Column("campaign_id", pl.String, "The spam run a backscatter notification belongs to (`campaigns`)."),
        Column("parse_error", pl.String, "Why the message could not be read; null when it was fine."),
        Column("defects", STRINGS, "Defects Python's `email` parser and the reader noted "
               "(class names, e.g. `MissingHeaderBodySeparatorDefect`, `TruncatedMessage`; the limits in "
               "README \"Limits\": `OversizedMessage`, `OversizedHeaderSection`, `OversizedHeaderField`, "
               "`DecompressionLimit`; a damaged or unreadable source: `SourceReadError`, `UnreadableFile`)."),
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
        Column("orig_source", pl.String, "How the original is carried: `rfc822`, `headers`, `inline`, `subject`, or `report` "
               "(only its Message-ID, named by a read receipt's Original-Message-ID)."),
        Column("orig_subject", pl.String, "Subject of the original, RFC 2047 decoded."),
        Column("orig_from", pl.String, "From address of the original, lower-cased (often forged)."),
        Column("orig_to", STRINGS, "To addresses of the original, lower-cased."),
        Column("orig_message_id", pl.String, "Message-ID of the original, without <>."),
        Column("orig_date", UTC_TIME, "Date of the original, UTC."),
        Column("orig_x_mailer", pl.String, "X-Mailer or User-Agent of the original."),
        Column("orig_return_path", pl.String, "Return-Path of the original, lower-cased."),
        Column("orig_auto_submitted", pl.String, "`Auto-Submitted:` of the original (RFC 3834): set when the "
               "returned message was itself automatic, e.g. the owner's own vacation reply."),
        Column("orig_dkim_domains", STRINGS, "d= domains of the original's DKIM-Signature headers; of a "
               "feedback report's original, only those the report's Authentication-Results says passed."),
        Column("orig_urls", STRINGS, "URLs in the original's text (the spamvertised links)."),
        Column("orig_url_domains", STRINGS, "Registered domains of those URLs (offline public-suffix list)."),
        Column("orig_received", STRINGS, "The original's Received headers, raw, topmost first."),
        Column("headers_complete", pl.Boolean, "The original's From, Date and Message-ID are all present."),
        Column("has_body", pl.Boolean, "The original's body is included, not only its headers."),
        Column("orig_body_sketch", pl.List(pl.Int64), "Bottom-16 sketch of the original body's three-word "
               "shingles (toolkit/sketch.py): what it says, for grouping spam runs by content. Empty without a body."),
        Column("origin_ip", pl.String, "Where the original really came from: the first untrusted public IP "
               "recorded by a trusted receiver, walking the original's Received chain from the top (the zombie)."),
        Column("origin_host", pl.String, "Reverse DNS of origin_ip as the receiver recorded it (null: none)."),
        Column("origin_helo", pl.String, "HELO name the origin announced."),
        Column("origin_hop", pl.UInt16, "Index (0 = topmost) of the Received line that recorded the origin."),
        Column("forged_hops", pl.UInt16, "Received lines below the origin, which its sender wrote: all of them "
               "below a zombie; below a server, all but its own local lines (pickup, qmail, a filter on localhost)."),
        Column("origin_dynamic", pl.Boolean, "The origin's reverse DNS is missing or looks residential/dynamic "
               "(pool, dsl, dyn, cable, ppp, the IP's digits in the name, a range's 'static.<isp>')."),
    ),
)

HOPS = Table(
    "hops",
    "One row per Received header, of each message (`part` = `message`) and of the original it carries "
    "(`part` = `original`). Parsed by `toolkit/received.py`.",
    (
        Column("msg_key", pl.String, "The message (`messages.msg_key`)."),
        Column("part", pl.String, "`message` (the notification's own chain) or `original` (the returned message's)."),
        Column("hop", pl.UInt16, "0 = topmost (the most recent), counting down the chain."),
        Column("from_helo", pl.String, "The name the sending host gave in HELO/EHLO."),
        Column("from_host", pl.String, "The sending host's reverse DNS as the receiver recorded it, lower-cased."),
        Column("from_ip", pl.String, "The sending host's IP address (IPv4 or IPv6)."),
        Column("by_host", pl.String, "The receiving host, lower-cased."),
        Column("protocol", pl.String, "The `with` clause: SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, ..."),
        Column("smtp_id", pl.String, "The receiver's queue id (`id` clause)."),
        Column("envelope_for", pl.String, "The envelope recipient (`for` clause), lower-cased."),
        Column("timestamp", UTC_TIME, "The time stamp after the last semicolon, UTC."),
        Column("delay_s", pl.Float64, "Seconds since the hop below (the previous handover); negative when the "
               "clocks or the line lie."),
        Column("auth", pl.Boolean, "An authenticated submission (ESMTPA/ESMTPSA, 'Authenticated sender')."),
        Column("raw", pl.String, "The header's text, white space folded."),
        Column("parse_ok", pl.Boolean, "An address, a receiving host or a known local-delivery form was read."),
        Column("by_inferred", pl.Boolean, "`by_host` is not in the line itself (qmail's \"(qmail 123 invoked from "
               "network)\", Haraka's \"(Haraka outbound)\" name no host): it is the receiver of the line below, or "
               "at the bottom of the chain the sender named by the line above."),
    ),
)

GEO_COLUMNS = (
    Column("country_iso", pl.String, "ISO 3166-1 alpha-2 country of the address (GeoIP)."),
    Column("country", pl.String, "Country name."),
    Column("asn", pl.UInt32, "Autonomous system number of the network."),
    Column("as_org", pl.String, "Organisation that holds the AS."),
    Column("city", pl.String, "City, where the database has cities (MaxMind City)."),
    Column("latitude", pl.Float64, "Latitude, where the database has coordinates."),
    Column("longitude", pl.Float64, "Longitude, where the database has coordinates."),
)

ZOMBIES = Table(
    "zombies",
    "One row per origin IP of originals that caused backscatter (genuine notices are left out): the machines "
    "that sent the spam. "
    "Geo columns come from the GeoIP database named in `manifest.json` (with its attribution).",
    (
        Column("origin_ip", pl.String, "The origin address (`originals.origin_ip`)."),
        Column("origin_host", pl.String, "Its reverse DNS as recorded (the most frequent), null when none."),
        Column("origin_dynamic", pl.Boolean, "The reverse DNS is missing or looks residential/dynamic."),
        Column("notifications", pl.UInt32, "Notifications whose original came from this address."),
        Column("backscatter", pl.UInt32, "Of those, judged backscatter."),
        Column("bouncers", pl.UInt32, "Distinct bouncer IPs that returned its spam."),
        Column("forged_hops", pl.UInt32, "Forged Received lines found below it, in all."),
        Column("first_seen", UTC_TIME, "Earliest arrival of a notification about it."),
        Column("last_seen", UTC_TIME, "Latest arrival."),
        Column("subjects", STRINGS, "Up to five distinct subjects of its spam."),
        Column("campaigns", STRINGS, "The spam runs it took part in (`campaigns.campaign_id`)."),
        *GEO_COLUMNS,
    ),
)

BOUNCERS = Table(
    "bouncers",
    "One row per bouncer IP: the servers that sent notifications to the owner.",
    (
        Column("bouncer_ip", pl.String, "The bouncer's address (`messages.bouncer_ip`)."),
        Column("bouncer_host", pl.String, "Its host name (the most frequent)."),
        Column("bouncer_domain", pl.String, "Its registered domain."),
        Column("bouncer_software", pl.String, "Its product (the most frequent fingerprint)."),
        Column("notifications", pl.UInt32, "Notifications it sent."),
        Column("backscatter", pl.UInt32, "Of those, judged backscatter."),
        Column("bounce", pl.UInt32, "Notifications of kind bounce."),
        Column("autoreply", pl.UInt32, "Of kind autoreply."),
        Column("challenge", pl.UInt32, "Of kind challenge."),
        Column("virus_notice", pl.UInt32, "Of kind virus_notice."),
        Column("spam_notice", pl.UInt32, "Of kind spam_notice."),
        Column("feedback_report", pl.UInt32, "Of kind feedback_report."),
        Column("with_original", pl.UInt32, "Notifications that return the original with its body."),
        Column("first_seen", UTC_TIME, "Earliest notification."),
        Column("last_seen", UTC_TIME, "Latest notification."),
        Column("days_active", pl.UInt32, "Distinct days with at least one notification."),
        Column("rdns_live", pl.String, "Reverse DNS looked up live (only with `ingest --dns`; else null)."),
        Column("dnsbl_listed", STRINGS, "DNSBL zones that list it, e.g. ips.backscatterer.org (only with "
               "`ingest --dns`; else null)."),
        *GEO_COLUMNS,
    ),
)

CAMPAIGNS = Table(
    "campaigns",
    "One row per spam run: backscatter notifications whose originals say the same thing (subject template, "
    "body text, links), each shared key weighted by how specific it is; zombies and bouncers only support a "
    "link (see toolkit/campaigns.py and docs/runs.md). A notification that matches nothing is a row of its own "
    "(`is_run` false).",
    (
        Column("campaign_id", pl.String, "`run-YYYYMMDD-NNN`: the day of its first notification and its rank in time."),
        Column("first_seen", UTC_TIME, "Arrival of its first notification."),
        Column("last_seen", UTC_TIME, "Arrival of its last notification."),
        Column("duration_h", pl.Float64, "Hours from first to last notification."),
        Column("messages", pl.UInt32, "Backscatter notifications in the run."),
        Column("peak_hourly", pl.UInt32, "Most notifications that arrived within one clock hour."),
        Column("zombies", pl.UInt32, "Distinct origin IPs."),
        Column("countries", pl.UInt32, "Distinct countries of those origins (GeoIP)."),
        Column("asns", pl.UInt32, "Distinct networks (ASNs) of those origins."),
        Column("bouncers", pl.UInt32, "Distinct bouncer IPs that returned its spam."),
        Column("latency_median_s", pl.Float64, "Median seconds from the original's Date to the notification's "
               "arrival (spam to bounce)."),
        Column("start_estimate", UTC_TIME, "When the run began: the earliest Date of its originals, else the first "
               "notification less the median latency."),
        Column("top_subjects", STRINGS, "Its most frequent original subjects (up to five)."),
        Column("top_url_domains", STRINGS, "Its most frequent spamvertised registered domains (up to five)."),
        Column("is_run", pl.Boolean, "More than one notification: a run. False: a single notification that "
               "matched no run (kept apart, not a campaign of its own)."),
        Column("subject_templates", STRINGS, "Its most frequent subject templates (prefixes, numbers, case and "
               "punctuation gone; up to five)."),
        Column("url_paths", STRINGS, "Its most frequent linked pages, host+path with digits as # (up to five)."),
        Column("link_keys", STRINGS, "Why its members belong together: the keys most of them share, as "
               "`family:key (weight w, p% of members)`; t: subject template, p: word pair of it, w: word of it, c: body "
               "shingle hash, u: page (host+path), h: host, d: registered domain, z: zombie, b: bouncer (support only)."),
        Column("linked", pl.UInt32, "Members linked to another member by shared content."),
        Column("attached", pl.UInt32, "Members linked to nothing whose subject keys mark this run (in its time)."),
        Column("by_subject", pl.UInt32, "Members grouped by a subject template no run knows, in one burst."),
        Column("by_time", pl.UInt32, "Members with nothing of their original to compare, or only a generic "
               "subject, placed in the busiest run around their arrival (a guess)."),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (MESSAGES, DELIVERIES, ORIGINALS, HOPS)}
# Tables computed from the others after ingest (not cached per source).
RESULTS: dict[str, Table] = {t.name: t for t in (ZOMBIES, BOUNCERS, CAMPAIGNS)}


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
    for table in (*TABLES.values(), *RESULTS.values()):
        out += [f"## `{table.name}`", "", table.doc, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | `{type_name(c.dtype)}` | {c.doc} |" for c in table.columns]
        out.append("")
    return "\n".join(out + _vocabulary())


def _vocabulary() -> list[str]:
    """The values `bouncer_software` takes (toolkit/products.py), so that labels made elsewhere can be
    mapped onto them: "Dovecot" is `dovecot-sieve`, "cPanel" `cpanel`, an Exchange out-of-office `exchange`."""
    from .products import PRODUCTS  # the one vocabulary; imported here, not at the top: products stays leaf
    out = ["## `bouncer_software` values", "",
           "The software that wrote a notification: the MTA for a bounce, the responder, challenge system, filter "
           "or reporter otherwise (`toolkit/products.py`). Null when nothing names it.", "",
           "| value | family | product | how it is recognised |", "|---|---|---|---|"]
    out += [f"| `{name}` | {p.family} | {p.title} | {p.note.replace('|', '/')} |" for name, p in PRODUCTS.items()]
    return out + [""]
