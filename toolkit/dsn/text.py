"""The plain-text engine that most non-DSN bounce formats share.

A plain-text bounce is a notice, often followed by a copy of the original
after a marker line. The notice names the failed recipients (alone on a line,
in ``<addr>:``, after "to:" and similar) and, near each, the error text.
Format modules give their own markers and patterns; this module does the rest.
"""
from __future__ import annotations

import re
from email.message import Message

from .. import config, mime
from .context import per_message
from .localised import RECIPIENT_LABELS
from .model import Delivery
from .status import command_in, reply_code_in, status_in

ADDR = r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"
_ADDR_RE = re.compile(ADDR)

# Lines that open the copy of the original message, across MTAs.
ORIGINAL_MARKERS = [
    r"^-+ ?This is a copy of (the|your) message",
    r"^-+ ?Below this line is a copy of the message",
    r"^-+ ?(The )?[Oo]riginal message",
    r"^Original message follows",
    r"^-+ ?The header of the original message is following",
    r"^Message headers follow",
    r"^-+ ?Enclosed is a copy of",
    r"^Original message headers:",
    r"^-+ ?Original Message",
    r"^-+ ?Unsent Message below",
    r"^-+ ?Returned message",
    r"^-+ ?Message text follows",
    r"^-+ ?The following is a copy of",
    r"^Included is a copy of the message header",
    r"^Below is a copy of the original message",
    r"^-+ ?Your original message",
    r"^-+ ?Undelivered message follows",
    r"^[ \t]*The original message headers are included as attachment",
]
_ORIGINAL = re.compile("|".join(f"(?:{m})" for m in ORIGINAL_MARKERS), re.I | re.M)
# Fields a message carries, recognised in a pasted copy even with no space after the colon: Zoho Mail pastes
# the original's header fields so ("Received:from mail.zoho.com ...", "Message-ID:<...>": Sisimai's
# Lhost::Zoho samples).
TIGHT_FIELDS = (r"received|message-id|date|from|to|cc|subject|sender|reply-to|return-path|user-agent|x-mailer|"
                r"mime-version|content-type|references|in-reply-to")
_HEADER_LINE = re.compile(rf"^(?:[!-9;-~]+:[ \t]|(?i:{TIGHT_FIELDS}):(?=\S))", re.M)

# A recipient line: the address alone, as <addr>:, "addr":, or after a phrase naming it.
RECIPIENT_LINE = [
    re.compile(rf"^\s*<?({ADDR})>?:?\s*$"),
    re.compile(rf"^\s*\(?generated (?:by|from)\s+<?({ADDR})>?\)?\s*$", re.I),  # Exim: the address behind a file or pipe
    re.compile(rf"^\s*<({ADDR})>:?\s*(.*)$"),
    re.compile(rf'^\s*"({ADDR})":\s*(.*)$'),
    re.compile(rf"^\s*({ADDR}):\s+(.+)$"),
    re.compile(rf"^\s*({ADDR})\s+on\s+\w+", re.I),
    re.compile(rf"^\s*({ADDR})\s+\((.+)\)\s*$"),
    re.compile(rf"^\s*<?({ADDR})>?(?:\s*[:\[(,]\s+|\s+)(.+)$"),
    re.compile(rf"^\s*[*\u2022-]+\s*<?({ADDR})>?\s*$"),
    re.compile(rf"^\s*(?:[<>]{{3}}\s*)?\d{{3}}[ -](?:\d\.\d{{1,3}}\.\d{{1,3}} )?<({ADDR})>\.\.\.\s*(.*)$"),
    re.compile(rf":\s*<?({ADDR})>?\.?\s*$"),
    re.compile(rf"\b(?:deliver(?:ing|ed)? (?:your )?(?:mail|message)? ?to|delivered to|recipients?|user(?:id)?|"
               rf"address(?:es)?|failed|rcpt to|to)\s*(?::\s*)?['\"]?<?({ADDR})>?", re.I),  # also '<addr>' (Kerio)
    re.compile(rf"(?:errors?|reason|problem)s?:\s+<?({ADDR})>?[.,;]?(?:\s|$)", re.I),
    # the same label in Chinese, Japanese, Korean and Russian notices (dsn/localised.py), full-width colon too
    re.compile(rf"(?:{RECIPIENT_LABELS})\s?[:\uff1a]?\s?['\"]?<?({ADDR})>?", re.I),
]
# The patterns that put an address where a failed recipient stands, not merely in a sentence.
LISTED_RECIPIENT = RECIPIENT_LINE[:5] + RECIPIENT_LINE[9:10]
_SKIP_LOCAL = re.compile(r"^(mailer-daemon|postmaster|abuse)$", re.I)
_SUMMARY_FIELD = re.compile(r"^\s*(from|sender|reply-to|return-path|envelope-from|original sender|to|subject|"
                            r"sent|date|cc)\s*:", re.I)


def split_original(text: str, markers: re.Pattern | None = None) -> tuple[str, str | None]:
    """(notice, copy of the original) split at the first original-message marker."""
    match = (markers or _ORIGINAL).search(text)
    if not match:
        return text, None
    rest = text[match.end():]
    rest = rest.split("\n", 1)[1] if "\n" in rest else ""
    return text[:match.start()], rest


def parse_original(text: str | None) -> Message | None:
    """A quoted copy as a Message, when it starts with header lines.

    The same copy is asked for by several format readers and by the originals stage of one
    message: answered once per message (``per_message``); the Message is shared, do not modify it."""
    if not text:
        return None
    return _parse_copy(text)


@per_message
def _parse_copy(text: str) -> Message | None:
    body = text.lstrip("\n ")
    head = body[:2000]
    if len(_HEADER_LINE.findall(head)) < 2:
        return None
    lines = body.split("\n")
    if lines and not _HEADER_LINE.match(lines[0]) and not lines[0].startswith((" ", "\t")):
        return None
    return mime.parse_text(body)


def _accept(addr: str, exclude: set[str]) -> bool:
    addr = addr.lower()
    return addr not in exclude and not _SKIP_LOCAL.match(addr.split("@")[0])


def find_recipients(notice: str, exclude: set[str], patterns=RECIPIENT_LINE) -> list[tuple[str, int]]:
    """(recipient, line index) in notice order, each address once.

    Role addresses (postmaster@) count when the notice names no other.
    The notice's own addressee and the original's sender are passed over, unless the
    notice names nobody else and lists one of them where a failed recipient stands
    (alone on a line, as ``<addr>:``, in a refused RCPT): a bounce can be about the
    address it is sent to, but "Hello <sender>," in a challenge does not make one.
    """
    return _scan(notice, exclude, patterns) or _scan(notice, exclude, patterns, roles=True) \
        or _scan(notice, set(), [p for p in patterns if p in LISTED_RECIPIENT], roles=True)


def _scan(notice: str, exclude: set[str], patterns, roles: bool = False) -> list[tuple[str, int]]:
    """With roles, postmaster@ and the like count too (a bounce may be about them)."""
    found: dict[str, int] = {}
    lines = notice.split("\n")
    for index, line in enumerate(lines):
        if "@" not in line:  # every recipient pattern captures an address: blank runs cost nothing
            continue
        line = line[:config.LINE_MAX_CHARS]
        if _SUMMARY_FIELD.match(line):
            continue
        for pattern in patterns:
            match = pattern.search(line)
            if match and (_accept(match.group(1), exclude) or (roles and match.group(1).lower() not in exclude)):
                found.setdefault(match.group(1).lower().strip(".'"), index)  # 'addr' (Exchange, Kerio)
                break
    return list(found.items())


_WORD = re.compile(r"\w")
_REPLY_LINE = re.compile(r"^\s*[45]\d\d[\s-]|\b[45]\.\d{1,3}\.\d{1,3}\b")
CODE = re.compile(r"\b[245]\d\d\b|\b[245]\.\d{1,3}\.\d{1,3}\b|#[45]\.\d")


def diagnostic_for(lines: list[str], start: int, stop: int) -> str:
    """The error text of one recipient: its line (less the address) and what follows, up to the next.

    A paragraph break ends it once it holds a status or reply code or two lines;
    a lone "could not deliver to <addr>" line reads on into the next paragraph.
    """
    chunk: list[str] = []
    has_code = False
    for offset, line in enumerate(lines[start:stop]):
        text = line.strip()
        if offset == 0:
            text = _ADDR_RE.sub("", text, count=1).strip(" <>:\"().")
            if text.lower() in ("", "on"):
                continue
        if not text or not _WORD.search(text):
            if not text and chunk and (has_code or len(chunk) >= 2):
                break
            continue
        chunk.append(text)
        has_code = has_code or bool(CODE.search(text))
        if sum(map(len, chunk)) > 800:
            break
    return " ".join(chunk)


def _mentions(lines: list[str], addresses: list[str]) -> dict[str, list[int]]:
    """Every line naming each recipient: notices often name it twice (summary, then details)."""
    found: dict[str, list[int]] = {a: [] for a in addresses}
    for index, line in enumerate(lines):
        low = line.lower()
        for addr in addresses:
            if addr in low:
                found[addr].append(index)
    return found


def coded_line(lines: list[str]) -> str | None:
    """The first line of a notice that carries an SMTP reply or status code."""
    return next((line.strip() for line in lines if _REPLY_LINE.search(line)), None)


def deliveries_from_text(notice: str, exclude: set[str], patterns=RECIPIENT_LINE) -> list[Delivery]:
    """Recipients and their diagnostics from a plain-text notice."""
    lines = notice.split("\n")
    recipients = find_recipients(notice, exclude, patterns)
    whole_command: list[str | None] = []  # the command the whole notice names: read only when asked
    mentions = _mentions(lines, [a for a, _ in recipients])
    starts = sorted({i for _, i in recipients})
    out = []
    for addr, index in recipients:
        chunks = []
        for at in [index] + [m for m in mentions[addr] if m > index]:
            if chunks and CODE.search(" ".join(chunks)):
                break  # later mentions only help a summary line that gave no code
            stop = next((s for s in starts if s > at), len(lines))
            chunk = diagnostic_for(lines, at, stop)
            if chunk and chunk not in chunks:
                chunks.append(chunk)
        diagnostic = " ".join(chunks)
        if len(recipients) == 1 and not CODE.search(diagnostic):
            diagnostic = f"{diagnostic} {coded_line(lines) or ''}".strip()  # the error stands apart
        if not diagnostic or len(diagnostic) < 4:
            diagnostic = " ".join(l.strip() for l in lines if l.strip())[:500]
        out.append(Delivery(addr, action="failed", status=status_in(diagnostic),
                            reply_code=reply_code_in(diagnostic), diagnostic=diagnostic[:1000],
                            command=command_in(diagnostic) or _whole_command(notice, recipients, whole_command)))
    return out


def _whole_command(notice: str, recipients: list, memo: list) -> str | None:
    """The command the whole notice names, for a notice about one recipient: read once, and only
    when that recipient's own diagnostic names none (it scans every line of the notice)."""
    if len(recipients) != 1:
        return None
    if not memo:
        memo.append(command_in(notice))
    return memo[0]


_RECIPIENT_FIELDS = {"final-recipient", "original-recipient"}


def dsn_blocks(text: str) -> list[dict[str, str]]:
    """RFC 3464 field blocks (per-message, then per-recipient), tolerant of sloppy DSNs."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last: str | None = None
    for raw in text.replace("\r", "").split("\n"):
        if not raw.strip():
            if current:
                blocks.append(current)
            current, last = {}, None
            continue
        if raw[0] in " \t" and last:
            current[last] += " " + raw.strip()
            continue
        name, sep, value = raw.partition(":")
        if not sep or " " in name.strip():
            continue
        last = name.strip().lower()
        if last in _RECIPIENT_FIELDS and last in current:
            blocks.append(current)  # a recipient block begins without the blank line before it
            current = {}
        current[last] = value.strip()
    if current:
        blocks.append(current)
    return blocks
