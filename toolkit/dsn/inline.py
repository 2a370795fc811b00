"""The returned message quoted inline in a plain-text notice, found by its structure.

Many notices paste the header block of the message they return into their own
text: after a marker line ("------ Returned Message ------"), after a sentence
that says the original follows ("Possibly truncated original message follows:"),
or with nothing but a blank line before it (Lotus Domino's "because:" paragraph,
MDaemon's "Message contains [1] file attachments"). A quoted header block is
recognised by what a notice's own summary never holds: header fields at the
start of a line, one after another, among them a trace or identity field that
only a message has (Received, Message-ID, Return-Path, MIME-Version, DKIM).
"""
from __future__ import annotations

import re
from .context import per_message
from .text import TIGHT_FIELDS, split_original

# A sentence (not only a marker line) that announces the copy: "... original message follows:",
# "The returned message is below", "a copy of your message".
_FOLLOWS = re.compile(r"^[^\n]{0,80}?\b(?:original|returned|undelivered|undeliverable|bounced|rejected|your)\s+"
                      r"(?:message|mail|e-?mail)\b[^\n]{0,40}?\b(?:follows|below)\b[^\n]{0,20}$", re.I | re.M)
# A header field at the start of a line (no leading space); a field a message carries also with no space
# after the colon, as Zoho Mail pastes the original's (text.TIGHT_FIELDS).
_FIELD = re.compile(rf"^(?:([!-9;-~]+):[ \t]|((?i:{TIGHT_FIELDS})):(?=\S))")
# Fields a message carries and a notice's summary (To/From/Subject/Sent/Date) does not.
_MESSAGE_ONLY = {"received", "message-id", "return-path", "mime-version", "dkim-signature", "x-mailer",
                 "content-type", "references", "in-reply-to", "x-originating-ip"}
MIN_FIELDS = 3  # a quoted header block has at least this many fields
_SEPARATOR = re.compile(r"^\s*(?:[-=_*~]{3}.*)?$")  # a blank line or a ruler before the block
_BLOCK_SCAN = 400  # lines of a notice searched for a header block


@per_message
def split_inline(text: str, markers: re.Pattern | None = None) -> tuple[str, str | None]:
    """(notice, copy of the original): at a marker line, else at an announcing sentence, else at the
    first quoted header block; (text, None) when the text quotes no original.

    Answered once per message (``per_message``): the bounce formats, kinds, originals and the
    software fingerprint each split the same notice text."""
    notice, copy = split_original(text, markers)
    if copy is not None:
        return notice, copy
    match = _FOLLOWS.search(text) if _may_announce(text) else None
    if match and header_block_at(text[match.end():].lstrip("\n").split("\n"), 0):
        return text[:match.start()], text[match.end():].lstrip("\n")
    lines = text.split("\n")
    for index in range(min(len(lines), _BLOCK_SCAN)):
        if (index == 0 or _SEPARATOR.match(lines[index - 1])) and header_block_at(lines, index):
            return "\n".join(lines[:index]), "\n".join(lines[index:])
    return text, None


def _may_announce(text: str) -> bool:
    """Whether _FOLLOWS can match at all: every match holds "follows" or "below" in some case. Checked
    in the lower-cased text when it is ASCII (where that is exact); the pattern, with its bounded lazy
    runs at every line start, is the slow part of splitting a notice."""
    if not text.isascii():
        return True
    folded = text.lower()
    return "follows" in folded or "below" in folded


def header_block_at(lines: list[str], start: int) -> bool:
    """Whether a message's header block begins at lines[start]: MIN_FIELDS fields or more, one after
    another (folded lines allowed), one of them a field only a message has."""
    names: list[str] = []
    for line in lines[start:start + 200]:
        field = _FIELD.match(line)
        if field:
            names.append((field.group(1) or field.group(2)).lower())
        elif not (names and line[:1] in (" ", "\t") and line.strip()):
            break
    return len(names) >= MIN_FIELDS and bool(_MESSAGE_ONLY.intersection(names))


# A short span in double or typographic quotes on one line: what a notice quotes of the message
# it answers ('Your mail concerning "Your mailbox is over quota" will be read when I'm back').
_QUOTED_SPAN = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”|„[^“”\n]{1,200}[“”]|«[^»\n]{1,200}»')


def unquoted(text: str) -> str:
    """``text`` less its short quoted spans: the notice's own words, not the subject it quotes."""
    return _QUOTED_SPAN.sub(" ", text) if '"' in text or "“" in text or "«" in text or "„" in text else text
