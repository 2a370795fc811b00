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

FORMAT = "mbox"
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
SUFFIXES = {".mbox", ".mbx", ".mbs", ".mails"}
_POSTMARK = re.compile(rb"^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}")
_LOOSE_POSTMARK = re.compile(rb"^From .*\d{1,2}:\d{2}.*\b\d{4}\b")
_QUOTED_FROM = re.compile(rb"^>+From ")
_BOUNDARY = re.compile(rb"\n\r?\nFrom ")
_BLOCK = 1 << 20


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
    return bool(_POSTMARK.match(line) or (prev_blank and _LOOSE_POSTMARK.match(line)))


def _cr_only(path: Path) -> bool:
    with open_binary(path) as handle:
        head = handle.read(65536)
    return b"\r" in head and b"\n" not in head


def _cr_lines(handle: BinaryIO) -> Iterator[bytes]:
    carry = b""
    while block := handle.read(_BLOCK):
        lines = (carry + block.replace(b"\r", b"\n")).split(b"\n")
        carry = lines.pop()
        for line in lines:
            yield line + b"\n"
    if carry:
        yield carry


def chunk_ranges(path: Path, chunk_bytes: int) -> list[tuple[int, int | None]]:
    """Byte ranges that start on a message boundary, for parallel reading.

    Compressed and CR-only files cannot be cut cheaply and stay whole.
    """
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


def _finish(lines: list[bytes], truncated: bool) -> tuple[bytes, list[str]]:
    if lines and lines[-1].strip(b"\r\n") == b"":
        lines.pop()  # the blank line that separates messages
    defects = ["TruncatedMessage"] if truncated else []
    return b"".join(lines), defects


def read(path: Path, start: int = 0, end: int | None = None) -> Iterator[tuple[str, bytes, list[str]]]:
    """Yield (location, raw bytes, reader defects) for the messages starting in [start, end)."""
    cr_only = _cr_only(path)
    with open_binary(path) as handle:
        if start:
            handle.seek(start)  # gzip/bz2/lzma streams seek by reading forward
        lines_iter = _cr_lines(handle) if cr_only else iter(handle)
        offset = start
        msg_start: int | None = None
        lines: list[bytes] = []
        preamble = False
        prev_blank = True
        last = b"\n"
        for line in lines_iter:
            if end is not None and offset >= end:
                break
            here = offset
            offset += len(line)
            last = line
            if _is_separator(line, prev_blank):
                if msg_start is not None:
                    data, defects = _finish(lines, False)
                    yield f"offset:{msg_start}", data, defects + (["DataBeforeFirstFromLine"] if preamble else [])
                msg_start, lines, preamble, prev_blank = here, [], False, False
                continue
            if msg_start is None:
                if not line.strip():
                    continue
                msg_start, preamble = here, True
            if line.startswith(b">") and _QUOTED_FROM.match(line):
                line = line[1:]
            lines.append(line)
            prev_blank = line.strip(b"\r\n") == b""
        if msg_start is not None:
            truncated = not last.endswith((b"\n", b"\r"))
            data, defects = _finish(lines, truncated)
            yield f"offset:{msg_start}", data, defects + (["DataBeforeFirstFromLine"] if preamble else [])
