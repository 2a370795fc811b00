"""mbox files (mboxo and mboxrd), plain or compressed (.gz, .bz2, .xz).

Read as a stream of lines, never whole. A message starts at a ``From `` line
that opens the file or follows a blank line and carries a time and a year, as
every mbox writer puts there (mutt checks the same), or at any line shaped like
a full postmark (``From sender Mon Jan  1 00:00:00 2024``) even without the
blank line. An unquoted ``From the team...`` in a body does not split. Quoted body lines
(``>From``, ``>>From`` ...) lose one ``>``, as mboxrd prescribes; for mboxo
this is also right for the only quoting it does. LF, CRLF and CR-only line
endings are accepted; a CR-only file is read as if its CRs were LFs.
"""
from __future__ import annotations

import bz2
import gzip
import lzma
import re
from pathlib import Path
from typing import BinaryIO, Iterator

from .raw import RawMessage
from .stream import READ_ERRORS, MessageBuffer, StreamStop, blocks, segments

FORMAT = "mbox"
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
SUFFIXES = {".mbox", ".mbx", ".mbs", ".mails"}
_POSTMARK = re.compile(rb"^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}")
# A loose postmark: a clock time, then a four-digit year later on the line. Two linear searches, not
# one ``.*clock.*year`` pattern, which backtracks quadratically on a long line full of "1:11".
_CLOCK = re.compile(rb"\d{1,2}:\d{2}")
_YEAR = re.compile(rb"\b\d{4}\b")
POSTMARK_MAX_BYTES = 998  # RFC 5322's line limit: a longer "From " line is body text, not a postmark
_QUOTED_FROM = re.compile(rb"^>+From ")
_BOUNDARY = re.compile(rb"\n\r?\nFrom ")


def is_compressed(path: Path) -> bool:
    return path.suffix.lower() in OPENERS


def open_binary(path: Path) -> BinaryIO:
    opener = OPENERS.get(path.suffix.lower(), open)
    return opener(path, "rb")


def matches(path: Path) -> bool:
    """An mbox by name, an empty file, or a file whose first line is a postmark."""
    if path.suffix.lower() in SUFFIXES or is_compressed(path):
        return True
    with open(path, "rb") as handle:
        head = handle.read(5)
    return head in (b"", b"From ")


def _is_separator(line: bytes, prev_blank: bool) -> bool:
    if not line.startswith(b"From "):
        return False
    return bool(_POSTMARK.match(line) or (prev_blank and _loose_postmark(line)))


def _loose_postmark(line: bytes) -> bool:
    if len(line) > POSTMARK_MAX_BYTES:
        return False
    clock = _CLOCK.search(line, 5)
    return clock is not None and _YEAR.search(line, clock.end()) is not None


def _cr_only(path: Path) -> bool:
    try:
        with open_binary(path) as handle:
            head = handle.read(65536)
    except READ_ERRORS:  # damage is reported by read(), which meets it again
        return False
    return b"\r" in head and b"\n" not in head


def chunk_ranges(path: Path, chunk_bytes: int) -> list[tuple[int, int | None]]:
    """Byte ranges that start on a message boundary, for parallel reading.

    Compressed and CR-only files cannot be cut cheaply and stay whole.
    """
    try:
        return _chunk_ranges(path, chunk_bytes)
    except OSError:  # unreadable: read() meets the error again and reports it
        return [(0, None)]


def _chunk_ranges(path: Path, chunk_bytes: int) -> list[tuple[int, int | None]]:
    size = path.stat().st_size
    if is_compressed(path) or size <= chunk_bytes or _cr_only(path):
        return [(0, None)]
    starts = [0]
    with open(path, "rb") as handle:
        for guess in range(chunk_bytes, size, chunk_bytes):
            if guess <= starts[-1]:
                continue
            handle.seek(guess)
            window = handle.read(chunk_bytes)
            for match in _BOUNDARY.finditer(window):
                line_start = match.end() - len(b"From ")
                if _is_separator(window[line_start:window.find(b"\n", line_start)], True):
                    starts.append(guess + line_start)
                    break
    ends: list[int | None] = [*starts[1:], None]
    return list(zip(starts, ends))


def _message(location: str, buffer: MessageBuffer, preamble: bool) -> RawMessage:
    buffer.drop_trailing_blank()
    defects = buffer.defects + (["DataBeforeFirstFromLine"] if preamble else [])
    return RawMessage(location, buffer.data(), defects, size=buffer.size)


def _first_line(segment: bytes) -> bytes:
    newline = segment.find(b"\n")
    return segment if newline < 0 else segment[:newline + 1]


def read(path: Path, start: int = 0, end: int | None = None,
         warnings: list[str] | None = None) -> Iterator[RawMessage]:
    """The messages starting in [start, end), each once, within the limits of ``stream``.

    Damage to the file (a truncated or corrupt compressed stream, an I/O error) or a
    decompression limit ends the reading with a warning appended to ``warnings``; the
    message being read then is kept, cut short, with a defect saying why.
    """
    stop = StreamStop()
    compressed_size = path.stat().st_size if is_compressed(path) else None
    cr_only = _cr_only(path)
    with open_binary(path) as handle:
        if start:
            handle.seek(start)  # gzip/bz2/lzma streams seek by reading forward
        offset = start
        msg_start: int | None = None
        buffer = MessageBuffer()
        preamble = False
        prev_blank = True
        last = b"\n"
        for segment, at_line_start in segments(blocks(handle, str(path), stop, compressed_size, start), cr_only):
            if end is not None and offset >= end:
                break
            here = offset
            offset += len(segment)
            last = segment
            if at_line_start and segment.startswith(b"From "):
                line = _first_line(segment)
                if _is_separator(line, prev_blank):
                    if msg_start is not None:
                        yield _message(f"offset:{msg_start}", buffer, preamble)
                    msg_start, buffer, preamble = here, MessageBuffer(), False
                    segment = segment[len(line):]
            elif at_line_start and segment.startswith(b">") and _QUOTED_FROM.match(segment):
                segment = segment[1:]
            if msg_start is None:
                content = segment.lstrip()
                if not content:
                    continue
                skip = segment.rfind(b"\n", 0, len(segment) - len(content)) + 1
                msg_start, preamble, segment = here + skip, True, segment[skip:]
            buffer.add(segment, at_line_start)
            prev_blank = buffer.ends_with_blank_line()
        if msg_start is not None:
            if not last.endswith((b"\n", b"\r")) or stop.reason:
                buffer.defects.append("TruncatedMessage")
            if stop.defect:
                buffer.defects.append(stop.defect)
            yield _message(f"offset:{msg_start}", buffer, preamble)
    if stop.reason and warnings is not None:
        kept = (f"the message at offset:{msg_start} is kept cut short" if msg_start is not None
                else "no message had started")
        warnings.append(f"{stop.reason}; messages before it are kept, {kept}")
