"""What every format parser looks at, computed once per message."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message
from functools import cached_property, lru_cache

from .. import config
from .. import headers as h
from ..folding import caseless  # noqa: F401  (the format modules import it from here)

_TAG = re.compile(r"<[^<>]+>")  # not [^>]+: from every "<" of a run without ">" it scanned to the end
# The local parts of mail systems' own senders. "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e" is the
# Microsoft Exchange recipient, the system mailbox Exchange 2007-2019 sends its NDRs from (Microsoft Learn,
# "Microsoft Exchange recipient"), under the display name "Microsoft Outlook" or "Microsoft Exchange".
_DAEMON_LOCAL = re.compile(r"(mailer[-_]?daemon|postmaster|post_master|mail[-_]?delivery|mdaemon|"
                           r"mail[-_]?system|mailadmin|bounce|no-?reply|root|smtp|mta|daemon|"
                           r"microsoftexchange[0-9a-f]{32}\b)")
# "Mail Delivery System", "Mail Delivery Subsystem", "E-Mail Delivery": not "Forward Email Delivery" (a service's name).
_DAEMON_NAME = re.compile(r"mailer-daemon|postmaster|\bmail delivery|\bmail system", re.I)
# A no-reply address: services of every kind send from one (weekly reports, newsletters, notifications).
_NO_REPLY_LOCAL = re.compile(r"no-?reply")
_ENTITY = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"'}


def part_text(part: Message) -> str:
    """A text part's payload, transfer- and charset-decoded, never raising."""
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        payload = part.get_payload()
        text = payload if isinstance(payload, str) else ""
    else:
        text = _decode(data, part.get_content_charset() or "utf-8")
    return text[:config.PART_TEXT_MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")


# Japanese mail often says ISO-2022-JP and sends EUC-JP or Shift_JIS bytes.
_SIBLINGS = {"iso-2022-jp": ("euc-jp", "cp932"), "euc-jp": ("cp932",), "shift_jis": ("cp932", "euc-jp")}


def _decode(data: bytes, charset: str) -> str:
    charset = charset.lower()
    if b"\x1b$B" in data or b"\x1b$@" in data:
        charset = "iso-2022-jp"  # JIS escapes, whatever the label says
    for candidate in (charset, "utf-8", *_SIBLINGS.get(charset, ())):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def unjis(text: str | None) -> str | None:
    """A header-field value with raw ISO-2022-JP escapes (as Domino writes Diagnostic-Code), decoded."""
    if not text or "\x1b$" not in text:
        return text
    try:
        return text.encode("latin-1").decode("iso-2022-jp")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_MIME_LINE = re.compile(r"^(--\S+|Content-[\w-]+:.*|boundary=.*)$", re.I | re.M)


def _unparsed_body(payload: str) -> str:
    """The text of a multipart part whose boundary the parser could not read (a parameter on a line
    of its own, not folded): its body with the MIME lines taken out."""
    return _MIME_LINE.sub("", payload[:config.PART_TEXT_MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n"))


def content_type(part: Message) -> str:
    """The MIME type, even when a broken header runs the parameters on without a semicolon."""
    return part.get_content_type().split()[0].rstrip(";")


_SCRIPT_OPEN = re.compile(r"<(script|style)", re.I)
_SCRIPT_CLOSE = {name: re.compile(f"</{name}>", re.I) for name in ("script", "style")}


def _drop_scripts(text: str) -> str:
    """Script and style elements out, in one pass: a lazy ``<script.*?</script>`` would scan the rest
    of the text again from every unclosed opening tag (quadratic on hostile HTML)."""
    pieces, keep_from, search_from, unclosed = [], 0, 0, set()
    while match := _SCRIPT_OPEN.search(text, search_from):
        name = match.group(1).lower()
        close = None if name in unclosed else _SCRIPT_CLOSE[name].search(text, match.end())
        if close is None:
            unclosed.add(name)  # no closing tag after this one: none after any later one either
            search_from = match.end()
            continue
        pieces += [text[keep_from:match.start()], " "]
        keep_from = search_from = close.end()
    return "".join(pieces) + text[keep_from:]


_CELL_END = re.compile(r"(?i)</t[dh]>")


def html_to_text(text: str) -> str:
    """The text of an HTML part: line ends where the blocks end, a space where a table cell ends (an
    HTML-only bounce lays "recipient" and the address out in two cells: they must not run together)."""
    text = _drop_scripts(text)
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>", "\n", text)
    text = _CELL_END.sub(" ", text)
    text = _TAG.sub("", text)
    for entity, char in _ENTITY.items():
        text = text.replace(entity, char)
    return text


_PER_MESSAGE: list = []  # the caches that Context.of empties


def per_message(function):
    """``function`` with its last few answers kept for the message being analysed: the bounce
    formats, kinds, originals and the software fingerprint ask the same questions of one message's
    text. Emptied when the next message's Context is made, so no answer outlives its message (a
    mailbox of repeated texts must not be flattered). The answers are shared: do not modify them."""
    cached = lru_cache(maxsize=8)(function)
    _PER_MESSAGE.append(cached)
    return cached


@dataclass
class Context:
    msg: Message
    subject: str = ""
    from_addr: str = ""
    return_path: str | None = None
    notify_addrs: set[str] = field(default_factory=set)
    memo: dict = field(default_factory=dict, repr=False)  # what format readers compute once per message

    @classmethod
    def of(cls, msg: Message) -> "Context":
        for cache in _PER_MESSAGE:
            cache.cache_clear()
        _, from_addr = h.address(msg, "From")
        own = set(h.addresses(msg, "To"))
        rp = h.return_path(msg)
        if rp:
            own.add(rp)
        return cls(msg, h.first(msg, "Subject") or "", from_addr or "", rp, own)

    @cached_property
    def parts(self) -> list[Message]:
        return list(self.msg.walk())

    @cached_property
    def _typed(self) -> list[tuple[str, Message]]:
        return [(content_type(p), p) for p in self.parts]

    def parts_of(self, *types: str) -> list[Message]:
        """The parts of these MIME types, in order: each query answered once per message (the
        format readers ask the same few dozen times). The list is shared: do not modify it."""
        found = self._parts_by_types.get(types)
        if found is None:
            found = self._parts_by_types[types] = [p for kind, p in self._typed if kind in types]
        return found

    @cached_property
    def _parts_by_types(self) -> dict[tuple[str, ...], list[Message]]:
        return {}

    @cached_property
    def text(self) -> str:
        """The human-readable notice: the first text/plain part, else the first HTML part as text.

        Text inside an attached message/rfc822 is not part of the notice.
        """
        inside_original = set()
        for part in self.parts_of("message/rfc822"):
            inside_original.update(id(p) for p in part.walk() if p is not part)
        for wanted in ("text/plain", "text/html"):
            for kind, part in self._typed:
                if kind == wanted and id(part) not in inside_original \
                        and part.get_content_disposition() != "attachment":
                    text = part_text(part)
                    return html_to_text(text) if wanted == "text/html" else text
        if not self.msg.is_multipart():
            return part_text(self.msg)
        for part in self.parts:
            if part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), str):
                return _unparsed_body(part.get_payload())
        return ""

    @cached_property
    def folded_text(self) -> str:
        """The notice text lower-cased, once per message, for ``caseless`` patterns."""
        return self.text.lower()

    @cached_property
    def header_block(self) -> str:
        """Every header field as "Name: value" lines, once per message (fingerprints search it)."""
        return "\n".join(f"{k}: {v}" for k, v in self.msg.items())

    @cached_property
    def from_header(self) -> str:
        return h.first(self.msg, "From") or ""

    @cached_property
    def sender_local(self) -> str:
        return self.from_addr.split("@")[0].lower() if self.from_addr else ""

    @cached_property
    def from_daemon(self) -> bool:
        """From a mail system rather than a person (MAILER-DAEMON, postmaster, ...)."""
        return bool(_DAEMON_LOCAL.match(self.sender_local)) or bool(_DAEMON_NAME.search(self.from_header))

    @cached_property
    def only_no_reply(self) -> bool:
        """The sender's only mark of a mail system is a no-reply address: no daemon name, not the null
        sender, no MAILER-DAEMON return path, no RFC 3834 field. A service's report that speaks of
        bounces and rejections is no delivery status notification (RFC 3464 section 2: a DSN goes to the
        envelope sender, from the reporting MTA)."""
        return bool(_NO_REPLY_LOCAL.match(self.sender_local)) and not _DAEMON_NAME.search(self.from_header) \
            and not self.null_sender and "mailer-daemon" not in (self.return_path or "") \
            and not self.msg.get("Auto-Submitted")

    @property
    def null_sender(self) -> bool:
        return self.return_path == ""

    @cached_property
    def person_envelope(self) -> bool:
        """The envelope sender is recorded and is someone's address: not the null sender, not a mail
        system's (MAILER-DAEMON@, postmaster@, bounce@ ...; a forwarder's SRS rewrite keeps the
        sender's local part and domain in its own, so they are searched there too)."""
        return bool(self.return_path) and not _DAEMON_LOCAL.search(self.return_path.split("@")[0])

    @cached_property
    def from_system(self) -> bool:
        """Sent by a mail system: a daemon address, the null sender, or marked auto-submitted.

        A person quoting a bounce in their own mail is none of these.
        """
        auto = str(self.msg.get("Auto-Submitted", "")).lower().startswith("auto-")
        return self.from_daemon or self.null_sender or auto or "mailer-daemon" in (self.return_path or "")


def declares_report(msg: Message, report_type: str) -> bool:
    """A multipart/report whose report-type parameter (RFC 6522) is ``report_type`` ("delivery-status",
    "feedback-report", "disposition-notification"). The parameter parser is slow and every DSN is a
    multipart/report too: it runs only when the field holds the type's first word, or an RFC 2231
    section ("report-type*0=") could have split it."""
    if msg.get_content_type() != "multipart/report":
        return False
    field = str(msg.get("Content-Type", "")).lower()
    if report_type.split("-")[0] not in field and "*" not in field:
        return False
    return str(msg.get_param("report-type") or "").strip().lower() == report_type


def report_fields(ctx: Context, part_type: str) -> dict[str, list[str]]:
    """The fields of a report's machine-readable parts of ``part_type`` (message/feedback-report,
    message/disposition-notification: header-like "Name: value" lines), lower-cased names, every value
    of each in order, folded lines joined (RFC 5322 2.2.3)."""
    found: dict[str, list[str]] = {}
    for part in ctx.parts_of(part_type):
        payload = part.get_payload()
        text = "\n".join(p.as_string() for p in payload) if isinstance(payload, list) else part_text(part)
        name = None
        for line in text.split("\n"):
            if line[:1] in (" ", "\t") and name and line.strip():  # a folded continuation
                found[name][-1] = f"{found[name][-1]} {line.strip()}"
                continue
            key, sep, value = line.partition(":")
            name = key.strip().lower() if sep and key.strip() and " " not in key.strip() else None
            if name:
                found.setdefault(name, []).append(value.strip())
    return found
